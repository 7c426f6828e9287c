import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, sqlite } from "~/db.server";
import { ballots, proposalRevisions, roundElectorate } from "../../db/schema";
import { CHARTER_PRESETS, defaultCharter, type Charter } from "~/lib/charter";
import { ruleFor } from "~/lib/rules";
import { createProposal, getProposalById } from "~/models/proposal.server";
import { castBallot, closeDueRounds, closeRound, getRound, listRounds, liveTally, openRound, recordHandCount, registerDecisionJobs } from "~/models/round.server";
import { currentCharter } from "~/models/assembly.server";
import { addMember } from "~/models/membership.server";
import { listRecord, verifyRecord } from "~/models/record.server";
import { runJobs } from "~/background.server";
import { assemblyWith, quickPerson } from "../helpers/decisions";

const T0 = Date.UTC(2026, 0, 10, 12);
const DAY = 86_400_000;

function proposalIn(assemblyId: string, authorId: string, kind = "general", extra: Partial<Parameters<typeof createProposal>[0]> = {}) {
  return createProposal({ assemblyId, authorId, kind, title: "Fix the boiler", body: "We ask the landlord to fix the boiler.", now: T0, ...extra });
}

function open(proposalId: string, by: string, now = T0) {
  const r = openRound({ proposalId, openedBy: by, mode: "online", deadline: now + 7 * DAY, now });
  if (!r.ok) throw new Error(r.error);
  return r.round;
}

function cast(roundId: string, userId: string, choice: string, extra: { reason?: string; text?: string; receipt?: string; ranking?: number[][] } = {}, now = T0 + 1000) {
  return castBallot({ roundId, userId, choice, now, ...extra });
}

describe("charter → engine rule", () => {
  it("takes the kind's rule unless it says default, else the default method", () => {
    const c = defaultCharter();
    expect(ruleFor(c, "general")).toMatchObject({ method: "modified_consensus", fallback: { threshold: { fraction: { num: 3, den: 4 }, strict: false }, base: "cast" } });
    expect(ruleFor(c, "charter_amendment")).toMatchObject({ method: "supermajority", threshold: { fraction: { num: 2, den: 3 }, strict: false }, base: "cast", tieFails: true });
    expect(ruleFor(c, "recall")).toMatchObject({ method: "majority", threshold: { fraction: { num: 1, den: 2 }, strict: true } });
    expect(ruleFor(c, "mandate")).toMatchObject({ method: "modified_consensus" });
    expect(ruleFor(c, "general").quorum).toEqual({ kind: "fraction", fraction: { num: 1, den: 2 }, strict: true });
    expect(ruleFor(CHARTER_PRESETS.simple_majority, "general")).toMatchObject({ method: "majority", base: "cast" });
    expect(ruleFor(CHARTER_PRESETS.two_thirds, "general")).toMatchObject({ method: "supermajority", threshold: { fraction: { num: 2, den: 3 }, strict: false } });
  });

  it("counts elections by IRV for one seat, STV for several, or approval", () => {
    const c = defaultCharter();
    expect(ruleFor(c, "election", { seats: 1 })).toMatchObject({ method: "ranked", ranked: "irv", seats: 1 });
    expect(ruleFor(c, "election", { seats: 3 })).toMatchObject({ method: "ranked", ranked: "stv", seats: 3 });
    expect(ruleFor({ ...c, election: { method: "approval" } }, "election", { seats: 2 })).toMatchObject({ ranked: "approval" });
  });

  it("maps fixed-count and no quorum", () => {
    const c = defaultCharter();
    expect(ruleFor({ ...c, quorum: { kind: "count", count: 7 } }, "general").quorum).toEqual({ kind: "count", count: 7 });
    expect(ruleFor({ ...c, quorum: { kind: "none" } }, "general").quorum).toEqual({ kind: "none" });
    expect(ruleFor({ ...c, quorum: { kind: "fraction", fraction: "2/3", strict: false, minCount: 5 } }, "general").quorum).toEqual({
      kind: "fraction",
      fraction: { num: 2, den: 3 },
      strict: false,
      minCount: 5,
    });
  });
});

