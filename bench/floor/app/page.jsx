import { headers } from "next/headers";

// Dynamic (reads a request header) and renders two elements: what every console page costs at least.
export default async function Page() {
  const agent = (await headers()).get("user-agent") ?? "";
  return (
    <main>
      <h1>Floor</h1>
      <p>{agent.length}</p>
    </main>
  );
}
