import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "~/db.server";
import { ballots, roundParticipation, roundProxies, secretBallots } from "../../db/schema";
import { defaultCharter, type Charter } from "~/lib/charter";
import { scheduleMeeting, startMeeting } from "~/models/meeting.server";
import { addAgendaItem } from "~/models/agenda.server";
import { checkIn, checkOut } from "~/models/attendance.server";
import { castMeetingBallot, closeMeetingVote, meetingDecisions, openMeetingVote, recordMeetingHandCount } from "~/models/meeting-vote.server";
import { createProposal } from "~/models/proposal.server";
import { castBallot, closeRound, countCap, getRound, liveTally, openRound } from "~/models/round.server";
import { giveProxy, revokeProxy } from "~/models/proxy.server";
import { listRecord } from "~/models/record.server";
import * as plan from "~/routes/a.$slug.meetings.$id._index";
import * as phone from "~/routes/a.$slug.meetings.$id.phone";
import * as proposalPage from "~/routes/a.$slug.proposals.$id._index";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";

const HOUR = 3_600_000;

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
}

function charterWith(proxies: Charter["proxies"], extra: Partial<Charter> = {}): Charter {
  return { ...defaultCharter(), defaultMethod: "majority", proxies, ...extra };
}

/** A body with a meeting tomorrow with one proposal on its agenda. */
async function body(proxies: Charter["proxies"], opts: { members?: number; secret?: boolean } = {}) {
  const s = await assemblyWith({ members: opts.members ?? 4, charter: charterWith(proxies, opts.secret ? { secret: { ...defaultCharter().secret, general: true } } : {}), prefix: "px" });
  const now = Date.now();
  const meeting = ok(scheduleMeeting({ assemblyId: s.assembly.id, createdBy: s.founder.id, title: "General meeting", startsAt: now + HOUR, durationMinutes: 60, place: "", link: "", shortNotice: true, now })).meeting;
  const proposal = createProposal({ assemblyId: s.assembly.id, authorId: s.founder.id, kind: "general", title: "Fix the boiler", body: "Call the landlord." });
  const itemId = ok(addAgendaItem(meeting.id, { kind: "proposal", title: "Boiler", timeboxMinutes: 15, proposalId: proposal.id })).itemId;
  return { ...s, meeting, proposal, itemId, now };
}

const MEETINGS = { mode: "meetings" as const, maxPerHolder: 1, secretRounds: false };

