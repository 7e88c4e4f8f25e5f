import { UnauthorizedView } from "@/components/status-pages";

export default function Unauthorized() {
  return <UnauthorizedView />;
}
