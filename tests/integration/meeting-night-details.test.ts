/**
 * Smaller things a meeting night met, through the real loaders and actions: the agenda's
 * proposal picker offers only proposals that can be voted on (and refuses a draft clearly);
 * the members page searches and pages a union of hundreds with a plain GET.
 */
import { describe, expect, it } from "vitest";
import * as plan from "~/routes/a.$slug.meetings.$id._index";
import * as members from "~/routes/a.$slug.members";
import { scheduleMeeting } from "~/models/meeting.server";
import { listAgenda } from "~/models/agenda.server";
import { createProposal } from "~/models/proposal.server";
import { addMember } from "~/models/membership.server";
import { insertUser } from "~/models/user.server";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";

const DAY = 86_400_000;

describe("the agenda's proposal picker", () => {
  it("offers proposals in discussion or tabled, not drafts, and refuses a draft posted anyway", async () => {
    const a = await assemblyWith({ members: 1, prefix: "pk" });
    const r = scheduleMeeting({ assemblyId: a.assembly.id, title: "Picker", startsAt: Date.now() + 5 * DAY, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: a.founder.id, now: Date.now() });
    if (!r.ok) throw new Error("schedule");
    const ready = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Ready", body: "x" });
    const draft = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Still a draft", body: "x", status: "draft" });
    const path = `/a/${a.slug}/meetings/${r.meeting.id}`;
    const params = { slug: a.slug, id: r.meeting.id };
    const page = await call(plan.loader, path, { cookie: a.founder.cookie, params });
    expect(page.data.proposals.map((p: { id: string }) => p.id)).toEqual([ready.id]);
    const refused = await call(plan.action, path, { cookie: a.founder.cookie, params, form: { intent: "addItem", kind: "proposal", title: "Draft", timeboxMinutes: "10", proposalId: draft.id } });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.proposalId).toBe("meetings.errors.proposalNotVotable");
    expect(listAgenda(r.meeting.id)).toHaveLength(0);
    const added = await call(plan.action, path, { cookie: a.founder.cookie, params, form: { intent: "addItem", kind: "proposal", title: "Ready", timeboxMinutes: "10", proposalId: ready.id } });
    expect(added.status).toBe(200);
    expect(listAgenda(r.meeting.id).map((i) => i.proposalId)).toEqual([ready.id]);
  });
});

describe("the members page", () => {
  it("searches by name or username and pages a union of hundreds, fifty at a time", async () => {
    const a = await assemblyWith({ members: 0, prefix: "mb" });
    for (let i = 1; i <= 130; i++) {
      const u = insertUser({ username: `tenant${String(i).padStart(3, "0")}`, displayName: i === 77 ? "Ana 50% Lopez" : `Tenant ${String(i).padStart(3, "0")}`, passwordHash: "x" })!;
      addMember(a.assembly.id, u.id, "member");
    }
    const get = (query: string) => call(members.loader, `/a/${a.slug}/members${query}`, { cookie: a.founder.cookie, params: { slug: a.slug } });
    const first = await get("");
    expect(first.data).toMatchObject({ total: 131, page: 1, pages: 3, from: 1 });
    expect(first.data.members).toHaveLength(50);
    const last = await get("?page=3");
    expect(last.data.members).toHaveLength(31);
    expect(last.data.from).toBe(101);
    // Searching: name or username, case-insensitive; % and _ are letters, not wildcards.
    expect((await get("?q=ana")).data.members.map((m: { displayName: string }) => m.displayName)).toEqual(["Ana 50% Lopez"]);
    expect((await get("?q=TENANT12")).data.total).toBe(10);
    expect((await get("?q=50%25")).data.members.map((m: { displayName: string }) => m.displayName)).toEqual(["Ana 50% Lopez"]);
    expect((await get("?q=_")).data.total).toBe(0);
    // Nonsense in the address is not an error.
    expect((await get("?page=-4")).data.page).toBe(1);
    expect((await get("?page=abc")).data.page).toBe(1);
    expect((await get(`?q=${"x".repeat(500)}`)).data.q).toHaveLength(80);
  });
});
