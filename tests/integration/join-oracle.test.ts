/**
 * An invitation link that does not work answers the same whatever username is typed (the
 * link is checked before the account), and only dead links count toward the address's
 * limit: a room of fifty joins with one real link from one Wi-Fi address.
 */
import { describe, expect, it } from "vitest";
import * as join from "~/routes/join.$token";
import { createInvitation } from "~/models/invitation.server";
import { assemblyWith } from "../helpers/decisions";
import { call, person } from "../helpers/remix";
import { getUserByUsername } from "~/models/user.server";

const signupForm = (username: string) => ({ username, displayName: username, password: "long enough pw", confirm: "long enough pw" });

describe("joining by invitation link", () => {
  it("answers a dead link alike for a taken and a free username, and creates no account", async () => {
    await person("taken-name");
    const taken = await call(join.action, "/join/nope", { form: signupForm("taken-name"), params: { token: "nope" }, headers: { "x-plenary-client": "192.0.2.30" } });
    const free = await call(join.action, "/join/nope", { form: signupForm("free-name-1"), params: { token: "nope" }, headers: { "x-plenary-client": "192.0.2.30" } });
    expect(taken.status).toBe(410);
    expect(free.status).toBe(410);
    expect(taken.data.errors).toEqual(free.data.errors);
    expect(getUserByUsername("free-name-1")).toBeUndefined();
  });

  it("lets fifty people join with one link from one address, and slows someone trying links", async () => {
    const a = await assemblyWith({ members: 0, prefix: "jo" });
    const { token } = createInvitation({ assemblyId: a.assembly.id, role: "member", maxUses: 60, expiresInDays: 7, label: "", createdBy: a.founder.id });
    for (let i = 0; i < 50; i++) {
      const page = await call(join.loader, `/join/${token}`, { params: { token }, headers: { "x-plenary-client": "198.51.100.9" } });
      expect(page.status, `page ${i}`).toBe(200);
      const r = await call(join.action, `/join/${token}`, { form: signupForm(`joiner${i}`), params: { token }, headers: { "x-plenary-client": "198.51.100.9" } });
      expect(r.status, `joiner ${i}`).toBe(302);
    }
    let last;
    for (let i = 0; i < 31; i++) last = await call(join.loader, `/join/guess${i}`, { params: { token: `guess${i}` }, headers: { "x-plenary-client": "198.51.100.77" } });
    expect(last!.status).toBe(429);
  }, 180_000); // fifty scrypt hashes on a busy machine
});
