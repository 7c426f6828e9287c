/**
 * Sets up a room for the meeting browser tests, run once with `tsx` against the test's own
 * database before its server starts: an assembly, a facilitator and N members (signed in:
 * one session cookie each, so twenty phones do not sign up through the rate-limited
 * invitation and login forms), one proposal and a meeting whose agenda has a welcome and the
 * proposal. Everything goes through the app's own models, as the seed does.
 * Usage: DATABASE_PATH=… tsx tests/helpers/room-setup.ts '{"members":20}' → one JSON line.
 */
import { defaultCharter, type Charter } from "~/lib/charter";
import { foundAssembly } from "~/models/assembly.server";
import { addMember } from "~/models/membership.server";
import { hashPassword, insertUser } from "~/models/user.server";
import { createProposal } from "~/models/proposal.server";
import { openRound } from "~/models/round.server";
import { scheduleMeeting } from "~/models/meeting.server";
import { addAgendaItem } from "~/models/agenda.server";
import { registerTeller } from "~/models/ballot-box.server";
import { lucia } from "~/web/session.server";
import { closeDatabase } from "~/db.server";

export type Room = {
  slug: string;
  meetingId: string;
  code: string;
  proposalId: string;
  /** When the meeting is planned to start (an hour after the set-up). */
  startsAt: number;
  password: string;
  facilitator: Person;
  members: Person[];
};
export type Person = { id: string; username: string; name: string; session: string };

async function main() {
  const opts = JSON.parse(process.argv[2] ?? "{}") as { members?: number; method?: Charter["defaultMethod"]; runningCounts?: "hidden_for_consensus" | "shown" | "hidden"; slug?: string; timeZone?: string; onlineRound?: boolean; secretWithTeller?: boolean };
  const password = "correct horse battery";
  const hash = await hashPassword(password);
  const person = async (username: string, name: string): Promise<Person> => {
    const u = insertUser({ username, displayName: name, passwordHash: hash, locale: "en" });
    if (!u) throw new Error(`could not create ${username}`);
    const s = await lucia.createSession(u.id, { createdAt: Date.now(), userAgent: "room-setup" });
    return { id: u.id, username, name, session: s.id };
  };
  const fay = await person("fay.f", "Fay");
  const charter = defaultCharter();
  if (opts.method) charter.defaultMethod = opts.method;
  if (opts.runningCounts) charter.meetings = { runningCounts: opts.runningCounts };
  // Secret votes whose key only a teller (the facilitator) can unlock: no key file stands in.
  if (opts.secretWithTeller) charter.secret = { ...charter.secret, general: true };
  const a = foundAssembly({ name: "Oak Street Tenants", kind: "assembly", slug: opts.slug ?? "oak", description: "", charter, founderId: fay.id, timeZone: opts.timeZone });
  if (!a) throw new Error("could not found the assembly");
  if (opts.secretWithTeller) registerTeller(a.id, fay.id, Date.now());
  const members: Person[] = [];
  for (let i = 1; i <= (opts.members ?? 4); i++) {
    const p = await person(`member${i}`, `Member ${String(i).padStart(2, "0")}`);
    addMember(a.id, p.id, "member");
    members.push(p);
  }
  const now = Date.now();
  const proposal = createProposal({ assemblyId: a.id, authorId: fay.id, kind: "general", title: "Fix the front door lock", body: "We ask the landlord in writing, then fix it ourselves.", now });
  // Already being voted on online (a week to vote): the console must not offer a second vote.
  if (opts.onlineRound && !openRound({ proposalId: proposal.id, openedBy: fay.id, mode: "online", deadline: now + 7 * 86_400_000, now }).ok) throw new Error("could not open the online round");
  const m = scheduleMeeting({ assemblyId: a.id, createdBy: fay.id, facilitatorId: fay.id, title: "October general meeting", startsAt: now + 60 * 60_000, durationMinutes: 90, place: "Laundry room", link: "", shortNotice: true, now });
  if (!m.ok) throw new Error(`could not schedule: ${JSON.stringify(m)}`);
  const meetingId = m.meeting.id;
  addAgendaItem(meetingId, { kind: "announcement", title: "Welcome", presenterUserId: null, timeboxMinutes: 5 });
  addAgendaItem(meetingId, { kind: "proposal", title: "Front door lock", proposalId: proposal.id, presenterUserId: null, timeboxMinutes: 15 });
  const room: Room = { slug: a.slug, meetingId, code: m.meeting.code, proposalId: proposal.id, startsAt: m.meeting.startsAt, password, facilitator: fay, members };
  closeDatabase();
  process.stdout.write(JSON.stringify(room) + "\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