describe("opening a round", () => {
  it("snapshots the voting members at that moment as the electorate", async () => {
    const { assembly, founder, members, observers } = await assemblyWith({ members: 3, observers: 1 });
    const p = proposalIn(assembly.id, founder.id);
    const round = open(p.id, founder.id);
    expect(round).toMatchObject({ number: 1, kind: "normal", method: "modified_consensus", ballotKind: "consensus", electorateSize: 4, charterVersion: 1, secret: false, revision: 1 });
    const eligible = db.select().from(roundElectorate).where(eq(roundElectorate.roundId, round.id)).all().map((r) => r.userId);
    expect(eligible.sort()).toEqual([founder.id, ...members.map((m) => m.id)].sort());
    expect(getProposalById(p.id)!.status).toBe("voting");

    // Someone who joins after opening, and an observer, are not in this round's electorate.
    const late = await quickPerson("late");
    addMember(assembly.id, late.id, "member");
    expect(cast(round.id, late.id, "agree")).toMatchObject({ ok: false, status: 403, error: "round.errors.notEligible" });
    expect(cast(round.id, observers[0].id, "agree")).toMatchObject({ ok: false, status: 403 });
  });

  it("refuses a second round while one is open, and a deadline in the past", async () => {
    const { assembly, founder } = await assemblyWith({ members: 2 });
    const p = proposalIn(assembly.id, founder.id);
    expect(openRound({ proposalId: p.id, openedBy: founder.id, mode: "online", deadline: T0 - 1, now: T0 })).toMatchObject({ ok: false, status: 400, error: "round.errors.deadlinePast" });
    open(p.id, founder.id);
    expect(openRound({ proposalId: p.id, openedBy: founder.id, mode: "online", deadline: T0 + DAY, now: T0 })).toMatchObject({ ok: false, status: 409, error: "round.errors.alreadyOpen" });
    expect(listRounds(p.id)).toHaveLength(1);
  });

  it("the database itself allows only one open round per proposal", async () => {
    const { assembly, founder } = await assemblyWith({ members: 1 });
    const p = proposalIn(assembly.id, founder.id);
    const r = open(p.id, founder.id);
    expect(() =>
      sqlite
        .prepare("insert into rounds (id, proposal_id, number, kind, method, rule, ballot_kind, secret, mode, opened_at, charter_version, electorate_size) values ('x', ?, 2, 'normal', 'majority', '{}', 'vote', 0, 'online', 0, 1, 1)")
        .run(r.proposalId),
    ).toThrow(/UNIQUE/);
  });

  it("refuses a draft proposal", async () => {
    const { assembly, founder } = await assemblyWith({ members: 1 });
    const p = proposalIn(assembly.id, founder.id, "general", { status: "draft" });
    expect(openRound({ proposalId: p.id, openedBy: founder.id, mode: "online", deadline: T0 + DAY, now: T0 })).toMatchObject({ ok: false, status: 409, error: "round.errors.notReady" });
  });
});

