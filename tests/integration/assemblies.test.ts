import { describe, expect, it } from "vitest";
import * as found from "~/routes/assemblies.new";
import * as layout from "~/routes/a.$slug";
import * as overview from "~/routes/a.$slug._index";
import * as members from "~/routes/a.$slug.members";
import * as invitations from "~/routes/a.$slug.invitations";
import * as charterRoute from "~/routes/a.$slug.charter";
import * as join from "~/routes/join.$token";
import * as home from "~/routes/_index";
import * as healthz from "~/routes/healthz";
import { acceptInvitation, createInvitation } from "~/models/invitation.server";
import { getAssemblyBySlug, currentCharter } from "~/models/assembly.server";
import { verifyRecord } from "~/models/record.server";
import { call, person } from "../helpers/remix";
import { flattenCharter, defaultCharter } from "~/lib/charter";

async function founded(slug: string) {
  const founder = await person(`${slug}-founder`, "Founder");
  const r = await call(found.action, "/assemblies/new", {
    cookie: founder.cookie,
    form: { name: `Assembly ${slug}`, kind: "tenant_union", slug, description: "", preset: "modified_consensus" },
  });
  expect(r.status).toBe(302);
  expect(r.location).toBe(`/a/${slug}/charter?founded=1`);
  return { founder, assembly: getAssemblyBySlug(slug)! };
}

async function joined(slug: string, username: string, role: "member" | "observer" | "facilitator" | "steward" = "member") {
  const a = getAssemblyBySlug(slug)!;
  const p = await person(username);
  const { token } = createInvitation({ assemblyId: a.id, role, label: "", expiresInDays: 7, maxUses: 1, createdBy: p.user.id });
  expect(acceptInvitation(token, p.user.id).ok).toBe(true);
  return p;
}

describe("founding an assembly", () => {
  it("makes the founder steward and facilitator, with charter version 1 from the preset", async () => {
    const { founder, assembly } = await founded("oak");
    const m = await call(members.loader, "/a/oak/members", { cookie: founder.cookie, params: { slug: "oak" } });
    expect(m.data.members).toEqual([expect.objectContaining({ displayName: "Founder", role: "member", steward: true, facilitator: true })]);
    const { version, charter } = currentCharter(assembly.id);
    expect(version).toBe(1);
    expect(charter.defaultMethod).toBe("modified_consensus");
    expect(charter.fallback).toEqual({ threshold: "3/4", base: "cast" });
    const h = await call(home.loader, "/", { cookie: founder.cookie });
    expect(h.data.assemblies.map((a: { slug: string }) => a.slug)).toEqual(["oak"]);
    expect(verifyRecord(assembly.id).broken).toBeNull();
  });

  it("refuses a taken short name and bad input, keeping what was typed", async () => {
    await founded("pine");
    const other = await person("pine-other");
    const r = await call(found.action, "/assemblies/new", { cookie: other.cookie, form: { name: "Another", kind: "commune", slug: "pine", preset: "two_thirds" } });
    expect(r.status).toBe(400);
    expect(r.data.errors.slug).toBe("errors.slug.taken");
    expect(r.data.values.name).toBe("Another");
    const bad = await call(found.action, "/assemblies/new", { cookie: other.cookie, form: { name: "A", kind: "castle", slug: "Bad Slug!", preset: "x" } });
    expect(bad.data.errors).toMatchObject({ name: "errors.name.short", kind: "errors.choice", slug: "errors.slug.chars", preset: "errors.choice" });
  });

  it("suggests a short name from the name when none is given", async () => {
    const p = await person("suggest1");
    const r = await call(found.action, "/assemblies/new", { cookie: p.cookie, form: { name: "Tenants of Calle Mayor", kind: "tenant_union", slug: "", preset: "simple_majority" } });
    expect(r.location).toBe("/a/tenants-of-calle-mayor/charter?founded=1");
  });

  it("sends someone who is not logged in to the login page", async () => {
    const r = await call(found.loader, "/assemblies/new");
    expect(r.status).toBe(302);
    expect(r.location).toBe("/login?redirectTo=%2Fassemblies%2Fnew");
  });
});

