import * as React from "react"
import { Slot } from "radix-ui"

// Styles: app/globals.css, [data-badge="variant"] (one rule each, not a class string per badge; one attribute, as a
// table shows one per row).
type BadgeVariant = "default" | "secondary" | "destructive" | "outline" | "ghost" | "link" | "success" | "warning" | "muted"

function Badge({
  className,
  variant = "default",
  asChild = false,
  ...props
}: React.ComponentProps<"span"> & { variant?: BadgeVariant | null; asChild?: boolean }) {
  const Comp = asChild ? Slot.Root : "span"

  return (
    <Comp
      data-badge={variant ?? "default"}
      className={className}
      {...props}
    />
  )
}

export { Badge, type BadgeVariant }
