/**
 * Set-up for the federation tests, through the real models: councils, member bodies that
 * join by their own decision, delegates elected in real rounds. Time is passed explicitly.
 */
import { eq } from "drizzle-orm";
import { db, sqlite } from "~/db.server";
import { users } from "../../db/schema";
import { defaultCharter, type Charter, type CouncilCharter } from "~/lib/charter";
import { newId } from "~/lib/ids.server";
import "~/models/federation.server";
import { answerJoinRequest, foundCouncil, proposeJoin } from "~/models/council.server";
import { DEFAULT_COUNCIL_RULES } from "~/lib/rules";
import { nominate, startElection } from "~/models/delegate.server";
import { castBallot, closeRound, getRound, openRound } from "~/models/round.server";
import { getProposalById, listOptions } from "~/models/proposal.server";
import { assemblyWith, quickPerson, type Member } from "./decisions";

export const T0 = Date.UTC(2026, 2, 2, 12);
export const DAY = 86_400_000;
let seq = 0;

export type CouncilRulesInput = Partial<Omit<CouncilCharter, "ratification">> & { ratification?: Partial<CouncilCharter["ratification"]> };

export async function council(opts: { rules?: CouncilRulesInput; charter?: Charter; name?: string; slug?: string } = {}) {
  const steward = await quickPerson("steward");
  seq++;
  const c = foundCouncil({
    name: opts.name ?? `Council ${seq}`,
    slug: opts.slug ?? `council-${seq}-${Math.random().toString(36).slice(2, 7)}`,
    description: "",
    charter: opts.charter ?? defaultCharter(),
    council: { ...DEFAULT_COUNCIL_RULES, ...(opts.rules ?? {}), ratification: { ...DEFAULT_COUNCIL_RULES.ratification, ...(opts.rules?.ratification ?? {}) } },
    founderId: steward.id,
    now: T0,
  })!;
  return { council: c, steward };
}

export function setGender(userId: string, gender: string | null) {
  db.update(users).set({ gender }).where(eq(users.id, userId)).run();
}

/** A vote every charter method accepts as "yes". */
export function yesFor(ballotKind: string) {
  return ballotKind === "consensus" ? "agree" : ballotKind === "consent" ? "consent" : "yes";
}
export function noFor(ballotKind: string) {
  return ballotKind === "consensus" ? "block" : ballotKind === "consent" ? "objection" : "no";
}

/** Opens a round on a proposal, casts the given ballots, closes it; returns the closed round. */
export function decide(proposalId: string, ballots: Array<{ userId: string; yes?: boolean; ranking?: number[][]; reason?: string }>, now = T0) {
  const opened = openRound({ proposalId, openedBy: null, mode: "online", deadline: now + 7 * DAY, now });
  if (!opened.ok) throw new Error(`openRound: ${opened.error}`);
  const r = opened.round;
  for (const b of ballots) {
    const choice = r.ballotKind === "ranked" ? "ranking" : b.yes === false ? noFor(r.ballotKind) : yesFor(r.ballotKind);
    const cast = castBallot({ roundId: r.id, userId: b.userId, choice, ranking: b.ranking ?? null, reason: b.reason ?? (b.yes === false ? "no" : null), now: now + 1000 });
    if (!cast.ok) throw new Error(`castBallot: ${cast.error}`);
  }
  const closed = closeRound({ roundId: r.id, by: null, now: now + 2000 });
  if (!closed.ok) throw new Error(`closeRound: ${closed.error}`);
  return getRound(r.id)!;
}

/** A body of `members` voting members (plus its founder) that has joined the council. */
export async function memberBody(councilId: string, stewardId: string, opts: { members?: number; charter?: Charter; prefix?: string } = {}) {
  const a = await assemblyWith({ members: opts.members ?? 2, charter: opts.charter, prefix: opts.prefix });
  const everyone = [a.founder, ...a.members];
  const council = (await import("~/models/council.server")).getCouncil(councilId)!;
  const join = proposeJoin({ assemblyId: a.assembly.id, council: council.slug, authorId: a.founder.id, now: T0 });
  if (!join.ok) throw new Error(join.error);
  decide(join.proposal.id, everyone.map((m) => ({ userId: m.id })));
  const req = (await import("~/models/council.server")).liveMembership(councilId, a.assembly.id)!;
  const ok = answerJoinRequest({ councilId, requestId: req.id, accept: true, by: stewardId, now: T0 });
  if (!ok.ok) throw new Error(ok.error);
  return { ...a, everyone };
}

/** Elects the given members (in this preference order, by everyone) to the body's vacant seats. */
export function elect(assemblyId: string, councilId: string, candidates: Member[], voters: Member[], now = T0) {
  const e = startElection({ assemblyId, councilId, authorId: voters[0].id, now });
  if (!e.ok) throw new Error(e.error);
  for (const c of candidates) {
    const n = nominate({ proposalId: e.proposal.id, nomineeId: c.id, by: c.id, now });
    if (!n.ok) throw new Error(n.error);
  }
  const order = listOptions(e.proposal.id).map((o, i) => ({ i, userId: o.userId }));
  const ranking = candidates.map((c) => [order.find((o) => o.userId === c.id)!.i]);
  const r = decide(e.proposal.id, voters.map((v) => ({ userId: v.id, ranking })), now);
  return { proposal: getProposalById(e.proposal.id)!, round: r };
}

/** Many voting members at once (for real ballot files), straight into the tables. */
export function bulkMembers(assemblyId: string, n: number) {
  const insUser = sqlite.prepare("insert into users (id, username, display_name, password_hash, calendar_token, created_at) values (?, ?, ?, 'x', ?, ?)");
  const insMember = sqlite.prepare("insert into memberships (id, assembly_id, user_id, role, steward, facilitator, joined_at) values (?, ?, ?, 'member', 0, 0, ?)");
  const tag = newId(6).toLowerCase();
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = newId();
      insUser.run(id, `bulk-${tag}-${i}`, `Bulk ${i}`, newId(24), T0);
      insMember.run(newId(), assemblyId, id, T0);
    }
  })();
}

export { quickPerson, type Member };