describe("privacy and roles", () => {
  it("answers 404 to a non-member, the same as for a body that does not exist", async () => {
    await founded("birch");
    const outsider = await person("birch-outsider");
    for (const [fn, path] of [
      [layout.loader, "/a/birch"],
      [overview.loader, "/a/birch"],
      [members.loader, "/a/birch/members"],
      [charterRoute.loader, "/a/birch/charter"],
      [invitations.loader, "/a/birch/invitations"],
    ] as const) {
      const r = await call(fn as never, path, { cookie: outsider.cookie, params: { slug: "birch" } });
      expect(r.status).toBe(404);
    }
    const missing = await call(overview.loader, "/a/nope", { cookie: outsider.cookie, params: { slug: "nope" } });
    expect(missing.status).toBe(404);
    const post = await call(members.action, "/a/birch/members", { cookie: outsider.cookie, params: { slug: "birch" }, form: { intent: "leave" } });
    expect(post.status).toBe(404);
  });

  it("lets only stewards invite, change roles and remove members", async () => {
    const { founder } = await founded("cedar");
    const member = await joined("cedar", "cedar-member");
    const other = await joined("cedar", "cedar-other");
    const params = { slug: "cedar" };
    expect((await call(invitations.loader, "/a/cedar/invitations", { cookie: member.cookie, params })).status).toBe(403);
    expect((await call(invitations.action, "/a/cedar/invitations", { cookie: member.cookie, params, form: { role: "member", expiresInDays: "7", maxUses: "5" } })).status).toBe(403);
    expect((await call(members.action, "/a/cedar/members", { cookie: member.cookie, params, form: { intent: "roles", userId: other.user.id, role: "member", steward: "on" } })).status).toBe(403);
    expect((await call(members.action, "/a/cedar/members", { cookie: member.cookie, params, form: { intent: "remove", userId: other.user.id } })).status).toBe(403);

    const promote = await call(members.action, "/a/cedar/members", { cookie: founder.cookie, params, form: { intent: "roles", userId: member.user.id, role: "member", facilitator: "on" } });
    expect(promote.data).toMatchObject({ ok: true });
    const list = await call(members.loader, "/a/cedar/members", { cookie: founder.cookie, params });
    expect(list.data.members.find((m: { userId: string }) => m.userId === member.user.id)).toMatchObject({ facilitator: true, steward: false });

    const removed = await call(members.action, "/a/cedar/members", { cookie: founder.cookie, params, form: { intent: "remove", userId: other.user.id } });
    expect(removed.data).toMatchObject({ ok: true, done: "removed" });
    expect((await call(overview.loader, "/a/cedar", { cookie: other.cookie, params })).status).toBe(404);
  });

  it("keeps the last steward: cannot leave or be demoted; another steward unlocks it", async () => {
    const { founder } = await founded("elm");
    const params = { slug: "elm" };
    const leave = await call(members.action, "/a/elm/members", { cookie: founder.cookie, params, form: { intent: "leave" } });
    expect(leave.status).toBe(409);
    expect(leave.data.errors.form).toBe("errors.members.lastSteward");
    const demote = await call(members.action, "/a/elm/members", { cookie: founder.cookie, params, form: { intent: "roles", userId: founder.user.id, role: "member" } });
    expect(demote.status).toBe(409);
    const helper = await joined("elm", "elm-second", "steward");
    const ok = await call(members.action, "/a/elm/members", { cookie: founder.cookie, params, form: { intent: "leave" } });
    expect(ok.status).toBe(302);
    expect((await call(overview.loader, "/a/elm", { cookie: helper.cookie, params })).status).toBe(200);
  });

  it("lets a member leave", async () => {
    await founded("ash");
    const m = await joined("ash", "ash-member");
    const r = await call(members.action, "/a/ash/members", { cookie: m.cookie, params: { slug: "ash" }, form: { intent: "leave" } });
    expect(r.location).toBe("/?left=1");
    expect((await call(overview.loader, "/a/ash", { cookie: m.cookie, params: { slug: "ash" } })).status).toBe(404);
  });
});

