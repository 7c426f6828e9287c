/**
 * Federation a delegate can follow, through the pages' loaders and actions against a real
 * SQLite file: seat rules that cannot apply are refused, the council proposal's own page
 * shows its ratification and each delegate's mandate, the council's charter chooses whether
 * it votes before, or instead of, the member assemblies, and proposals the federation makes
 * say who started them and offer only what can be done on them.
 */
import { describe, expect, it } from "vitest";
import { CHARTER_PRESETS, flattenCharter } from "~/lib/charter";
import * as foundCouncilRoute from "~/routes/councils.new";
import * as charterRoute from "~/routes/a.$slug.charter";
import * as proposalRoute from "~/routes/a.$slug.proposals.$id._index";
import * as layoutRoute from "~/routes/a.$slug";
import * as overviewRoute from "~/routes/a.$slug._index";
import * as councilPage from "~/routes/a.$slug.council";
import * as electionRoute from "~/routes/a.$slug.delegates.elections.$id";
import * as termRoute from "~/routes/a.$slug.delegates.terms.$id";
import * as councilsRoute from "~/routes/a.$slug.councils._index";
import * as inviteRoute from "~/routes/councils.$slug.join";
import * as proposalsIndex from "~/routes/a.$slug.proposals._index";
import { assemblyWith } from "../helpers/decisions";
import { liveMembership } from "~/models/council.server";
import { createProposal, getProposalById } from "~/models/proposal.server";
import { openRound } from "~/models/round.server";
import { getLink } from "~/models/council.server";
import { liveLinkedProposal } from "~/models/council.server";
import { getRatification, ratificationResultsView } from "~/models/ratification.server";
import { activeTerms, nominate, startElection } from "~/models/delegate.server";
import { proposeMandate } from "~/models/mandate.server";
import { getPetition, signPetition, startPetition } from "~/models/recall.server";
import { call } from "../helpers/remix";
import { DAY, T0, council, decide, elect, memberBody, quickPerson } from "../helpers/federation";

const majority = CHARTER_PRESETS.simple_majority;

/** A council of two member assemblies, each with one elected delegate. */
async function councilOfTwo(order: "optional" | "after_council" | "instead") {
  const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1, ratification: { order } }, charter: majority });
  const a = await memberBody(c.id, steward.id, { members: 2, prefix: "fa", charter: majority });
  const b = await memberBody(c.id, steward.id, { members: 2, prefix: "fb", charter: majority });
  elect(a.assembly.id, c.id, [a.members[0]], a.everyone);
  elect(b.assembly.id, c.id, [b.members[0]], b.everyone);
  return { c, steward, a, b, delegates: [a.members[0], b.members[0]] };
}

/** The member body's ratification proposal for a council proposal. */
function ratificationProposalIn(assemblyId: string, councilProposalId: string) {
  const row = ratificationResultsView(councilProposalId).find((x) => x.assemblyId === assemblyId);
  if (!row) throw new Error("not sent to that body");
  return getProposalById(row.proposalId)!;
}

describe("seat rules that cannot apply", () => {
  it("founding refuses co-delegates of different genders with one seat, and a share above a half, beside their fields", async () => {
    const founder = await quickPerson("founder");
    const base = { name: "Lone Seats", slug: "lone-seats", preset: "simple_majority", ratificationThreshold: "1/2" };
    const oneSeat = await call(foundCouncilRoute.action, "/councils/new", { cookie: founder.cookie, form: { ...base, seatsPerAssembly: "1", coDelegatesDifferentGenders: "on" } });
    expect(oneSeat.status).toBe(400);
    expect(oneSeat.data.errors).toEqual({ seatsPerAssembly: "federation.errors.coDelegatesOneSeat" });
    const share = await call(foundCouncilRoute.action, "/councils/new", { cookie: founder.cookie, form: { ...base, seatsPerAssembly: "2", minGenderShare: "3/5" } });
    expect(share.status).toBe(400);
    expect(share.data.errors).toEqual({ minGenderShare: "federation.errors.minShareTooHigh" });
    const fine = await call(foundCouncilRoute.action, "/councils/new", { cookie: founder.cookie, form: { ...base, seatsPerAssembly: "2", coDelegatesDifferentGenders: "on", minGenderShare: "1/2" } });
    expect(fine.status).toBe(302);
  });

  it("the charter form refuses the same, and keeps the council's charter as it was", async () => {
    const founder = await quickPerson("founder");
    await call(foundCouncilRoute.action, "/councils/new", { cookie: founder.cookie, form: { name: "Pier Council", slug: "pier", preset: "simple_majority", seatsPerAssembly: "2", ratificationThreshold: "1/2" } });
    const before = await call(charterRoute.loader, "/a/pier/charter", { cookie: founder.cookie, params: { slug: "pier" } });
    const form: Record<string, string> = { expectedVersion: "1" };
    for (const [k, v] of Object.entries(flattenCharter(before.data.charter))) {
      if (v === "true") form[k] = "on";
      else if (v !== "false") form[k] = v;
    }
    form["charter.council.seatsPerAssembly"] = "1";
    form["charter.council.coDelegatesDifferentGenders"] = "on";
    const r = await call(charterRoute.action, "/a/pier/charter", { cookie: founder.cookie, params: { slug: "pier" }, form });
    expect(r.status).toBe(400);
    expect(r.data.errors["charter.council.seatsPerAssembly"]).toBe("federation.errors.coDelegatesOneSeat");
    expect((await call(charterRoute.loader, "/a/pier/charter", { cookie: founder.cookie, params: { slug: "pier" } })).data.version).toBe(1);
  });
});

