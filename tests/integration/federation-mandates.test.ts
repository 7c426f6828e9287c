import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db, transaction } from "~/db.server";
import { ballots, mandateFlags } from "../../db/schema";
import { CHARTER_PRESETS, defaultCharter } from "~/lib/charter";
import { listRecord } from "~/models/record.server";
import { createProposal } from "~/models/proposal.server";
import { castBallot, closeRound, openRound } from "~/models/round.server";
import { startTerm } from "~/models/delegate.server";
import { flagsForBody, mandateInForce, mandatePanel, proposeMandate } from "~/models/mandate.server";
import { DAY, T0, council, decide, memberBody } from "../helpers/federation";

async function setup() {
  // Councils vote by simple majority here, so ballots are yes / no / abstain.
  const { council: c, steward } = await council({ charter: CHARTER_PRESETS.simple_majority });
  const a = await memberBody(c.id, steward.id, { members: 2, prefix: "a" });
  const free = { ...defaultCharter(), delegates: { ...defaultCharter().delegates, mandate: "free" as const } };
  const b = await memberBody(c.id, steward.id, { members: 2, prefix: "b", charter: free });
  const da = a.members[0];
  const db_ = b.members[0];
  transaction(() => {
    startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: da.id, now: T0, mandateText: "", electionProposalId: null });
    startTerm({ assemblyId: b.assembly.id, councilId: c.id, userId: db_.id, now: T0, mandateText: "", electionProposalId: null });
  });
  const cp = createProposal({ assemblyId: c.id, authorId: da.id, kind: "general", title: "Regional rent strike", body: "All member unions strike together in May.", now: T0 });
  return { c, steward, a, b, da, db: db_, cp };
}

function mandate(assemblyId: string, councilProposalId: string, stance: "support" | "oppose" | "abstain" | "free", authorId: string, voters: string[]) {
  const m = proposeMandate({ assemblyId, councilProposalId, stance, instructions: "Only if the fund is shared.", authorId, now: T0 });
  if (!m.ok) throw new Error(m.error);
  decide(m.proposal.id, voters.map((userId) => ({ userId })));
  return m.proposal;
}

