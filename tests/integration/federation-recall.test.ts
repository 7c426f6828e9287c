import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { recallPetitions, recallSignatures } from "../../db/schema";
import { CHARTER_PRESETS } from "~/lib/charter";
import { getMembership } from "~/models/membership.server";
import { listRecord } from "~/models/record.server";
import { createProposal, getProposalById } from "~/models/proposal.server";
import { castBallot, closeRound, openRound, openRoundOf } from "~/models/round.server";
import { councilSeats } from "~/models/council.server";
import { activeTerms, getTerm, startElection, vacancies } from "~/models/delegate.server";
import { getPetition, signPetition, signaturesNeeded, startPetition } from "~/models/recall.server";
import { DAY, T0, council, elect, memberBody } from "../helpers/federation";

async function setup(members = 5) {
  const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1 }, charter: CHARTER_PRESETS.simple_majority });
  const a = await memberBody(c.id, steward.id, { members });
  const b = await memberBody(c.id, steward.id, { members: 2 });
  const delegate = a.members[0];
  elect(a.assembly.id, c.id, [delegate], a.everyone);
  elect(b.assembly.id, c.id, [b.members[0]], b.everyone);
  const [term] = activeTerms({ assemblyId: a.assembly.id });
  return { c, a, b, delegate, term };
}