describe("the council proposal's page shows its ratification", () => {
  it("sent straight to the assemblies: which have decided, how, the council's rule and the result so far — not 'no voting round yet'", async () => {
    const { c, steward, a, b } = await councilOfTwo("optional");
    const cp = createProposal({ assemblyId: c.id, authorId: steward.id, kind: "general", title: "Shared legal fund", body: "€20 a month each.", now: T0 });
    const path = `/a/${c.slug}/proposals/${cp.id}`;
    const params = { slug: c.slug, id: cp.id };
    const before = await call(proposalRoute.loader, path, { cookie: steward.cookie, params });
    expect(before.data.council).toMatchObject({ path: "council", canSend: true, ratification: null });
    const sent = await call(proposalRoute.action, path, { cookie: steward.cookie, params, form: { intent: "send-ratification" } });
    expect(sent.status).toBe(302);
    expect(sent.location).toBe(`${path}?done=ratificationSent#round`);
    const page = await call(proposalRoute.loader, path, { cookie: steward.cookie, params });
    expect(page.data.proposal.status).toBe("voting");
    expect(page.data.council.canSend).toBe(false);
    expect(page.data.can.openRound).toBe(false);
    expect(page.data.council.ratification).toMatchObject({
      outcome: null,
      needed: 2,
      members: 2,
      rule: { threshold: "1/2", strict: true },
      explanation: "Pending: 0 of 2 member assemblies ratified, 0 rejected, 2 still to decide; the rule needs more than 1/2 of member assemblies (2 of 2).",
    });
    expect(page.data.council.ratification.results.map((x: { result: string }) => x.result)).toEqual(["pending", "pending"]);

    // Assembly A ratifies (3 yes of 3): its result and how it decided appear on the council's page.
    const pa = ratificationProposalIn(a.assembly.id, cp.id);
    decide(pa.id, a.everyone.map((m) => ({ userId: m.id })));
    const mid = await call(proposalRoute.loader, path, { cookie: steward.cookie, params });
    const rowA = mid.data.council.ratification.results.find((x: { assemblyId: string }) => x.assemblyId === a.assembly.id);
    expect(rowA).toMatchObject({ result: "ratified", href: null });
    expect(rowA.how).toMatch(/^Passed/);
    // A's delegate can follow the link to A's own proposal; B's row has none for them.
    const asDelegate = await call(proposalRoute.loader, path, { cookie: a.members[0].cookie, params });
    const links = Object.fromEntries(asDelegate.data.council.ratification.results.map((x: { assemblyId: string; href: string | null }) => [x.assemblyId, x.href]));
    expect(links).toEqual({ [a.assembly.id]: `/a/${a.slug}/proposals/${pa.id}`, [b.assembly.id]: null });

    const pb = ratificationProposalIn(b.assembly.id, cp.id);
    decide(pb.id, b.everyone.map((m) => ({ userId: m.id })));
    const done = await call(proposalRoute.loader, path, { cookie: steward.cookie, params });
    expect(done.data.proposal.status).toBe("passed");
    expect(done.data.council.ratification).toMatchObject({ outcome: "ratified", explanation: "Ratified: 2 of 2 member assemblies > 1/2 (0 rejected, 0 not yet decided)." });
  });
});

