import * as React from "react"
import { Slot } from "radix-ui"

import { cn } from "@/lib/utils"

// Styles: app/globals.css, .btn[data-variant][data-size] (one rule each, not a class string per button; no data-slot:
// .btn names it).
type ButtonVariant = "default" | "destructive" | "outline" | "secondary" | "ghost" | "link"
type ButtonSize = "default" | "xs" | "sm" | "lg" | "icon" | "icon-xs" | "icon-sm" | "icon-lg"

function Button({
  className,
  variant = "default",
  size = "default",
  asChild = false,
  ...props
}: React.ComponentProps<"button"> & { variant?: ButtonVariant | null; size?: ButtonSize | null; asChild?: boolean }) {
  const Comp = asChild ? Slot.Root : "button"

  return (
    <Comp
      data-variant={variant ?? "default"}
      data-size={size ?? "default"}
      className={cn("btn", className)}
      {...props}
    />
  )
}

export { Button, type ButtonSize, type ButtonVariant }
