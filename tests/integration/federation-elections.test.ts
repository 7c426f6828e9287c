import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, transaction } from "~/db.server";
import { delegateTerms, paperBallots, proposalOptions } from "../../db/schema";
import { countStv, parseBlt } from "~/engine";
import { defaultCharter } from "~/lib/charter";
import { getMembership } from "~/models/membership.server";
import { listRecord } from "~/models/record.server";
import { listOptions } from "~/models/proposal.server";
import { castBallot, closeRound, getRound, openRound, openRoundOf } from "~/models/round.server";
import { updateProfile } from "~/models/user.server";
import { councilSeats } from "~/models/council.server";
import {
  activeTerms,
  addMonths,
  answerNomination,
  consecutiveTerms,
  electionBlt,
  endTerm,
  getTerm,
  importPaperBallots,
  listNominations,
  nominate,
  startElection,
  startTerm,
  vacancies,
} from "~/models/delegate.server";
import { DAY, T0, bulkMembers, council, elect, memberBody, quickPerson, setGender } from "../helpers/federation";

const ballotsDir = path.resolve(__dirname, "../../../shared/data/ballots");
const readBallots = (file: string) => readFileSync(path.join(ballotsDir, file), "utf8");

describe("nominations", () => {
  it("candidates are members who were nominated and accepted; declining withdraws them", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1 } });
    const a = await memberBody(c.id, steward.id, { members: 3 });
    const [ana, ben, cai] = a.members;
    const e = startElection({ assemblyId: a.assembly.id, councilId: c.id, authorId: a.founder.id, now: T0 });
    if (!e.ok) throw new Error(e.error);
    expect(e.proposal).toMatchObject({ kind: "election", seats: 1 });
    expect(nominate({ proposalId: e.proposal.id, nomineeId: ana.id, by: a.founder.id, now: T0 })).toEqual({ ok: true, accepted: false });
    expect(listOptions(e.proposal.id)).toEqual([]);
    expect(answerNomination({ proposalId: e.proposal.id, userId: ana.id, answer: "accept", now: T0 })).toEqual({ ok: true });
    expect(nominate({ proposalId: e.proposal.id, nomineeId: ben.id, by: ben.id, now: T0 })).toEqual({ ok: true, accepted: true });
    expect(nominate({ proposalId: e.proposal.id, nomineeId: cai.id, by: ana.id, now: T0 }).ok).toBe(true);
    expect(answerNomination({ proposalId: e.proposal.id, userId: cai.id, answer: "decline", now: T0 })).toEqual({ ok: true });
    expect(listOptions(e.proposal.id).map((o) => o.userId)).toEqual([ana.id, ben.id]);
    // Ana withdraws: positions close up so ballots still number 0..n-1.
    answerNomination({ proposalId: e.proposal.id, userId: ana.id, answer: "decline", now: T0 });
    expect(listOptions(e.proposal.id)).toEqual([expect.objectContaining({ position: 0, userId: ben.id })]);
    expect(listNominations(e.proposal.id).find((n) => n.userId === cai.id)?.declinedAt).toBe(T0);
  });

  it("refuses: a non-member nominee, a second nomination, a second election, nominating after voting opened", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1 } });
    const a = await memberBody(c.id, steward.id, { members: 2 });
    const outsider = await quickPerson("outsider");
    const e = startElection({ assemblyId: a.assembly.id, councilId: c.id, authorId: a.founder.id, now: T0 });
    if (!e.ok) throw new Error(e.error);
    expect(startElection({ assemblyId: a.assembly.id, councilId: c.id, authorId: a.founder.id, now: T0 })).toMatchObject({ ok: false, status: 409, error: "federation.errors.electionOpen" });
    expect(nominate({ proposalId: e.proposal.id, nomineeId: outsider.id, by: a.founder.id, now: T0 })).toMatchObject({ ok: false, status: 400, error: "federation.errors.nomineeNotMember" });
    expect(nominate({ proposalId: e.proposal.id, nomineeId: a.members[0].id, by: a.members[0].id, now: T0 }).ok).toBe(true);
    expect(nominate({ proposalId: e.proposal.id, nomineeId: a.members[0].id, by: a.founder.id, now: T0 })).toMatchObject({ ok: false, status: 409, error: "federation.errors.alreadyNominated" });
    const r = openRound({ proposalId: e.proposal.id, openedBy: a.founder.id, mode: "online", deadline: T0 + DAY, now: T0 });
    expect(r.ok).toBe(true);
    expect(nominate({ proposalId: e.proposal.id, nomineeId: a.members[1].id, by: a.members[1].id, now: T0 })).toMatchObject({ ok: false, status: 409, error: "federation.errors.nominationsClosed" });
    expect(listOptions(e.proposal.id)).toHaveLength(1);
  });

  it("enforces the term limit at nomination: two terms in a row, then a term out", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1 } });
    const charter = { ...defaultCharter(), delegates: { ...defaultCharter().delegates, termLimit: 2, termMonths: 12 } };
    const a = await memberBody(c.id, steward.id, { members: 2, charter });
    const vet = a.members[0];
    // Two consecutive 12-month terms, the second ending now.
    const start = addMonths(T0, -24);
    transaction(() => {
      const t1 = startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: vet.id, now: start, mandateText: "", electionProposalId: null });
      endTerm(t1, "ended", "term_over", addMonths(start, 12));
      const t2 = startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: vet.id, now: addMonths(start, 12), mandateText: "", electionProposalId: null });
      endTerm(t2, "ended", "term_over", T0);
    });
    expect(consecutiveTerms(a.assembly.id, c.id, vet.id, T0, 12)).toBe(2);
    const e = startElection({ assemblyId: a.assembly.id, councilId: c.id, authorId: a.founder.id, now: T0 });
    if (!e.ok) throw new Error(e.error);
    expect(nominate({ proposalId: e.proposal.id, nomineeId: vet.id, by: vet.id, now: T0 })).toMatchObject({ ok: false, status: 409, error: "federation.errors.termLimit", params: { limit: 2, served: 2 } });
    expect(db.select().from(proposalOptions).where(eq(proposalOptions.proposalId, e.proposal.id)).all()).toEqual([]);
    // After sitting out a whole term, they may stand again.
    expect(consecutiveTerms(a.assembly.id, c.id, vet.id, addMonths(T0, 12), 12)).toBe(0);
  });
});