describe("mandates", () => {
  it("a member assembly decides a mandate under its own charter; it is in force once passed", async () => {
    const { a, cp } = await setup();
    const m = proposeMandate({ assemblyId: a.assembly.id, councilProposalId: cp.id, stance: "oppose", instructions: "We cannot afford it.", authorId: a.founder.id, now: T0 });
    if (!m.ok) throw new Error(m.error);
    expect(m.proposal).toMatchObject({ kind: "mandate", assemblyId: a.assembly.id });
    expect(mandateInForce(a.assembly.id, cp.id)).toBeNull();
    expect(proposeMandate({ assemblyId: a.assembly.id, councilProposalId: cp.id, stance: "support", instructions: "", authorId: a.founder.id, now: T0 })).toMatchObject({ ok: false, error: "federation.errors.mandateOpen" });
    decide(m.proposal.id, a.everyone.map((x) => ({ userId: x.id })));
    expect(mandateInForce(a.assembly.id, cp.id)).toMatchObject({ stance: "oppose", instructions: "We cannot afford it.", imperative: true });
  });

  it("a delegate's ballot against an imperative mandate needs a reason; with one, it is flagged and reported home", async () => {
    const { c, a, da, db: dbDelegate, cp } = await setup();
    mandate(a.assembly.id, cp.id, "oppose", a.founder.id, a.everyone.map((x) => x.id));
    const opened = openRound({ proposalId: cp.id, openedBy: null, mode: "online", deadline: T0 + DAY, now: T0 });
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.round.secret).toBe(false);
    const r = opened.round;
    // No reason: refused, nothing stored.
    expect(castBallot({ roundId: r.id, userId: da.id, choice: "yes", now: T0 + 1 })).toMatchObject({ ok: false, status: 400, error: "federation.errors.mandateReason" });
    expect(db.select().from(ballots).where(eq(ballots.roundId, r.id)).all()).toEqual([]);
    expect(castBallot({ roundId: r.id, userId: da.id, choice: "yes", reason: "The fund is now shared; the mandate's condition is met.", now: T0 + 2 }).ok).toBe(true);
    // Seen at once by the home assembly, before the round closes.
    expect(flagsForBody(a.assembly.id)).toEqual([expect.objectContaining({ userId: da.id, stance: "oppose", choice: "yes", reason: "The fund is now shared; the mandate's condition is met.", reportedAt: null })]);
    // The other delegate has no mandate: no reason needed.
    expect(castBallot({ roundId: r.id, userId: dbDelegate.id, choice: "yes", now: T0 + 3 }).ok).toBe(true);
    const panel = mandatePanel(cp.id)!;
    expect(panel.rows.find((x) => x.userId === da.id)).toMatchObject({ choice: "yes", against: true, mandate: expect.objectContaining({ stance: "oppose" }), flag: expect.objectContaining({ reason: expect.stringContaining("shared") }) });
    expect(panel.rows.find((x) => x.userId === dbDelegate.id)).toMatchObject({ choice: "yes", against: false, mandate: null, flag: null });
    closeRound({ roundId: r.id, by: null, now: T0 + 4 });
    const entry = listRecord(a.assembly.id)[0];
    expect(entry.summary).toBe("record.federation.mandateBreach");
    expect(JSON.parse(entry.payload)).toMatchObject({ councilProposalId: cp.id, reason: expect.stringContaining("shared"), params: { council: c.name, number: cp.number } });
    expect(flagsForBody(a.assembly.id)[0].reportedAt).toBe(T0 + 4);
  });

  it("changing the ballot to follow the mandate removes the flag", async () => {
    const { a, da, cp } = await setup();
    mandate(a.assembly.id, cp.id, "support", a.founder.id, a.everyone.map((x) => x.id));
    const opened = openRound({ proposalId: cp.id, openedBy: null, mode: "online", deadline: T0 + DAY, now: T0 });
    if (!opened.ok) throw new Error(opened.error);
    expect(castBallot({ roundId: opened.round.id, userId: da.id, choice: "abstain", reason: "Conflict of interest", now: T0 + 1 }).ok).toBe(true);
    expect(flagsForBody(a.assembly.id)).toHaveLength(1);
    expect(castBallot({ roundId: opened.round.id, userId: da.id, choice: "yes", now: T0 + 2 }).ok).toBe(true);
    expect(flagsForBody(a.assembly.id)).toEqual([]);
  });

  it("under a free mandate (the body's charter) a contrary ballot needs no reason and is not flagged", async () => {
    const { b, db: dbDelegate, cp } = await setup();
    mandate(b.assembly.id, cp.id, "oppose", b.founder.id, b.everyone.map((x) => x.id));
    expect(mandateInForce(b.assembly.id, cp.id)).toMatchObject({ stance: "oppose", imperative: false });
    const opened = openRound({ proposalId: cp.id, openedBy: null, mode: "online", deadline: T0 + DAY, now: T0 });
    if (!opened.ok) throw new Error(opened.error);
    expect(castBallot({ roundId: opened.round.id, userId: dbDelegate.id, choice: "yes", now: T0 + 1 }).ok).toBe(true);
    expect(db.select().from(mandateFlags).where(eq(mandateFlags.roundId, opened.round.id)).all()).toEqual([]);
  });

  it("only seated delegates vote: a steward without a seat and a delegate whose term ended are refused clearly", async () => {
    const { a, da, cp, steward } = await setup();
    const opened = openRound({ proposalId: cp.id, openedBy: null, mode: "online", deadline: T0 + DAY, now: T0 });
    if (!opened.ok) throw new Error(opened.error);
    // The founding steward watches the council as an observer: not in the electorate.
    expect(castBallot({ roundId: opened.round.id, userId: steward.id, choice: "yes", now: T0 + 1 })).toMatchObject({ ok: false, status: 403, error: "round.errors.notEligible" });
    // The delegate's term ends while the round is open (recall, resignation): their late ballot is refused.
    const { activeTerms, endTerm } = await import("~/models/delegate.server");
    const [term] = activeTerms({ councilId: cp.assemblyId, userId: da.id });
    transaction(() => endTerm(term, "recalled", "recall", T0 + 2));
    expect(castBallot({ roundId: opened.round.id, userId: da.id, choice: "no", now: T0 + 3 })).toMatchObject({ ok: false, status: 403, error: "federation.errors.termEnded" });
    expect(db.select().from(ballots).where(and(eq(ballots.roundId, opened.round.id), eq(ballots.userId, da.id))).all()).toEqual([]);
    expect(a.assembly.id).toBeTruthy();
  });

  it("refuses a mandate on a decided council proposal or from a body outside the council", async () => {
    const { a, cp, c, da, db: other } = await setup();
    const outsider = await (await import("../helpers/decisions")).assemblyWith({ members: 1 });
    expect(proposeMandate({ assemblyId: outsider.assembly.id, councilProposalId: cp.id, stance: "oppose", instructions: "", authorId: outsider.founder.id, now: T0 })).toMatchObject({ ok: false, status: 404 });
    const done = createProposal({ assemblyId: c.id, authorId: da.id, kind: "general", title: "Done deal", body: "…", now: T0 });
    decide(done.id, [{ userId: da.id }, { userId: other.id }]);
    expect(proposeMandate({ assemblyId: a.assembly.id, councilProposalId: done.id, stance: "oppose", instructions: "", authorId: a.founder.id, now: T0 })).toMatchObject({ ok: false, status: 409, error: "federation.errors.councilProposalDecided" });
  });
});