describe("giving and taking back a proxy", () => {
  it("is refused when the charter does not allow proxies (the default)", async () => {
    const s = await body({ mode: "none", maxPerHolder: 1, secretRounds: false });
    const [ana, ben] = s.members;
    expect(giveProxy({ assemblyId: s.assembly.id, giverId: ana.id, holderId: ben.id, meetingId: s.meeting.id, now: s.now })).toMatchObject({ ok: false, status: 403, error: "proxies.errors.notAllowed" });
    // Through the meeting page: a 403 with the message, nothing stored.
    const r = await call(plan.action, `/a/${s.slug}/meetings/${s.meeting.id}`, { form: { intent: "giveProxy", holderId: ben.id }, cookie: ana.cookie, params: { slug: s.slug, id: s.meeting.id } });
    expect(r.status).toBe(403);
    expect(r.data.errors.form).toBe("proxies.errors.notAllowed");
  });

  it("the meeting page lists the members who may hold a proxy only while one can be given", async () => {
    const s = await body(MEETINGS);
    const [ana, ben] = s.members;
    const view = async () => (await call(plan.loader, `/a/${s.slug}/meetings/${s.meeting.id}`, { cookie: ana.cookie, params: { slug: s.slug, id: s.meeting.id } })).data.proxies;
    const before = await view();
    expect(before).toMatchObject({ allowed: true, open: true });
    expect(before.candidates.map((c: { id: string }) => c.id)).toContain(ben.id);
    expect(before.candidates.map((c: { id: string }) => c.id)).not.toContain(ana.id);
    // Once the meeting runs no proxy can be given for it: no list of names is sent.
    ok(startMeeting(s.meeting.id, s.now));
    expect(await view()).toMatchObject({ allowed: true, open: false, candidates: [] });
  });

  it("a meetings-only charter refuses a proxy for a proposal's online rounds", async () => {
    const s = await body(MEETINGS);
    const [ana, ben] = s.members;
    expect(giveProxy({ assemblyId: s.assembly.id, giverId: ana.id, holderId: ben.id, proposalId: s.proposal.id, now: s.now })).toMatchObject({ ok: false, error: "proxies.errors.meetingsOnly" });
  });

  it("limits how many one member holds; refuses transitive delegation both ways; changes and revokes before the meeting starts, not after", async () => {
    const s = await body(MEETINGS);
    const [ana, ben, chloe, dev] = s.members;
    const give = (giver: { id: string }, holder: { id: string }) => giveProxy({ assemblyId: s.assembly.id, giverId: giver.id, holderId: holder.id, meetingId: s.meeting.id, now: s.now });
    ok(give(ana, ben));
    // The limit is 1: Ben cannot hold Chloe's too.
    expect(give(chloe, ben)).toMatchObject({ ok: false, status: 409, error: "proxies.errors.limit", params: { n: 1 } });
    // No transitive delegation: Ben holds Ana's, so he cannot give his own…
    expect(give(ben, dev)).toMatchObject({ ok: false, status: 409, error: "proxies.errors.giverHolds" });
    // …and Ana gave hers, so she cannot hold anyone's.
    expect(give(chloe, ana)).toMatchObject({ ok: false, status: 409, error: "proxies.errors.holderGave" });
    // Nor to oneself, nor to an observer or a stranger.
    expect(give(chloe, chloe)).toMatchObject({ ok: false, status: 400, error: "proxies.errors.self" });
    const stranger = (await assemblyWith({ members: 0, prefix: "pxs" })).founder;
    expect(give(chloe, stranger)).toMatchObject({ ok: false, status: 400, error: "proxies.errors.holderNotVoter" });
    // Giving again moves it; taking it back deletes it.
    ok(give(ana, dev));
    ok(give(chloe, ben));
    ok(revokeProxy({ assemblyId: s.assembly.id, giverId: chloe.id, meetingId: s.meeting.id }));
    expect(revokeProxy({ assemblyId: s.assembly.id, giverId: chloe.id, meetingId: s.meeting.id })).toMatchObject({ ok: false, status: 404 });
    // Once the meeting has started, neither giving nor taking back.
    ok(startMeeting(s.meeting.id, s.now));
    expect(give(chloe, ben)).toMatchObject({ ok: false, status: 409, error: "proxies.errors.meetingStarted" });
    expect(revokeProxy({ assemblyId: s.assembly.id, giverId: ana.id, meetingId: s.meeting.id })).toMatchObject({ ok: false, status: 409, error: "proxies.errors.meetingStarted" });
    const page = await call(plan.action, `/a/${s.slug}/meetings/${s.meeting.id}`, { form: { intent: "revokeProxy" }, cookie: ana.cookie, params: { slug: s.slug, id: s.meeting.id } });
    expect(page.status).toBe(409);
  });
});