describe("the council's charter orders its vote and the ratification", () => {
  it("'after_council': the council votes; what it passes goes to the assemblies and takes effect only when ratified", async () => {
    const { c, steward, a, b, delegates } = await councilOfTwo("after_council");
    const cp = createProposal({ assemblyId: c.id, authorId: delegates[0].id, kind: "general", title: "Tool library", body: "Pool our tools.", now: T0 });
    const path = `/a/${c.slug}/proposals/${cp.id}`;
    const params = { slug: c.slug, id: cp.id };
    const before = await call(proposalRoute.loader, path, { cookie: steward.cookie, params });
    expect(before.data.council).toMatchObject({ path: "after", canSend: false });
    // Sending straight to the assemblies is not this council's way.
    const straight = await call(proposalRoute.action, path, { cookie: steward.cookie, params, form: { intent: "send-ratification" } });
    expect(straight.status).toBe(409);
    expect(straight.data.errors.form).toBe("federation.errors.ratificationAfterCouncil");

    decide(cp.id, delegates.map((d) => ({ userId: d.id })));
    // Passed by the council, so now before the member assemblies: not in effect yet.
    expect(getProposalById(cp.id)!.status).toBe("voting");
    expect(getRatification(cp.id)).toMatchObject({ startedBy: null, outcome: null });
    const pa = ratificationProposalIn(a.assembly.id, cp.id);
    expect(pa).toMatchObject({ kind: "ratification", authorId: null, status: "discussion" });
    // The assembly's page names who started it, and offers no amendment.
    const ap = await call(proposalRoute.loader, `/a/${a.slug}/proposals/${pa.id}`, { cookie: a.members[1].cookie, params: { slug: a.slug, id: pa.id } });
    expect(ap.data.origin).toEqual({ key: "federation.origin.ratificationAfterVote", params: { council: c.name, number: cp.number } });
    expect(ap.data.can).toMatchObject({ amend: false, edit: false, withdraw: false });
    const amend = await call(proposalRoute.action, `/a/${a.slug}/proposals/${pa.id}`, {
      cookie: a.members[1].cookie,
      params: { slug: a.slug, id: pa.id },
      form: { intent: "amend", baseRevision: "1", title: "", body: "Something else", note: "" },
    });
    expect(amend.status).toBe(409);
    expect(amend.data.errors.form).toBe("proposal.errors.notAmendable");

    decide(pa.id, a.everyone.map((m) => ({ userId: m.id })));
    const pb = ratificationProposalIn(b.assembly.id, cp.id);
    decide(pb.id, b.everyone.map((m) => ({ userId: m.id, yes: false })));
    // 1 of 2 is not more than a half: the council's decision does not take effect.
    expect(getProposalById(cp.id)!.status).toBe("failed");
    const page = await call(proposalRoute.loader, path, { cookie: steward.cookie, params });
    expect(page.data.council.ratification.outcome).toBe("rejected");

    // A proposal the council itself turns down never goes to the assemblies.
    const other = createProposal({ assemblyId: c.id, authorId: delegates[0].id, kind: "general", title: "Van", body: "Buy a van.", now: T0 });
    decide(other.id, delegates.map((d) => ({ userId: d.id, yes: false })));
    expect(getProposalById(other.id)!.status).toBe("failed");
    expect(getRatification(other.id)).toBeUndefined();
  });

  it("'instead': straight to the assemblies — the council does not vote, its facilitator sends it", async () => {
    const { c, steward, a, b } = await councilOfTwo("instead");
    const cp = createProposal({ assemblyId: c.id, authorId: steward.id, kind: "general", title: "Common rent strike fund", body: "…", now: T0 });
    const refused = openRound({ proposalId: cp.id, openedBy: steward.id, mode: "online", deadline: T0 + 86_400_000, now: T0 });
    expect(refused).toMatchObject({ ok: false, error: "federation.errors.councilDoesNotVote" });
    const path = `/a/${c.slug}/proposals/${cp.id}`;
    const params = { slug: c.slug, id: cp.id };
    const page = await call(proposalRoute.loader, path, { cookie: steward.cookie, params });
    expect(page.data.council).toMatchObject({ path: "instead", canSend: true });
    expect((await call(proposalRoute.action, path, { cookie: steward.cookie, params, form: { intent: "send-ratification" } })).status).toBe(302);
    const pa = ratificationProposalIn(a.assembly.id, cp.id);
    expect(getLink(pa.id)).toMatchObject({ action: "ratification", councilProposalId: cp.id });
    const ap = await call(proposalRoute.loader, `/a/${a.slug}/proposals/${pa.id}`, { cookie: a.founder.cookie, params: { slug: a.slug, id: pa.id } });
    expect(ap.data.origin).toEqual({ key: "federation.origin.ratification", params: { council: c.name, number: cp.number } });
    decide(pa.id, a.everyone.map((m) => ({ userId: m.id })));
    decide(ratificationProposalIn(b.assembly.id, cp.id).id, b.everyone.map((m) => ({ userId: m.id })));
    expect(getProposalById(cp.id)!.status).toBe("passed");
  });
});

