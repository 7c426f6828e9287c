/**
 * Account recovery by a steward's one-time link: shown once, kept only as a hash, written
 * in the body's record; using it sets the password and ends every other session. A
 * steward's account needs a second steward.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { passwordResets, recordEntries, sessions } from "../../db/schema";
import * as members from "~/routes/a.$slug.members";
import * as reset from "~/routes/reset.$token";
import * as login from "~/routes/login";
import { addMember } from "~/models/membership.server";
import { RESET_TTL_MS } from "~/models/recovery.server";
import { sha256 } from "~/lib/ids.server";
import { getUser, startSession } from "~/web/session.server";
import { call, makeRequest, person } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";

const tokenOf = (link: string) => link.split("/reset/")[1];
const newPw = { password: "a brand new passphrase", confirm: "a brand new passphrase" };

describe("a steward's reset link", () => {
  it("is shown once, hashed at rest, recorded, and sets a new password ending other sessions", async () => {
    const a = await assemblyWith({ members: 0, prefix: "rc" });
    const { user, cookie } = await person("forgetful1");
    addMember(a.assembly.id, user.id, "member");
    const phone = (await startSession(makeRequest("/"), user.id)).split(";")[0];
    const r = await call(members.action, `/a/${a.slug}/members`, { cookie: a.founder.cookie, params: { slug: a.slug }, form: { intent: "reset", userId: user.id } });
    expect(r.status).toBe(200);
    expect(r.data.done).toBe("resetLink");
    const token = tokenOf(r.data.link);
    // Only the hash is stored.
    const row = db.select().from(passwordResets).where(eq(passwordResets.userId, user.id)).get()!;
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt - row.createdAt).toBe(RESET_TTL_MS);
    // In the body's record.
    const rec = db.select().from(recordEntries).where(eq(recordEntries.assemblyId, a.assembly.id)).all();
    expect(rec.some((e) => e.summary === "record.steward.resetIssued" && e.subjectId === user.id)).toBe(true);
    // The page says whose it is; using it logs in and ends the other sessions.
    const page = await call(reset.loader, `/reset/${token}`, { params: { token } });
    expect(page.data.who.username).toBe("forgetful1");
    const used = await call(reset.action, `/reset/${token}`, { params: { token }, form: newPw });
    expect(used.status).toBe(302);
    expect(await getUser(makeRequest("/", { cookie }))).toBeNull();
    expect(await getUser(makeRequest("/", { cookie: phone }))).toBeNull();
    expect(await getUser(makeRequest("/", { cookie: used.headers.get("set-cookie")!.split(";")[0] }))).not.toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(1);
    expect((await call(login.action, "/login", { form: { username: "forgetful1", password: newPw.password } })).status).toBe(302);
    // One use only.
    const again = await call(reset.action, `/reset/${token}`, { params: { token }, form: newPw });
    expect(again.status).toBe(404);
    expect((await call(reset.loader, `/reset/${token}`, { params: { token } })).data.who).toBeNull();
  });

  it("expires, and a newer link replaces an older one", async () => {
    const a = await assemblyWith({ members: 1, prefix: "rd" });
    const target = a.members[0];
    const issue = async () => tokenOf((await call(members.action, `/a/${a.slug}/members`, { cookie: a.founder.cookie, params: { slug: a.slug }, form: { intent: "reset", userId: target.id } })).data.link);
    const first = await issue();
    const second = await issue();
    expect((await call(reset.action, `/reset/${first}`, { params: { token: first }, form: newPw })).status).toBe(404);
    db.update(passwordResets).set({ expiresAt: Date.now() - 1 }).where(eq(passwordResets.tokenHash, sha256(second))).run();
    expect((await call(reset.action, `/reset/${second}`, { params: { token: second }, form: newPw })).status).toBe(404);
  });

  it("only a steward issues one, only for a member of the body", async () => {
    const a = await assemblyWith({ members: 2, prefix: "re" });
    const other = await assemblyWith({ members: 1, prefix: "rf" });
    const asMember = await call(members.action, `/a/${a.slug}/members`, { cookie: a.members[0].cookie, params: { slug: a.slug }, form: { intent: "reset", userId: a.members[1].id } });
    expect(asMember.status).toBe(403);
    const outsider = await call(members.action, `/a/${a.slug}/members`, { cookie: a.founder.cookie, params: { slug: a.slug }, form: { intent: "reset", userId: other.members[0].id } });
    expect(outsider.status).toBe(404);
    expect(db.select().from(passwordResets).where(eq(passwordResets.userId, other.members[0].id)).all()).toEqual([]);
  });

  it("another steward's account needs a second steward", async () => {
    const a = await assemblyWith({ members: 0, prefix: "rg" });
    const s2 = await person("steward-two");
    const s3 = await person("steward-three");
    addMember(a.assembly.id, s2.user.id, "steward");
    addMember(a.assembly.id, s3.user.id, "steward");
    const ask = (cookie: string) => call(members.action, `/a/${a.slug}/members`, { cookie, params: { slug: a.slug }, form: { intent: "reset", userId: s3.user.id } });
    const first = await ask(a.founder.cookie);
    expect(first.data.done).toBe("resetPending");
    expect(first.data.link).toBeUndefined();
    // The same steward asking again gets no link either.
    expect((await ask(a.founder.cookie)).data.done).toBe("resetPending");
    const second = await ask(s2.cookie);
    expect(second.data.done).toBe("resetLink");
    const token = tokenOf(second.data.link);
    expect((await call(reset.action, `/reset/${token}`, { params: { token }, form: newPw })).status).toBe(302);
    const rec = db.select().from(recordEntries).where(eq(recordEntries.assemblyId, a.assembly.id)).all().map((e) => e.summary);
    expect(rec).toContain("record.steward.resetRequested");
    expect(rec).toContain("record.steward.resetApproved");
  });
});
