// Bench helper (run with `node --experimental-websocket`): connects to a Node.js inspector on 127.0.0.1:<port>,
// forces two full garbage collections and prints the live heap as JSON: { usedSize, totalSize } in bytes.
const port = process.argv[2];
const [target] = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const ws = new WebSocket(target.webSocketDebuggerUrl);
const pending = new Map();
let id = 0;
const chunks = [];
ws.onmessage = (event) => {
  const message = JSON.parse(event.data);
  if (message.method === "HeapProfiler.addHeapSnapshotChunk") chunks.push(message.params.chunk);
  pending.get(message.id)?.(message.result);
};
await new Promise((resolve, reject) => {
  ws.onopen = resolve;
  ws.onerror = reject;
});
const call = (method, params = {}) =>
  new Promise((resolve) => {
    pending.set(++id, resolve);
    ws.send(JSON.stringify({ id, method, params }));
  });
await call("HeapProfiler.enable");
await call("HeapProfiler.collectGarbage");
await call("HeapProfiler.collectGarbage");
console.log(JSON.stringify(await call("Runtime.getHeapUsage")));
if (process.argv[3]) {
  await call("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  (await import("node:fs")).writeFileSync(process.argv[3], chunks.join(""));
}
ws.close();
process.exit(0);
