/**
 * Sets up a body for the polls and proxies browser tests, run once with `tsx` against the
 * test's own database before its server starts (as tests/helpers/room-setup.ts does): an
 * assembly whose charter allows proxies in meetings, a facilitator and N members (one session
 * each), a closed score poll to look at, and a meeting with a proposal on its agenda.
 * Usage: DATABASE_PATH=… tsx tests/helpers/polls-setup.ts '{"members":3}' → one JSON line.
 */
import { defaultCharter } from "~/lib/charter";
import { foundAssembly } from "~/models/assembly.server";
import { addMember } from "~/models/membership.server";
import { hashPassword, insertUser } from "~/models/user.server";
import { createProposal } from "~/models/proposal.server";
import { scheduleMeeting } from "~/models/meeting.server";
import { addAgendaItem } from "~/models/agenda.server";
import { answerPoll, closePoll, startPoll } from "~/models/poll.server";
import { lucia } from "~/web/session.server";
import { closeDatabase } from "~/db.server";

export type PollsBody = { slug: string; meetingId: string; code: string; proposalId: string; scorePollId: string; facilitator: Person; members: Person[] };
export type Person = { id: string; username: string; name: string; session: string };

async function main() {
  const opts = JSON.parse(process.argv[2] ?? "{}") as { members?: number; majority?: boolean };
  const hash = await hashPassword("correct horse battery");
  const person = async (username: string, name: string): Promise<Person> => {
    const u = insertUser({ username, displayName: name, passwordHash: hash, locale: "en" });
    if (!u) throw new Error(`could not create ${username}`);
    const s = await lucia.createSession(u.id, { createdAt: Date.now(), userAgent: "polls-setup" });
    return { id: u.id, username, name, session: s.id };
  };
  const fay = await person("fay.f", "Fay");
  const charter = defaultCharter();
  charter.defaultMethod = "majority";
  charter.proxies = { mode: "meetings", maxPerHolder: 2, secretRounds: false };
  const a = foundAssembly({ name: "Elm Court Tenants", kind: "tenant_union", slug: "elm", description: "", charter, founderId: fay.id });
  if (!a) throw new Error("could not found the assembly");
  const names = ["Ana", "Ben", "Chloe", "Dev", "Eli"];
  const members: Person[] = [];
  for (let i = 0; i < (opts.members ?? 3); i++) {
    const p = await person(`member${i + 1}`, names[i] ?? `Member ${i + 1}`);
    addMember(a.id, p.id, "member");
    members.push(p);
  }
  const now = Date.now();
  // A closed score poll, for its result page.
  const poll = startPoll({ assemblyId: a.id, authorId: fay.id, kind: "choice", title: "What should the summer party serve?", body: "", method: "score", hideResults: false, options: ["Barbecue", "Paella", "Tamales", "Pizza"], closesAt: now + 86_400_000, now });
  if (!poll.ok) throw new Error("could not start the poll");
  const scores = [
    [5, 3, 4, 1],
    [2, 5, 4, 0],
    [4, 4, 5, 2],
    [1, 5, 3, 3],
  ];
  [fay, ...members].forEach((p, i) => answerPoll({ pollId: poll.poll.id, userId: p.id, answer: { scores: scores[i % scores.length] }, now }));
  closePoll({ pollId: poll.poll.id, by: fay.id, now });
  const proposal = createProposal({ assemblyId: a.id, authorId: fay.id, kind: "general", title: "Repaint the hallway", body: "We repaint the hallway in May.", now });
  const m = scheduleMeeting({ assemblyId: a.id, createdBy: fay.id, facilitatorId: fay.id, title: "May general meeting", startsAt: now + 60 * 60_000, durationMinutes: 90, place: "Courtyard", link: "", shortNotice: true, now });
  if (!m.ok) throw new Error("could not schedule");
  addAgendaItem(m.meeting.id, { kind: "proposal", title: "Hallway", proposalId: proposal.id, presenterUserId: null, timeboxMinutes: 15 });
  const body: PollsBody = { slug: a.slug, meetingId: m.meeting.id, code: m.meeting.code, proposalId: proposal.id, scorePollId: poll.poll.id, facilitator: fay, members };
  closeDatabase();
  process.stdout.write(JSON.stringify(body) + "\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