describe("a recall proposal says what started it", () => {
  it("names the petition and its signatures, and offers no amendment", async () => {
    const { a } = await councilOfTwo("optional");
    const [term] = activeTerms({ assemblyId: a.assembly.id });
    const pet = startPetition({ assemblyId: a.assembly.id, termId: term.id, userId: a.members[1].id, reason: "Voted against our mandate.", now: T0 });
    if (!pet.ok) throw new Error(pet.error);
    const signed = signPetition({ petitionId: pet.petition.id, userId: a.founder.id, now: T0 });
    if (!signed.ok || !signed.opened) throw new Error("the recall did not open");
    const recall = getPetition(pet.petition.id)!;
    const id = recall.recallProposalId!;
    const page = await call(proposalRoute.loader, `/a/${a.slug}/proposals/${id}`, { cookie: a.founder.cookie, params: { slug: a.slug, id } });
    expect(page.data.proposal.kind).toBe("recall");
    expect(page.data.origin).toMatchObject({ key: "federation.origin.recall", params: { signatures: 2 } });
    expect(page.data.can.amend).toBe(false);
  });
});

describe("people are told", () => {
  it("a nominee is asked on their assembly's overview, and accepts from there", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1 }, charter: majority });
    const a = await memberBody(c.id, steward.id, { members: 2, charter: majority });
    const e = startElection({ assemblyId: a.assembly.id, councilId: c.id, authorId: a.founder.id, now: T0 });
    if (!e.ok) throw new Error(e.error);
    expect(nominate({ proposalId: e.proposal.id, nomineeId: a.members[0].id, by: a.founder.id, now: T0 })).toMatchObject({ ok: true, accepted: false });
    const home = await call(overviewRoute.loader, `/a/${a.slug}`, { cookie: a.members[0].cookie, params: { slug: a.slug } });
    expect(home.data.federation.nominations).toEqual([{ proposalId: e.proposal.id, councilName: c.name, by: expect.stringContaining("founder") }]);
    // Someone else is not asked.
    expect((await call(overviewRoute.loader, `/a/${a.slug}`, { cookie: a.members[1].cookie, params: { slug: a.slug } })).data.federation.nominations).toEqual([]);
    // The overview's button posts to the election page.
    const accepted = await call(electionRoute.action, `/a/${a.slug}/delegates/elections/${e.proposal.id}`, { cookie: a.members[0].cookie, params: { slug: a.slug, id: e.proposal.id }, form: { intent: "accept" } });
    expect(accepted.status).toBe(302);
    expect((await call(overviewRoute.loader, `/a/${a.slug}`, { cookie: a.members[0].cookie, params: { slug: a.slug } })).data.federation.nominations).toEqual([]);
  });

  it("a delegate learns their seat and their mandate at home; once recalled, the council's pages send them to their term, which says why", async () => {
    const { c, a, b } = await councilOfTwo("optional");
    const delegate = a.members[0];
    const [term] = activeTerms({ assemblyId: a.assembly.id, userId: delegate.id });
    const cp = createProposal({ assemblyId: c.id, authorId: delegate.id, kind: "general", title: "Legal fund", body: "…", now: T0 });
    const m = proposeMandate({ assemblyId: a.assembly.id, councilProposalId: cp.id, stance: "oppose", instructions: "Not this year.", authorId: a.members[1].id, now: T0 });
    if (!m.ok) throw new Error(m.error);
    decide(m.proposal.id, a.everyone.map((x) => ({ userId: x.id })));
    const home = await call(overviewRoute.loader, `/a/${a.slug}`, { cookie: delegate.cookie, params: { slug: a.slug } });
    expect(home.data.federation.seats).toEqual([{ termId: term.id, councilName: c.name, councilSlug: c.slug, endsAt: term.endsAt }]);
    expect(home.data.federation.mandates).toEqual([
      { councilProposalId: cp.id, councilName: c.name, councilSlug: c.slug, number: cp.number, title: "Legal fund", stance: "oppose", imperative: true, instructions: "Not this year." },
    ]);
    // A member who is not the delegate is not told about a seat.
    const other = await call(overviewRoute.loader, `/a/${a.slug}`, { cookie: a.members[1].cookie, params: { slug: a.slug } });
    expect(other.data.federation.seats).toEqual([]);
    expect(other.data.federation.mandates).toEqual([]);
    // While seated, the council's pages open normally.
    expect((await call(layoutRoute.loader, `/a/${c.slug}`, { cookie: delegate.cookie, params: { slug: c.slug } })).status).toBe(200);

    const pet = startPetition({ assemblyId: a.assembly.id, termId: term.id, userId: a.members[1].id, reason: "Ignored our mandate.", now: T0 });
    if (!pet.ok) throw new Error(pet.error);
    signPetition({ petitionId: pet.petition.id, userId: a.founder.id, now: T0 });
    const recallId = getPetition(pet.petition.id)!.recallProposalId!;
    const { closeRound, openRoundOf, castBallot } = await import("~/models/round.server");
    const round = openRoundOf(recallId)!;
    for (const x of a.everyone) castBallot({ roundId: round.id, userId: x.id, choice: "yes", now: T0 + 1000 });
    closeRound({ roundId: round.id, by: null, now: T0 + DAY });

    const gone = await call(layoutRoute.loader, `/a/${c.slug}/proposals/${cp.id}`, { cookie: delegate.cookie, params: { slug: c.slug } });
    expect(gone.status).toBe(302);
    expect(gone.location).toBe(`/a/${a.slug}/delegates/terms/${term.id}?from=council`);
    // Someone who never sat there still gets a plain 404.
    expect((await call(layoutRoute.loader, `/a/${c.slug}`, { cookie: a.members[1].cookie, params: { slug: c.slug } })).status).toBe(404);
    const page = await call(termRoute.loader, `/a/${a.slug}/delegates/terms/${term.id}?from=council`, { cookie: delegate.cookie, params: { slug: a.slug, id: term.id } });
    expect(page.data).toMatchObject({ mine: true, term: { status: "recalled", endedAt: T0 + DAY, councilName: c.name, recall: { proposalId: recallId, reason: "Ignored our mandate." }, canOpenCouncil: false } });
    // The term belongs to the assembly in the address.
    const elsewhere = await call(termRoute.loader, `/a/${b.slug}/delegates/terms/${term.id}`, { cookie: b.founder.cookie, params: { slug: b.slug, id: term.id } });
    expect(elsewhere.status).toBe(404);
  });
});

