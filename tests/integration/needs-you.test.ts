import { describe, expect, it } from "vitest";
import { sqlite, transaction } from "~/db.server";
import { CHARTER_PRESETS, defaultCharter } from "~/lib/charter";
import "~/models/federation.server";
import { needsYou } from "~/models/needs-you.server";
import { acceptAmendment, createProposal, proposeAmendment } from "~/models/proposal.server";
import { castBallot, closeRound, openRound } from "~/models/round.server";
import { removeMember } from "~/models/membership.server";
import { scheduleMeeting } from "~/models/meeting.server";
import { nominate, startElection, startTerm } from "~/models/delegate.server";
import { askForReports, fileReport } from "~/models/report-back.server";
import { signPetition, startPetition } from "~/models/recall.server";
import { proposeMandate } from "~/models/mandate.server";
import { createSeries, signUp, upcomingShifts } from "~/models/aid-shift.server";
import { answerPoll, closePoll, startPoll } from "~/models/poll.server";
import { assemblyWith } from "../helpers/decisions";
import { council, decide, memberBody } from "../helpers/federation";
import { call } from "../helpers/remix";
import * as home from "~/routes/_index";
import * as overview from "~/routes/a.$slug._index";
import * as root from "~/root";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.now();

const kinds = (userId: string, now = NOW, assemblyId?: string) => needsYou(userId, now, { assemblyId }).map((i) => `${i.kind}:${i.title}`);

function proposal(assemblyId: string, authorId: string, title: string) {
  return createProposal({ assemblyId, authorId, kind: "general", title, body: `${title}.`, now: NOW - DAY });
}

function openOnline(proposalId: string, deadline: number) {
  const r = openRound({ proposalId, openedBy: null, mode: "online", deadline, now: NOW - HOUR });
  if (!r.ok) throw new Error(r.error);
  return r.round;
}