describe("elections fill seats and start terms", () => {
  it("IRV for one seat: the winner's term starts at close, ends after the charter's months, and seats them in the council", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1 } });
    const a = await memberBody(c.id, steward.id, { members: 4 });
    const [ana, ben] = a.members;
    const { proposal, round } = elect(a.assembly.id, c.id, [ben, ana], a.everyone);
    expect(round).toMatchObject({ outcome: "passed", method: "irv", secret: true });
    expect(proposal.status).toBe("passed");
    const [term] = activeTerms({ councilId: c.id });
    expect(term).toMatchObject({ userId: ben.id, assemblyId: a.assembly.id, status: "active", startsAt: round.closedAt, electionProposalId: proposal.id });
    expect(term.endsAt).toBe(addMonths(round.closedAt!, 12));
    expect(term.mandateText).toContain("We elect our delegates");
    expect(getMembership(c.id, ben.id)?.role).toBe("member");
    expect(vacancies(a.assembly.id, c.id)).toBe(0);
    expect(startElection({ assemblyId: a.assembly.id, councilId: c.id, authorId: ana.id, now: T0 })).toMatchObject({ ok: false, error: "federation.errors.noVacancies" });
    expect(councilSeats(c.id).seats[0]).toMatchObject({ vacant: 0, held: [expect.objectContaining({ userId: ben.id, since: round.closedAt, until: term.endsAt })] });
    expect(listRecord(c.id)[0].summary).toBe("record.federation.termStarted");
    // Closing the same round again changes nothing.
    expect(closeRound({ roundId: round.id, by: null, now: T0 + 5 * DAY })).toMatchObject({ ok: true, alreadyClosed: true });
    expect(activeTerms({ councilId: c.id })).toHaveLength(1);
  });

  it("worked example 6 in a real round: two men top the count, the co-delegate rule seats a woman instead, and says so", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 2, coDelegatesDifferentGenders: true } });
    const a = await memberBody(c.id, steward.id, { members: 5 });
    const [al, bo, cy] = a.members;
    setGender(al.id, "man");
    setGender(bo.id, "man");
    setGender(cy.id, "woman");
    const { round } = elect(a.assembly.id, c.id, [al, bo, cy], a.everyone);
    const figures = JSON.parse(round.figures!);
    expect(round.method).toBe("stv");
    expect(figures.elected).toHaveLength(2);
    expect(figures.elected).toContain(listOptionsName(round.proposalId, cy.id));
    expect(round.explanationEn).toContain("Co-delegates must be of different genders");
    const seated = activeTerms({ councilId: c.id }).map((t) => t.userId).sort();
    expect(seated).toEqual([al.id, cy.id].sort());
  });

  it("IRV for a vacant seat beside a sitting man: men are not counted, their ballots go to the next choice", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 2, coDelegatesDifferentGenders: true } });
    const a = await memberBody(c.id, steward.id, { members: 5 });
    const [sitting, al, di] = a.members;
    setGender(sitting.id, "man");
    setGender(al.id, "man");
    setGender(di.id, "nonbinary");
    transaction(() => startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: sitting.id, now: T0, mandateText: "", electionProposalId: null }));
    const { round } = elect(a.assembly.id, c.id, [al, di], a.everyone);
    expect(round.method).toBe("irv");
    expect(JSON.parse(round.figures!).elected).toEqual([listOptionsName(round.proposalId, di.id)]);
    expect(round.explanationEn).toContain("Not counted, because electing them would break the seat rules");
  });

  it("approval when the charter says so", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 2 } });
    const a = await memberBody(c.id, steward.id, { members: 3, charter: { ...defaultCharter(), election: { method: "approval" } } });
    const { round } = elect(a.assembly.id, c.id, [a.members[0], a.members[1]], a.everyone);
    expect(round.method).toBe("approval");
    expect(activeTerms({ councilId: c.id })).toHaveLength(2);
  });

  it("a round cannot open while the candidates cannot meet the seat rules", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 2, coDelegatesDifferentGenders: true } });
    const a = await memberBody(c.id, steward.id, { members: 3 });
    for (const m of a.members.slice(0, 2)) setGender(m.id, "man");
    const e = startElection({ assemblyId: a.assembly.id, councilId: c.id, authorId: a.founder.id, now: T0 });
    if (!e.ok) throw new Error(e.error);
    for (const m of a.members.slice(0, 2)) nominate({ proposalId: e.proposal.id, nomineeId: m.id, by: m.id, now: T0 });
    expect(openRound({ proposalId: e.proposal.id, openedBy: a.founder.id, mode: "online", deadline: T0 + DAY, now: T0 })).toMatchObject({ ok: false, status: 409, error: "federation.errors.seatRulesUnmeetable" });
    expect(openRoundOf(e.proposal.id)).toBeUndefined();
  });

  it("a minimum share across the council binds only what other vacancies cannot make up", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1, minGenderShare: "1/2" } });
    const a = await memberBody(c.id, steward.id, { members: 3 });
    const b = await memberBody(c.id, steward.id, { members: 3 });
    for (const m of [...a.members, ...b.members]) setGender(m.id, "man");
    setGender(b.members[2].id, "woman");
    // A's seat: B's vacancy can still bring a woman, so a man may be elected.
    elect(a.assembly.id, c.id, [a.members[0]], a.everyone);
    expect(activeTerms({ assemblyId: a.assembly.id })).toHaveLength(1);
    // B's seat is the last one: it must go to a woman even though men lead the ballots.
    const { round } = elect(b.assembly.id, c.id, [b.members[0], b.members[2]], b.everyone);
    expect(activeTerms({ assemblyId: b.assembly.id }).map((t) => t.userId)).toEqual([b.members[2].id]);
    expect(round.explanationEn).toContain("At least 50% of the council's 2 seats");
  });
});

