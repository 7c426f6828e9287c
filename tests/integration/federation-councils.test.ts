import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "~/db.server";
import { councilMembers, memberships, proposals } from "../../db/schema";
import { currentCharter, writeCharterVersion } from "~/models/assembly.server";
import { getMembership } from "~/models/membership.server";
import { listRecord } from "~/models/record.server";
import { createProposal } from "~/models/proposal.server";
import { openRound } from "~/models/round.server";
import { answerJoinRequest, councilSeats, councilsOf, liveMembership, memberBodies, proposeJoin, proposeLeave } from "~/models/council.server";
import { activeTerms, startTerm } from "~/models/delegate.server";
import { transaction } from "~/db.server";
import { assemblyWith } from "../helpers/decisions";
import { T0, council, decide, memberBody } from "../helpers/federation";

describe("founding a council", () => {
  it("is a body of kind council with its own charter; the founder stewards it without a vote", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 3, coDelegatesDifferentGenders: true, minGenderShare: "2/5", ratification: { threshold: "2/3", strict: false } } });
    expect(c.kind).toBe("council");
    const m = getMembership(c.id, steward.id)!;
    expect(m).toMatchObject({ role: "observer", steward: true, facilitator: true });
    const { charter } = currentCharter(c.id);
    expect(charter.council).toEqual({ seatsPerAssembly: 3, coDelegatesDifferentGenders: true, minGenderShare: "2/5", ratification: { threshold: "2/3", strict: false, order: "optional" }, listed: false });
    // Delegates answer to their assemblies: policy votes in a council are open ballots.
    expect(charter.secret.general).toBe(false);
    expect(charter.secret.mandate).toBe(false);
  });
});

describe("an assembly joins by its own decision and the council's acceptance", () => {
  it("a passed join proposal asks the council; a steward's acceptance makes it a member, in both records", async () => {
    const { council: c, steward } = await council();
    const a = await assemblyWith({ members: 2 });
    const join = proposeJoin({ assemblyId: a.assembly.id, council: c.slug, authorId: a.founder.id, now: T0 });
    if (!join.ok) throw new Error(join.error);
    expect(join.proposal.kind).toBe("join_council");
    // Nothing happens before the assembly decides.
    expect(liveMembership(c.id, a.assembly.id)).toBeUndefined();
    decide(join.proposal.id, [a.founder, ...a.members].map((m) => ({ userId: m.id })));
    const req = liveMembership(c.id, a.assembly.id)!;
    expect(req.status).toBe("pending");
    expect(listRecord(a.assembly.id).map((r) => r.summary)).toContain("record.federation.joinRequested");
    expect(listRecord(c.id).map((r) => r.summary)).toContain("record.federation.joinRequestReceived");

    expect(answerJoinRequest({ councilId: c.id, requestId: req.id, accept: true, by: steward.id, now: T0 + 1 })).toEqual({ ok: true });
    expect(liveMembership(c.id, a.assembly.id)!.status).toBe("active");
    expect(memberBodies(c.id).map((b) => b.assemblyId)).toEqual([a.assembly.id]);
    expect(listRecord(c.id)[0].summary).toBe("record.federation.joined");
    expect(listRecord(a.assembly.id)[0].summary).toBe("record.federation.joined");
    // Answering twice is refused, not applied twice.
    expect(answerJoinRequest({ councilId: c.id, requestId: req.id, accept: false, by: steward.id, now: T0 + 2 })).toMatchObject({ ok: false, status: 409 });
    expect(councilSeats(c.id).seats[0]).toMatchObject({ vacant: 2, held: [] });
  });

  it("a failed join proposal asks nothing of the council", async () => {
    const { council: c } = await council();
    const a = await assemblyWith({ members: 2 });
    const join = proposeJoin({ assemblyId: a.assembly.id, council: c.slug, authorId: a.founder.id, now: T0 });
    if (!join.ok) throw new Error(join.error);
    decide(join.proposal.id, [a.founder, ...a.members].map((m) => ({ userId: m.id, yes: false })));
    expect(liveMembership(c.id, a.assembly.id)).toBeUndefined();
  });

  it("a declined request leaves the body outside, and it may ask again later", async () => {
    const { council: c, steward } = await council();
    const a = await assemblyWith({ members: 1 });
    const join = proposeJoin({ assemblyId: a.assembly.id, council: c.slug, authorId: a.founder.id, now: T0 });
    if (!join.ok) throw new Error(join.error);
    decide(join.proposal.id, [a.founder, ...a.members].map((m) => ({ userId: m.id })));
    const req = liveMembership(c.id, a.assembly.id)!;
    answerJoinRequest({ councilId: c.id, requestId: req.id, accept: false, by: steward.id, now: T0 });
    expect(liveMembership(c.id, a.assembly.id)).toBeUndefined();
    expect(councilsOf(a.assembly.id)).toEqual([]);
    expect(proposeJoin({ assemblyId: a.assembly.id, council: c.slug, authorId: a.founder.id, now: T0 }).ok).toBe(true);
  });

  it("refuses: an unknown council, joining twice, a second join proposal, a non-voter proposing", async () => {
    const { council: c, steward } = await council();
    const a = await memberBody(c.id, steward.id);
    const other = await assemblyWith({ members: 1, observers: 1 });
    expect(proposeJoin({ assemblyId: other.assembly.id, council: "no-such-council", authorId: other.founder.id, now: T0 })).toMatchObject({ ok: false, status: 404, error: "federation.errors.councilNotFound" });
    expect(proposeJoin({ assemblyId: other.assembly.id, council: other.slug, authorId: other.founder.id, now: T0 })).toMatchObject({ ok: false, status: 404 });
    expect(proposeJoin({ assemblyId: a.assembly.id, council: c.slug, authorId: a.founder.id, now: T0 })).toMatchObject({ ok: false, status: 409, error: "federation.errors.alreadyMember" });
    expect(proposeJoin({ assemblyId: other.assembly.id, council: `http://localhost:3000/a/${c.slug}`, authorId: other.founder.id, now: T0 }).ok).toBe(true);
    expect(proposeJoin({ assemblyId: other.assembly.id, council: c.slug, authorId: other.founder.id, now: T0 })).toMatchObject({ ok: false, status: 409, error: "federation.errors.joinProposalOpen" });
    expect(proposeJoin({ assemblyId: other.assembly.id, council: c.slug, authorId: other.observers[0].id, now: T0 })).toMatchObject({ ok: false, status: 403 });
  });

  it("leaving is the body's own decision: it takes effect at once and its delegates' terms end", async () => {
    const { council: c, steward } = await council();
    const a = await memberBody(c.id, steward.id);
    const delegate = a.members[0];
    transaction(() => startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: delegate.id, now: T0, mandateText: "", electionProposalId: null }));
    expect(getMembership(c.id, delegate.id)?.role).toBe("member");
    const leave = proposeLeave({ assemblyId: a.assembly.id, councilId: c.id, authorId: a.founder.id, now: T0 });
    if (!leave.ok) throw new Error(leave.error);
    decide(leave.proposal.id, a.everyone.map((m) => ({ userId: m.id })), T0 + 10);
    expect(liveMembership(c.id, a.assembly.id)).toBeUndefined();
    expect(db.select().from(councilMembers).where(and(eq(councilMembers.councilId, c.id), eq(councilMembers.memberBodyId, a.assembly.id))).get()!.status).toBe("left");
    expect(activeTerms({ councilId: c.id })).toEqual([]);
    expect(getMembership(c.id, delegate.id)).toBeUndefined();
    expect(listRecord(c.id)[0].summary).toBe("record.federation.memberLeft");
    expect(listRecord(a.assembly.id)[0].summary).toBe("record.federation.left");
  });
});

