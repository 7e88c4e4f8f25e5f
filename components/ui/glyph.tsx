import type { IconNode } from "lucide";
import { createElement } from "react";
import { cn } from "@/lib/utils";

/**
 * An icon in every page's HTML (the sidebar, a table's toolbar, pager and row sprites): lucide's drawing (the
 * `lucide` package's data) in an `<svg>` with one class. `.glyph` (app/globals.css) sets the stroke, fill and
 * default size that each lucide-react component writes as ten attributes on every icon (~190 bytes apiece).
 * Icons inside dialogs and menus, rendered only when opened, stay lucide-react components.
 */
export function Glyph({ icon, className }: { icon: IconNode; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={cn("glyph", className)} aria-hidden="true">
      <GlyphPaths icon={icon} />
    </svg>
  );
}

/** The shapes of an icon without their `<svg>` (a sprite's `<symbol>` holds these). */
export function GlyphPaths({ icon }: { icon: IconNode }) {
  return icon.map(([tag, attrs], i) =>
    createElement(tag, { key: i, ...Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v])) }),
  );
}