describe("invitations", () => {
  it("creates a link shown once, counts its uses, and refuses it once used up", async () => {
    const { founder } = await founded("maple");
    const params = { slug: "maple" };
    const created = await call(invitations.action, "/a/maple/invitations", { cookie: founder.cookie, params, form: { role: "observer", label: "flyer", expiresInDays: "3", maxUses: "1" } });
    const token = created.data.link.split("/join/")[1];
    expect(token.length).toBeGreaterThan(20);
    const list = await call(invitations.loader, "/a/maple/invitations", { cookie: founder.cookie, params });
    expect(JSON.stringify(list.data)).not.toContain(token);
    expect(list.data.invitations[0]).toMatchObject({ role: "observer", uses: 0, maxUses: 1, state: "valid" });

    const first = await person("maple-first");
    const page = await call(join.loader, `/join/${token}`, { cookie: first.cookie, params: { token } });
    expect(page.data).toMatchObject({ state: "valid", role: "observer", assembly: { name: "Assembly maple" } });
    const joinedR = await call(join.action, `/join/${token}`, { cookie: first.cookie, params: { token }, form: {} });
    expect(joinedR.location).toBe("/a/maple?joined=1");
    const m = await call(members.loader, "/a/maple/members", { cookie: first.cookie, params });
    expect(m.data.members.find((x: { userId: string }) => x.userId === first.user.id).role).toBe("observer");

    const second = await person("maple-second");
    const refused = await call(join.action, `/join/${token}`, { cookie: second.cookie, params: { token }, form: {} });
    expect(refused.status).toBe(410);
    expect(refused.data.errors.form).toBe("join.state.used_up");
    const shown = await call(join.loader, `/join/${token}`, { cookie: second.cookie, params: { token } });
    expect(shown.data).toMatchObject({ state: "used_up", assembly: null });
  });

  it("signs up and joins in one step, and creates no account when the link is dead", async () => {
    const { founder, assembly } = await founded("willow");
    const { token } = createInvitation({ assemblyId: assembly.id, role: "member", label: "", expiresInDays: 1, maxUses: 2, createdBy: founder.user.id });
    const r = await call(join.action, `/join/${token}`, { params: { token }, form: { username: "newbie", displayName: "New Bie", password: "long enough pw", confirm: "long enough pw" } });
    expect(r.status).toBe(302);
    expect(r.location).toBe("/a/willow?joined=1");
    expect(r.headers.get("set-cookie")).toMatch(/plenary_session=/);

    const expired = createInvitation({ assemblyId: assembly.id, role: "member", label: "", expiresInDays: 1, maxUses: 2, createdBy: founder.user.id, now: Date.now() - 2 * 86_400_000 });
    const dead = await call(join.action, `/join/${expired.token}`, { params: { token: expired.token }, form: { username: "toolate", displayName: "Too Late", password: "long enough pw", confirm: "long enough pw" } });
    expect(dead.status).toBe(410);
    expect(dead.data.errors.form).toBe("join.state.expired");
    const retry = await call(join.action, `/join/${token}`, { params: { token }, form: { username: "toolate", displayName: "Too Late", password: "long enough pw", confirm: "long enough pw" } });
    expect(retry.status).toBe(302); // the name was not taken by the failed attempt
  });

  it("says clearly when a link is revoked or unknown", async () => {
    const { founder, assembly } = await founded("poplar");
    const { id, token } = createInvitation({ assemblyId: assembly.id, role: "member", label: "", expiresInDays: 7, maxUses: 10, createdBy: founder.user.id });
    const rv = await call(invitations.action, "/a/poplar/invitations", { cookie: founder.cookie, params: { slug: "poplar" }, form: { intent: "revoke", id } });
    expect(rv.data).toMatchObject({ ok: true, revoked: true });
    const p = await person("poplar-p");
    expect((await call(join.loader, `/join/${token}`, { cookie: p.cookie, params: { token } })).data.state).toBe("revoked");
    expect((await call(join.loader, "/join/garbage", { cookie: p.cookie, params: { token: "garbage" } })).data.state).toBe("unknown");
    const again = await call(invitations.action, "/a/poplar/invitations", { cookie: founder.cookie, params: { slug: "poplar" }, form: { intent: "revoke", id } });
    expect(again.status).toBe(404);
  });

  it("admits exactly one person to a one-use link accepted at the same moment", async () => {
    const { founder, assembly } = await founded("rowan");
    const { token } = createInvitation({ assemblyId: assembly.id, role: "member", label: "", expiresInDays: 7, maxUses: 1, createdBy: founder.user.id });
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => person(`rowan-${i}`)));
    const results = await Promise.all(people.map((p) => call(join.action, `/join/${token}`, { cookie: p.cookie, params: { token }, form: {} })));
    expect(results.filter((r) => r.status === 302)).toHaveLength(1);
    expect(results.filter((r) => r.status === 410)).toHaveLength(7);
  });

  it("validates invitation settings next to the fields", async () => {
    const { founder } = await founded("larch");
    const r = await call(invitations.action, "/a/larch/invitations", { cookie: founder.cookie, params: { slug: "larch" }, form: { role: "king", expiresInDays: "0", maxUses: "lots" } });
    expect(r.status).toBe(400);
    expect(r.data.errors).toMatchObject({ role: "errors.choice", expiresInDays: "errors.min1", maxUses: "errors.number" });
  });
});