describe("councils of councils", () => {
  it("a council joins a larger council the same way; a cycle is refused", async () => {
    const { council: big, steward: bigSteward } = await council({ name: "Regional council" });
    const { council: small, steward } = await council({ name: "City council" });
    const a = await memberBody(small.id, steward.id);
    const delegates = a.members.slice(0, 2);
    transaction(() => {
      for (const d of delegates) startTerm({ assemblyId: a.assembly.id, councilId: small.id, userId: d.id, now: T0, mandateText: "", electionProposalId: null });
    });
    // The small council's members are its seated delegates: they decide to join.
    const join = proposeJoin({ assemblyId: small.id, council: big.slug, authorId: delegates[0].id, now: T0 });
    if (!join.ok) throw new Error(join.error);
    decide(join.proposal.id, delegates.map((d) => ({ userId: d.id })));
    const req = liveMembership(big.id, small.id)!;
    answerJoinRequest({ councilId: big.id, requestId: req.id, accept: true, by: bigSteward.id, now: T0 });
    expect(memberBodies(big.id).map((b) => b.name)).toEqual(["City council"]);
    // The big council cannot join the small one now: it is already inside it.
    const bigDelegate = delegates[0];
    transaction(() => startTerm({ assemblyId: small.id, councilId: big.id, userId: bigDelegate.id, now: T0, mandateText: "", electionProposalId: null }));
    expect(proposeJoin({ assemblyId: big.id, council: small.slug, authorId: bigDelegate.id, now: T0 })).toMatchObject({ ok: false, error: "federation.errors.cycle" });
  });
});

describe("council votes are open ballots", () => {
  it("a round on a council policy proposal is refused if the council's charter makes it secret", async () => {
    const { council: c, steward } = await council();
    const a = await memberBody(c.id, steward.id);
    transaction(() => startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: a.founder.id, now: T0, mandateText: "", electionProposalId: null }));
    const { charter } = currentCharter(c.id);
    transaction(() => writeCharterVersion({ assemblyId: c.id, charter: { ...charter, secret: { ...charter.secret, general: true } }, byUserId: steward.id, note: "" }));
    const p = createProposal({ assemblyId: c.id, authorId: a.founder.id, kind: "general", title: "Joint rent strike fund", body: "…", now: T0 });
    expect(openRound({ proposalId: p.id, openedBy: steward.id, mode: "online", deadline: T0 + 1e6, now: T0 })).toMatchObject({ ok: false, status: 409, error: "federation.errors.councilOpenBallots" });
    expect(db.select().from(proposals).where(eq(proposals.id, p.id)).get()!.status).toBe("discussion");
    expect(db.select().from(memberships).where(eq(memberships.assemblyId, c.id)).all()).toHaveLength(2);
  });
});