describe("ballots", () => {
  it("a block with no reason is refused and nothing is written", async () => {
    const { assembly, founder, members } = await assemblyWith({ members: 2 });
    const round = open(proposalIn(assembly.id, founder.id).id, founder.id);
    expect(cast(round.id, members[0].id, "block")).toMatchObject({ ok: false, status: 400, error: "round.errors.blockReason", field: "reason" });
    expect(cast(round.id, members[0].id, "block", { reason: "   " })).toMatchObject({ ok: false, error: "round.errors.blockReason" });
    expect(cast(round.id, members[0].id, "concern")).toMatchObject({ ok: false, error: "round.errors.concernText", field: "text" });
    expect(cast(round.id, members[0].id, "yes")).toMatchObject({ ok: false, error: "round.errors.choiceInvalid" });
    expect(db.select().from(ballots).where(eq(ballots.roundId, round.id)).all()).toHaveLength(0);
    expect(cast(round.id, members[0].id, "block", { reason: "It breaks our lease" })).toMatchObject({ ok: true });
    expect(cast(round.id, members[1].id, "concern", { text: "Cost" })).toMatchObject({ ok: true });
    const rows = db.select().from(ballots).where(eq(ballots.roundId, round.id)).all();
    expect(rows.map((r) => [r.choice, r.reason, r.text]).sort()).toEqual([
      ["block", "It breaks our lease", null],
      ["concern", null, "Cost"],
    ]);
  });

  it("an objection under consent needs a reason", async () => {
    const { assembly, founder, members } = await assemblyWith({ members: 1, charter: { ...defaultCharter(), defaultMethod: "consent" } });
    const round = open(proposalIn(assembly.id, founder.id).id, founder.id);
    expect(round.ballotKind).toBe("consent");
    expect(cast(round.id, members[0].id, "objection")).toMatchObject({ ok: false, error: "round.errors.objectionReason" });
    expect(cast(round.id, members[0].id, "objection", { reason: "Unsafe" })).toMatchObject({ ok: true });
  });

  it("members change their ballot until it closes; one ballot each", async () => {
    const { assembly, founder, members } = await assemblyWith({ members: 2, charter: CHARTER_PRESETS.simple_majority });
    const round = open(proposalIn(assembly.id, founder.id).id, founder.id);
    expect(cast(round.id, members[0].id, "yes")).toMatchObject({ ok: true, changed: false });
    expect(cast(round.id, members[0].id, "no")).toMatchObject({ ok: true, changed: true });
    expect(liveTally(round.id)).toMatchObject({ participants: 1, counts: { yes: 0, no: 1, abstain: 0 } });
    closeRound({ roundId: round.id, by: founder.id, now: T0 + 2000 });
    expect(cast(round.id, members[0].id, "yes", {}, T0 + 3000)).toMatchObject({ ok: false, status: 409, error: "round.errors.closed" });
    expect(db.select().from(ballots).where(eq(ballots.roundId, round.id)).all().map((b) => b.choice)).toEqual(["no"]);
  });

  it("after the deadline a ballot is refused even before the round is closed", async () => {
    const { assembly, founder, members } = await assemblyWith({ members: 1 });
    const round = open(proposalIn(assembly.id, founder.id).id, founder.id);
    expect(cast(round.id, members[0].id, "agree", {}, round.deadline!)).toMatchObject({ ok: false, status: 409, error: "round.errors.closed" });
  });
});

