/**
 * Every action that takes a child's id (an amendment, a comment, a round, an invitation,
 * an agenda item, an action item, a delegate's term, a report-back, an election, a recall
 * petition…) finds it only under the parent in the URL, and that
 * parent only in the body in the URL: another body's id, or another parent's, is a 404 and
 * nothing changes. The review's case: a member removed from a body, who still authored a
 * proposal there, accepted an amendment to it through a proposal of a body they are still in.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, transaction } from "~/db.server";
import { actionItems, agendaItems, amendments, comments, delegateTerms, invitations, nominations, recallSignatures, reportBacks, rounds } from "../../db/schema";
import * as create from "~/routes/a.$slug.proposals.new";
import * as page from "~/routes/a.$slug.proposals.$id._index";
import * as invitationsRoute from "~/routes/a.$slug.invitations";
import * as councilFromBody from "~/routes/a.$slug.councils.$councilId";
import * as meetingPage from "~/routes/a.$slug.meetings.$id._index";
import * as minutesPage from "~/routes/a.$slug.meetings.$id.minutes";
import * as reportsPage from "~/routes/a.$slug.report-backs._index";
import * as electionPage from "~/routes/a.$slug.delegates.elections.$id";
import * as recallsPage from "~/routes/a.$slug.recalls";
import { addMember, removeMember } from "~/models/membership.server";
import { createInvitation } from "~/models/invitation.server";
import { scheduleMeeting, startMeeting } from "~/models/meeting.server";
import { addActionItem } from "~/models/minutes.server";
import { startPetition } from "~/models/recall.server";
import { addAgendaItem } from "~/models/agenda.server";
import { startElection, startTerm } from "~/models/delegate.server";
import { call } from "../helpers/remix";
import { assemblyWith, quickPerson } from "../helpers/decisions";
import { council, memberBody, T0 } from "../helpers/federation";

async function newProposal(slug: string, cookie: string, title: string) {
  const r = await call(create.action, `/a/${slug}/proposals/new`, { cookie, params: { slug }, form: { kind: "general", start: "discussion", title, body: "Text" } });
  expect(r.status).toBe(302);
  return r.location!.split("/").pop()!;
}

const post = (slug: string, id: string, cookie: string, form: Record<string, string>) => call(page.action, `/a/${slug}/proposals/${id}`, { cookie, params: { slug, id }, form });

describe("a child id from elsewhere is not found", () => {
  it("amendments: not through another body's proposal, nor another proposal of the same body", async () => {
    const x = await assemblyWith({ members: 1, prefix: "cx" });
    const y = await assemblyWith({ members: 0, prefix: "cy" });
    const alice = await quickPerson("alice");
    addMember(x.assembly.id, alice.id, "member");
    addMember(y.assembly.id, alice.id, "member");
    const px = await newProposal(x.slug, alice.cookie, "Alice's proposal in X");
    const px2 = await newProposal(x.slug, alice.cookie, "Alice's other proposal in X");
    const py = await newProposal(y.slug, alice.cookie, "Alice's proposal in Y");
    expect((await post(x.slug, px, x.members[0].cookie, { intent: "amend", baseRevision: "1", title: "", body: "Better text" })).status).toBe(302);
    const am = db.select().from(amendments).where(eq(amendments.proposalId, px)).get()!;
    // Through a sibling proposal of the same body.
    for (const intent of ["accept", "decline"]) {
      const r = await post(x.slug, px2, alice.cookie, { intent, amendmentId: am.id });
      expect(r.status, `${intent} via sibling`).toBe(404);
    }
    // Removed from X, still in Y: through Y's proposal.
    expect(removeMember(x.assembly.id, alice.id).ok).toBe(true);
    for (const intent of ["accept", "decline"]) {
      const r = await post(y.slug, py, alice.cookie, { intent, amendmentId: am.id });
      expect(r.status, `${intent} via another body`).toBe(404);
    }
    expect(db.select().from(amendments).where(eq(amendments.id, am.id)).get()!.status).toBe("open");
  });

  it("comments and rounds: another proposal's comment or round is not found", async () => {
    const x = await assemblyWith({ members: 1, prefix: "cr" });
    const y = await assemblyWith({ members: 0, prefix: "cs" });
    const px = await newProposal(x.slug, x.founder.cookie, "In X");
    const py = await newProposal(y.slug, y.founder.cookie, "In Y");
    expect((await post(x.slug, px, x.founder.cookie, { intent: "comment", comment: "first" })).status).toBe(302);
    const parent = db.select().from(comments).where(eq(comments.proposalId, px)).get()!;
    const reply = await post(y.slug, py, y.founder.cookie, { intent: "comment", comment: "reply from Y", parentId: parent.id });
    expect(reply.status).toBe(404);
    expect(db.select().from(comments).where(eq(comments.proposalId, py)).all()).toEqual([]);
    expect((await post(x.slug, px, x.founder.cookie, { intent: "open-round", days: "1", hours: "0" })).status).toBe(302);
    const round = db.select().from(rounds).where(eq(rounds.proposalId, px)).get()!;
    expect((await post(y.slug, py, y.founder.cookie, { intent: "close-round", roundId: round.id })).status).toBe(404);
    expect((await post(y.slug, py, y.founder.cookie, { intent: "vote", roundId: round.id, choice: "yes" })).status).toBe(404);
    expect(db.select().from(rounds).where(eq(rounds.id, round.id)).get()!.closedAt).toBeNull();
  });

  it("invitations: a steward cannot revoke another body's link", async () => {
    const x = await assemblyWith({ members: 0, prefix: "ci" });
    const y = await assemblyWith({ members: 0, prefix: "cj" });
    const { id } = createInvitation({ assemblyId: x.assembly.id, role: "member", label: "", expiresInDays: 7, maxUses: 5, createdBy: x.founder.id });
    const r = await call(invitationsRoute.action, `/a/${y.slug}/invitations`, { cookie: y.founder.cookie, params: { slug: y.slug }, form: { intent: "revoke", id } });
    expect(r.status).toBe(404);
    expect(db.select().from(invitations).where(eq(invitations.id, id)).get()!.revokedAt).toBeNull();
  });

  it("agenda items: another meeting's item is not found", async () => {
    const x = await assemblyWith({ members: 0, prefix: "cm" });
    const y = await assemblyWith({ members: 0, prefix: "cn" });
    const mk = (a: typeof x) => {
      const r = scheduleMeeting({ assemblyId: a.assembly.id, title: "M", startsAt: Date.now() + 8 * 86_400_000, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: a.founder.id, now: Date.now() });
      if (!r.ok) throw new Error("schedule");
      return r.meeting;
    };
    const mx = mk(x);
    const my = mk(y);
    const item = addAgendaItem(mx.id, { kind: "discussion", title: "Boiler", description: "", timeboxMinutes: 10 });
    if (!item.ok) throw new Error("item");
    const itemId = db.select().from(agendaItems).where(eq(agendaItems.meetingId, mx.id)).get()!.id;
    for (const intent of ["removeItem", "defer", "move"]) {
      const r = await call(meetingPage.action, `/a/${y.slug}/meetings/${my.id}`, { cookie: y.founder.cookie, params: { slug: y.slug, id: my.id }, form: { intent, itemId, direction: "up" } });
      expect(r.status, intent).toBe(404);
    }
    expect(db.select().from(agendaItems).where(eq(agendaItems.id, itemId)).get()!.status).toBe("open");
  });

  it("delegate terms: not resigned through another body's page of the council", async () => {
    const { council: c, steward } = await council({ rules: { seatsPerAssembly: 1 } });
    const a = await memberBody(c.id, steward.id, { members: 1, prefix: "ct" });
    const b = await memberBody(c.id, steward.id, { members: 0, prefix: "cu" });
    const d = a.members[0];
    addMember(b.assembly.id, d.id, "member");
    const [term] = transaction(() => [startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: d.id, now: T0, mandateText: "", electionProposalId: null })]);
    const r = await call(councilFromBody.action, `/a/${b.slug}/councils/${c.id}`, { cookie: d.cookie, params: { slug: b.slug, councilId: c.id }, form: { intent: "resign", termId: term.id } });
    expect(r.status).toBe(404);
    expect(db.select().from(delegateTerms).where(eq(delegateTerms.id, term.id)).get()!.status).toBe("active");
  });

  it("action items: another meeting's action item is not removed through this meeting's minutes", async () => {
    const x = await assemblyWith({ members: 0, prefix: "ca" });
    const y = await assemblyWith({ members: 0, prefix: "cb" });
    const running = (a: typeof x) => {
      const r = scheduleMeeting({ assemblyId: a.assembly.id, title: "M", startsAt: Date.now() + 8 * 86_400_000, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: a.founder.id, now: Date.now() });
      if (!r.ok) throw new Error("schedule");
      startMeeting(r.meeting.id, Date.now());
      return r.meeting;
    };
    const mx = running(x);
    const my = running(y);
    const added = addActionItem({ meetingId: mx.id, itemId: null, text: "Book the hall", ownerUserId: null, ownerName: "Jo", dueAt: null, by: x.founder.id, now: Date.now() });
    if (!added.ok) throw new Error("action item");
    const r = await call(minutesPage.action, `/a/${y.slug}/meetings/${my.id}/minutes`, { cookie: y.founder.cookie, params: { slug: y.slug, id: my.id }, form: { intent: "removeAction", actionId: added.actionId } });
    expect(r.status).toBe(404);
    expect(db.select().from(actionItems).where(eq(actionItems.id, added.actionId)).get()).toBeTruthy();
  });

  it("report-backs: a delegate files a body's report only through that body's page", async () => {
    const { council: c, steward } = await council();
    const a = await memberBody(c.id, steward.id, { members: 1, prefix: "cv" });
    const b = await memberBody(c.id, steward.id, { members: 0, prefix: "cw" });
    const d = a.members[0];
    addMember(b.assembly.id, d.id, "member");
    const [term] = transaction(() => [startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: d.id, now: T0, mandateText: "", electionProposalId: null })]);
    const r = await call(reportsPage.action, `/a/${b.slug}/report-backs`, { cookie: d.cookie, params: { slug: b.slug }, form: { about: `term:${term.id}`, title: "Filed elsewhere", body: "Text" } });
    expect(r.status).toBe(404);
    expect(db.select().from(reportBacks).where(eq(reportBacks.termId, term.id)).all()).toEqual([]);
  });

  it("elections and recall petitions: another body's are not found", async () => {
    const { council: c, steward } = await council();
    const a = await memberBody(c.id, steward.id, { members: 1, prefix: "ce" });
    const b = await memberBody(c.id, steward.id, { members: 1, prefix: "cf" });
    const election = startElection({ assemblyId: a.assembly.id, councilId: c.id, authorId: a.founder.id, now: T0 });
    if (!election.ok) throw new Error("election");
    const nominate = await call(electionPage.action, `/a/${b.slug}/delegates/elections/${election.proposal.id}`, { cookie: b.founder.cookie, params: { slug: b.slug, id: election.proposal.id }, form: { intent: "nominate", nominee: b.members[0].id } });
    expect(nominate.status).toBe(404);
    expect(db.select().from(nominations).where(eq(nominations.proposalId, election.proposal.id)).all()).toEqual([]);
    const [term] = transaction(() => [startTerm({ assemblyId: a.assembly.id, councilId: c.id, userId: a.members[0].id, now: T0, mandateText: "", electionProposalId: null })]);
    const petition = startPetition({ assemblyId: a.assembly.id, termId: term.id, userId: a.founder.id, reason: "Missed every meeting.", now: T0 });
    if (!petition.ok) throw new Error("petition");
    const sign = await call(recallsPage.action, `/a/${b.slug}/recalls`, { cookie: b.founder.cookie, params: { slug: b.slug }, form: { intent: "sign", petitionId: petition.petition.id } });
    expect(sign.status).toBe(404);
    expect(db.select().from(recallSignatures).where(eq(recallSignatures.petitionId, petition.petition.id)).all()).toHaveLength(1);
  });
});