describe("proxy ballots in a meeting", () => {
  async function room() {
    const s = await body({ mode: "meetings", maxPerHolder: 2, secretRounds: false });
    const [ana, ben, chloe, dev] = s.members;
    // Ana and Dev cannot come; Ben carries both votes.
    ok(giveProxy({ assemblyId: s.assembly.id, giverId: ana.id, holderId: ben.id, meetingId: s.meeting.id, now: s.now }));
    ok(giveProxy({ assemblyId: s.assembly.id, giverId: dev.id, holderId: ben.id, meetingId: s.meeting.id, now: s.now }));
    ok(startMeeting(s.meeting.id, s.now));
    for (const m of [s.founder, ben, chloe]) ok(checkIn({ meetingId: s.meeting.id, userId: m.id, by: m.id, method: "code", now: s.now }));
    const roundId = ok(openMeetingVote({ meetingId: s.meeting.id, itemId: s.itemId, by: s.founder.id, now: s.now + 1000 })).roundId;
    const vote = (userId: string, choice: string, onBehalfOf?: string, at = 2000) => castMeetingBallot({ meetingId: s.meeting.id, roundId, userId, choice, onBehalfOf, now: s.now + at });
    return { ...s, ana, ben, chloe, dev, roundId, vote };
  }

  it("each held ballot is counted once; a ballot changed is not counted again; counts and minutes say how many were by proxy", async () => {
    const s = await room();
    const r0 = getRound(s.roundId)!;
    // 3 present + 2 absent members' proxies the round accepts.
    expect(r0.presentCount).toBe(3);
    expect(countCap(r0)).toBe(5);
    ok(s.vote(s.ben.id, "yes"));
    ok(s.vote(s.ben.id, "yes", s.ana.id));
    ok(s.vote(s.ben.id, "no", s.dev.id));
    ok(s.vote(s.ben.id, "yes", s.dev.id)); // changed: still one ballot for Dev
    ok(s.vote(s.chloe.id, "no"));
    const rows = db.select().from(ballots).where(eq(ballots.roundId, s.roundId)).all();
    expect(rows.map((b) => b.userId).sort()).toEqual([s.ana.id, s.ben.id, s.chloe.id, s.dev.id].sort());
    expect(liveTally(s.roundId)).toMatchObject({ participants: 4, byProxy: 2, counts: { yes: 3, no: 1, abstain: 0 } });
    // Someone without Ana's proxy cannot cast it.
    expect(s.vote(s.chloe.id, "no", s.ana.id)).toMatchObject({ ok: false, status: 403, error: "proxies.errors.noProxy" });
    // The founder's hand is counted by hand; one more hand cannot be a proxy (none left uncast).
    expect(recordMeetingHandCount({ meetingId: s.meeting.id, roundId: s.roundId, counts: { yes: 1 }, by: s.founder.id, now: s.now + 3000, proxies: 1 })).toMatchObject({ ok: false, error: "proxies.errors.handCount" });
    ok(recordMeetingHandCount({ meetingId: s.meeting.id, roundId: s.roundId, counts: { yes: 1 }, by: s.founder.id, now: s.now + 3000 }));
    // Five counted of five who could be: a sixth is refused.
    expect(recordMeetingHandCount({ meetingId: s.meeting.id, roundId: s.roundId, counts: { yes: 2 }, by: s.founder.id, now: s.now + 3100 })).toMatchObject({ ok: false, error: "round.errors.tooManyCounted" });
    ok(closeMeetingVote({ meetingId: s.meeting.id, roundId: s.roundId, by: s.founder.id, now: s.now + 4000 }));
    const figures = JSON.parse(getRound(s.roundId)!.figures!);
    // The absent givers whose votes were cast count as present: 3 + 2.
    expect(figures).toMatchObject({ byProxy: 2, present: 5, yes: 4, no: 1, participants: 4, handCounted: 1 });
    expect(JSON.parse(listRecord(s.assembly.id, { limit: 1 })[0].payload).figures.byProxy).toBe(2);
    expect(meetingDecisions(s.meeting.id)[0].byProxy).toBe(2);
  });

  it("a holder who is absent cannot cast a proxied ballot (OpenSlides #5745), even though checked in when the vote opened", async () => {
    const s = await room();
    ok(checkOut({ meetingId: s.meeting.id, userId: s.ben.id, now: s.now + 1500 }));
    expect(s.vote(s.ben.id, "yes", s.ana.id)).toMatchObject({ ok: false, status: 403, error: "proxies.errors.holderAbsent" });
    expect(db.select().from(ballots).where(eq(ballots.roundId, s.roundId)).all()).toHaveLength(0);
    // Through the phone page too: a 403 with the message, nothing counted.
    const r = await call(phone.action, `/a/${s.slug}/meetings/${s.meeting.id}/phone`, { form: { intent: "vote", roundId: s.roundId, choice: "yes", onBehalfOf: s.ana.id }, cookie: s.ben.cookie, params: { slug: s.slug, id: s.meeting.id } });
    expect(r.status).toBe(403);
    expect(r.data.errors.form).toBe("proxies.errors.holderAbsent");
    expect(liveTally(s.roundId)!.participants).toBe(0);
    // Back in the room, Ben may cast it.
    ok(checkIn({ meetingId: s.meeting.id, userId: s.ben.id, by: s.ben.id, method: "code", now: s.now + 1600 }));
    ok(s.vote(s.ben.id, "yes", s.ana.id));
  });

  it("a giver who arrives votes in person: the holder is refused for them, and the giver's own ballot replaces the proxy one", async () => {
    const s = await room();
    ok(s.vote(s.ben.id, "no", s.ana.id));
    ok(checkIn({ meetingId: s.meeting.id, userId: s.ana.id, by: s.ana.id, method: "code", now: s.now + 2500 }));
    expect(s.vote(s.ben.id, "yes", s.ana.id, 2600)).toMatchObject({ ok: false, status: 409, error: "proxies.errors.giverPresent" });
    ok(s.vote(s.ana.id, "yes", undefined, 2700));
    const anas = db.select().from(ballots).where(and(eq(ballots.roundId, s.roundId), eq(ballots.userId, s.ana.id))).all();
    expect(anas).toEqual([expect.objectContaining({ choice: "yes" })]);
    expect(db.select().from(roundProxies).where(and(eq(roundProxies.roundId, s.roundId), eq(roundProxies.giverId, s.ana.id))).get()!.cast).toBe(false);
    expect(liveTally(s.roundId)).toMatchObject({ participants: 1, byProxy: 0 });
    // Her arrival moved her from the proxies to the members present: room for the same people.
    expect(countCap(getRound(s.roundId)!)).toBe(5);
  });

  it("hand counts note proxies, within the absent givers' proxies not cast by phone", async () => {
    const s = await room();
    ok(s.vote(s.ben.id, "yes", s.ana.id));
    // Dev's proxy is the only one left: at most 1 of the hands may be a proxy.
    expect(recordMeetingHandCount({ meetingId: s.meeting.id, roundId: s.roundId, counts: { yes: 3 }, by: s.founder.id, now: s.now + 3000, proxies: 2 })).toMatchObject({ ok: false, error: "proxies.errors.handCount" });
    ok(recordMeetingHandCount({ meetingId: s.meeting.id, roundId: s.roundId, counts: { yes: 3 }, by: s.founder.id, now: s.now + 3000, proxies: 1 }));
    expect(liveTally(s.roundId)).toMatchObject({ byProxy: 2, handCounted: 3 });
    ok(closeMeetingVote({ meetingId: s.meeting.id, roundId: s.roundId, by: s.founder.id, now: s.now + 4000 }));
    expect(JSON.parse(getRound(s.roundId)!.figures!)).toMatchObject({ byProxy: 2, present: 5 });
  });
});

