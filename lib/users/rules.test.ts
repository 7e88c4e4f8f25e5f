import { describe, expect, it } from "vitest";
import { userChangeRefusal, type UserChange } from "./rules";

const admin = { userId: "a1", role: "admin" };
const support = { userId: "s1", role: "support" };
const CHANGES: UserChange[] = ["ban", "unban", "set-role", "revoke-sessions", "remove"];

describe("the rule for changing another person's account", () => {
  it("only an admin touches platform staff; support may change plain users", () => {
    for (const change of CHANGES) {
      expect(userChangeRefusal(support, { id: "x", role: "admin" }, change, { admins: 5, newRole: "user" })).toBe("staff_target");
      expect(userChangeRefusal(support, { id: "x", role: "support" }, change, { admins: 5, newRole: "user" })).toBe("staff_target");
      expect(userChangeRefusal(support, { id: "x", role: "user" }, change, { admins: 5, newRole: "user" })).toBeNull();
      expect(userChangeRefusal(admin, { id: "x", role: "support" }, change, { admins: 5, newRole: "user" })).toBeNull();
    }
  });

  it("nobody bans, removes or demotes themselves (signing out or keeping admin is fine)", () => {
    const self = { id: "a1", role: "admin" };
    expect(userChangeRefusal(admin, self, "ban", { admins: 5 })).toBe("self");
    expect(userChangeRefusal(admin, self, "remove", { admins: 5 })).toBe("self");
    expect(userChangeRefusal(admin, self, "set-role", { admins: 5, newRole: "support" })).toBe("self");
    expect(userChangeRefusal(admin, self, "set-role", { admins: 5, newRole: "admin" })).toBeNull();
    expect(userChangeRefusal(admin, self, "revoke-sessions", { admins: 5 })).toBeNull();
  });

  it("the last admin is never banned, removed or demoted", () => {
    const other = { id: "a2", role: "admin" };
    expect(userChangeRefusal(admin, other, "ban", { admins: 1 })).toBe("last_admin");
    expect(userChangeRefusal(admin, other, "remove", { admins: 1 })).toBe("last_admin");
    expect(userChangeRefusal(admin, other, "set-role", { admins: 1, newRole: "user" })).toBe("last_admin");
    expect(userChangeRefusal(admin, other, "ban", { admins: 2 })).toBeNull();
    expect(userChangeRefusal(admin, other, "unban", { admins: 1 })).toBeNull();
    // Several roles in one column, as better-auth stores them.
    expect(userChangeRefusal(admin, { id: "a3", role: "support,admin" }, "set-role", { admins: 1, newRole: "support" })).toBe("last_admin");
  });
});
