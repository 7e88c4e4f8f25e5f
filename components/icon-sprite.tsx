"use client";
import type { LucideIcon } from "lucide-react";
import { useId, useMemo } from "react";

/**
 * Icons repeated on every row of a table, drawn once. Render `defs` once anywhere in the component; `icon(name)`
 * is then a two-element reference to it: about 70 bytes of HTML and two elements per row instead of a full inline
 * SVG of 300 to 1,000 bytes and up to a dozen elements (bench/README.md, scenario 8). For an icon shown once, use
 * the lucide component itself.
 */
export function useIconSprite<K extends string>(icons: Record<K, LucideIcon>) {
  // useId's characters are not all safe in a URL fragment; the letters and digits are what make it unique.
  const prefix = `icon${useId().replace(/[^a-zA-Z0-9]/g, "")}-`;
  const defs = (
    <svg aria-hidden="true" className="hidden">
      {(Object.entries(icons) as [K, LucideIcon][]).map(([name, Icon]) => (
        <symbol key={name} id={prefix + name} viewBox="0 0 24 24">
          <Icon />
        </symbol>
      ))}
    </svg>
  );
  const icon = useMemo(
    () =>
      function icon(name: K, className?: string) {
        return (
          <svg aria-hidden="true" className={className}>
            <use href={`#${prefix}${name}`} />
          </svg>
        );
      },
    [prefix],
  );
  return { defs, icon };
}
