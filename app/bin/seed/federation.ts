/**
 * Demo federation (docs/domain.md#federation): a council of the three assemblies, each joined by its own
 * decision; delegates elected in real rounds under the council's seat rules; a council
 * proposal with mandates (one delegate voting against hers, with a reason); a council
 * meeting and the report-backs it asks for; a recall petition; a ratification under way.
 */
import { CHARTER_PRESETS } from "~/lib/charter";
import { getMembership, mayVote } from "~/models/membership.server";
import { createProposal, listOptions } from "~/models/proposal.server";
import { castBallot, closeRound, openRound } from "~/models/round.server";
import { scheduleMeeting, startMeeting } from "~/models/meeting.server";
import { finishMeeting } from "~/models/minutes.server";
import "~/models/federation.server";
import { answerJoinRequest, foundCouncil, liveMembership, proposeJoin } from "~/models/council.server";
import { activeTerms, nominate, startElection } from "~/models/delegate.server";
import { proposeMandate } from "~/models/mandate.server";
import { askForReports, fileReport, owedReports } from "~/models/report-back.server";
import { startPetition } from "~/models/recall.server";
import { sendForRatification, ratificationResultsView } from "~/models/ratification.server";
import type { SeedContext } from "./foundation";

const DAY = 86_400_000;
const HOUR = 3_600_000;