describe("the charter", () => {
  it("lets a lone founder adjust settings, validates them, and refuses a stale edit", async () => {
    const { founder, assembly } = await founded("hazel");
    const params = { slug: "hazel" };
    const form = { ...flattenCharter(defaultCharter()), expectedVersion: "1" } as Record<string, string>;
    for (const k of Object.keys(form)) if (form[k] === "true") form[k] = "on";
    for (const k of Object.keys(form)) if (form[k] === "false") delete form[k];
    form["charter.consensus.maxBlocks"] = "1";
    form["charter.supermajority"] = "3/4";
    const ok = await call(charterRoute.action, "/a/hazel/charter", { cookie: founder.cookie, params, form });
    expect(ok.location).toBe("/a/hazel/charter?saved=2");
    const c = currentCharter(assembly.id);
    expect(c.version).toBe(2);
    expect(c.charter.consensus.maxBlocks).toBe(1);
    expect(c.charter.supermajority).toBe("3/4");
    expect(c.charter.secret.election).toBe(true);
    expect(c.charter.secret.general).toBe(false);

    const stale = await call(charterRoute.action, "/a/hazel/charter", { cookie: founder.cookie, params, form });
    expect(stale.status).toBe(409);
    const bad = await call(charterRoute.action, "/a/hazel/charter", { cookie: founder.cookie, params, form: { ...form, expectedVersion: "2", "charter.supermajority": "5/4", "charter.roundDays": "0" } });
    expect(bad.status).toBe(400);
    expect(bad.data.errors["charter.supermajority"]).toBe("errors.fraction.range");
    expect(bad.data.errors["charter.roundDays"]).toBe("errors.range1to60");
    expect(currentCharter(assembly.id).version).toBe(2);
  });

  it("stops direct edits once others have joined", async () => {
    const { founder } = await founded("alder");
    await joined("alder", "alder-member");
    const page = await call(charterRoute.loader, "/a/alder/charter", { cookie: founder.cookie, params: { slug: "alder" } });
    expect(page.data.canEdit).toBe(false);
    const form = { ...flattenCharter(defaultCharter()), expectedVersion: "1" };
    const r = await call(charterRoute.action, "/a/alder/charter", { cookie: founder.cookie, params: { slug: "alder" }, form });
    expect(r.status).toBe(403);
  });
});

describe("health", () => {
  it("answers once the database answers", async () => {
    const r = await call(healthz.loader as never, "/healthz");
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ status: "ok", database: "ok", writable: true });
  });
});