describe("every page states the seat rules the same way", () => {
  it("a stored rule that cannot apply is called inapplicable on the council and election pages, and no composition is claimed", async () => {
    // Founded through the model, as councils were before the forms refused it.
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1, coDelegatesDifferentGenders: true }, charter: majority });
    const a = await memberBody(c.id, steward.id, { members: 2, charter: majority });
    const page = await call(councilPage.loader, `/a/${c.slug}/council`, { cookie: steward.cookie, params: { slug: c.slug } });
    expect(page.data.composition).toBeNull();
    expect(page.data.seats.showGender).toBe(false);
    const e = startElection({ assemblyId: a.assembly.id, councilId: c.id, authorId: a.founder.id, now: T0 });
    if (!e.ok) throw new Error(e.error);
    const view = await call(electionRoute.loader, `/a/${a.slug}/delegates/elections/${e.proposal.id}`, { cookie: a.founder.cookie, params: { slug: a.slug, id: e.proposal.id } });
    expect(view.data.seatRules.map((l: { key: string }) => l.key)).toEqual(["federation.charter.seats", "federation.rules.coDelegates.inapplicable", "federation.rules.minGenderShare.off"]);
    expect(view.data.rules).toEqual([]);
  });
});

describe("councils you can find and join", () => {
  it("a listed council is in every assembly's directory, and its button starts the join proposal", async () => {
    const { council: listed } = await council({ rules: { listed: true }, name: "Listed Council" });
    const { council: hidden } = await council({ name: "Hidden Council" });
    const a = await assemblyWith({ members: 1 });
    const page = await call(councilsRoute.loader, `/a/${a.slug}/councils`, { cookie: a.founder.cookie, params: { slug: a.slug } });
    const names = page.data.directory.map((c: { name: string }) => c.name);
    expect(names).toContain("Listed Council");
    expect(names).not.toContain("Hidden Council");
    const r = await call(councilsRoute.action, `/a/${a.slug}/councils`, { cookie: a.founder.cookie, params: { slug: a.slug }, form: { council: listed.slug } });
    expect(r.status).toBe(302);
    expect(liveLinkedProposal({ assemblyId: a.assembly.id, councilId: listed.id, action: "join" })).not.toBeNull();
    expect(hidden.kind).toBe("council");
  });

  it("an invitation link starts the join proposal of an assembly where the visitor votes, and only there", async () => {
    const { council: c, steward } = await council({ name: "Invite Council" });
    const page = await call(councilPage.loader, `/a/${c.slug}/council`, { cookie: steward.cookie, params: { slug: c.slug } });
    expect(page.data.invitation).toBe(`http://localhost:3000/councils/${c.slug}/join`);
    const a = await assemblyWith({ members: 1 });
    const other = await assemblyWith({ members: 1 });
    const invite = await call(inviteRoute.loader, `/councils/${c.slug}/join`, { cookie: a.members[0].cookie, params: { slug: c.slug } });
    expect(invite.data.bodies).toEqual([{ id: a.assembly.id, slug: a.slug, name: a.assembly.name, status: null, joinProposalId: null }]);
    // An assembly the visitor is not in cannot be named.
    const notMine = await call(inviteRoute.action, `/councils/${c.slug}/join`, { cookie: a.members[0].cookie, params: { slug: c.slug }, form: { body: other.slug } });
    expect(notMine.status).toBe(404);
    const started = await call(inviteRoute.action, `/councils/${c.slug}/join`, { cookie: a.members[0].cookie, params: { slug: c.slug }, form: { body: a.slug } });
    expect(started.status).toBe(302);
    expect(started.location).toMatch(new RegExp(`^/a/${a.slug}/proposals/`));
    const pid = started.location!.split("/").pop()!;
    decide(pid, [a.founder, ...a.members].map((m) => ({ userId: m.id })));
    expect(liveMembership(c.id, a.assembly.id)?.status).toBe("pending");
    // The request waits on the council's overview, with the accept button for its steward.
    const overview = await call(overviewRoute.loader, `/a/${c.slug}`, { cookie: steward.cookie, params: { slug: c.slug } });
    expect(overview.data.councilDesk.requests).toEqual([expect.objectContaining({ name: a.assembly.name })]);
    expect(overview.data.councilDesk.steward).toBe(true);
    // A missing council is a 404, and a bad form a 400.
    expect((await call(inviteRoute.loader, "/councils/nowhere/join", { cookie: a.members[0].cookie, params: { slug: "nowhere" } })).status).toBe(404);
    expect((await call(inviteRoute.action, `/councils/${c.slug}/join`, { cookie: a.members[0].cookie, params: { slug: c.slug }, form: {} })).status).toBe(400);
  });

  it("the council's overview lists what a facilitator can send, and the Proposals tab says who may propose", async () => {
    const { c, steward, delegates } = await councilOfTwo("optional");
    const cp = createProposal({ assemblyId: c.id, authorId: delegates[0].id, kind: "general", title: "Seed bank", body: "…", now: T0 });
    const overview = await call(overviewRoute.loader, `/a/${c.slug}`, { cookie: steward.cookie, params: { slug: c.slug } });
    expect(overview.data.councilDesk.sendable).toEqual([{ id: cp.id, number: cp.number, title: "Seed bank" }]);
    const asObserver = await call(proposalsIndex.loader, `/a/${c.slug}/proposals`, { cookie: steward.cookie, params: { slug: c.slug } });
    expect(asObserver.data).toMatchObject({ isCouncil: true, canPropose: false });
    const asDelegate = await call(proposalsIndex.loader, `/a/${c.slug}/proposals`, { cookie: delegates[0].cookie, params: { slug: c.slug } });
    expect(asDelegate.data).toMatchObject({ isCouncil: true, canPropose: true });
  });
});