describe("needs you", () => {
  it("an open vote appears with its deadline and goes once the member votes; soon after, 'change your ballot?' while it closes within a day", async () => {
    const a = await assemblyWith({ members: 2, charter: CHARTER_PRESETS.simple_majority });
    const [ana, ben] = a.members;
    const far = proposal(a.assembly.id, a.founder.id, "Paint the stairwell");
    const soon = proposal(a.assembly.id, a.founder.id, "Fix the boiler");
    const r1 = openOnline(far.id, NOW + 5 * DAY);
    const r2 = openOnline(soon.id, NOW + 6 * HOUR);

    const items = needsYou(ana.id, NOW);
    // Soonest deadline first, each with one link to the ballot.
    expect(items.map((i) => [i.kind, i.title, i.due])).toEqual([
      ["vote", "Fix the boiler", NOW + 6 * HOUR],
      ["vote", "Paint the stairwell", NOW + 5 * DAY],
    ]);
    expect(items[0].href).toBe(`/a/${a.slug}/proposals/${soon.id}#round`);

    expect(castBallot({ roundId: r2.id, userId: ana.id, choice: "yes", now: NOW }).ok).toBe(true);
    expect(castBallot({ roundId: r1.id, userId: ana.id, choice: "no", now: NOW }).ok).toBe(true);
    // Voted: the far round is done; the one closing within a day offers a second look.
    expect(kinds(ana.id)).toEqual(["change:Fix the boiler"]);
    // Ben has not voted in either.
    expect(kinds(ben.id)).toEqual(["vote:Fix the boiler", "vote:Paint the stairwell"]);

    expect(closeRound({ roundId: r2.id, by: null, now: NOW }).ok).toBe(true);
    expect(kinds(ana.id)).toEqual([]);
    expect(kinds(ben.id)).toEqual(["vote:Paint the stairwell"]);
    // A round past its deadline asks nothing, even before the timer closes it.
    expect(kinds(ben.id, NOW + 6 * DAY)).toEqual([]);
  });

  it("secret rounds: whether I voted comes from the voter roll; without receipts a cast ballot is not offered for change", async () => {
    const charter = { ...CHARTER_PRESETS.simple_majority, secret: { ...defaultCharter().secret, general: true }, receipts: false };
    const a = await assemblyWith({ members: 1, charter });
    const [ana] = a.members;
    const p = proposal(a.assembly.id, a.founder.id, "Elect a treasurer by secret ballot");
    const r = openOnline(p.id, NOW + 2 * HOUR);
    expect(r.secret).toBe(true);
    expect(needsYou(ana.id, NOW)).toMatchObject([{ kind: "vote", secret: true }]);
    expect(castBallot({ roundId: r.id, userId: ana.id, choice: "yes", now: NOW }).ok).toBe(true);
    expect(kinds(ana.id)).toEqual([]);
    // The read model never touches the choice tables of a secret round.
    expect(needsYou.toString()).not.toMatch(/sealed_ballots|secret_ballots/);
  });

  it("a removed member sees nothing of the body; one body's overview lists only its own items", async () => {
    const a = await assemblyWith({ members: 1, charter: CHARTER_PRESETS.simple_majority });
    const b = await assemblyWith({ members: 0, charter: CHARTER_PRESETS.simple_majority });
    const [ana] = a.members;
    transaction(() => sqlite.prepare("insert into memberships (id, assembly_id, user_id, role, steward, facilitator, joined_at) values (?, ?, ?, 'member', 0, 0, ?)").run(`m-${ana.id}`, b.assembly.id, ana.id, NOW));
    openOnline(proposal(a.assembly.id, a.founder.id, "In A").id, NOW + DAY * 2);
    openOnline(proposal(b.assembly.id, b.founder.id, "In B").id, NOW + DAY * 3);
    expect(kinds(ana.id)).toEqual(["vote:In A", "vote:In B"]);
    expect(kinds(ana.id, NOW, b.assembly.id)).toEqual(["vote:In B"]);

    // Through the pages: the home page lists both, a body's overview its own, the header counts.
    const page = await call(home.loader, "/", { cookie: ana.cookie });
    expect(page.data.needs.items.map((i: { title: string }) => i.title)).toEqual(["In A", "In B"]);
    const ov = await call(overview.loader, `/a/${b.slug}`, { cookie: ana.cookie, params: { slug: b.slug } });
    expect(ov.data.needs.items.map((i: { title: string }) => i.title)).toEqual(["In B"]);
    expect((await call(root.loader, "/", { cookie: ana.cookie })).data.needs).toBe(2);

    expect(removeMember(b.assembly.id, ana.id).ok).toBe(true);
    expect(kinds(ana.id)).toEqual(["vote:In A"]);
    expect((await call(root.loader, "/", { cookie: ana.cookie })).data.needs).toBe(1);
  });

  it("polls: an open poll waits for every member who may answer it until they do or it closes; answered and closing within a day, 'change your answer?'", async () => {
    const a = await assemblyWith({ members: 2, observers: 1, prefix: "nyp" });
    const b = await assemblyWith({ members: 1, prefix: "nyq" });
    const [ana, ben] = a.members;
    const [olga] = a.observers;
    const [cleo] = b.members;
    const poll = (kind: "choice" | "time", title: string, closesAt: number) => {
      const r = startPoll({ assemblyId: a.assembly.id, authorId: a.founder.id, kind, title, body: "", hideResults: false, options: ["Pizza", "Soup"], times: [NOW + 3 * DAY, NOW + 4 * DAY], closesAt, now: NOW - HOUR });
      if (!r.ok) throw new Error(r.error);
      return r.poll;
    };
    const lunch = poll("choice", "Where do we eat?", NOW + 2 * DAY);
    const when = poll("time", "When do we meet?", NOW + 6 * HOUR);

    // Closing soonest first, each with its closing time and one link to the poll's answer form.
    const items = needsYou(ana.id, NOW);
    expect(items.map((i) => [i.kind, i.title, i.due, i.pollKind])).toEqual([
      ["poll", "When do we meet?", NOW + 6 * HOUR, "time"],
      ["poll", "Where do we eat?", NOW + 2 * DAY, "choice"],
    ]);
    expect(items[1].href).toBe(`/a/${a.slug}/polls/${lunch.id}#answer`);
    // The header counts them.
    expect((await call(root.loader, "/", { cookie: ana.cookie })).data.needs).toBe(2);

    // An observer is asked the meeting time (they would attend) but not the choice (they do not vote).
    expect(kinds(olga.id)).toEqual(["poll:When do we meet?"]);
    // Another body's member sees neither.
    expect(kinds(cleo.id)).toEqual([]);

    // Answered: the far poll is done; the one closing within a day offers a second look.
    expect(answerPoll({ pollId: lunch.id, userId: ana.id, answer: { choice: 1 }, now: NOW }).ok).toBe(true);
    expect(answerPoll({ pollId: when.id, userId: ana.id, answer: ["yes", "no"], now: NOW }).ok).toBe(true);
    expect(kinds(ana.id)).toEqual(["pollChange:When do we meet?"]);
    expect((await call(root.loader, "/", { cookie: ana.cookie })).data.needs).toBe(1);
    // Ben has answered neither.
    expect(kinds(ben.id)).toEqual(["poll:When do we meet?", "poll:Where do we eat?"]);

    // Closed by hand: gone for everyone; past its closing time: gone too, before the job closes it.
    expect(closePoll({ pollId: when.id, by: a.founder.id, now: NOW }).ok).toBe(true);
    expect(kinds(ana.id)).toEqual([]);
    expect(kinds(ben.id)).toEqual(["poll:Where do we eat?"]);
    expect(kinds(ben.id, NOW + 3 * DAY)).toEqual([]);

    // A removed member sees nothing of the body's polls.
    expect(removeMember(a.assembly.id, ben.id).ok).toBe(true);
    expect(kinds(ben.id)).toEqual([]);
  });

  it("meetings in the coming days, each with its own calendar file; gone once over", async () => {
    const a = await assemblyWith({ members: 1 });
    const [ana] = a.members;
    const m = scheduleMeeting({ assemblyId: a.assembly.id, createdBy: a.founder.id, title: "General meeting", startsAt: NOW + 2 * DAY, durationMinutes: 90, place: "Hall", link: "", shortNotice: true, now: NOW });
    if (!m.ok) throw new Error(m.error);
    scheduleMeeting({ assemblyId: a.assembly.id, createdBy: a.founder.id, title: "Far away", startsAt: NOW + 30 * DAY, durationMinutes: 90, place: "", link: "", shortNotice: false, now: NOW });
    expect(needsYou(ana.id, NOW)).toMatchObject([{ kind: "meeting", title: "General meeting", due: NOW + 2 * DAY, href: `/a/${a.slug}/meetings/${m.meeting.id}`, meetingId: m.meeting.id }]);
    const page = await call(home.loader, "/", { cookie: ana.cookie });
    expect(page.data.needs.items).toMatchObject([{ kind: "meeting", slug: a.slug, meetingId: m.meeting.id }]);
    expect(kinds(ana.id, NOW + 2 * DAY + 91 * 60_000)).toEqual([]);
  });

  it("amendments to my proposal wait for my answer", async () => {
    const a = await assemblyWith({ members: 1 });
    const [ana] = a.members;
    const p = proposal(a.assembly.id, ana.id, "Garden rota");
    const am = proposeAmendment({ proposalId: p.id, authorId: a.founder.id, baseRevision: 1, body: "Weekly, not monthly.", now: NOW });
    if (!am.ok) throw new Error(am.error);
    expect(needsYou(ana.id, NOW)).toMatchObject([{ kind: "amendment", title: "Garden rota", count: 1 }]);
    expect(kinds(a.founder.id)).toEqual([]);
    expect(acceptAmendment({ proposalId: p.id, amendmentId: am.amendment.id, byUserId: ana.id, now: NOW }).ok).toBe(true);
    expect(kinds(ana.id)).toEqual([]);
  });

  it("federation: a nomination, a mandate to decide, a report-back owed (late), a petition to sign", async () => {
    const { council: c, steward } = await council({ charter: CHARTER_PRESETS.simple_majority, name: "River Council" });
    const body = await memberBody(c.id, steward.id, { members: 3, prefix: "fed", charter: CHARTER_PRESETS.simple_majority });
    const [dee, eve, fay] = body.members;

    // A nomination someone else made waits for the nominee's answer.
    const e = startElection({ assemblyId: body.assembly.id, councilId: c.id, authorId: eve.id, now: NOW });
    if (!e.ok) throw new Error(e.error);
    expect(nominate({ proposalId: e.proposal.id, nomineeId: fay.id, by: eve.id, now: NOW }).ok).toBe(true);
    expect(needsYou(fay.id, NOW)).toMatchObject([{ kind: "nomination", href: `/a/${body.slug}/delegates/elections/${e.proposal.id}` }]);

    // A council proposal under way: the body has no mandate yet.
    let term!: ReturnType<typeof startTerm>;
    transaction(() => (term = startTerm({ assemblyId: body.assembly.id, councilId: c.id, userId: dee.id, now: NOW - 60 * DAY, mandateText: "", electionProposalId: null })));
    const cp = createProposal({ assemblyId: c.id, authorId: dee.id, kind: "general", title: "Regional rent strike", body: "Together in May.", now: NOW });
    expect(kinds(eve.id)).toContain("mandate:River Council: Regional rent strike");
    const m = proposeMandate({ assemblyId: body.assembly.id, councilProposalId: cp.id, stance: "support", instructions: "", authorId: eve.id, now: NOW });
    if (!m.ok) throw new Error(m.error);
    decide(m.proposal.id, body.everyone.map((x) => ({ userId: x.id })), NOW - 60_000);
    expect(kinds(eve.id).filter((k) => k.startsWith("mandate:"))).toEqual([]);

    // A council meeting closed forty days ago: the delegate owes a report, now late.
    const meeting = scheduleMeeting({ assemblyId: c.id, createdBy: steward.id, title: "Council meeting", startsAt: NOW - 5 * HOUR, durationMinutes: 60, place: "", link: "", shortNotice: true, now: NOW - 6 * HOUR });
    if (!meeting.ok) throw new Error(meeting.error);
    sqlite.prepare("update meetings set status = 'closed', closed_at = ? where id = ?").run(NOW - 40 * DAY, meeting.meeting.id);
    askForReports(NOW);
    const owed = needsYou(dee.id, NOW).filter((i) => i.kind === "report");
    expect(owed).toMatchObject([{ title: "River Council", late: true }]);
    // Late items come first.
    expect(needsYou(dee.id, NOW)[0].kind).toBe("report");
    const filed = fileReport({ assemblyId: body.assembly.id, userId: dee.id, reportId: owed[0].key.slice("report:".length), title: "What we decided", body: "The strike is on.", now: NOW });
    expect(filed.ok).toBe(true);
    expect(kinds(dee.id).filter((k) => k.startsWith("report:"))).toEqual([]);

    // A recall petition: others may sign; the one who started it and the delegate are not asked.
    const pet = startPetition({ assemblyId: body.assembly.id, termId: term.id, userId: eve.id, reason: "Voted against our mandate.", now: NOW });
    if (!pet.ok) throw new Error(pet.error);
    expect(kinds(fay.id).filter((k) => k.startsWith("petition:"))).toHaveLength(1);
    expect(kinds(eve.id).filter((k) => k.startsWith("petition:"))).toEqual([]);
    expect(kinds(dee.id).filter((k) => k.startsWith("petition:"))).toEqual([]);
    expect(signPetition({ petitionId: pet.petition.id, userId: fay.id, now: NOW }).ok).toBe(true);
    expect(kinds(fay.id).filter((k) => k.startsWith("petition:"))).toEqual([]);
  });
});