function listOptionsName(proposalId: string, userId: string) {
  return listOptions(proposalId).find((o) => o.userId === userId)!.name;
}

/** An election whose candidates carry the names in a real ballot file, with enough members to cast its ballots. */
async function realElection(file: string, rules: { coDelegatesDifferentGenders?: boolean } = {}, genders: Record<string, string> = {}) {
  const blt = parseBlt(readBallots(file));
  const { council: c, steward } = await council({ rules: { seatsPerAssembly: blt.seats, ...rules } });
  const a = await memberBody(c.id, steward.id, { members: blt.candidates.length });
  const total = blt.ballots.reduce((s, b) => s + b.weight, 0);
  bulkMembers(a.assembly.id, total);
  blt.candidates.forEach((name, i) => {
    updateProfile(a.members[i].id, { displayName: name, locale: "en", gender: genders[name] ?? null });
  });
  const e = startElection({ assemblyId: a.assembly.id, councilId: c.id, authorId: a.founder.id, now: T0 });
  if (!e.ok) throw new Error(e.error);
  for (const m of a.members) nominate({ proposalId: e.proposal.id, nomineeId: m.id, by: m.id, now: T0 });
  const opened = openRound({ proposalId: e.proposal.id, openedBy: a.founder.id, mode: "online", deadline: T0 + DAY, now: T0 });
  if (!opened.ok) throw new Error(opened.error);
  return { c, a, blt, total, proposal: e.proposal, round: opened.round };
}