describe("closing", () => {
  it("modified consensus: a block tables the proposal; the fallback round passes at 3/4", async () => {
    const { assembly, founder, members } = await assemblyWith({ members: 3 });
    const p = proposalIn(assembly.id, founder.id);
    const r1 = open(p.id, founder.id);
    cast(r1.id, founder.id, "agree");
    cast(r1.id, members[0].id, "agree");
    cast(r1.id, members[1].id, "concern", { text: "The cost" });
    cast(r1.id, members[2].id, "block", { reason: "It breaks the lease" });
    const c1 = closeRound({ roundId: r1.id, by: founder.id, now: T0 + DAY });
    expect(c1).toMatchObject({ ok: true, alreadyClosed: false, round: { outcome: "blocked", charterVersion: 1 } });
    if (!c1.ok) throw new Error();
    expect(c1.round.explanationEn).toMatch(/^Blocked by 1 member \(reason recorded\)\. Tabled: the next round decides by at least 3\/4 of votes cast\./);
    expect(c1.round.explanationEs).toMatch(/Bloqueada/);
    expect(getProposalById(p.id)!.status).toBe("tabled");

    const r2 = open(p.id, founder.id, T0 + 2 * DAY);
    expect(r2).toMatchObject({ number: 2, kind: "fallback", ballotKind: "vote" });
    cast(r2.id, founder.id, "yes", {}, T0 + 2 * DAY + 1);
    cast(r2.id, members[0].id, "yes", {}, T0 + 2 * DAY + 1);
    cast(r2.id, members[1].id, "yes", {}, T0 + 2 * DAY + 1);
    cast(r2.id, members[2].id, "no", {}, T0 + 2 * DAY + 1);
    const c2 = closeRound({ roundId: r2.id, by: founder.id, now: T0 + 3 * DAY });
    if (!c2.ok) throw new Error();
    expect(c2.round.outcome).toBe("passed");
    expect(c2.round.explanationEn).toContain("Fallback round. Passed: 3 yes of 4 votes cast = 75% ≥ 3/4");
    expect(getProposalById(p.id)!.status).toBe("passed");

    const record = listRecord(assembly.id).filter((e) => e.kind === "round");
    expect(record.map((e) => e.summary)).toEqual(["record.round.passed", "record.round.tabled"]);
    const payload = JSON.parse(record[1].payload);
    expect(payload).toMatchObject({ proposalId: p.id, roundId: r1.id, roundNumber: 1, charterVersion: 1, outcome: "blocked", tabled: true, figures: { block: 1, agree: 2, concern: 1 } });
    expect(payload.explanation.en).toBe(c1.round.explanationEn);
    expect(verifyRecord(assembly.id).broken).toBeNull();
  });

  it("decides once: closing again returns the stored outcome and records nothing new", async () => {
    const { assembly, founder, members } = await assemblyWith({ members: 2, charter: CHARTER_PRESETS.simple_majority });
    const round = open(proposalIn(assembly.id, founder.id).id, founder.id);
    cast(round.id, founder.id, "yes");
    cast(round.id, members[0].id, "yes");
    const first = closeRound({ roundId: round.id, by: founder.id, now: T0 + 5000 });
    const before = listRecord(assembly.id).length;
    const second = closeRound({ roundId: round.id, by: members[0].id, now: T0 + 9000 });
    expect(second).toMatchObject({ ok: true, alreadyClosed: true });
    if (!first.ok || !second.ok) throw new Error();
    expect(second.round).toEqual(first.round);
    expect(second.round.closedBy).toBe(founder.id);
    expect(listRecord(assembly.id).length).toBe(before);
  });

  it("without quorum nothing is decided and the proposal returns to discussion", async () => {
    const { assembly, founder } = await assemblyWith({ members: 3, charter: CHARTER_PRESETS.simple_majority });
    const p = proposalIn(assembly.id, founder.id);
    const round = open(p.id, founder.id);
    cast(round.id, founder.id, "yes");
    const c = closeRound({ roundId: round.id, by: founder.id, now: T0 + 5000 });
    if (!c.ok) throw new Error();
    expect(c.round.outcome).toBe("no_quorum");
    expect(c.round.explanationEn).toContain("No quorum: 1 of 4 members voted; quorum is more than 1/2 of the members, so 3 must vote.");
    expect(getProposalById(p.id)!.status).toBe("discussion");
    expect(open(p.id, founder.id, T0 + DAY).number).toBe(2);
  });

  it("rounds close at their deadline with no request: the background job", async () => {
    const { assembly, founder, members } = await assemblyWith({ members: 2, charter: CHARTER_PRESETS.simple_majority });
    const p = proposalIn(assembly.id, founder.id);
    const round = open(p.id, founder.id);
    cast(round.id, founder.id, "yes");
    cast(round.id, members[0].id, "yes");
    cast(round.id, members[1].id, "no");
    closeDueRounds(round.deadline! - 1);
    expect(getRound(round.id)!.closedAt).toBeNull();
    registerDecisionJobs();
    runJobs(round.deadline!);
    const closed = getRound(round.id)!;
    expect(closed).toMatchObject({ closedAt: round.deadline, closedBy: null, outcome: "passed" });
    expect(getProposalById(p.id)!.status).toBe("passed");
    closeDueRounds(round.deadline! + DAY);
    expect(getRound(round.id)).toEqual(closed);
  });

  it("a round that cannot be decided leaves nothing half-written and does not hold up other rounds", async () => {
    const { assembly, founder, members } = await assemblyWith({ members: 2, charter: CHARTER_PRESETS.simple_majority });
    const amendment = proposalIn(assembly.id, founder.id, "charter_amendment", { charter: { ...CHARTER_PRESETS.simple_majority, roundDays: 9 } });
    const other = proposalIn(assembly.id, founder.id);
    const r1 = open(amendment.id, founder.id);
    const r2 = open(other.id, founder.id);
    for (const r of [r1, r2]) for (const v of [founder, ...members]) cast(r.id, v.id, "yes");
    // The amendment's charter is damaged after the vote opened: adopting it must fail.
    db.update(proposalRevisions).set({ charter: "{}" }).where(eq(proposalRevisions.proposalId, amendment.id)).run();
    const recordBefore = listRecord(assembly.id).length;
    const errors = console.error;
    console.error = () => {};
    try {
      closeDueRounds(r1.deadline!);
    } finally {
      console.error = errors;
    }
    expect(getRound(r1.id)).toMatchObject({ closedAt: null, outcome: null, figures: null });
    expect(getProposalById(amendment.id)!.status).toBe("voting");
    expect(currentCharter(assembly.id).version).toBe(1);
    expect(getRound(r2.id)!.outcome).toBe("passed");
    expect(listRecord(assembly.id).length).toBe(recordBefore + 1);
  });

  it("a passed charter amendment writes the next charter version in the same transaction", async () => {
    const { assembly, founder, members } = await assemblyWith({ members: 2 });
    const proposed: Charter = { ...defaultCharter(), roundDays: 10, supermajority: "3/4" };
    const p = proposalIn(assembly.id, founder.id, "charter_amendment", { charter: proposed, title: "Longer rounds" });
    const round = open(p.id, founder.id);
    expect(round).toMatchObject({ method: "supermajority", ballotKind: "vote" });
    cast(round.id, founder.id, "yes");
    cast(round.id, members[0].id, "yes");
    cast(round.id, members[1].id, "no");
    const c = closeRound({ roundId: round.id, by: founder.id, now: T0 + DAY });
    if (!c.ok) throw new Error();
    expect(c.round.outcome).toBe("passed");
    const cur = currentCharter(assembly.id);
    expect(cur.version).toBe(2);
    expect(cur.charter.roundDays).toBe(10);
    expect(cur.charter.supermajority).toBe("3/4");
    const kinds = listRecord(assembly.id).map((e) => e.kind);
    expect(kinds.slice(0, 2)).toEqual(["charter", "round"]);
  });

  it("a failed charter amendment changes nothing", async () => {
    const { assembly, founder, members } = await assemblyWith({ members: 2 });
    const p = proposalIn(assembly.id, founder.id, "charter_amendment", { charter: { ...defaultCharter(), roundDays: 3 } });
    const round = open(p.id, founder.id);
    cast(round.id, founder.id, "yes");
    cast(round.id, members[0].id, "no");
    cast(round.id, members[1].id, "no");
    closeRound({ roundId: round.id, by: founder.id, now: T0 + DAY });
    expect(getProposalById(p.id)!.status).toBe("failed");
    expect(currentCharter(assembly.id).version).toBe(1);
  });

  it("refuses to open a round on an amendment whose charter no longer validates", async () => {
    const { assembly, founder } = await assemblyWith({ members: 1 });
    const p = proposalIn(assembly.id, founder.id, "charter_amendment", { charter: defaultCharter() });
    db.update(proposalRevisions).set({ charter: JSON.stringify({ quorum: "whatever" }) }).where(eq(proposalRevisions.proposalId, p.id)).run();
    expect(openRound({ proposalId: p.id, openedBy: founder.id, mode: "online", deadline: T0 + DAY, now: T0 })).toMatchObject({ ok: false, status: 400, error: "round.errors.charterInvalid" });
    expect(listRounds(p.id)).toHaveLength(0);
    expect(getProposalById(p.id)!.status).toBe("discussion");
  });
});