describe("recall petitions", () => {
  it("signatures needed: the charter's share of voting members, rounded up, never fewer than its minimum", async () => {
    const { a } = await setup(29);
    // 30 voting members × 1/10 = 3; the minimum is 2.
    expect(signaturesNeeded(a.assembly.id).needed).toBe(3);
    const small = await setup(4);
    // 5 × 1/10 rounds up to 1, but at least 2.
    expect(signaturesNeeded(small.a.assembly.id).needed).toBe(2);
  });

  it("members sign; at the threshold a secret recall round opens; passing ends the term at once and the seat is vacant", async () => {
    const { c, a, b, delegate, term } = await setup();
    const [, s1, s2, s3] = a.members;
    const pet = startPetition({ assemblyId: a.assembly.id, termId: term.id, userId: s1.id, reason: "Voted against our mandate twice.", now: T0 + DAY });
    if (!pet.ok) throw new Error(pet.error);
    expect(pet.petition).toMatchObject({ needed: 2, status: "collecting" });
    // A member of another assembly cannot sign; nor can the same member twice.
    expect(signPetition({ petitionId: pet.petition.id, userId: b.members[1].id, now: T0 + DAY })).toMatchObject({ ok: false, status: 403, error: "federation.errors.notVoterHere" });
    expect(signPetition({ petitionId: pet.petition.id, userId: s1.id, now: T0 + DAY })).toMatchObject({ ok: false, status: 409, error: "federation.errors.alreadySigned" });
    expect(db.select().from(recallSignatures).where(eq(recallSignatures.petitionId, pet.petition.id)).all()).toHaveLength(1);
    expect(startPetition({ assemblyId: a.assembly.id, termId: term.id, userId: s2.id, reason: "again", now: T0 + DAY })).toMatchObject({ ok: false, error: "federation.errors.petitionOpen" });

    const signed = signPetition({ petitionId: pet.petition.id, userId: s2.id, now: T0 + DAY + 1 });
    expect(signed).toEqual({ ok: true, signatures: 2, opened: true });
    const petition = getPetition(pet.petition.id)!;
    expect(petition.status).toBe("voting");
    const recall = getProposalById(petition.recallProposalId!)!;
    expect(recall).toMatchObject({ kind: "recall", assemblyId: a.assembly.id, status: "voting" });
    const round = openRoundOf(recall.id)!;
    expect(round).toMatchObject({ secret: true, method: "majority", deadline: T0 + DAY + 1 + 7 * DAY });
    // Signing after the round opened is refused.
    expect(signPetition({ petitionId: pet.petition.id, userId: s3.id, now: T0 + DAY + 2 })).toMatchObject({ ok: false, error: "federation.errors.petitionClosed" });

    // Meanwhile the delegate is voting in the council.
    const cp = createProposal({ assemblyId: c.id, authorId: delegate.id, kind: "general", title: "Shared legal fund", body: "…", now: T0 });
    const councilRound = openRound({ proposalId: cp.id, openedBy: null, mode: "online", deadline: T0 + 30 * DAY, now: T0 + DAY });
    if (!councilRound.ok) throw new Error(councilRound.error);

    for (const m of [a.founder, s1, s2, s3]) expect(castBallot({ roundId: round.id, userId: m.id, choice: "yes", now: T0 + 2 * DAY }).ok).toBe(true);
    expect(castBallot({ roundId: round.id, userId: delegate.id, choice: "no", now: T0 + 2 * DAY }).ok).toBe(true);
    closeRound({ roundId: round.id, by: null, now: T0 + 3 * DAY });

    expect(getTerm(term.id)).toMatchObject({ status: "recalled", endedAt: T0 + 3 * DAY, endReason: "recall" });
    expect(getPetition(pet.petition.id)!.status).toBe("recalled");
    expect(getMembership(c.id, delegate.id)).toBeUndefined();
    expect(councilSeats(c.id).seats.find((s) => s.body.id === a.assembly.id)).toMatchObject({ held: [], vacant: 1 });
    expect(listRecord(a.assembly.id)[0].summary).toBe("record.federation.recalled");
    expect(listRecord(c.id)[0].summary).toBe("record.federation.recalled");
    // The recalled delegate's late ballot in the council is refused; an election can start.
    expect(castBallot({ roundId: councilRound.round.id, userId: delegate.id, choice: "yes", now: T0 + 3 * DAY + 1 })).toMatchObject({ ok: false, status: 403, error: "federation.errors.termEnded" });
    expect(vacancies(a.assembly.id, c.id)).toBe(1);
    expect(startElection({ assemblyId: a.assembly.id, councilId: c.id, authorId: s1.id, now: T0 + 4 * DAY }).ok).toBe(true);
  });

  it("a recall that fails keeps the delegate; the petition is closed as retained", async () => {
    const { a, term } = await setup();
    const [, s1, s2, s3, s4] = a.members;
    const pet = startPetition({ assemblyId: a.assembly.id, termId: term.id, userId: s1.id, reason: "Missed two meetings.", now: T0 });
    if (!pet.ok) throw new Error(pet.error);
    signPetition({ petitionId: pet.petition.id, userId: s2.id, now: T0 });
    const round = openRoundOf(getPetition(pet.petition.id)!.recallProposalId!)!;
    castBallot({ roundId: round.id, userId: s1.id, choice: "yes", now: T0 + 1 });
    for (const m of [s2, s3, s4, a.founder]) castBallot({ roundId: round.id, userId: m.id, choice: "no", now: T0 + 1 });
    closeRound({ roundId: round.id, by: null, now: T0 + 2 });
    expect(getTerm(term.id)!.status).toBe("active");
    expect(db.select().from(recallPetitions).where(eq(recallPetitions.id, pet.petition.id)).get()!.status).toBe("retained");
  });

  it("refuses a petition from a member of another assembly, or against an ended term", async () => {
    const { a, b, term } = await setup();
    expect(startPetition({ assemblyId: a.assembly.id, termId: term.id, userId: b.members[1].id, reason: "x", now: T0 })).toMatchObject({ ok: false, status: 403, error: "federation.errors.notVoterHere" });
    expect(startPetition({ assemblyId: b.assembly.id, termId: term.id, userId: b.members[1].id, reason: "x", now: T0 })).toMatchObject({ ok: false, status: 404 });
    expect(db.select().from(recallPetitions).where(eq(recallPetitions.termId, term.id)).all()).toEqual([]);
  });
});