function must<T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`seed (federation): ${what} failed: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

export async function seedFederation(ctx: SeedContext) {
  const { users: u, assemblies: a, now } = ctx;
  const voters = (assemblyId: string) => Object.values(u).filter((p) => mayVote(getMembership(assemblyId, p.id)));

  /** A round opened at `at`, everyone voting yes (or ranking as given), closed an hour later. */
  function decide(proposalId: string, assemblyId: string, at: number, ranking?: (userId: string) => number[][]) {
    const r = must(openRound({ proposalId, openedBy: null, mode: "online", deadline: at + 7 * DAY, now: at }), "open round").round;
    for (const v of voters(assemblyId)) {
      const choice = r.ballotKind === "ranked" ? "ranking" : r.ballotKind === "consensus" ? "agree" : r.ballotKind === "consent" ? "consent" : "yes";
      must(castBallot({ roundId: r.id, userId: v.id, choice, ranking: ranking ? ranking(v.id) : null, now: at + HOUR / 2 }), "ballot");
    }
    must(closeRound({ roundId: r.id, by: null, now: at + HOUR }), "close round");
  }

  const council = foundCouncil({
    name: "Northside Council",
    slug: "northside-council",
    description: "The tenants, the neighborhood assembly and the bakers' co-op, coordinating on housing and the high street.",
    charter: structuredClone(CHARTER_PRESETS.simple_majority),
    council: { seatsPerAssembly: 2, coDelegatesDifferentGenders: true, minGenderShare: "2/5", ratification: { threshold: "2/3", strict: false, order: "optional" }, listed: true },
    founderId: u.ines.id,
    now: now - 90 * DAY,
  })!;
  ctx.assemblies.council = { id: council.id, slug: council.slug, name: council.name };
  ctx.logins.push(`${"ines".padEnd(8)} — Northside Council: steward (founder, no vote unless seated)`);

  // Each assembly decides to join; the council's steward accepts.
  const bodies = [
    { key: "elm", author: "lucia", delegates: ["maria", "kofi"] },
    { key: "riverside", author: "amara", delegates: ["carmen", "ben"] },
    { key: "bakers", author: "ada", delegates: ["yara", "chen"] },
  ];
  bodies.forEach((b, i) => {
    const at = now - (80 - i) * DAY;
    const join = must(proposeJoin({ assemblyId: a[b.key].id, council: council.slug, authorId: u[b.author].id, now: at }), "join");
    decide(join.proposal.id, a[b.key].id, at + DAY);
    must(answerJoinRequest({ councilId: council.id, requestId: liveMembership(council.id, a[b.key].id)!.id, accept: true, by: u.ines.id, now: at + 2 * DAY }), "accept");
  });

  // Elections: two seats each, counted by STV with the co-delegate and 40% rules.
  bodies.forEach((b, i) => {
    const at = now - (70 - i) * DAY;
    const e = must(startElection({ assemblyId: a[b.key].id, councilId: council.id, authorId: u[b.author].id, mandateText: "Carry our mandates to the council, report back after every council meeting.", now: at }), "election");
    for (const d of b.delegates) must(nominate({ proposalId: e.proposal.id, nomineeId: u[d].id, by: u[d].id, now: at }), "nominate");
    const order = listOptions(e.proposal.id).map((o, idx) => ({ idx, userId: o.userId }));
    decide(e.proposal.id, a[b.key].id, at + DAY, (voter) => (voter.length % 2 === 0 ? order : [...order].reverse()).map((o) => [o.idx]));
  });
  ctx.logins.push(`${"maria".padEnd(8)} — delegate of Elm Street to the Northside Council (owes nothing: report filed)`);
  ctx.logins.push(`${"kofi".padEnd(8)} — delegate of Elm Street; voted against Elm Street's mandate, with a reason`);
  ctx.logins.push(`${"ben".padEnd(8)} — delegate of Riverside; a recall petition against him is collecting signatures`);

  // A council meeting was held; its delegates owe their report-backs.
  const meeting = must(
    scheduleMeeting({ assemblyId: council.id, createdBy: u.ines.id, title: "Council meeting: housing and the high street", startsAt: now - 9 * DAY, durationMinutes: 120, place: "Riverside community hall", link: "", shortNotice: true, now: now - 20 * DAY }),
    "council meeting",
  ).meeting;
  must(startMeeting(meeting.id, now - 9 * DAY), "start council meeting");
  must(finishMeeting(meeting.id, now - 9 * DAY + 2 * HOUR), "close council meeting");
  askForReports(now - 9 * DAY + 3 * HOUR);
  const [mariaOwes] = owedReports(u.maria.id, now);
  must(
    fileReport({
      assemblyId: a.elm.id,
      userId: u.maria.id,
      reportId: mariaOwes.id,
      title: "Council meeting: housing and the high street",
      body: "The council agreed to draft a common tenancy code; it will come to us for ratification.\n\nRiverside proposed a joint legal fund; we mandated opposition this year, and I argued our case. Kofi's vote is explained on the council page.",
      now: now - 5 * DAY,
    }),
    "report-back",
  );

  // A council proposal with mandates: Elm Street mandates "oppose", Riverside "support".
  const fund = createProposal({ assemblyId: council.id, authorId: u.carmen.id, kind: "general", title: "A joint legal fund for evictions", body: "Each member assembly pays €50 a month into a shared fund for eviction defence, held by the council's two treasurers.", status: "discussion", now: now - 8 * DAY });
  const elmMandate = must(proposeMandate({ assemblyId: a.elm.id, councilProposalId: fund.id, stance: "oppose", instructions: "Not this year: our hardship fund comes first.", authorId: u.fatima.id, now: now - 7 * DAY }), "mandate elm");
  decide(elmMandate.proposal.id, a.elm.id, now - 6 * DAY);
  const rvMandate = must(proposeMandate({ assemblyId: a.riverside.id, councilProposalId: fund.id, stance: "support", instructions: "Ask for a yearly report of what the fund paid.", authorId: u.amara.id, now: now - 7 * DAY }), "mandate riverside");
  decide(rvMandate.proposal.id, a.riverside.id, now - 6 * DAY);
  const fundRound = must(openRound({ proposalId: fund.id, openedBy: u.ines.id, mode: "online", deadline: now + 4 * DAY, now: now - 2 * DAY }), "council round").round;
  must(castBallot({ roundId: fundRound.id, userId: u.carmen.id, choice: "yes", now: now - DAY }), "carmen");
  must(castBallot({ roundId: fundRound.id, userId: u.maria.id, choice: "no", now: now - DAY }), "maria");
  must(castBallot({ roundId: fundRound.id, userId: u.kofi.id, choice: "yes", reason: "Two Elm Street households face eviction this month; the fund would pay their lawyer. I will explain at our next meeting.", now: now - DAY }), "kofi against mandate");

  // A proposal sent to the assemblies for ratification; the bakers have ratified.
  const code = createProposal({ assemblyId: council.id, authorId: u.yara.id, kind: "general", title: "Common tenancy code", body: "Every member assembly adopts the tenancy code: no evictions without a hearing, repairs within 28 days, rent rises announced six months ahead.", status: "discussion", now: now - 4 * DAY });
  must(sendForRatification({ councilProposalId: code.id, by: u.ines.id, now: now - 3 * DAY }), "ratification");
  const bakersRatification = ratificationResultsView(code.id).find((r) => r.assemblyId === a.bakers.id)!;
  decide(bakersRatification.proposalId, a.bakers.id, now - 2 * DAY);

  // A recall petition in Riverside, collecting signatures.
  const [benTerm] = activeTerms({ assemblyId: a.riverside.id, userId: u.ben.id });
  must(startPetition({ assemblyId: a.riverside.id, termId: benTerm.id, userId: u.omar.id, reason: "Ben missed the last two council meetings without sending word.", now: now - DAY }), "petition");
}