describe("elections", () => {
  it("counts rankings by IRV for one seat and records who was elected", async () => {
    const { assembly, founder, members } = await assemblyWith({ members: 4 });
    const p = proposalIn(assembly.id, founder.id, "election", { title: "Delegate to the council", options: [{ name: "Ana" }, { name: "Bo" }, { name: "Cy" }], seats: 1 });
    const round = openRound({ proposalId: p.id, openedBy: founder.id, mode: "online", deadline: T0 + DAY, now: T0 });
    if (!round.ok) throw new Error(round.error);
    expect(round.round).toMatchObject({ method: "irv", ballotKind: "ranked", secret: true });
    const voters = [founder, ...members];
    const rankings = [[[0], [1]], [[0]], [[1], [0]], [[2], [1]], [[1], [2]]];
    voters.forEach((v, i) => expect(cast(round.round.id, v.id, "", { ranking: rankings[i] })).toMatchObject({ ok: true }));
    expect(cast(round.round.id, members[0].id, "", { ranking: [[5]] })).toMatchObject({ ok: false, error: "round.errors.rankingInvalid" });
    const c = closeRound({ roundId: round.round.id, by: founder.id, now: T0 + DAY });
    if (!c.ok) throw new Error();
    // Cy is excluded first (1 vote), Cy's ballot goes to Bo: Bo 3, Ana 2.
    expect(JSON.parse(c.round.figures!).elected).toEqual(["Bo"]);
    expect(c.round.outcome).toBe("passed");
    const entry = listRecord(assembly.id)[0];
    expect(entry.summary).toBe("record.election");
    expect(JSON.parse(entry.payload).params.elected).toBe("Bo");
  });
});

