import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS, serverNodeOptions } from "./node-options";

describe("the server's Node flags", () => {
  it("adds ours to whatever NODE_OPTIONS holds", () => {
    expect(serverNodeOptions()).toBe(SERVER_NODE_FLAGS.join(" "));
    expect(serverNodeOptions("  ")).toBe(SERVER_NODE_FLAGS.join(" "));
    expect(serverNodeOptions("--max-old-space-size=512")).toBe(`--max-old-space-size=512 ${SERVER_NODE_FLAGS.join(" ")}`);
  });

  it("leaves a flag the operator set to the operator's value", () => {
    expect(serverNodeOptions("--max-semi-space-size=8 --inspect")).toBe("--max-semi-space-size=8 --inspect");
    expect(serverNodeOptions("--inspect --max-semi-space-size=64")).not.toContain("=32");
    expect(serverNodeOptions("--max-semi-space-size 8")).toBe("--max-semi-space-size 8");
    expect(serverNodeOptions("--max_semi_space_size=8")).toBe("--max_semi_space_size=8");
  });
});
