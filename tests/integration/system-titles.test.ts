/**
 * Titles the system writes are stored as what they are and read in each member's language:
 * a Spanish-speaking member reads Spanish for a proposal an English-speaking member's action
 * created, on every page that names it (docs/decisions/017-words-and-results.md).
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { backfillSystemTitles, db, sqlite } from "~/db.server";
import { proposals, users } from "../../db/schema";
import { CHARTER_PRESETS } from "~/lib/charter";
import { createProposal, getProposalById, reviseProposal } from "~/models/proposal.server";
import { proposeMandate } from "~/models/mandate.server";
import * as list from "~/routes/a.$slug.proposals._index";
import * as page from "~/routes/a.$slug.proposals.$id._index";
import * as record from "~/routes/a.$slug.record";
import * as revisions from "~/routes/a.$slug.proposals.$id.revisions";
import * as home from "~/routes/_index";
import * as searchPage from "~/routes/search";
import * as meetingPage from "~/routes/a.$slug.meetings.$id._index";
import * as councilOwn from "~/routes/a.$slug.council";
import * as councilFromBody from "~/routes/a.$slug.councils.$councilId";
import { openRound } from "~/models/round.server";
import { scheduleMeeting } from "~/models/meeting.server";
import { call } from "../helpers/remix";
import { DAY, T0, council, decide, memberBody } from "../helpers/federation";

async function setup() {
  const { council: c, steward } = await council({ charter: CHARTER_PRESETS.simple_majority, name: "North Council" });
  // memberBody's founder proposes joining in English (the default): proposal #1 of the body.
  const a = await memberBody(c.id, steward.id, { members: 2, prefix: "t" });
  const spanish = a.members[0];
  db.update(users).set({ locale: "es" }).where(eq(users.id, spanish.id)).run();
  const english = a.founder;
  return { c, a, spanish, english, steward };
}

const titlesIn = (d: { proposals: Array<{ number: number; title: string }> }) => Object.fromEntries(d.proposals.map((p) => [p.number, p.title]));

describe("titles the system writes", () => {
  it("a Spanish reader reads the join proposal an English speaker's action created in Spanish, in the list, on its page and in the record", async () => {
    const { a, spanish, english } = await setup();
    const params = { slug: a.assembly.slug };
    const join = (await call(list.loader, `/a/${a.assembly.slug}/proposals`, { cookie: english.cookie, params })).data;
    expect(titlesIn(join)[1]).toBe("Join North Council");
    const es = (await call(list.loader, `/a/${a.assembly.slug}/proposals`, { cookie: spanish.cookie, params })).data;
    expect(titlesIn(es)[1]).toBe("Unirnos a North Council");
    const id = es.proposals.find((p: { number: number }) => p.number === 1).id;
    const onPage = (await call(page.loader, `/a/${a.assembly.slug}/proposals/${id}`, { cookie: spanish.cookie, params: { ...params, id } })).data;
    expect(onPage.proposal.title).toBe("Unirnos a North Council");
    const rec = (await call(record.loader, `/a/${a.assembly.slug}/record`, { cookie: spanish.cookie, params })).data;
    const entry = rec.entries.find((e: { kind: string; proposal: { id: string } | null }) => e.kind === "round" && e.proposal?.id === id);
    expect(entry.proposal.title).toBe("Unirnos a North Council");
    expect(entry.params.title).toBe("Unirnos a North Council");
  });

  it("a mandate's title names its stance in the reader's language; a title a person rewrites is theirs in every language", async () => {
    const { c, a, spanish, english } = await setup();
    const cp = createProposal({ assemblyId: c.id, authorId: english.id, kind: "general", title: "Regional rent strike", body: "Together in May.", now: T0 });
    const m = proposeMandate({ assemblyId: a.assembly.id, councilProposalId: cp.id, stance: "oppose", instructions: "", authorId: english.id, locale: "en", now: T0 });
    if (!m.ok) throw new Error(m.error);
    expect(m.proposal.title).toBe(`Mandate on North Council proposal #${cp.number}: oppose`);
    const params = { slug: a.assembly.slug, id: m.proposal.id };
    const url = `/a/${a.assembly.slug}/proposals/${m.proposal.id}`;
    expect((await call(page.loader, url, { cookie: spanish.cookie, params })).data.proposal.title).toBe(`Mandato sobre la propuesta #${cp.number} de North Council: en contra`);
    expect((await call(revisions.loader, `${url}/revisions`, { cookie: spanish.cookie, params })).data.proposal.title).toBe(`Mandato sobre la propuesta #${cp.number} de North Council: en contra`);

    const revised = reviseProposal({ proposalId: m.proposal.id, byUserId: english.id, title: "Oppose the strike unless the fund is shared", body: "Our mandate.", expectedRevision: 1, now: T0 + 1 });
    expect(revised.ok).toBe(true);
    expect(getProposalById(m.proposal.id)!.systemTitle).toBeNull();
    expect((await call(page.loader, url, { cookie: spanish.cookie, params })).data.proposal.title).toBe("Oppose the strike unless the fund is shared");
  });

  it("proposals stored before titles had a kind are recognised from their English or Spanish words; anything else keeps its words", async () => {
    const { a, english, spanish } = await setup();
    const make = (kind: string, title: string) => createProposal({ assemblyId: a.assembly.id, authorId: english.id, kind, title, body: "-", now: T0 }).id;
    const es = make("join_council", "Salir de Consejo Sur");
    const en = make("recall", "Recall Ana Pérez as delegate to South Council");
    const mine = make("join_council", "Let us join South Council, please");
    const general = make("general", "Join South Council");
    // As they were before: no kind stored.
    sqlite.prepare("UPDATE proposals SET system_title = NULL WHERE id IN (?, ?, ?, ?)").run(es, en, mine, general);
    backfillSystemTitles(sqlite);
    const stored = (id: string) => db.select({ s: proposals.systemTitle }).from(proposals).where(eq(proposals.id, id)).get()!.s;
    expect(JSON.parse(stored(es)!)).toEqual({ kind: "leave", council: "Consejo Sur" });
    expect(JSON.parse(stored(en)!)).toEqual({ kind: "recall", delegate: "Ana Pérez", council: "South Council" });
    expect(stored(mine)).toBeNull();
    expect(stored(general)).toBeNull();
    const titles = titlesIn((await call(list.loader, `/a/${a.assembly.slug}/proposals`, { cookie: english.cookie, params: { slug: a.assembly.slug } })).data);
    const titlesEs = titlesIn((await call(list.loader, `/a/${a.assembly.slug}/proposals`, { cookie: spanish.cookie, params: { slug: a.assembly.slug } })).data);
    const n = (id: string) => getProposalById(id)!.number;
    expect(titles[n(es)]).toBe("Leave Consejo Sur");
    expect(titlesEs[n(en)]).toBe("Revocar a Ana Pérez como delegada ante South Council");
    expect(titlesEs[n(mine)]).toBe("Let us join South Council, please");
  });

  it("a Spanish reader reads system titles in Spanish in the agenda's proposal picker, the council's proposal lists, the inbox and search", async () => {
    const { c, a, spanish, english, steward } = await setup();
    const now = Date.now();
    // A proposal the system titled in English, under an open vote the Spanish member has not cast.
    const leave = createProposal({ assemblyId: a.assembly.id, authorId: english.id, kind: "join_council", title: "Leave North Council", systemTitle: { kind: "leave", council: "North Council" }, body: "We go.", now });
    const opened = openRound({ proposalId: leave.id, openedBy: english.id, mode: "online", deadline: now + 7 * DAY, now });
    if (!opened.ok) throw new Error(opened.error);
    const es = "Salir de North Council";

    const inbox = (await call(home.loader, "/", { cookie: spanish.cookie })).data;
    expect(inbox.needs.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "vote", number: leave.number, title: es })]));
    expect((await call(home.loader, "/", { cookie: english.cookie })).data.needs.items.find((i: { number: number }) => i.number === leave.number)?.title).toBe("Leave North Council");

    const found = (await call(searchPage.loader, "/search?q=North", { cookie: spanish.cookie })).data;
    expect(found.results.find((r: { kind: string; href: string }) => r.kind === "proposal" && r.href.endsWith(leave.id)).title).toEqual([{ text: es, mark: false }]);

    const m = scheduleMeeting({ assemblyId: a.assembly.id, createdBy: english.id, title: "General meeting", startsAt: now + 30 * DAY, durationMinutes: 60, place: "Hall", link: "", shortNotice: true, now });
    if (!m.ok) throw new Error(m.error);
    const picker = (await call(meetingPage.loader, `/a/${a.assembly.slug}/meetings/${m.meeting.id}`, { cookie: spanish.cookie, params: { slug: a.assembly.slug, id: m.meeting.id } })).data;
    expect(picker.proposals.find((p: { id: string }) => p.id === leave.id).title).toBe(es);

    // A council's own proposal with a title the system wrote: its steward and a member body's members read it in Spanish.
    const cp = createProposal({ assemblyId: c.id, authorId: null, kind: "join_council", title: "Join Big Council", systemTitle: { kind: "join", council: "Big Council" }, body: "-", now });
    db.update(users).set({ locale: "es" }).where(eq(users.id, steward.id)).run();
    const own = (await call(councilOwn.loader, `/a/${c.slug}/council`, { cookie: steward.cookie, params: { slug: c.slug } })).data;
    expect(own.proposals.find((p: { id: string }) => p.id === cp.id).title).toBe("Unirnos a Big Council");
    const fromBody = (await call(councilFromBody.loader, `/a/${a.assembly.slug}/councils/${c.id}`, { cookie: spanish.cookie, params: { slug: a.assembly.slug, councilId: c.id } })).data;
    expect(fromBody.proposals.find((p: { id: string }) => p.id === cp.id).title).toBe("Unirnos a Big Council");
  });
});
