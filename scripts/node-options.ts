/**
 * Node's flags for the console's server process in production (`npm start`; the benchmarks start the floor and
 * the soak's server with them too, so they measure what runs).
 *
 * A larger young generation: a page request allocates a few megabytes (React's render, the RSC payload, the
 * HTML), and V8's default semi-space (16 MB on 64-bit) is scavenged every few requests. At 32 MB a page costs
 * 8–10 % less CPU (bench/README.md, scenario 8, session 14: /invitations 8.8 → 8.0 ms, a campaign 11.2 → 10.2 ms
 * per request), for at most 48 MB more memory. 64 and 128 MB measured the same as 32.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=32"];

/** `current` NODE_OPTIONS with each of our flags the operator has not set already. */
export function serverNodeOptions(current = "") {
  // Named in any of the forms V8 takes: --max-semi-space-size=8, --max-semi-space-size 8, --max_semi_space_size=8.
  const given = new Set(current.replace(/_/g, "-").split(/[\s=]+/));
  const missing = SERVER_NODE_FLAGS.filter((f) => !given.has(f.split("=")[0]));
  return [current.trim(), ...missing].filter(Boolean).join(" ");
}
