"use client";
import type { IconNode } from "lucide";
import { useId, useMemo } from "react";
import { GlyphPaths } from "@/components/ui/glyph";
import { cn } from "@/lib/utils";

/**
 * Icons repeated on every row of a table, drawn once. Render `defs` once anywhere in the component; `icon(name)`
 * is then a two-element reference to it: about 70 bytes of HTML and two elements per row instead of a full inline
 * SVG of 300 to 1,000 bytes and up to a dozen elements (bench/README.md, scenario 8). The icons are `lucide`'s
 * data, as for `Glyph` (components/ui/glyph.tsx), which draws an icon shown once.
 */
export function useIconSprite<K extends string>(icons: Record<K, IconNode>) {
  // useId's characters are not all safe in a URL fragment; the letters and digits are what make it unique.
  const prefix = `icon${useId().replace(/[^a-zA-Z0-9]/g, "")}-`;
  const defs = (
    <svg aria-hidden="true" className="hidden">
      {(Object.entries(icons) as [K, IconNode][]).map(([name, icon]) => (
        <symbol key={name} id={prefix + name} viewBox="0 0 24 24">
          <GlyphPaths icon={icon} />
        </symbol>
      ))}
    </svg>
  );
  const icon = useMemo(
    () =>
      function icon(name: K, className?: string) {
        // `.glyph` gives the stroke, which the symbol's shapes inherit through <use>.
        return (
          <svg aria-hidden="true" className={cn("glyph", className)}>
            <use href={`#${prefix}${name}`} />
          </svg>
        );
      },
    [prefix],
  );
  return { defs, icon };
}