describe("paper ballots from BLT files (real elections)", () => {
  it("Edinburgh 2017 ward 3: 9,474 paper ballots imported into the round elect the declared winners, and export back unchanged", async () => {
    const { a, blt, total, proposal, round } = await realElection("edinburgh-2017-ward03-drum-brae-gyle.blt");
    const r = importPaperBallots({ proposalId: proposal.id, text: readBallots("edinburgh-2017-ward03-drum-brae-gyle.blt"), by: a.founder.id, now: T0 + 1 });
    expect(r).toMatchObject({ ok: true, ballots: 9474 });
    expect(total).toBe(9474);
    closeRound({ roundId: round.id, by: a.founder.id, now: T0 + 2 });
    const closed = getRound(round.id)!;
    const figures = JSON.parse(closed.figures!);
    expect(closed.outcome).toBe("passed");
    expect(figures.quota).toBe(2369);
    expect(figures.elected).toEqual(["Robert Christopher ALDRIDGE", "Claire BRIDGMAN", "Mark BROWN"]);
    expect(closed.explanationEn).toContain("Includes 9474 paper ballots");
    expect(activeTerms({ assemblyId: a.assembly.id })).toHaveLength(3);
    // The export holds every ballot: counting it again gives the same result.
    const out = electionBlt(proposal.id);
    if (!out.ok) throw new Error(out.error);
    const again = parseBlt(out.text);
    expect(again.ballots.reduce((s, b) => s + b.weight, 0)).toBe(9474);
    expect(countStv(again).elected).toEqual(figures.elected);
    expect(again.candidates).toEqual(blt.candidates);
  });

  it("Glasgow 2007 Springburn with a co-delegate rule: real ballots, and the count follows the rule", async () => {
    const blt = parseBlt(readBallots("glasgow-2007-springburn.blt"));
    const free = countStv(blt).elected;
    // Everyone the unconstrained count elects is a man; everyone else a woman.
    const genders = Object.fromEntries(blt.candidates.map((n) => [n, free.includes(n) ? "man" : "woman"]));
    const { a, proposal, round } = await realElection("glasgow-2007-springburn.blt", { coDelegatesDifferentGenders: true }, genders);
    expect(importPaperBallots({ proposalId: proposal.id, text: readBallots("glasgow-2007-springburn.blt"), by: a.founder.id, now: T0 + 1 })).toMatchObject({ ok: true, ballots: 5410 });
    closeRound({ roundId: round.id, by: a.founder.id, now: T0 + 2 });
    const closed = getRound(round.id)!;
    const elected: string[] = JSON.parse(closed.figures!).elected;
    expect(elected).toHaveLength(3);
    expect(elected.filter((n) => genders[n] === "man")).toHaveLength(2);
    expect(elected.filter((n) => genders[n] === "woman")).toHaveLength(1);
    expect(closed.explanationEn).toContain("Co-delegates must be of different genders");
    expect(closed.explanationEn).toContain("Seat constraint");
  });

  it("refuses a file naming unknown candidates, for other seats, or with more ballots than voters; nothing is stored", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 2 } });
    const a = await memberBody(c.id, steward.id, { members: 3 });
    const e = startElection({ assemblyId: a.assembly.id, councilId: c.id, authorId: a.founder.id, now: T0 });
    if (!e.ok) throw new Error(e.error);
    for (const m of a.members) nominate({ proposalId: e.proposal.id, nomineeId: m.id, by: m.id, now: T0 });
    const names = listOptions(e.proposal.id).map((o) => o.name);
    const blt = (cands: string[], seats: number, lines: string[]) => [`${cands.length} ${seats}`, ...lines, "0", ...cands.map((n) => `"${n}"`), '"Paper"'].join("\n");
    // No round open yet.
    expect(importPaperBallots({ proposalId: e.proposal.id, text: blt(names, 2, ["1 1 2 0"]), by: a.founder.id, now: T0 })).toMatchObject({ ok: false, error: "federation.blt.noOpenRound" });
    const opened = openRound({ proposalId: e.proposal.id, openedBy: a.founder.id, mode: "online", deadline: T0 + DAY, now: T0 });
    if (!opened.ok) throw new Error(opened.error);
    expect(importPaperBallots({ proposalId: e.proposal.id, text: blt([names[0], "Somebody Else"], 2, ["1 1 2 0"]), by: a.founder.id, now: T0 })).toMatchObject({
      ok: false,
      status: 400,
      error: "federation.blt.unknownCandidates",
      params: { names: "Somebody Else" },
    });
    expect(importPaperBallots({ proposalId: e.proposal.id, text: blt(names, 1, ["1 1 2 0"]), by: a.founder.id, now: T0 })).toMatchObject({ ok: false, error: "federation.blt.seats" });
    expect(importPaperBallots({ proposalId: e.proposal.id, text: "not a ballot file", by: a.founder.id, now: T0 })).toMatchObject({ ok: false, error: "federation.blt.invalid" });
    // 4 members may vote (founder + 3); 5 paper ballots are too many.
    expect(importPaperBallots({ proposalId: e.proposal.id, text: blt(names, 2, ["5 1 2 0"]), by: a.founder.id, now: T0 })).toMatchObject({ ok: false, status: 409, error: "federation.blt.tooMany" });
    expect(db.select().from(paperBallots).where(eq(paperBallots.roundId, opened.round.id)).all()).toEqual([]);
    // A subset of the candidates, in another order, maps by name.
    expect(importPaperBallots({ proposalId: e.proposal.id, text: blt([names[2], names[0]], 2, ["3 1 2 0"]), by: a.founder.id, now: T0 })).toMatchObject({ ok: true, ballots: 3 });
    expect(JSON.parse(db.select().from(paperBallots).where(eq(paperBallots.roundId, opened.round.id)).get()!.ranking)).toEqual([[2], [0]]);
    // Paper and phone ballots together stay within the electorate: one phone ballot fits, a second does not.
    expect(castBallot({ roundId: opened.round.id, userId: a.members[0].id, choice: "ranking", ranking: [[0]], now: T0 + 1 }).ok).toBe(true);
    expect(castBallot({ roundId: opened.round.id, userId: a.members[1].id, choice: "ranking", ranking: [[1]], now: T0 + 1 })).toMatchObject({ ok: false, error: "round.errors.tooManyCounted" });
    closeRound({ roundId: opened.round.id, by: null, now: T0 + 2 });
    const fig = JSON.parse(getRound(opened.round.id)!.figures!);
    expect(fig.totalValid).toBe(4);
    expect(fig.elected.sort()).toEqual([names[0], names[2]].sort());
  });
});

describe("terms end", () => {
  it("at their end date, by the background job; the seat shows vacant", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1 } });
    const a = await memberBody(c.id, steward.id, { members: 2 });
    elect(a.assembly.id, c.id, [a.members[0]], a.everyone);
    const [t] = activeTerms({ councilId: c.id });
    const { runJobs } = await import("~/background.server");
    runJobs(t.endsAt - 1);
    expect(getTerm(t.id)!.status).toBe("active");
    runJobs(t.endsAt + 1);
    expect(getTerm(t.id)).toMatchObject({ status: "ended", endReason: "term_over" });
    expect(getMembership(c.id, a.members[0].id)).toBeUndefined();
    expect(councilSeats(c.id).seats[0].vacant).toBe(1);
    expect(db.select().from(delegateTerms).where(eq(delegateTerms.councilId, c.id)).all()).toHaveLength(1);
  });
});