describe("elections with several seats", () => {
  it("STV fills two seats; approval counts every candidate a ballot approves", async () => {
    const stv = await assemblyWith({ members: 5 });
    const p = proposalIn(stv.assembly.id, stv.founder.id, "election", { title: "Two delegates", options: [{ name: "Ana" }, { name: "Bo" }, { name: "Cy" }], seats: 2 });
    const r = open(p.id, stv.founder.id);
    expect(r).toMatchObject({ method: "stv", ballotKind: "ranked" });
    const rankings = [[[0], [1]], [[0], [1]], [[0], [2]], [[1]], [[2]], [[1], [0]]];
    [stv.founder, ...stv.members].forEach((v, i) => expect(cast(r.id, v.id, "", { ranking: rankings[i] })).toMatchObject({ ok: true }));
    const c = closeRound({ roundId: r.id, by: stv.founder.id, now: T0 + DAY });
    if (!c.ok) throw new Error();
    // Droop quota for 6 ballots and 2 seats is 3: Ana reaches it at once; Cy is excluded and Bo takes the last seat.
    expect(JSON.parse(c.round.figures!)).toMatchObject({ elected: ["Ana", "Bo"], quota: 3, totalValid: 6 });

    const appr = await assemblyWith({ members: 2, charter: { ...defaultCharter(), election: { method: "approval" } } });
    const q = proposalIn(appr.assembly.id, appr.founder.id, "election", { title: "Coordinators", options: [{ name: "Dee" }, { name: "Eli" }, { name: "Fay" }], seats: 2 });
    const ra = open(q.id, appr.founder.id);
    expect(ra.method).toBe("approval");
    cast(ra.id, appr.founder.id, "", { ranking: [[0, 2]] });
    cast(ra.id, appr.members[0].id, "", { ranking: [[2]] });
    cast(ra.id, appr.members[1].id, "", { ranking: [[1, 2]] });
    const ca = closeRound({ roundId: ra.id, by: appr.founder.id, now: T0 + DAY });
    if (!ca.ok) throw new Error();
    expect(JSON.parse(ca.round.figures!).elected).toEqual(["Fay", expect.any(String)]);
    expect(ca.round.explanationEn).toMatch(/^Approval: 3 valid ballots/);
  });
});

describe("hand counts in a meeting", () => {
  it("phone ballots and hand-counted votes never exceed the members present", async () => {
    const { assembly, founder, members } = await assemblyWith({ members: 6, charter: CHARTER_PRESETS.simple_majority });
    const p = proposalIn(assembly.id, founder.id);
    const present = [founder, ...members.slice(0, 4)];
    const r = openRound({ proposalId: p.id, openedBy: founder.id, mode: "meeting", meetingId: "meeting-1", electorateUserIds: present.map((m) => m.id), now: T0 });
    if (!r.ok) throw new Error(r.error);
    expect(r.round).toMatchObject({ presentCount: 5, electorateSize: 7, deadline: null });
    expect(cast(r.round.id, members[5].id, "yes")).toMatchObject({ ok: false, status: 403 });
    cast(r.round.id, founder.id, "yes");
    cast(r.round.id, members[0].id, "no");
    expect(recordHandCount(r.round.id, { yes: 4 }, founder.id)).toMatchObject({ ok: false, status: 409, error: "round.errors.tooManyCounted" });
    expect(recordHandCount(r.round.id, { yes: 2, stand_aside: 1 }, founder.id)).toMatchObject({ ok: false, error: "round.errors.choiceInvalid" });
    expect(recordHandCount(r.round.id, { yes: 2, abstain: 1 }, founder.id)).toMatchObject({ ok: true });
    // Everyone present is counted now: a phone ballot on top would count someone twice.
    expect(cast(r.round.id, members[1].id, "yes")).toMatchObject({ ok: false, status: 409, error: "round.errors.tooManyCounted" });
    // Changing an existing phone ballot is still fine.
    expect(cast(r.round.id, members[0].id, "yes")).toMatchObject({ ok: true, changed: true });
    expect(liveTally(r.round.id)).toMatchObject({ participants: 2, handCounted: 3, counts: { yes: 4, no: 0, abstain: 1 } });
    const c = closeRound({ roundId: r.round.id, by: founder.id, now: T0 + 60_000 });
    if (!c.ok) throw new Error();
    expect(c.round.outcome).toBe("passed");
    expect(c.round.explanationEn).toContain("Quorum met: 5 of 7 members present.");
  });
});
