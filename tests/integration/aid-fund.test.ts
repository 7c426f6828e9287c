/**
 * Aid programmes and funds, and the aid report (docs/domain.md#mutual-aid): a programme is
 * adopted by an "aid programme" proposal passed under the charter (the round hook); its ledger
 * never goes negative, every grant is linked to an allowing decision (the coordinator limit or
 * a passed proposal, one grant each), every entry is in the hash-chained record; the aid report
 * goes on the next meeting's agenda, generated.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { aidLedger, recordEntries } from "../../db/schema";
import { CHARTER_PRESETS } from "~/lib/charter";
import { DAY } from "~/lib/aid-fields";
import { createProposal } from "~/models/proposal.server";
import { castBallot, closeRound, openRound } from "~/models/round.server";
import { verifyRecord } from "~/models/record.server";
import { scheduleMeeting } from "~/models/meeting.server";
import { listAgenda } from "~/models/agenda.server";
import { categoriesOf, createPost, respond, acceptMatch, endMatch, setAidCoordinator } from "~/models/aid.server";
import { addLedgerEntry, programmeView } from "~/models/aid-fund.server";
import { metByMonth, reportFigures } from "~/models/aid-report.server";
import { createSeries } from "~/models/aid-shift.server";
import * as programmes from "~/routes/a.$slug.aid.programmes._index";
import * as programmePage from "~/routes/a.$slug.aid.programmes.$id";
import * as overview from "~/routes/a.$slug.aid._index";
import { call } from "../helpers/remix";
import { assemblyWith, type Member } from "../helpers/decisions";

const charter = () => ({ ...CHARTER_PRESETS.simple_majority, quorum: { kind: "none" as const }, aid: { ladder: "peer" as const, retentionDays: 90 } });

function pass(proposalId: string, voters: Member[], by: string, now: number) {
  const r = openRound({ proposalId, openedBy: by, mode: "online", deadline: now + DAY, now });
  if (!r.ok) throw new Error(r.error);
  for (const v of voters) {
    const b = castBallot({ roundId: r.round.id, userId: v.id, choice: "yes", now: now + 1 });
    if (!b.ok) throw new Error(b.error);
  }
  const c = closeRound({ roundId: r.round.id, by, now: now + 2 });
  if (!c.ok) throw new Error(c.error);
  return c.round;
}

async function setup() {
  const a = await assemblyWith({ members: 3, charter: charter(), prefix: "fund" });
  const [coordinator, member, other] = a.members;
  setAidCoordinator(a.assembly.id, coordinator.id, true);
  const everyone = [a.founder, ...a.members];
  const r = await call(programmes.action, `/a/${a.slug}/aid/programmes`, { cookie: member.cookie, params: { slug: a.slug }, form: { name: "Hardship fund", unit: "EUR", coordinatorLimit: "50", terms: "Up to 200 per household a month; coordinators decide up to 50; larger asks go to the assembly." } });
  expect(r.status).toBe(302);
  const proposalId = r.location!.split("/proposals/")[1];
  const list = await call(programmes.loader, `/a/${a.slug}/aid/programmes`, { cookie: member.cookie, params: { slug: a.slug } });
  const programmeId = list.data.programmes[0].id as string;
  return { ...a, coordinator, member, other, everyone, proposalId, programmeId };
}

const coord = (m: Member) => ({ userId: m.id, coordinator: true });

describe("aid programmes", () => {
  it("a programme is proposed as an 'aid programme' proposal and adopted when the assembly passes it; its terms show on its page", async () => {
    const s = await setup();
    const before = programmeView(s.assembly.id, s.programmeId)!;
    expect(before.programme).toMatchObject({ status: "proposed", name: "Hardship fund", unit: "EUR", coordinatorLimit: 50 });
    expect(before.terms).toContain("coordinators decide up to 50");
    // Not adopted: no entries yet.
    expect(addLedgerEntry(s.assembly.id, s.programmeId, coord(s.coordinator), { direction: "in", amount: 100, purpose: "Dues" }, Date.now())).toMatchObject({ ok: false, status: 409, error: "aid.errors.notAdopted" });
    pass(s.proposalId, s.everyone, s.founder.id, Date.now());
    expect(programmeView(s.assembly.id, s.programmeId)!.programme.status).toBe("adopted");
    const page = await call(programmePage.loader, `/a/${s.slug}/aid/programmes/${s.programmeId}`, { cookie: s.member.cookie, params: { slug: s.slug, id: s.programmeId } });
    expect(page.status).toBe(200);
    expect(page.data.terms).toContain("Up to 200 per household");
    // Another body's programme id: not found here; a non-member: 404.
    const other = await setup();
    expect((await call(programmePage.loader, `/a/${s.slug}/aid/programmes/${other.programmeId}`, { cookie: s.member.cookie, params: { slug: s.slug, id: other.programmeId } })).status).toBe(404);
    expect((await call(programmePage.loader, `/a/${s.slug}/aid/programmes/${s.programmeId}`, { cookie: other.member.cookie, params: { slug: s.slug, id: s.programmeId } })).status).toBe(404);
  });

  it("a programme the assembly rejects is not adopted", async () => {
    const s = await setup();
    const r = openRound({ proposalId: s.proposalId, openedBy: s.founder.id, mode: "online", deadline: Date.now() + DAY, now: Date.now() });
    if (!r.ok) throw new Error(r.error);
    for (const v of s.everyone) castBallot({ roundId: r.round.id, userId: v.id, choice: "no", now: Date.now() });
    closeRound({ roundId: r.round.id, by: s.founder.id, now: Date.now() + 1 });
    expect(programmeView(s.assembly.id, s.programmeId)!.programme.status).toBe("rejected");
  });
});

describe("the fund's ledger", () => {
  it("never goes negative, and every grant is linked to an allowing decision; every entry is in the record chain", async () => {
    const s = await setup();
    const now = Date.now();
    pass(s.proposalId, s.everyone, s.founder.id, now);
    const page = (form: Record<string, string>, who = s.coordinator) => call(programmePage.action, `/a/${s.slug}/aid/programmes/${s.programmeId}`, { cookie: who.cookie, params: { slug: s.slug, id: s.programmeId }, form });
    // Only coordinators write entries.
    expect((await page({ direction: "in", amount: "100", purpose: "Dues" }, s.member)).status).toBe(403);
    // Bad input: 400 beside the field.
    const bad = await page({ direction: "in", amount: "-5", purpose: "" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toMatchObject({ amount: "errors.min1", purpose: "errors.required" });
    expect((await page({ direction: "out", amount: "10", purpose: "Groceries" })).data.errors).toEqual({ allowedBy: "errors.choice" });
    // Nothing in the fund: a grant would take it below zero.
    const empty = await page({ direction: "out", amount: "10", purpose: "Groceries", allowedBy: "coordinator_limit" });
    expect(empty.status).toBe(409);
    expect(empty.data.errors.amount).toContain("0 EUR");
    expect((await page({ direction: "in", amount: "120", purpose: "May dues" })).status).toBe(302);
    // Within the coordinator limit.
    expect((await page({ direction: "out", amount: "50", purpose: "Groceries", allowedBy: "coordinator_limit", recipientName: "Ana", recipientAgreed: "" })).status).toBe(302);
    // Above it: needs a passed proposal.
    const over = await page({ direction: "out", amount: "60", purpose: "Rent arrears", allowedBy: "coordinator_limit" });
    expect(over.status).toBe(409);
    expect(over.data.errors.amount).toContain("50 EUR");
    // The programme's own adoption does not allow it; an open proposal does not; another body's does not.
    expect((await page({ direction: "out", amount: "60", purpose: "Rent arrears", allowedBy: "proposal", allowingProposalId: s.proposalId })).data.errors).toEqual({ allowingProposalId: "aid.errors.allowingProposal" });
    const open = createProposal({ assemblyId: s.assembly.id, authorId: s.member.id, kind: "general", title: "Grant 60 for rent arrears", body: "From the hardship fund.", now });
    expect((await page({ direction: "out", amount: "60", purpose: "Rent arrears", allowedBy: "proposal", allowingProposalId: open.id })).data.errors).toEqual({ allowingProposalId: "aid.errors.allowingProposal" });
    const elsewhere = await setup();
    const foreign = createProposal({ assemblyId: elsewhere.assembly.id, authorId: elsewhere.member.id, kind: "general", title: "x", body: "x", now });
    pass(foreign.id, elsewhere.everyone, elsewhere.founder.id, now);
    expect((await page({ direction: "out", amount: "60", purpose: "Rent arrears", allowedBy: "proposal", allowingProposalId: foreign.id })).data.errors).toEqual({ allowingProposalId: "aid.errors.allowingProposal" });
    pass(open.id, s.everyone, s.founder.id, now);
    // 70 left: 60 allowed by the passed proposal, named only because the recipient agreed.
    expect((await page({ direction: "out", amount: "60", purpose: "Rent arrears", allowedBy: "proposal", allowingProposalId: open.id, recipientName: "The Díaz family", recipientAgreed: "on" })).status).toBe(302);
    // One grant per proposal.
    expect((await page({ direction: "in", amount: "500", purpose: "Benefit concert" })).status).toBe(302);
    expect((await page({ direction: "out", amount: "5", purpose: "Again", allowedBy: "proposal", allowingProposalId: open.id })).data.errors).toEqual({ allowingProposalId: "aid.errors.proposalUsed" });
    const view = programmeView(s.assembly.id, s.programmeId)!;
    expect(view.ledger.map((e) => [e.direction, e.amount, e.allowedBy, e.balanceAfter, e.recipientName])).toEqual([
      ["in", 120, null, 120, null],
      ["out", 50, "coordinator_limit", 70, null],
      ["out", 60, "proposal", 10, "The Díaz family"],
      ["in", 500, null, 510, null],
    ]);
    expect(view.programme.balance).toBe(510);
    // Every grant has a decision behind it; no balance below zero.
    const rows = db.select().from(aidLedger).where(eq(aidLedger.programmeId, s.programmeId)).all();
    for (const r of rows) {
      expect(r.balanceAfter).toBeGreaterThanOrEqual(0);
      if (r.direction === "out") expect(r.allowedBy === "coordinator_limit" ? r.amount <= 50 : r.allowingProposalId !== null).toBe(true);
    }
    // Each entry is in the record, chained: amounts and purposes, a name only where agreed.
    const entries = db.select().from(recordEntries).where(eq(recordEntries.assemblyId, s.assembly.id)).all().filter((e) => e.kind === "aid_ledger");
    expect(entries).toHaveLength(4);
    expect(rows.map((r) => r.recordSeq).sort()).toEqual(entries.map((e) => e.seq).sort());
    expect(entries.map((e) => JSON.parse(e.payload).recipientName)).toEqual([null, null, "The Díaz family", null]);
    expect(entries.some((e) => e.payload.includes("Ana"))).toBe(false);
    expect(verifyRecord(s.assembly.id).broken).toBeNull();
  });

  it("two grants racing for the same balance cannot both succeed", async () => {
    const s = await setup();
    pass(s.proposalId, s.everyone, s.founder.id, Date.now());
    addLedgerEntry(s.assembly.id, s.programmeId, coord(s.coordinator), { direction: "in", amount: 60, purpose: "Dues" }, Date.now());
    const grant = () => addLedgerEntry(s.assembly.id, s.programmeId, coord(s.coordinator), { direction: "out", amount: 40, purpose: "Food", allowedBy: "coordinator_limit", allowingProposalId: null, recipientName: null, recipientAgreed: false }, Date.now());
    expect(grant().ok).toBe(true);
    expect(grant()).toMatchObject({ ok: false, error: "aid.errors.overdrawn" });
    expect(programmeView(s.assembly.id, s.programmeId)!.programme.balance).toBe(20);
  });
});

describe("the aid report", () => {
  it("goes on the next meeting's agenda, generated: met and unmet per category since the last meeting, short shifts, fund balance", async () => {
    const s = await setup();
    const now = Date.now();
    pass(s.proposalId, s.everyone, s.founder.id, now);
    addLedgerEntry(s.assembly.id, s.programmeId, coord(s.coordinator), { direction: "in", amount: 80, purpose: "Dues" }, now);
    const cats = categoriesOf(s.assembly.id);
    const food = cats.find((c) => c.key === "food")!;
    const childcare = cats.find((c) => c.key === "childcare")!;
    const post = (categoryId: string) => {
      const r = createPost(s.assembly.id, s.member.id, { kind: "request", categoryId, zoneId: null, title: "t", quantity: "", details: "", windowStart: null, windowEnd: null, urgency: "normal", anonymous: false, shareable: false }, now);
      if (!r.ok) throw new Error(r.error);
      return r.id;
    };
    const met = post(childcare.id);
    post(childcare.id);
    post(food.id);
    const m = respond(s.assembly.id, met, { userId: s.other.id, coordinator: false }, "", now);
    if (!m.ok) throw new Error(m.error);
    acceptMatch(s.assembly.id, m.id, { userId: s.member.id, coordinator: false }, "", now);
    endMatch(s.assembly.id, m.id, { userId: s.other.id, coordinator: false }, "done", "", now + 1);
    const f = reportFigures(s.assembly.id, now + 2);
    // By month: the met request counts as met in this month's column.
    expect(metByMonth(s.assembly.id, now + 2).at(-1)).toMatchObject({ met: 1, unmet: 0 });
    // A weekly shift with an open place starting tomorrow counts as short.
    const series = createSeries(s.assembly.id, coord(s.coordinator), { title: "Pantry", place: "", firstStartsAt: now + DAY, durationMinutes: 60, everyWeeks: 1, weeksAhead: 1, slots: [{ role: "Packer", max: 2 }] }, now);
    expect(series.ok).toBe(true);
    expect(reportFigures(s.assembly.id, now + 2).shortShifts).toBe(1);
    expect(f.categories.map((c) => [c.key, c.met, c.unmet])).toEqual([["childcare", 1, 1], ["food", 0, 1]]);
    expect(f.funds).toEqual([{ name: "Hardship fund", unit: "EUR", balance: 80 }]);
    // No meeting scheduled: refused with a reason.
    const none = await call(overview.action, `/a/${s.slug}/aid`, { cookie: s.coordinator.cookie, params: { slug: s.slug }, form: { intent: "report" } });
    expect(none.status).toBe(409);
    expect(none.data.errors.form).toBe("aid.errors.noMeeting");
    const meeting = scheduleMeeting({ assemblyId: s.assembly.id, createdBy: s.founder.id, title: "General meeting", startsAt: now + 7 * DAY, durationMinutes: 90, place: "Hall", link: "", shortNotice: true, now });
    if (!meeting.ok) throw new Error(meeting.error);
    // A member who neither coordinates nor facilitates cannot.
    expect((await call(overview.action, `/a/${s.slug}/aid`, { cookie: s.member.cookie, params: { slug: s.slug }, form: { intent: "report" } })).status).toBe(403);
    const placed = await call(overview.action, `/a/${s.slug}/aid`, { cookie: s.coordinator.cookie, params: { slug: s.slug }, form: { intent: "report" } });
    expect(placed.status).toBe(302);
    expect(placed.location).toBe(`/a/${s.slug}/meetings/${meeting.meeting.id}`);
    const items = listAgenda(meeting.meeting.id);
    expect(items).toEqual([expect.objectContaining({ kind: "report", title: "Aid report" })]);
    expect(items[0].description).toContain("Childcare: 1 met, 1 not met");
    expect(items[0].description).toContain("Food: 0 met, 1 not met");
    expect(items[0].description).toContain("Hardship fund: balance 80 EUR");
    // Once per meeting.
    expect((await call(overview.action, `/a/${s.slug}/aid`, { cookie: s.founder.cookie, params: { slug: s.slug }, form: { intent: "report" } })).status).toBe(409);
  });
});
