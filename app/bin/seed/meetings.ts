/** Demo meetings: last month's Elm Street assembly (run, voted, minuted) and the next ones. */
import { scheduleMeeting, startMeeting, nextItem, getMeeting } from "~/models/meeting.server";
import { addAgendaItem } from "~/models/agenda.server";
import { checkIn } from "~/models/attendance.server";
import { castMeetingBallot, closeMeetingVote, openMeetingVote } from "~/models/meeting-vote.server";
import { addActionItem, finishMeeting, saveItemNotes } from "~/models/minutes.server";
import { listProposals } from "~/models/proposal.server";
import { getMembership } from "~/models/membership.server";
import type { SeedContext } from "./foundation";

const DAY = 86_400_000;
const MIN = 60_000;

function must<T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`seed: ${what} failed: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

export async function seedMeetings(ctx: SeedContext) {
  const { users: u, assemblies: a, now } = ctx;
  const elm = a.elm.id;
  const quiet = listProposals(elm).proposals.find((p) => p.title.startsWith("Quiet hours"))!;
  const fund = listProposals(elm).proposals.find((p) => p.title.startsWith("Start a hardship fund"))!;

  // A meeting held eight days ago, fully run.
  const heldAt = now - 8 * DAY;
  const past = must(
    scheduleMeeting({ assemblyId: elm, createdBy: u.maria.id, facilitatorId: u.kofi.id, noteTakerId: u.grace.id, timekeeperId: u.sam.id, title: "Monthly assembly", startsAt: heldAt, durationMinutes: 90, place: "Community room, block A", link: "", shortNotice: false, now: heldAt - 10 * DAY }),
    "schedule past meeting",
  );
  const pastId = past.meeting.id;
  const items = [
    must(addAgendaItem(pastId, { kind: "report", title: "Treasurer's report", presenterUserId: u.aiyana.id, timeboxMinutes: 10 }), "item"),
    must(addAgendaItem(pastId, { kind: "proposal", title: "Quiet hours after 22:00", proposalId: quiet.id, presenterUserId: u.grace.id, timeboxMinutes: 20 }), "item"),
    must(addAgendaItem(pastId, { kind: "announcement", title: "Repair letter delivered", presenterUserId: u.lucia.id, timeboxMinutes: 5 }), "item"),
  ].map((r) => r.itemId);
  must(startMeeting(pastId, heldAt), "start");
  const present = ["maria", "kofi", "grace", "sam", "aiyana", "lucia", "dmitri", "tomas", "fatima", "jin", "rosa"].filter((n) => getMembership(elm, u[n].id));
  present.forEach((n, i) => must(checkIn({ meetingId: pastId, userId: u[n].id, by: u.kofi.id, method: "facilitator", now: heldAt + i * MIN }), "check in"));
  const rev = getMeeting(pastId)!.minutesRev;
  must(saveItemNotes({ meetingId: pastId, itemId: items[0], notes: "Balance €412. Two households behind on dues; treasurers will call.", expectedRev: rev }), "notes");
  must(nextItem(pastId, items[0], heldAt + 22 * MIN), "second item");
  const vote = must(openMeetingVote({ meetingId: pastId, itemId: items[1], by: u.kofi.id, now: heldAt + 30 * MIN }), "open vote");
  present.forEach((n, i) => {
    const choice = n === "tomas" ? "stand_aside" : n === "jin" ? "concern" : "agree";
    must(castMeetingBallot({ meetingId: pastId, roundId: vote.roundId, userId: u[n].id, choice, reason: choice === "stand_aside" ? "I work nights; it does not affect me." : null, text: choice === "concern" ? "Weekends need their own agreement." : null, now: heldAt + (31 + i / 10) * MIN }), "meeting ballot");
  });
  must(closeMeetingVote({ meetingId: pastId, roundId: vote.roundId, by: u.kofi.id, now: heldAt + 36 * MIN }), "close vote");
  must(addActionItem({ meetingId: pastId, itemId: items[1], text: "Put the quiet-hours notice in every stairwell", ownerUserId: u.grace.id, ownerName: "", dueAt: heldAt + 7 * DAY, by: u.grace.id, now: heldAt + 37 * MIN }), "action");
  must(nextItem(pastId, items[1], heldAt + 40 * MIN), "third item");
  must(finishMeeting(pastId, heldAt + 50 * MIN), "finish");

  // The next meetings.
  const next = must(
    scheduleMeeting({ assemblyId: elm, createdBy: u.maria.id, facilitatorId: u.kofi.id, noteTakerId: u.grace.id, timekeeperId: u.sam.id, title: "Monthly assembly", startsAt: now + 5 * DAY, durationMinutes: 90, place: "Community room, block A", link: "", shortNotice: false, now }),
    "schedule next",
  );
  const nextId = next.meeting.id;
  must(addAgendaItem(nextId, { kind: "report", title: "Adopt last meeting's minutes", presenterUserId: u.grace.id, timeboxMinutes: 5 }), "item");
  must(addAgendaItem(nextId, { kind: "proposal", title: "Hardship fund", proposalId: fund.id, presenterUserId: u.fatima.id, timeboxMinutes: 25 }), "item");
  must(addAgendaItem(nextId, { kind: "break", title: "Break", timeboxMinutes: 10 }), "item");
  must(addAgendaItem(nextId, { kind: "discussion", title: "Heating: what if the landlord says no?", presenterUserId: u.lucia.id, timeboxMinutes: 20 }), "item");
  must(
    scheduleMeeting({ assemblyId: a.riverside.id, createdBy: u.carmen.id, facilitatorId: u.ben.id, title: "Riverside open assembly", startsAt: now + 9 * DAY, durationMinutes: 120, place: "Riverside library, hall 2", link: "", shortNotice: false, now }),
    "schedule riverside",
  );
  ctx.logins.push(`${"grace".padEnd(8)} — Elm Street Tenants Union: note-taker of the monthly assembly`);
}