describe("secret rounds", () => {
  it("do not take proxies unless the charter says so", async () => {
    const s = await body({ mode: "meetings", maxPerHolder: 1, secretRounds: false }, { secret: true });
    const [ana, ben] = s.members;
    ok(giveProxy({ assemblyId: s.assembly.id, giverId: ana.id, holderId: ben.id, meetingId: s.meeting.id, now: s.now }));
    ok(startMeeting(s.meeting.id, s.now));
    for (const m of [s.founder, ben]) ok(checkIn({ meetingId: s.meeting.id, userId: m.id, by: m.id, method: "code", now: s.now }));
    const roundId = ok(openMeetingVote({ meetingId: s.meeting.id, itemId: s.itemId, by: s.founder.id, now: s.now + 1000 })).roundId;
    expect(getRound(roundId)!.secret).toBe(true);
    expect(db.select().from(roundProxies).where(eq(roundProxies.roundId, roundId)).all()).toHaveLength(0);
    expect(castMeetingBallot({ meetingId: s.meeting.id, roundId, userId: ben.id, choice: "yes", onBehalfOf: ana.id, now: s.now + 2000 })).toMatchObject({ ok: false, error: "proxies.errors.noProxy" });
  });

  it("when allowed, record who voted for whom and never the choice; once cast by proxy the giver's ballot stands", async () => {
    const s = await body({ mode: "meetings_and_online", maxPerHolder: 1, secretRounds: true }, { secret: true });
    const [ana, ben] = s.members;
    ok(giveProxy({ assemblyId: s.assembly.id, giverId: ana.id, holderId: ben.id, proposalId: s.proposal.id, now: s.now }));
    const round = ok(openRound({ proposalId: s.proposal.id, openedBy: s.founder.id, mode: "online", deadline: s.now + 24 * HOUR, now: s.now })).round;
    // After opening, the proxy for the proposal can no longer change.
    expect(revokeProxy({ assemblyId: s.assembly.id, giverId: ana.id, proposalId: s.proposal.id })).toMatchObject({ ok: false, status: 409, error: "proxies.errors.roundOpen" });
    const cast = ok(castBallot({ roundId: round.id, userId: ben.id, choice: "yes", onBehalfOf: ana.id, now: s.now + 1000 }));
    expect(cast.receipt).toMatch(/^[A-Z0-9-]{19}$/);
    ok(castBallot({ roundId: round.id, userId: ben.id, choice: "no", now: s.now + 1100 }));
    // Ana cannot vote too: her ballot, cast by Ben, cannot be found without its receipt.
    expect(castBallot({ roundId: round.id, userId: ana.id, choice: "no", now: s.now + 1200 })).toMatchObject({ ok: false, status: 409, error: "proxies.errors.proxyVoted" });
    // Ben changes Ana's ballot with its receipt.
    ok(castBallot({ roundId: round.id, userId: ben.id, choice: "no", onBehalfOf: ana.id, receipt: cast.receipt, now: s.now + 1300 }));
    ok(closeRound({ roundId: round.id, by: s.founder.id, now: s.now + 2000 }));
    // Who voted, and that Ana's was cast by Ben: yes. What Ana chose: nowhere by her name.
    const took = db.select().from(roundParticipation).where(eq(roundParticipation.roundId, round.id)).all();
    expect(took.map((t) => t.userId).sort()).toEqual([ana.id, ben.id].sort());
    expect(db.select().from(roundProxies).where(eq(roundProxies.roundId, round.id)).all()).toEqual([{ roundId: round.id, giverId: ana.id, holderId: ben.id, cast: true }]);
    const published = db.select().from(secretBallots).where(eq(secretBallots.roundId, round.id)).all();
    expect(published.map((b) => b.choice).sort()).toEqual(["no", "no"]);
    expect(Object.keys(published[0]).sort()).toEqual(["choice", "ranking", "reason", "receiptHash", "roundId", "text"]);
    expect(JSON.parse(getRound(round.id)!.figures!)).toMatchObject({ byProxy: 1, participants: 2 });
  });
});

