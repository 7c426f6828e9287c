/**
 * Deadlines that pass while nobody (or no server) is watching: a round closed by its
 * deadline is closed *at* the deadline — its closing time, the proposal's decided time and
 * its decision record entry — however late the job runs; and from the deadline on no page
 * offers its ballot form. docs/decisions/014-own-your-data.md.
 */
import { describe, expect, it } from "vitest";
import { defaultCharter } from "~/lib/charter";
import { castBallot, closeDueRounds, getRound, openRound } from "~/models/round.server";
import { createProposal, getProposalById } from "~/models/proposal.server";
import { getMembership } from "~/models/membership.server";
import { listRecord } from "~/models/record.server";
import { proposalPage } from "~/models/proposal-view.server";
import { assemblyWith } from "../helpers/decisions";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 1, 18);

describe("a round whose deadline passed while the server was stopped", () => {
  it("closes stamped with its deadline, not with the time the server came back", async () => {
    const a = await assemblyWith({ members: 3, prefix: "dl", charter: { ...defaultCharter(), defaultMethod: "majority" } });
    const p = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Boiler", body: "Fix it", now: T0 });
    const r = openRound({ proposalId: p.id, openedBy: a.founder.id, mode: "online", deadline: T0 + 24 * HOUR, now: T0 });
    if (!r.ok) throw new Error(r.error);
    for (const v of [a.founder, ...a.members.slice(0, 2)]) expect(castBallot({ roundId: r.round.id, userId: v.id, choice: "yes", now: T0 + HOUR }).ok).toBe(true);

    // The page at a moment past the deadline, before anything closed the round: no ballot form.
    const late = T0 + 24 * HOUR + 1;
    const view = proposalPage(getProposalById(p.id)!, { userId: a.members[2].id, membership: getMembership(a.assembly.id, a.members[2].id)! }, "en", late);
    expect(view.open?.id).toBe(r.round.id);
    expect(view.pastDeadline).toBe(true);
    expect(view.can.vote).toBe(false);
    expect(castBallot({ roundId: r.round.id, userId: a.members[2].id, choice: "no", now: late }).ok).toBe(false);

    // The laptop was off for three days; the server starts and runs its jobs.
    const restart = T0 + 4 * 24 * HOUR;
    expect(closeDueRounds(restart)).toBe(1);
    const closed = getRound(r.round.id)!;
    expect(closed.closedAt).toBe(T0 + 24 * HOUR);
    expect(closed.outcome).toBe("passed");
    expect(getProposalById(p.id)!.decidedAt).toBe(T0 + 24 * HOUR);
    const entry = listRecord(a.assembly.id, { limit: 1 })[0];
    expect(entry).toMatchObject({ kind: "round", subjectId: p.id, createdAt: T0 + 24 * HOUR });
  });
});
