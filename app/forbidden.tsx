import { ForbiddenView } from "@/components/status-pages";

export default function Forbidden() {
  return <ForbiddenView />;
}
