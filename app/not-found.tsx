import { NotFoundView } from "@/components/status-pages";

export default function NotFound() {
  return <NotFoundView />;
}