describe("online rounds", () => {
  it("a holder casts on the proposal page; the giver's own ballot then replaces it: one ballot each", async () => {
    const s = await body({ mode: "meetings_and_online", maxPerHolder: 1, secretRounds: false });
    const [ana, ben] = s.members;
    const give = await call(proposalPage.action, `/a/${s.slug}/proposals/${s.proposal.id}`, { form: { intent: "giveProxy", holderId: ben.id }, cookie: ana.cookie, params: { slug: s.slug, id: s.proposal.id } });
    expect(give.status).toBe(302);
    const bad = await call(proposalPage.action, `/a/${s.slug}/proposals/${s.proposal.id}`, { form: { intent: "giveProxy", holderId: "" }, cookie: s.members[2].cookie, params: { slug: s.slug, id: s.proposal.id } });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.holderId).toBe("proxies.errors.holderNotVoter");
    const round = ok(openRound({ proposalId: s.proposal.id, openedBy: s.founder.id, mode: "online", deadline: s.now + 24 * HOUR, now: s.now })).round;
    const page = await call(proposalPage.loader, `/a/${s.slug}/proposals/${s.proposal.id}`, { cookie: ben.cookie, params: { slug: s.slug, id: s.proposal.id } });
    expect(page.data.held).toEqual([expect.objectContaining({ giverId: ana.id, cast: false })]);
    const vote = await call(proposalPage.action, `/a/${s.slug}/proposals/${s.proposal.id}`, { form: { intent: "vote", roundId: round.id, choice: "yes", onBehalfOf: ana.id }, cookie: ben.cookie, params: { slug: s.slug, id: s.proposal.id } });
    expect(vote.status).toBe(302);
    expect(liveTally(round.id)).toMatchObject({ participants: 1, byProxy: 1 });
    ok(castBallot({ roundId: round.id, userId: ana.id, choice: "no", now: s.now + 1000 }));
    expect(liveTally(round.id)).toMatchObject({ participants: 1, byProxy: 0, counts: { yes: 0, no: 1 } });
    // And the holder can no longer cast for her.
    expect(castBallot({ roundId: round.id, userId: ben.id, choice: "yes", onBehalfOf: ana.id, now: s.now + 1100 })).toMatchObject({ ok: false, error: "proxies.errors.giverVoted" });
  });
});
