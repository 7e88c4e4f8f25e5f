import * as React from "react"
import { cva, type VariantProps } from "class-variance-authority"
import { Slot } from "radix-ui"

import { cn } from "@/lib/utils"

// Styles: app/globals.css, .btn[data-variant][data-size] (one rule each, not a class string per button).
const buttonVariants = cva("btn", {
  variants: {
    variant: { default: "", destructive: "", outline: "", secondary: "", ghost: "", link: "" },
    size: { "default": "", "xs": "", "sm": "", "lg": "", "icon": "", "icon-xs": "", "icon-sm": "", "icon-lg": "" },
  },
  defaultVariants: { variant: "default", size: "default" },
})

function Button({
  className,
  variant = "default",
  size = "default",
  asChild = false,
  ...props
}: React.ComponentProps<"button"> &
  VariantProps<typeof buttonVariants> & {
    asChild?: boolean
  }) {
  const Comp = asChild ? Slot.Root : "button"

  return (
    <Comp
      data-slot="button"
      data-variant={variant}
      data-size={size}
      className={cn(buttonVariants({ variant, size, className }))}
      {...props}
    />
  )
}

export { Button, buttonVariants }
