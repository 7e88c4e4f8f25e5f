import * as React from "react"
import { cva, type VariantProps } from "class-variance-authority"
import { Slot } from "radix-ui"

import { cn } from "@/lib/utils"

// Styles: app/globals.css, [data-slot="badge"][data-variant] (one rule each, not a class string per badge).
const badgeVariants = cva("", {
  variants: {
    variant: { default: "", secondary: "", destructive: "", outline: "", ghost: "", link: "", success: "", warning: "", muted: "" },
  },
  defaultVariants: { variant: "default" },
})

function Badge({
  className,
  variant = "default",
  asChild = false,
  ...props
}: React.ComponentProps<"span"> &
  VariantProps<typeof badgeVariants> & { asChild?: boolean }) {
  const Comp = asChild ? Slot.Root : "span"

  return (
    <Comp
      data-slot="badge"
      data-variant={variant}
      className={cn(badgeVariants({ variant }), className)}
      {...props}
    />
  )
}

export { Badge, badgeVariants }
