import { describe, expect, it } from "vitest";
import { transaction } from "~/db.server";
import { CHARTER_PRESETS } from "~/lib/charter";
import { listRecord } from "~/models/record.server";
import { createProposal, getProposalById } from "~/models/proposal.server";
import { openRound } from "~/models/round.server";
import { answerJoinRequest, liveMembership, proposeJoin } from "~/models/council.server";
import { startTerm } from "~/models/delegate.server";
import { getRatification, ratificationResultsView, ratificationStatus, sendForRatification } from "~/models/ratification.server";
import { T0, council, decide, elect, memberBody } from "../helpers/federation";

async function setup(n: number, ratification: { threshold: string; strict: boolean }) {
  const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1, ratification }, charter: CHARTER_PRESETS.simple_majority });
  const bodies: Array<Awaited<ReturnType<typeof memberBody>>> = [];
  for (let i = 0; i < n; i++) bodies.push(await memberBody(c.id, steward.id, { members: 2, prefix: `r${i}`, charter: CHARTER_PRESETS.simple_majority }));
  const delegate = bodies[0].members[0];
  transaction(() => startTerm({ assemblyId: bodies[0].assembly.id, councilId: c.id, userId: delegate.id, now: T0, mandateText: "", electionProposalId: null }));
  const cp = createProposal({ assemblyId: c.id, authorId: delegate.id, kind: "general", title: "Common tenancy code", body: "Every member union adopts the tenancy code.", now: T0 });
  return { c, steward, bodies, cp };
}

function ratificationIn(assemblyId: string, councilProposalId: string) {
  return ratificationResultsView(councilProposalId).find((r) => r.assemblyId === assemblyId)!.proposalId;
}

describe("ratification by the member assemblies", () => {
  it("creates a ratification proposal in each member, shows results as they come in, and decides by the council's rule", async () => {
    const { c, steward, bodies, cp } = await setup(3, { threshold: "2/3", strict: false });
    const sent = sendForRatification({ councilProposalId: cp.id, by: steward.id, now: T0 });
    expect(sent).toEqual({ ok: true, sent: 3 });
    expect(getProposalById(cp.id)!.status).toBe("voting");
    // The council does not vote on it itself.
    expect(openRound({ proposalId: cp.id, openedBy: steward.id, mode: "online", deadline: T0 + 1e6, now: T0 }).ok).toBe(false);
    for (const b of bodies) expect(getProposalById(ratificationIn(b.assembly.id, cp.id))).toMatchObject({ kind: "ratification", assemblyId: b.assembly.id, status: "discussion" });

    decide(ratificationIn(bodies[0].assembly.id, cp.id), bodies[0].everyone.map((m) => ({ userId: m.id })));
    expect(ratificationResultsView(cp.id).map((r) => r.result)).toEqual(expect.arrayContaining(["ratified", "pending", "pending"]));
    expect(ratificationStatus(cp.id)!.decision).toMatchObject({ outcome: "pending", needed: 2 });
    expect(getProposalById(cp.id)!.status).toBe("voting");

    decide(ratificationIn(bodies[1].assembly.id, cp.id), bodies[1].everyone.map((m) => ({ userId: m.id })));
    const rat = getRatification(cp.id)!;
    expect(rat.outcome).toBe("ratified");
    expect(rat.explanationEn).toContain("Ratified: 2 of 3 member assemblies ≥ 2/3");
    expect(rat.explanationEs).toContain("Ratificada: 2 de 3 asambleas miembro ≥ 2/3");
    expect(getProposalById(cp.id)!.status).toBe("passed");
    const entry = listRecord(c.id)[0];
    expect(entry.summary).toBe("record.federation.ratified");
    expect(JSON.parse(entry.payload).explanation.en).toContain("Ratified: 2 of 3");
    // The third assembly's result still comes in, and changes nothing once settled.
    decide(ratificationIn(bodies[2].assembly.id, cp.id), bodies[2].everyone.map((m) => ({ userId: m.id, yes: false })));
    expect(getRatification(cp.id)!.outcome).toBe("ratified");
  });

  it("is settled as not ratified as soon as the rule can no longer be met", async () => {
    const { steward, bodies, cp } = await setup(2, { threshold: "1/2", strict: true });
    sendForRatification({ councilProposalId: cp.id, by: steward.id, now: T0 });
    // Simple majority charter in every member: a "no" fails that assembly's ratification.
    decide(ratificationIn(bodies[0].assembly.id, cp.id), bodies[0].everyone.map((m) => ({ userId: m.id, yes: false })));
    const rat = getRatification(cp.id)!;
    expect(rat.outcome).toBe("rejected");
    expect(rat.explanationEn).toMatch(/^Not ratified: 0 of 2 member assemblies ratified and 1 rejected/);
    expect(getProposalById(cp.id)!.status).toBe("failed");
  });

  it("refuses sending twice, sending a decided proposal, or sending with no member assemblies", async () => {
    const { steward, cp } = await setup(1, { threshold: "1/2", strict: true });
    expect(sendForRatification({ councilProposalId: cp.id, by: steward.id, now: T0 }).ok).toBe(true);
    expect(sendForRatification({ councilProposalId: cp.id, by: steward.id, now: T0 })).toMatchObject({ ok: false, status: 409, error: "federation.errors.alreadySent" });
    const empty = await council();
    const p = createProposal({ assemblyId: empty.council.id, authorId: empty.steward.id, kind: "general", title: "Anything", body: "…", now: T0 });
    expect(sendForRatification({ councilProposalId: p.id, by: empty.steward.id, now: T0 })).toMatchObject({ ok: false, error: "federation.errors.noMemberBodies" });
  });

  it("in a council of councils, a member council ratifies under its own charter, by its delegates", async () => {
    const { council: big, steward: bigSteward } = await council({ rules: { seatsPerAssembly: 1, ratification: { threshold: "1/2", strict: true } }, charter: CHARTER_PRESETS.simple_majority });
    const { council: small, steward } = await council({ rules: { seatsPerAssembly: 1 }, charter: CHARTER_PRESETS.simple_majority });
    const a = await memberBody(small.id, steward.id, { members: 2 });
    // The small council's seat is filled by election in the assembly; its delegate then decides for the small council.
    elect(a.assembly.id, small.id, [a.members[0]], a.everyone);
    const join = proposeJoin({ assemblyId: small.id, council: big.slug, authorId: a.members[0].id, now: T0 });
    if (!join.ok) throw new Error(join.error);
    decide(join.proposal.id, [{ userId: a.members[0].id }]);
    answerJoinRequest({ councilId: big.id, requestId: liveMembership(big.id, small.id)!.id, accept: true, by: bigSteward.id, now: T0 });
    // The small council elects its delegate to the big one the same way.
    elect(small.id, big.id, [a.members[0]], [a.members[0]]);
    const cp = createProposal({ assemblyId: big.id, authorId: a.members[0].id, kind: "general", title: "Regional code", body: "…", now: T0 });
    expect(sendForRatification({ councilProposalId: cp.id, by: bigSteward.id, now: T0 })).toEqual({ ok: true, sent: 1 });
    decide(ratificationIn(small.id, cp.id), [{ userId: a.members[0].id }]);
    expect(getRatification(cp.id)!.explanationEn).toContain("Ratified: 1 of 1 member assemblies > 1/2");
  });
});
