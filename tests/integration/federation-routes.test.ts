/**
 * The federation pages' loaders and actions, called as the server calls them: who may do
 * what (non-members get 404, missing roles 403), clear refusals beside the right field,
 * and nothing half-written.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, transaction } from "~/db.server";
import { paperBallots, reportBacks } from "../../db/schema";
import { CHARTER_PRESETS } from "~/lib/charter";
import * as foundCouncilRoute from "~/routes/councils.new";
import * as councilsIndex from "~/routes/a.$slug.councils._index";
import * as councilFromBody from "~/routes/a.$slug.councils.$councilId";
import * as councilPage from "~/routes/a.$slug.council";
import * as panel from "~/routes/a.$slug.council_.proposals.$id";
import * as election from "~/routes/a.$slug.delegates.elections.$id";
import * as bltExport from "~/routes/a.$slug.delegates.elections.$id_.ballots[.]blt";
import * as recalls from "~/routes/a.$slug.recalls";
import * as reports from "~/routes/a.$slug.report-backs._index";
import * as report from "~/routes/a.$slug.report-backs.$id";
import * as overview from "~/routes/a.$slug._index";
import * as charterRoute from "~/routes/a.$slug.charter";
import * as proposalRoute from "~/routes/a.$slug.proposals.$id._index";
import { flattenCharter } from "~/lib/charter";
import { getAssemblyBySlug } from "~/models/assembly.server";
import { getMembership } from "~/models/membership.server";
import { createProposal, getProposalById, listOptions } from "~/models/proposal.server";
import { castBallot, closeRound, openRound, openRoundOf } from "~/models/round.server";
import { liveMembership } from "~/models/council.server";
import { activeTerms, startTerm } from "~/models/delegate.server";
import { proposeMandate } from "~/models/mandate.server";
import { getPetition } from "~/models/recall.server";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";
import { DAY, T0, council, decide, memberBody, quickPerson } from "../helpers/federation";

describe("founding a council through the page", () => {
  it("founds it with its seat and ratification rules and sends the founder to its seats page", async () => {
    const founder = await quickPerson("founder");
    const r = await call(foundCouncilRoute.action, "/councils/new", {
      cookie: founder.cookie,
      form: { name: "Tenants' Council", slug: "tenants-council", description: "", preset: "simple_majority", seatsPerAssembly: "2", coDelegatesDifferentGenders: "on", minGenderShare: "2/5", ratificationThreshold: "2/3" },
    });
    expect(r.status).toBe(302);
    expect(r.location).toBe("/a/tenants-council/council?founded=1");
    const c = getAssemblyBySlug("tenants-council")!;
    expect(c.kind).toBe("council");
    const page = await call(councilPage.loader, "/a/tenants-council/council", { cookie: founder.cookie, params: { slug: "tenants-council" } });
    expect(page.data.rules).toEqual({ seatsPerAssembly: 2, coDelegatesDifferentGenders: true, minGenderShare: "2/5", ratification: { threshold: "2/3", strict: false, order: "optional" }, listed: false });
    expect(page.data.me).toEqual({ steward: true, facilitator: true });
  });

  it("keeps the input and says what is wrong", async () => {
    const founder = await quickPerson("founder");
    const r = await call(foundCouncilRoute.action, "/councils/new", {
      cookie: founder.cookie,
      form: { name: "X", slug: "", preset: "simple_majority", seatsPerAssembly: "0", minGenderShare: "half", ratificationThreshold: "2/3" },
    });
    expect(r.status).toBe(400);
    expect(r.data.errors).toMatchObject({ name: "errors.name.short", seatsPerAssembly: "federation.errors.seatsRange", minGenderShare: "errors.fraction.format" });
    expect(r.data.values.minGenderShare).toBe("half");
  });
});

describe("joining through the councils tab", () => {
  it("a voting member proposes joining; an observer is refused; an unknown council is answered beside the field", async () => {
    const { council: c, steward } = await council();
    const a = await assemblyWith({ members: 1, observers: 1 });
    const ok = await call(councilsIndex.action, `/a/${a.slug}/councils`, { cookie: a.founder.cookie, params: { slug: a.slug }, form: { council: c.slug } });
    expect(ok.status).toBe(302);
    expect(ok.location).toMatch(new RegExp(`^/a/${a.slug}/proposals/`));
    const obs = await call(councilsIndex.action, `/a/${a.slug}/councils`, { cookie: a.observers[0].cookie, params: { slug: a.slug }, form: { council: c.slug } });
    expect(obs.status).toBe(403);
    const unknown = await call(councilsIndex.action, `/a/${a.slug}/councils`, { cookie: a.founder.cookie, params: { slug: a.slug }, form: { council: "nowhere" } });
    expect(unknown.status).toBe(404);
    expect(unknown.data.errors.council).toBe("federation.errors.councilNotFound");
    // Decided, then the council's steward accepts on the seats page; a delegate there cannot.
    const proposalId = ok.location!.split("/").pop()!;
    decide(proposalId, [a.founder, ...a.members].map((m) => ({ userId: m.id })));
    const req = liveMembership(c.id, a.assembly.id)!;
    const stranger = await quickPerson("stranger");
    expect((await call(councilPage.action, `/a/${c.slug}/council`, { cookie: stranger.cookie, params: { slug: c.slug }, form: { intent: "accept", requestId: req.id } })).status).toBe(404);
    const accepted = await call(councilPage.action, `/a/${c.slug}/council`, { cookie: steward.cookie, params: { slug: c.slug }, form: { intent: "accept", requestId: req.id } });
    expect(accepted.status).toBe(302);
    const again = await call(councilPage.action, `/a/${c.slug}/council`, { cookie: steward.cookie, params: { slug: c.slug }, form: { intent: "accept", requestId: req.id } });
    expect(again.status).toBe(409);
    expect(again.data.errors.form).toBe("federation.errors.requestAnswered");
    const tab = await call(councilsIndex.loader, `/a/${a.slug}/councils`, { cookie: a.founder.cookie, params: { slug: a.slug } });
    expect(tab.data.councils).toEqual([expect.objectContaining({ councilId: c.id, status: "active", vacant: 2 })]);
    // The seats page exists only for councils.
    expect((await call(councilPage.loader, `/a/${a.slug}/council`, { cookie: a.founder.cookie, params: { slug: a.slug } })).status).toBe(404);
  });
});

describe("a council seen from a member assembly", () => {
  it("shows every seat and vacancy, starts an election, and proposes mandates; another council's id is not found", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 2 } });
    const a = await memberBody(c.id, steward.id, { members: 2 });
    transaction(() => startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: a.members[0].id, now: T0, mandateText: "", electionProposalId: null }));
    const cp = createProposal({ assemblyId: c.id, authorId: a.members[0].id, kind: "general", title: "Joint fund", body: "A shared legal fund.", now: T0 });
    const path = `/a/${a.slug}/councils/${c.id}`;
    const page = await call(councilFromBody.loader, path, { cookie: a.members[1].cookie, params: { slug: a.slug, councilId: c.id } });
    expect(page.data.seats.seats[0]).toMatchObject({ vacant: 1, held: [expect.objectContaining({ userId: a.members[0].id })] });
    expect(page.data.proposals).toEqual([expect.objectContaining({ id: cp.id, body: "A shared legal fund.", inForce: null })]);
    const other = await council();
    expect((await call(councilFromBody.loader, `/a/${a.slug}/councils/${other.council.id}`, { cookie: a.founder.cookie, params: { slug: a.slug, councilId: other.council.id } })).status).toBe(404);

    const m = await call(councilFromBody.action, path, { cookie: a.members[1].cookie, params: { slug: a.slug, councilId: c.id }, form: { intent: "mandate", councilProposalId: cp.id, stance: "oppose", instructions: "Not this year." } });
    expect(m.status).toBe(302);
    const twice = await call(councilFromBody.action, path, { cookie: a.members[1].cookie, params: { slug: a.slug, councilId: c.id }, form: { intent: "mandate", councilProposalId: cp.id, stance: "support" } });
    expect(twice.status).toBe(409);
    expect(twice.data).toMatchObject({ intent: `mandate-${cp.id}`, errors: { form: "federation.errors.mandateOpen" } });
    const badStance = await call(councilFromBody.action, path, { cookie: a.members[1].cookie, params: { slug: a.slug, councilId: c.id }, form: { intent: "mandate", councilProposalId: cp.id, stance: "maybe" } });
    expect(badStance.status).toBe(400);
    expect(badStance.data.errors.stance).toBe("errors.choice");

    const e = await call(councilFromBody.action, path, { cookie: a.founder.cookie, params: { slug: a.slug, councilId: c.id }, form: { intent: "election", councilId: c.id } });
    expect(e.status).toBe(302);
    expect(e.location).toMatch(new RegExp(`^/a/${a.slug}/delegates/elections/`));
    expect(getProposalById(e.location!.split("/").pop()!)).toMatchObject({ kind: "election", seats: 1 });
  });
});

describe("the mandate panel and a delegate's ballot in the council", () => {
  it("shows the delegate's mandate on the proposal's page; refuses a ballot against it without a reason, beside the reason field; accepts it with one; outsiders get 404", async () => {
    const { council: c, steward } = await council({ charter: CHARTER_PRESETS.simple_majority });
    const a = await memberBody(c.id, steward.id, { members: 2 });
    const delegate = a.members[0];
    transaction(() => startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: delegate.id, now: T0, mandateText: "", electionProposalId: null }));
    const cp = createProposal({ assemblyId: c.id, authorId: delegate.id, kind: "general", title: "Joint fund", body: "…", now: T0 });
    const m = proposeMandate({ assemblyId: a.assembly.id, councilProposalId: cp.id, stance: "oppose", instructions: "", authorId: a.founder.id, now: T0 });
    if (!m.ok) throw new Error(m.error);
    decide(m.proposal.id, a.everyone.map((x) => ({ userId: x.id })));
    const now = Date.now();
    const opened = openRound({ proposalId: cp.id, openedBy: steward.id, mode: "online", deadline: now + DAY, now });
    if (!opened.ok) throw new Error(opened.error);
    const path = `/a/${c.slug}/proposals/${cp.id}`;
    const params = { slug: c.slug, id: cp.id };
    // One page per council vote: the delegate sees their mandate from home above the ballot,
    // and which positions depart from it.
    const before = await call(proposalRoute.loader, path, { cookie: delegate.cookie, params });
    expect(before.data.council.myMandate).toMatchObject({ stance: "oppose", imperative: true, body: a.assembly.name, departing: ["yes", "abstain"] });
    expect(before.data.can.vote).toBe(true);
    const noReason = await call(proposalRoute.action, path, { cookie: delegate.cookie, params, form: { intent: "vote", roundId: opened.round.id, choice: "yes" } });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toBe("federation.errors.mandateReason");
    const withReason = await call(proposalRoute.action, path, { cookie: delegate.cookie, params, form: { intent: "vote", roundId: opened.round.id, choice: "yes", reason: "Our assembly's condition was met." } });
    expect(withReason.status).toBe(302);
    const view = await call(proposalRoute.loader, path, { cookie: steward.cookie, params });
    expect(view.data.council.delegates).toEqual([
      expect.objectContaining({ userId: delegate.id, choice: "yes", mandate: expect.objectContaining({ stance: "oppose" }), flag: { reason: "Our assembly's condition was met." } }),
    ]);
    // The steward is no delegate: no mandate of their own.
    expect(view.data.council.myMandate).toBeNull();
    // The home assembly sees it on its overview straight away.
    const home = await call(overview.loader, `/a/${a.slug}`, { cookie: a.members[1].cookie, params: { slug: a.slug } });
    expect(home.data.federation.flags).toEqual([expect.objectContaining({ choice: "yes", stance: "oppose", reason: "Our assembly's condition was met." })]);
    // The old mandates address leads to the proposal's page.
    const old = await call(panel.loader, `/a/${c.slug}/council/proposals/${cp.id}`, { cookie: steward.cookie, params });
    expect(old.status).toBe(302);
    expect(old.location).toBe(`/a/${c.slug}/proposals/${cp.id}#round`);
    // A member of the assembly who is not a delegate is not a member of the council.
    expect((await call(proposalRoute.loader, path, { cookie: a.members[1].cookie, params })).status).toBe(404);
    expect((await call(proposalRoute.action, path, { cookie: a.members[1].cookie, params, form: { intent: "vote", roundId: opened.round.id, choice: "no" } })).status).toBe(404);
    // The steward (observer) cannot vote: 403.
    expect((await call(proposalRoute.action, path, { cookie: steward.cookie, params, form: { intent: "vote", roundId: opened.round.id, choice: "no" } })).status).toBe(403);
  });
});

describe("elections through the page", () => {
  it("nominations, accepting, a BLT file naming an unknown candidate refused beside the file field, and the export", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1 } });
    const a = await memberBody(c.id, steward.id, { members: 2 });
    const start = await call(councilFromBody.action, `/a/${a.slug}/councils/${c.id}`, { cookie: a.founder.cookie, params: { slug: a.slug, councilId: c.id }, form: { intent: "election", councilId: c.id } });
    const id = start.location!.split("/").pop()!;
    const path = `/a/${a.slug}/delegates/elections/${id}`;
    const params = { slug: a.slug, id };
    const [ana, ben] = a.members;
    expect((await call(election.action, path, { cookie: a.founder.cookie, params, form: { intent: "nominate", nominee: ana.id } })).location).toBe(`${path}?done=nominated`);
    expect((await call(election.action, path, { cookie: ben.cookie, params, form: { intent: "nominate", nominee: ben.id } })).location).toBe(`${path}?done=candidate`);
    const dup = await call(election.action, path, { cookie: a.founder.cookie, params, form: { intent: "nominate", nominee: ben.id } });
    expect(dup.status).toBe(409);
    expect(dup.data.errors.nominee).toBe("federation.errors.alreadyNominated");
    const view = await call(election.loader, path, { cookie: ana.cookie, params });
    expect(view.data.myNomination).toMatchObject({ userId: ana.id, acceptedAt: null });
    expect((await call(election.action, path, { cookie: ana.cookie, params, form: { intent: "accept" } })).status).toBe(302);
    expect(listOptions(id).map((o) => o.userId)).toEqual([ben.id, ana.id]);

    const now = Date.now();
    const r = openRound({ proposalId: id, openedBy: a.founder.id, mode: "online", deadline: now + DAY, now });
    if (!r.ok) throw new Error(r.error);
    const names = listOptions(id).map((o) => o.name);
    const blt = (cands: string[]) => `2 1\n1 1 2 0\n0\n${cands.map((n) => `"${n}"`).join("\n")}\n"Paper"\n`;
    // Members cannot import paper ballots; facilitators can.
    expect((await call(election.action, path, { cookie: ben.cookie, params, form: { intent: "import", blt: blt(names) } })).status).toBe(403);
    const unknown = await call(election.action, path, { cookie: a.founder.cookie, params, form: { intent: "import", blt: blt([names[0], "Nobody"]) } });
    expect(unknown.status).toBe(400);
    expect(unknown.data.errors.blt).toContain("Nobody");
    expect(db.select().from(paperBallots).where(eq(paperBallots.roundId, r.round.id)).all()).toEqual([]);
    const file = new File([blt(names)], "paper.blt", { type: "text/plain" });
    const fd = new FormData();
    fd.set("intent", "import");
    fd.set("file", file);
    const imported = await call(election.action, path, { cookie: a.founder.cookie, params, form: fd });
    expect(imported.location).toBe(`${path}?done=imported&n=1`);
    // The export waits for the result.
    expect((await call(bltExport.loader, `${path}/ballots.blt`, { cookie: ana.cookie, params })).status).toBe(409);
    // With one phone ballot beside the paper one, quorum (more than half of 3) is met.
    expect(castBallot({ roundId: r.round.id, userId: ana.id, choice: "ranking", ranking: [[0], [1]], now: now + 1 }).ok).toBe(true);
    closeRound({ roundId: r.round.id, by: a.founder.id, now: now + 2 });
    const out = await call(bltExport.loader, `${path}/ballots.blt`, { cookie: ana.cookie, params });
    expect(out.status).toBe(200);
    expect(out.headers.get("content-disposition")).toContain("attachment");
    expect(out.data).toContain(`"${names[0]}"`);
    expect(activeTerms({ councilId: c.id }).map((t) => t.userId)).toEqual([ben.id]);
    const outsider = await quickPerson("outsider");
    expect((await call(bltExport.loader, `${path}/ballots.blt`, { cookie: outsider.cookie, params })).status).toBe(404);
  });
});

describe("recall and report-backs through the pages", () => {
  it("a member of another assembly cannot sign; the second signature opens the vote; a report is filed once", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1 } });
    const a = await memberBody(c.id, steward.id, { members: 3 });
    const b = await memberBody(c.id, steward.id, { members: 1 });
    const delegate = a.members[0];
    const [term] = transaction(() => [startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: delegate.id, now: T0, mandateText: "", electionProposalId: null })]);
    const path = `/a/${a.slug}/recalls`;
    const started = await call(recalls.action, path, { cookie: a.members[1].cookie, params: { slug: a.slug }, form: { intent: "start", termId: term.id, reason: "Skipped our meetings." } });
    expect(started.status).toBe(302);
    const list = await call(recalls.loader, path, { cookie: a.members[2].cookie, params: { slug: a.slug } });
    const pet = list.data.petitions[0];
    expect(pet).toMatchObject({ signatures: 1, needed: 2, signed: false, status: "collecting" });
    // From another assembly: its members are not members here.
    expect((await call(recalls.action, path, { cookie: b.members[0].cookie, params: { slug: a.slug }, form: { intent: "sign", petitionId: pet.id } })).status).toBe(404);
    // Signing it through one's own assembly's page does not find it either.
    const elsewhere = await call(recalls.action, `/a/${b.slug}/recalls`, { cookie: b.members[0].cookie, params: { slug: b.slug }, form: { intent: "sign", petitionId: pet.id } });
    expect(elsewhere.status).toBe(404);
    const signed = await call(recalls.action, path, { cookie: a.members[2].cookie, params: { slug: a.slug }, form: { intent: "sign", petitionId: pet.id } });
    expect(signed.location).toMatch(new RegExp(`^/a/${a.slug}/proposals/.+\\?done=opened$`));
    expect(openRoundOf(getPetition(pet.id)!.recallProposalId!)).toBeTruthy();
    const late = await call(recalls.action, path, { cookie: a.founder.cookie, params: { slug: a.slug }, form: { intent: "sign", petitionId: pet.id } });
    expect(late.status).toBe(409);
    expect(late.data.errors.form).toBe("federation.errors.petitionClosed");

    const rpath = `/a/${a.slug}/report-backs`;
    const form = { about: `term:${term.id}`, title: "Council notes", body: "What we decided." };
    const filed = await call(reports.action, rpath, { cookie: delegate.cookie, params: { slug: a.slug }, form });
    expect(filed.status).toBe(302);
    const id = filed.location!.split("/").pop()!.split("?")[0];
    const shown = await call(report.loader, `${rpath}/${id}`, { cookie: a.members[1].cookie, params: { slug: a.slug, id } });
    expect(shown.data.report).toMatchObject({ title: "Council notes", body: "What we decided.", delegate: expect.any(String) });
    const notMine = await call(reports.action, rpath, { cookie: a.members[1].cookie, params: { slug: a.slug }, form });
    expect(notMine.status).toBe(404);
    const blank = await call(reports.action, rpath, { cookie: delegate.cookie, params: { slug: a.slug }, form: { ...form, title: "" } });
    expect(blank.status).toBe(400);
    expect(blank.data.errors.title).toBe("errors.required");
    const commented = await call(report.action, `${rpath}/${id}`, { cookie: a.members[1].cookie, params: { slug: a.slug, id }, form: { body: "Thanks!" } });
    expect(commented.status).toBe(302);
    expect((await call(report.loader, `${rpath}/${id}`, { cookie: b.members[0].cookie, params: { slug: a.slug, id } })).status).toBe(404);
    expect(db.select().from(reportBacks).where(eq(reportBacks.termId, term.id)).all()).toHaveLength(1);
    expect(getMembership(c.id, delegate.id)?.role).toBe("member");
  });
});

describe("a council's charter and a delegate's resignation", () => {
  it("the charter page keeps the council's rules when the founder saves it, and explains them", async () => {
    const founder = await quickPerson("founder");
    await call(foundCouncilRoute.action, "/councils/new", {
      cookie: founder.cookie,
      form: { name: "Harbour Council", slug: "harbour", preset: "simple_majority", seatsPerAssembly: "3", minGenderShare: "", ratificationThreshold: "1/2", ratificationStrict: "on" },
    });
    const before = await call(charterRoute.loader, "/a/harbour/charter", { cookie: founder.cookie, params: { slug: "harbour" } });
    expect(before.data.charter.council).toEqual({ seatsPerAssembly: 3, coDelegatesDifferentGenders: false, minGenderShare: null, ratification: { threshold: "1/2", strict: true, order: "optional" }, listed: false });
    // The form as a browser sends it: every field, ticked checkboxes as "on", unticked ones absent.
    const form: Record<string, string> = { expectedVersion: "1" };
    for (const [k, v] of Object.entries(flattenCharter(before.data.charter))) {
      if (v === "true") form[k] = "on";
      else if (v !== "false") form[k] = v;
    }
    form["charter.council.coDelegatesDifferentGenders"] = "on";
    form["charter.council.minGenderShare"] = "2/5";
    const saved = await call(charterRoute.action, "/a/harbour/charter", { cookie: founder.cookie, params: { slug: "harbour" }, form });
    expect(saved.status).toBe(302);
    const after = await call(charterRoute.loader, "/a/harbour/charter", { cookie: founder.cookie, params: { slug: "harbour" } });
    expect(after.data.charter.council).toEqual({ seatsPerAssembly: 3, coDelegatesDifferentGenders: true, minGenderShare: "2/5", ratification: { threshold: "1/2", strict: true, order: "optional" }, listed: false });
    // An assembly's charter (no council section) still saves without one.
    const a = await assemblyWith({ members: 0 });
    const aForm: Record<string, string> = { expectedVersion: "1" };
    const aCharter = (await call(charterRoute.loader, `/a/${a.slug}/charter`, { cookie: a.founder.cookie, params: { slug: a.slug } })).data.charter;
    for (const [k, v] of Object.entries(flattenCharter(aCharter))) if (v === "true") aForm[k] = "on";
    else if (v !== "false") aForm[k] = v;
    expect((await call(charterRoute.action, `/a/${a.slug}/charter`, { cookie: a.founder.cookie, params: { slug: a.slug }, form: aForm })).status).toBe(302);
    expect((await call(charterRoute.loader, `/a/${a.slug}/charter`, { cookie: a.founder.cookie, params: { slug: a.slug } })).data.charter.council).toBeUndefined();
  });

  it("a delegate resigns from the council page; someone else cannot resign for them", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1 } });
    const a = await memberBody(c.id, steward.id, { members: 2 });
    const [term] = transaction(() => [startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: a.members[0].id, now: T0, mandateText: "", electionProposalId: null })]);
    const path = `/a/${a.slug}/councils/${c.id}`;
    const params = { slug: a.slug, councilId: c.id };
    const other = await call(councilFromBody.action, path, { cookie: a.members[1].cookie, params, form: { intent: "resign", termId: term.id } });
    expect(other.status).toBe(404);
    const ok = await call(councilFromBody.action, path, { cookie: a.members[0].cookie, params, form: { intent: "resign", termId: term.id } });
    expect(ok.location).toBe(`${path}?done=resigned`);
    expect(activeTerms({ councilId: c.id })).toEqual([]);
    expect(getMembership(c.id, a.members[0].id)).toBeUndefined();
  });
});
