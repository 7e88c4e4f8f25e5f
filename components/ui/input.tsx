import * as React from "react"

// Styles: app/globals.css, [data-slot="input"] (shadcn's classes, one rule instead of a class string per input).
function Input({ className, type, ...props }: React.ComponentProps<"input">) {
  return (
    <input
      type={type}
      data-slot="input"
      className={className}
      {...props}
    />
  )
}

export { Input }
