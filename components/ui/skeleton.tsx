// Styles: app/globals.css, [data-slot="skeleton"] (a loading page shows a dozen; one rule, not a class string each).
function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="skeleton" className={className} {...props} />
}

export { Skeleton }
