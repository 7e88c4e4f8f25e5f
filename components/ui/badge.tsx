import * as React from "react"
import { Slot } from "radix-ui"

// Styles: app/globals.css, [data-slot="badge"][data-variant] (one rule each, not a class string per badge).
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
      data-slot="badge"
      data-variant={variant ?? "default"}
      className={className}
      {...props}
    />
  )
}

export { Badge, type BadgeVariant }
