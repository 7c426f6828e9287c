/**
 * A vote answers in place (docs/decisions/021-scale-path.md): a form posted with
 * `answer=inPlace` (the page runs JavaScript) gets the round's fresh count and the voter's own
 * ballot back, and no redirect; the same form without it redirects, as without JavaScript.
 */
import { describe, expect, it } from "vitest";
import * as proposalPage from "~/routes/a.$slug.proposals.$id._index";
import * as phone from "~/routes/a.$slug.meetings.$id.phone";
import { createProposal } from "~/models/proposal.server";
import { openRound } from "~/models/round.server";
import { scheduleMeeting, startMeeting } from "~/models/meeting.server";
import { addAgendaItem } from "~/models/agenda.server";
import { checkIn } from "~/models/attendance.server";
import { openMeetingVote } from "~/models/meeting-vote.server";
import { defaultCharter } from "~/lib/charter";
import { answeredInPlace, skipNeedlessReload } from "~/web/live-resilience";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";

function majority() {
  const charter = defaultCharter();
  charter.defaultMethod = "majority";
  return charter;
}

describe("a vote answered in place", () => {
  it("on the proposal page: the count and the voter's ballot come back; without answer=inPlace it redirects", async () => {
    const charter = majority();
    const a = await assemblyWith({ members: 3, charter, prefix: "vip" });
    const now = Date.now();
    const p = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Paint", body: "Green.", status: "discussion", now });
    const opened = openRound({ proposalId: p.id, openedBy: a.founder.id, mode: "online", deadline: now + 86_400_000, now });
    if (!opened.ok) throw new Error(opened.error);
    const path = `/a/${a.slug}/proposals/${p.id}`;
    const params = { slug: a.slug, id: p.id };
    const roundId = opened.round.id;

    const plain = await call(proposalPage.action, path, { cookie: a.members[0].cookie, params, form: { intent: "vote", roundId, choice: "yes" } });
    expect(plain.status).toBe(302);
    expect(plain.location).toContain("done=voted");

    const inPlace = await call(proposalPage.action, path, { cookie: a.members[1].cookie, params, form: { intent: "vote", roundId, choice: "no", answer: "inPlace" } });
    expect(inPlace.status).toBe(200);
    expect(inPlace.data).toMatchObject({
      ok: true,
      intent: "vote",
      done: "voted",
      inPlace: true,
      receipt: null,
      round: { id: roundId, tally: { participants: 2, eligible: 4, counts: { yes: 1, no: 1, abstain: 0 } }, mine: { eligible: true, participated: true, ballot: { choice: "no" } } },
    });
    expect(answeredInPlace(inPlace.data)).toBe(true);
    // No loader runs again after it; after a redirecting answer they do.
    const args = { defaultShouldRevalidate: true } as Parameters<typeof skipNeedlessReload>[0];
    expect(skipNeedlessReload({ ...args, actionResult: inPlace.data })).toBe(false);
    expect(skipNeedlessReload({ ...args, actionResult: undefined })).toBe(true);

    const changed = await call(proposalPage.action, path, { cookie: a.members[1].cookie, params, form: { intent: "vote", roundId, choice: "abstain", answer: "inPlace" } });
    expect(changed.data).toMatchObject({ done: "changed", round: { tally: { participants: 2, counts: { yes: 1, no: 0, abstain: 1 } }, mine: { ballot: { choice: "abstain" } } } });

    // A refused ballot is refused the same way either way.
    const refused = await call(proposalPage.action, path, { cookie: a.members[2].cookie, params, form: { intent: "vote", roundId, choice: "maybe", answer: "inPlace" } });
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ ok: false, intent: "vote" });
  });

  it("a secret ballot's answer in place carries its receipt and no choice of anyone", async () => {
    const charter = { ...majority(), secret: { ...defaultCharter().secret, general: true } };
    const a = await assemblyWith({ members: 2, charter, prefix: "vips" });
    const now = Date.now();
    const p = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Paint", body: "Green.", status: "discussion", now });
    const opened = openRound({ proposalId: p.id, openedBy: a.founder.id, mode: "online", deadline: now + 86_400_000, now });
    if (!opened.ok) throw new Error(opened.error);
    const r = await call(proposalPage.action, `/a/${a.slug}/proposals/${p.id}`, { cookie: a.members[0].cookie, params: { slug: a.slug, id: p.id }, form: { intent: "vote", roundId: opened.round.id, choice: "yes", answer: "inPlace" } });
    expect(r.data).toMatchObject({ inPlace: true, receipt: expect.stringMatching(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/), round: { tally: { participants: 1, counts: null }, mine: { participated: true, ballot: null } } });
    expect(r.data.receiptHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("on a meeting phone: the phone's ballot and the turnout come back", async () => {
    const a = await assemblyWith({ members: 3, charter: majority(), prefix: "vipm" });
    const now = Date.now();
    const p = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Lock", body: "Fix it.", status: "discussion", now });
    const m = scheduleMeeting({ assemblyId: a.assembly.id, title: "Night", startsAt: now + 3_600_000, durationMinutes: 60, place: "", link: "", shortNotice: true, createdBy: a.founder.id, now });
    if (!m.ok) throw new Error("schedule");
    const item = addAgendaItem(m.meeting.id, { kind: "proposal", title: "Lock", proposalId: p.id, timeboxMinutes: 10 });
    startMeeting(m.meeting.id, now);
    for (const x of [a.founder, ...a.members]) checkIn({ meetingId: m.meeting.id, userId: x.id, by: x.id, method: "code", now });
    if (!item.ok) throw new Error("agenda");
    const itemId = item.itemId;
    const v = openMeetingVote({ meetingId: m.meeting.id, itemId, by: a.founder.id, now });
    if (!v.ok) throw new Error(JSON.stringify(v));
    const path = `/a/${a.slug}/meetings/${m.meeting.id}/phone`;
    const params = { slug: a.slug, id: m.meeting.id };
    const r = await call(phone.action, path, { cookie: a.members[0].cookie, params, form: { intent: "vote", roundId: v.roundId, choice: "yes", answer: "inPlace" } });
    expect(r.data).toMatchObject({ ok: true, intent: "vote", inPlace: true, ballot: { roundId: v.roundId, eligible: true, participated: true, choice: "yes" }, turnout: { roundId: v.roundId, participants: 1, eligible: 4 } });
    const plain = await call(phone.action, path, { cookie: a.members[1].cookie, params, form: { intent: "vote", roundId: v.roundId, choice: "no" } });
    expect(plain.data).toMatchObject({ ok: true, intent: "vote", done: "voted" });
    expect(answeredInPlace(plain.data)).toBe(false);
  });
});