describe("proposal list", () => {
  it("says which are under a vote, when it closes and whether I voted; filters by status and sorts by the closing vote", async () => {
    const list = await import("~/routes/a.$slug.proposals._index");
    const a = await assemblyWith({ members: 1, charter: CHARTER_PRESETS.simple_majority });
    const [ana] = a.members;
    const draft = createProposal({ assemblyId: a.assembly.id, authorId: ana.id, kind: "general", title: "Draft idea", body: ".", status: "draft", now: NOW });
    const late = proposal(a.assembly.id, a.founder.id, "Closes later");
    const early = proposal(a.assembly.id, a.founder.id, "Closes first");
    const r1 = openOnline(late.id, NOW + 4 * DAY);
    openOnline(early.id, NOW + 1 * DAY);
    expect(castBallot({ roundId: r1.id, userId: ana.id, choice: "yes", now: NOW }).ok).toBe(true);

    const get = async (q: string) => (await call(list.loader, `/a/${a.slug}/proposals${q}`, { cookie: ana.cookie, params: { slug: a.slug } })).data;
    const byDeadline = await get("?sort=deadline");
    expect(byDeadline.sort).toBe("deadline");
    expect(byDeadline.proposals.map((p: { title: string; deadline: number | null; voted: boolean; eligible: boolean }) => [p.title, p.deadline, p.eligible, p.voted])).toEqual([
      ["Closes first", NOW + DAY, true, false],
      ["Closes later", NOW + 4 * DAY, true, true],
      ["Draft idea", null, false, false],
    ]);
    const voting = await get("?status=voting&sort=deadline");
    expect(voting.proposals.map((p: { title: string }) => p.title)).toEqual(["Closes first", "Closes later"]);
    expect((await get("?status=draft")).proposals.map((p: { id: string }) => p.id)).toEqual([draft.id]);
    // Unknown values are the defaults, not an error.
    const odd = await get("?status=nope&sort=%3Cscript%3E");
    expect([odd.status, odd.sort, odd.proposals.length]).toEqual([null, "updated", 3]);
  });

  it("an aid shift short of people shows in every member's inbox two days ahead, not another body's, and goes once filled", async () => {
    const a = await assemblyWith({ members: 3 });
    const other = await assemblyWith({ members: 1, prefix: "o" });
    const [ana, ben, cy] = a.members;
    const s = createSeries(a.assembly.id, { userId: a.founder.id, coordinator: true }, { title: "Food distribution", place: "Hall", firstStartsAt: NOW + 5 * DAY, durationMinutes: 120, everyWeeks: 1, weeksAhead: 2, slots: [{ role: "Packer", max: 2 }] }, NOW);
    if (!s.ok) throw new Error("series");
    const [shift] = upcomingShifts(a.assembly.id, ana.id, NOW);
    // Five days ahead: not yet. Two days ahead, two places open: everyone's inbox, with the count.
    expect(kinds(ana.id)).toEqual([]);
    const soon = shift.startsAt - 2 * DAY + HOUR;
    expect(needsYou(ana.id, soon)).toMatchObject([{ kind: "shift", title: "Food distribution", due: shift.startsAt, count: 2, href: `/a/${a.slug}/aid/shifts#s-${shift.id}`, slug: a.slug }]);
    expect(kinds(a.founder.id, soon)).toEqual(["shift:Food distribution"]);
    expect(kinds(other.members[0].id, soon)).toEqual([]);
    expect(kinds(ana.id, soon, other.assembly.id)).toEqual([]);
    // Ben takes a place: not for him any more; still for the others, one place open.
    expect(signUp(a.assembly.id, shift.slots[0].id, ben.id, soon).ok).toBe(true);
    expect(kinds(ben.id, soon)).toEqual([]);
    expect(needsYou(ana.id, soon)).toMatchObject([{ kind: "shift", count: 1 }]);
    // Filled: gone for everyone.
    expect(signUp(a.assembly.id, shift.slots[0].id, cy.id, soon).ok).toBe(true);
    expect(kinds(ana.id, soon)).toEqual([]);
    expect(kinds(a.founder.id, soon)).toEqual([]);
  });
});
