/**
 * Demo mutual aid (docs/domain.md#mutual-aid): Elm Street's aid network — coordinators, zones,
 * requests and offers in every state (an anonymous childcare request, a match under way, one
 * done, one expired), a weekly food distribution with slots, a hardship fund adopted by
 * proposal with a decision behind each grant — and a request Elm Street passed to the
 * Northside Council that Riverside offered to meet.
 */
import { getMembership, mayVote } from "~/models/membership.server";
import { createProposal } from "~/models/proposal.server";
import { castBallot, closeRound, openRound } from "~/models/round.server";
import { acceptMatch, addZone, categoriesOf, createPost, endMatch, expirePosts, proposeMatch, respond, setAidCoordinator, addMessage } from "~/models/aid.server";
import { createSeries, signUp, upcomingShifts } from "~/models/aid-shift.server";
import { addLedgerEntry, proposeProgramme } from "~/models/aid-fund.server";
import { offerToMeet, shareRequest } from "~/models/aid-council.server";
import type { SeedContext } from "./foundation";

const DAY = 86_400_000;
const HOUR = 3_600_000;

function must<T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`seed (aid): ${what} failed: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

export async function seedAid(ctx: SeedContext) {
  const { users: u, assemblies: a, now } = ctx;
  const elm = a.elm.id;
  const riverside = a.riverside.id;
  const voters = (assemblyId: string) => Object.values(u).filter((p) => mayVote(getMembership(assemblyId, p.id)));
  function decide(proposalId: string, assemblyId: string, at: number) {
    const r = must(openRound({ proposalId, openedBy: null, mode: "online", deadline: at + 7 * DAY, now: at }), "open round").round;
    for (const v of voters(assemblyId)) {
      const choice = r.ballotKind === "consensus" ? "agree" : r.ballotKind === "consent" ? "consent" : "yes";
      must(castBallot({ roundId: r.id, userId: v.id, choice, now: at + HOUR / 2 }), "ballot");
    }
    must(closeRound({ roundId: r.id, by: null, now: at + HOUR }), "close round");
  }

  // Coordinators, granted by the stewards.
  must(setAidCoordinator(elm, u.grace.id, true), "coordinator");
  must(setAidCoordinator(elm, u.maria.id, true), "coordinator");
  must(setAidCoordinator(riverside, u.amara.id, true), "coordinator");
  ctx.logins.push(`${"grace".padEnd(8)} — Elm Street: aid coordinator (sees requests with names, makes matches)`);
  ctx.logins.push(`${"amara".padEnd(8)} — Riverside: aid coordinator (offered to meet Elm Street's shared need)`);

  const zone = (assemblyId: string, name: string) => must(addZone(assemblyId, name, now - 60 * DAY), "zone").id;
  const low = zone(elm, "12–20 Elm Street");
  const high = zone(elm, "22–40 Elm Street");
  const corner = zone(elm, "Elm & 5th corner");
  const north = zone(riverside, "Riverside north");
  const cat = (assemblyId: string, key: string) => categoriesOf(assemblyId).find((c) => c.key === key)!.id;
  const post = (assemblyId: string, who: string, at: number, p: { kind: "request" | "offer"; key: string; zoneId: string | null; title: string; quantity?: string; details?: string; urgency?: "low" | "normal" | "urgent"; anonymous?: boolean; shareable?: boolean; window?: [number, number] }) =>
    must(
      createPost(assemblyId, u[who].id, { kind: p.kind, categoryId: cat(assemblyId, p.key), zoneId: p.zoneId, title: p.title, quantity: p.quantity ?? "", details: p.details ?? "", windowStart: p.window?.[0] ?? null, windowEnd: p.window?.[1] ?? null, urgency: p.urgency ?? "normal", anonymous: p.anonymous ?? false, shareable: p.shareable ?? false }, at),
      "post",
    ).id;
  const coord = (who: string) => ({ userId: u[who].id, coordinator: true });
  const member = (who: string) => ({ userId: u[who].id, coordinator: false });

  // Requests and offers in every state.
  post(elm, "lucia", now - 2 * DAY, { kind: "request", key: "childcare", zoneId: high, title: "Someone to collect my two kids from school on Tuesdays and Thursdays", quantity: "2 children, 15:30–17:30", urgency: "urgent", anonymous: true });
  post(elm, "pedro", now - 3 * DAY, { kind: "request", key: "money", zoneId: low, title: "Help with this month's electricity bill", quantity: "about 80", urgency: "urgent" });
  const groceries = post(elm, "olga", now - 5 * DAY, { kind: "request", key: "food", zoneId: corner, title: "Weekly groceries while I recover from surgery", quantity: "one bag a week", window: [now - 5 * DAY, now + 20 * DAY] });
  const ride = post(elm, "tomas", now - 20 * DAY, { kind: "request", key: "transport", zoneId: high, title: "A ride to the hospital for an appointment", quantity: "one round trip" });
  post(elm, "rosa", now - 40 * DAY, { kind: "request", key: "repairs", zoneId: low, title: "Fix a leaking kitchen tap", urgency: "low" });
  post(elm, "sam", now - 10 * DAY, { kind: "offer", key: "transport", zoneId: high, title: "Rides to appointments on weekday mornings", quantity: "2 a week", shareable: true });
  post(elm, "fatima", now - 8 * DAY, { kind: "offer", key: "tutoring", zoneId: corner, title: "Maths homework help for secondary school", quantity: "Wednesdays, 1 hour" });
  post(elm, "jin", now - 6 * DAY, { kind: "offer", key: "food", zoneId: low, title: "Home-cooked dinners for two families", quantity: "Sundays" });
  // The groceries: a coordinator matched a volunteer; accepted, with messages.
  const m1 = must(proposeMatch(elm, groceries, coord("grace"), u.jin.id, now - 4 * DAY), "match").id;
  must(acceptMatch(elm, m1, member("olga"), "Ring flat 3B, afternoons", now - 4 * DAY + HOUR), "accept");
  must(addMessage(elm, m1, member("jin"), "I can bring the first bag on Saturday morning. Anything you can't eat?", now - 3 * DAY), "message");
  must(addMessage(elm, m1, member("olga"), "No nuts, please. Thank you so much!", now - 3 * DAY + HOUR), "message");
  // The ride: done.
  const m2 = must(respond(elm, ride, member("sam"), "Text me: 555-0172", now - 19 * DAY), "respond").id;
  must(acceptMatch(elm, m2, coord("grace"), "", now - 19 * DAY + HOUR), "accept");
  must(endMatch(elm, m2, member("sam"), "done", "Went smoothly.", now - 15 * DAY), "done");
  // The tap waited too long: expired.
  expirePosts(now);

  // Saturday food distribution, every week, slots by role.
  const sat = new Date(now);
  sat.setDate(sat.getDate() + ((6 - sat.getDay() + 7) % 7 || 7));
  sat.setHours(10, 0, 0, 0);
  must(createSeries(elm, coord("grace"), { title: "Food distribution", place: "Community room, 24 Elm Street", firstStartsAt: sat.getTime(), durationMinutes: 120, everyWeeks: 1, weeksAhead: 4, slots: [{ role: "Packer", max: 4 }, { role: "Driver", max: 2 }] }, now), "series");
  const shifts = upcomingShifts(elm, u.grace.id, now);
  const slot = (i: number, role: string) => shifts[i].slots.find((s) => s.role === role)!.id;
  for (const who of ["kofi", "nia", "jin"]) must(signUp(elm, slot(0, "Packer"), u[who].id, now), "sign up");
  must(signUp(elm, slot(0, "Driver"), u.sam.id, now), "sign up");
  for (const who of ["kofi", "nia", "jin", "grace"]) must(signUp(elm, slot(1, "Packer"), u[who].id, now), "sign up");
  for (const who of ["sam", "dmitri"]) must(signUp(elm, slot(1, "Driver"), u[who].id, now), "sign up");

  // The hardship fund: adopted by proposal; each grant linked to the decision that allowed it.
  const prog = must(proposeProgramme({ assemblyId: elm, authorId: u.grace.id, name: "Hardship fund", unit: "USD", coordinatorLimit: 50, terms: "Up to 200 per household a month for bills, food and emergencies. The aid coordinators decide grants up to 50; larger asks come to the assembly as a proposal.", now: now - 45 * DAY }), "programme");
  decide(prog.proposalId, elm, now - 44 * DAY);
  must(addLedgerEntry(elm, prog.id, coord("grace"), { direction: "in", amount: 640, purpose: "Monthly dues, October" }, now - 40 * DAY), "dues");
  must(addLedgerEntry(elm, prog.id, coord("grace"), { direction: "in", amount: 215, purpose: "Benefit dinner" }, now - 30 * DAY), "benefit");
  must(addLedgerEntry(elm, prog.id, coord("maria"), { direction: "out", amount: 45, purpose: "Groceries for a family of four", allowedBy: "coordinator_limit", allowingProposalId: null, recipientName: null, recipientAgreed: false }, now - 25 * DAY), "grant");
  const big = createProposal({ assemblyId: elm, authorId: u.grace.id, kind: "general", title: "Hardship fund: 180 for a household behind on rent", body: "A household in 22–40 Elm Street is two weeks behind on rent after a job loss. The coordinators ask the assembly to grant 180 from the hardship fund.", now: now - 20 * DAY });
  decide(big.id, elm, now - 18 * DAY);
  must(addLedgerEntry(elm, prog.id, coord("grace"), { direction: "out", amount: 180, purpose: "Rent arrears", allowedBy: "proposal", allowingProposalId: big.id, recipientName: null, recipientAgreed: false }, now - 17 * DAY), "grant by proposal");
  must(addLedgerEntry(elm, prog.id, coord("grace"), { direction: "out", amount: 30, purpose: "School shoes", allowedBy: "coordinator_limit", allowingProposalId: null, recipientName: "Rosa Martínez", recipientAgreed: true }, now - 9 * DAY), "grant named");

  // Across the council: a need Elm Street cannot meet, passed on; Riverside offered to meet it.
  const room = post(elm, "ahmed", now - 3 * DAY, { kind: "request", key: "housing", zoneId: low, title: "A room for a family of three for two weeks while our flat is repaired", quantity: "2 adults, 1 child", urgency: "urgent" });
  const share = must(shareRequest(elm, room, coord("grace"), a.council.id, now - 2 * DAY), "share").id;
  must(offerToMeet(riverside, share, coord("amara"), { note: "Our co-op house on River Road has a spare room from next week.", contact: "Amara, 555-0199" }, now - DAY), "offer to meet");
  post(riverside, "hana", now - 12 * DAY, { kind: "offer", key: "housing", zoneId: north, title: "Spare room in the River Road co-op house", quantity: "1 room, up to 3 weeks", shareable: true });
  post(riverside, "omar", now - 7 * DAY, { kind: "offer", key: "repairs", zoneId: north, title: "Plumbing and small repairs", quantity: "Saturdays", shareable: true });
}
