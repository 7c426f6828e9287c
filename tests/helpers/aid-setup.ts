/**
 * Sets up the mutual-aid browser journey's world, run once with `tsx` against the test's own
 * database before its server starts: a council of two assemblies (each joined by its own
 * decision), an aid coordinator in each, a requester and a volunteer in the first, a helper in
 * the second, zones, and a meeting scheduled next week for the aid report. People are signed
 * in (one session each), as tests/helpers/room-setup.ts does.
 * Usage: DATABASE_PATH=… tsx tests/helpers/aid-setup.ts → one JSON line.
 */
import { defaultCharter } from "~/lib/charter";
import { foundAssembly } from "~/models/assembly.server";
import { addMember } from "~/models/membership.server";
import { hashPassword, insertUser } from "~/models/user.server";
import { scheduleMeeting } from "~/models/meeting.server";
import { answerJoinRequest, foundCouncil, liveMembership, proposeJoin } from "~/models/council.server";
import { castBallot, closeRound, openRound } from "~/models/round.server";
import "~/models/federation.server";
import { addZone, setAidCoordinator } from "~/models/aid.server";
import { DEFAULT_COUNCIL_RULES } from "~/lib/rules";
import { lucia } from "~/web/session.server";
import { closeDatabase } from "~/db.server";

export type AidPerson = { id: string; username: string; name: string; session: string };
export type AidWorld = { elm: string; river: string; council: string; meetingId: string; coordA: AidPerson; requester: AidPerson; volunteer: AidPerson; coordB: AidPerson; helper: AidPerson; steward: AidPerson };

async function main() {
  const hash = await hashPassword("correct horse battery");
  const person = async (username: string, name: string): Promise<AidPerson> => {
    const u = insertUser({ username, displayName: name, passwordHash: hash, locale: "en" })!;
    const s = await lucia.createSession(u.id, { createdAt: Date.now(), userAgent: "aid-setup" });
    return { id: u.id, username, name, session: s.id };
  };
  const now = Date.now();
  const charter = { ...defaultCharter(), defaultMethod: "majority" as const, quorum: { kind: "none" as const }, aid: { ladder: "assisted" as const, retentionDays: 90 } };
  const coordA = await person("grace", "Grace Liu");
  const requester = await person("lucia", "Lucía Fernández");
  const volunteer = await person("sam", "Sam Okafor");
  const coordB = await person("amara", "Amara Diallo");
  const helper = await person("hana", "Hana Sato");
  const steward = await person("ines", "Inés Castillo");
  const elm = foundAssembly({ name: "Elm Street Tenants", kind: "tenant_union", slug: "elm", description: "", charter, founderId: coordA.id })!;
  addMember(elm.id, requester.id, "member");
  addMember(elm.id, volunteer.id, "member");
  const river = foundAssembly({ name: "Riverside Assembly", kind: "neighborhood_assembly", slug: "riverside", description: "", charter, founderId: coordB.id })!;
  addMember(river.id, helper.id, "member");
  setAidCoordinator(elm.id, coordA.id, true);
  setAidCoordinator(river.id, coordB.id, true);
  addZone(elm.id, "22–40 Elm Street", now);
  addZone(river.id, "Riverside north", now);
  const council = foundCouncil({ name: "Northside Council", slug: "northside", description: "", charter: defaultCharter(), council: DEFAULT_COUNCIL_RULES, founderId: steward.id, now })!;
  for (const [body, voters] of [[elm, [coordA, requester, volunteer]], [river, [coordB, helper]]] as const) {
    const join = proposeJoin({ assemblyId: body.id, council: council.slug, authorId: voters[0].id, now });
    if (!join.ok) throw new Error(join.error);
    const r = openRound({ proposalId: join.proposal.id, openedBy: null, mode: "online", deadline: now + 86_400_000, now });
    if (!r.ok) throw new Error(r.error);
    for (const v of voters) castBallot({ roundId: r.round.id, userId: v.id, choice: r.round.ballotKind === "consensus" ? "agree" : "yes", now });
    closeRound({ roundId: r.round.id, by: null, now });
    const ok = answerJoinRequest({ councilId: council.id, requestId: liveMembership(council.id, body.id)!.id, accept: true, by: steward.id, now });
    if (!ok.ok) throw new Error(ok.error);
  }
  const m = scheduleMeeting({ assemblyId: elm.id, createdBy: coordA.id, title: "General meeting", startsAt: now + 7 * 86_400_000, durationMinutes: 90, place: "Community room", link: "", shortNotice: false, now });
  if (!m.ok) throw new Error(m.error);
  const world: AidWorld = { elm: elm.slug, river: river.slug, council: council.slug, meetingId: m.meeting.id, coordA, requester, volunteer, coordB, helper, steward };
  closeDatabase();
  console.log(JSON.stringify(world));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
