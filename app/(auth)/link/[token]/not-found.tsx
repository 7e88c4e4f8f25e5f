import { LinkRefused } from "./link-refused";

/** A link address that names no link (mistyped, cut short, made up): 404, with the same explanation. */
export default function LinkNotFound() {
  return <LinkRefused message="This link is not valid. Check that you copied the whole address." />;
}
