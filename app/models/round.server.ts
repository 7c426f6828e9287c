/**
 * Voting rounds and ballots (docs/domain.md#rounds). A round is opened on a proposal with the charter's
 * rule snapshotted, members cast and change ballots until it closes (at its deadline, with
 * no request needed, or by hand), and closing decides once — through the engine — in one
 * transaction that also moves the proposal, writes the decision record and, for a passed
 * charter amendment, the next charter version.
 *
 * Secret rounds keep who took part (round_participation) apart from what was chosen. While
 * the round is open each ballot is stored sealed to the round's key (ballot-box.server.ts);
 * at close the ballots are written to secret_ballots in random order, keyed by the hash of
 * the voter's receipt, and the sealed copies destroyed: no column, order, time or leftover
 * page ties a person to a choice (docs/decisions/009-secret-ballots.md).
 */
import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import { attempt, db, transaction } from "~/db.server";
import { caught, refuse, type Refusal } from "~/lib/refusal";
import { attendance, ballots, paperBallots, proposals, proxies, roundElectorate, roundParticipation, roundProxies, rounds, secretBallots, users } from "../../db/schema";
import { newId, sha256, shortCode } from "~/lib/ids.server";
import { countRanked, decide, writeBlt, decideElection, isDecidedStatus, isReadyForRound, nextRoundKind, statusAfter, type Counts, type Election, type Explanation, type Outcome, type RankedResult, type RoundKind } from "~/engine";
import { ballotKindFor, CHOICES, MAY_GIVE_REASON, NEEDS_REASON, NEEDS_TEXT, proxyRulesOf, roundAcceptsProxies, ruleFor, secretFor, type BallotKind, type RoundRule } from "~/lib/rules";
import { registerJob } from "~/background.server";
import { createRoundKey, openBallotBox, replaceBallot, sealBallot } from "./ballot-box.server";
import { currentCharter, writeCharterVersion } from "./assembly.server";
import { appendRecord } from "./record.server";
import { votingMemberIds } from "./membership.server";
import { currentRevision, getProposalById, getRevision, listOptions, revisionCharter, type Proposal } from "./proposal.server";

export type Round = typeof rounds.$inferSelect;
export type RoundOutcome = Outcome;
/** Votes counted by hand in a meeting, by position (e.g. {yes: 4, no: 1}). */
export type HandCount = Record<string, number>;

/**
 * Other areas take part in a round's life without this module knowing them (the federation:
 * council rounds stay open ballots, a delegate's ballot is checked against their seat and
 * mandate, elections count paper ballots under the council's seat rules, and a decided
 * election, recall, mandate or ratification takes effect). Each runs inside the round's
 * own transaction, so its effect commits or rolls back with the round
 * (docs/decisions/008-round-hooks.md).
 */
export type RoundHooks = {
  /** May refuse the opening (`refuse`); the round is then not opened. */
  beforeOpen?: (p: Proposal, opts: { secret: boolean }) => void;
  /** May refuse the ballot (`refuse`); nothing of it is then recorded. */
  beforeBallot?: (b: { round: Round; proposal: Proposal; userId: string; choice: string; reason: string | null; now: number }) => void;
  countElection?: (r: Round, p: Proposal, e: Election, method: "irv" | "stv" | "approval") => { extraBallots: number; count: () => RankedResult } | null;
  afterClose?: (r: Round, p: Proposal) => void;
};
const roundHooks = new Map<string, RoundHooks>();
export function registerRoundHooks(name: string, hooks: RoundHooks) {
  roundHooks.set(name, hooks);
}

// Prepared once: a ballot cast reads these several times, the proposal and meeting pages
// on every view (bench/README.md).
const roundById = db.select().from(rounds).where(eq(rounds.id, sql.placeholder("id"))).prepare();
const inElectorate = db
  .select({ u: roundElectorate.userId })
  .from(roundElectorate)
  .where(and(eq(roundElectorate.roundId, sql.placeholder("roundId")), eq(roundElectorate.userId, sql.placeholder("userId"))))
  .prepare();
const electorateCount = db.select({ n: sql<number>`count(*)` }).from(roundElectorate).where(eq(roundElectorate.roundId, sql.placeholder("roundId"))).prepare();
const ballotCount = db.select({ n: sql<number>`count(*)` }).from(ballots).where(eq(ballots.roundId, sql.placeholder("roundId"))).prepare();
const participationCount = db.select({ n: sql<number>`count(*)` }).from(roundParticipation).where(eq(roundParticipation.roundId, sql.placeholder("roundId"))).prepare();
const proxyOfGiver = db
  .select()
  .from(roundProxies)
  .where(and(eq(roundProxies.roundId, sql.placeholder("roundId")), eq(roundProxies.giverId, sql.placeholder("giverId"))))
  .prepare();
// Proxies of givers who are not in the round's electorate (absent from the meeting): each is
// one more vote the round may count beyond the members present.
const absentGiverProxies = db
  .select({ n: sql<number>`count(*)`, cast: sql<number>`coalesce(sum(${roundProxies.cast}), 0)` })
  .from(roundProxies)
  .where(
    and(
      eq(roundProxies.roundId, sql.placeholder("roundId")),
      sql`not exists (select 1 from ${roundElectorate} where ${roundElectorate.roundId} = ${roundProxies.roundId} and ${roundElectorate.userId} = ${roundProxies.giverId})`,
    ),
  )
  .prepare();
const proxiesCastCount = db
  .select({ n: sql<number>`count(*)` })
  .from(roundProxies)
  .where(and(eq(roundProxies.roundId, sql.placeholder("roundId")), eq(roundProxies.cast, true)))
  .prepare();
// The ballot itself: found, written and changed by prepared statements (a cast runs each once).
const ballotOfVoter = db
  .select({ id: ballots.id })
  .from(ballots)
  .where(and(eq(ballots.roundId, sql.placeholder("roundId")), eq(ballots.userId, sql.placeholder("userId"))))
  .prepare();
const myOpenBallot = db
  .select({ choice: ballots.choice, reason: ballots.reason, text: ballots.text, ranking: ballots.ranking })
  .from(ballots)
  .where(and(eq(ballots.roundId, sql.placeholder("roundId")), eq(ballots.userId, sql.placeholder("userId"))))
  .prepare();
const insertBallot = db
  .insert(ballots)
  .values({
    id: sql.placeholder("id"),
    roundId: sql.placeholder("roundId"),
    userId: sql.placeholder("userId"),
    choice: sql.placeholder("choice"),
    reason: sql.placeholder("reason"),
    text: sql.placeholder("text"),
    ranking: sql.placeholder("ranking"),
    updatedAt: sql.placeholder("updatedAt"),
  })
  .prepare();
const updateBallot = db
  .update(ballots)
  .set({ choice: sql`${sql.placeholder("choice")}`, reason: sql`${sql.placeholder("reason")}`, text: sql`${sql.placeholder("text")}`, ranking: sql`${sql.placeholder("ranking")}`, updatedAt: sql`${sql.placeholder("updatedAt")}` })
  .where(eq(ballots.id, sql.placeholder("id")))
  .prepare();
const participationOf = db
  .select({ u: roundParticipation.userId })
  .from(roundParticipation)
  .where(and(eq(roundParticipation.roundId, sql.placeholder("roundId")), eq(roundParticipation.userId, sql.placeholder("userId"))))
  .prepare();
const insertParticipation = db.insert(roundParticipation).values({ roundId: sql.placeholder("roundId"), userId: sql.placeholder("userId") }).prepare();
const paperSum = db.select({ n: sql<number>`coalesce(sum(${paperBallots.weight}), 0)` }).from(paperBallots).where(eq(paperBallots.roundId, sql.placeholder("roundId"))).prepare();
const anyPaper = db.select({ x: sql<number>`1` }).from(paperBallots).where(eq(paperBallots.roundId, sql.placeholder("roundId"))).limit(1).prepare();
// Counts by choice in SQL: an open round's walk the (round_id, choice) index (migration
// 0014); a closed secret round's read its own rows (its primary key starts with the round),
// so no index is added beside secret choices (docs/decisions/021-scale-path.md).
const openTally = db.select({ choice: ballots.choice, n: sql<number>`count(*)` }).from(ballots).where(eq(ballots.roundId, sql.placeholder("roundId"))).groupBy(ballots.choice).prepare();
const secretTally = db
  .select({ choice: secretBallots.choice, n: sql<number>`count(*)` })
  .from(secretBallots)
  .where(eq(secretBallots.roundId, sql.placeholder("roundId")))
  .groupBy(secretBallots.choice)
  .prepare();
// Rankings in the order the round's key gives them (voter for open ballots, receipt hash for secret ones).
const openRankings = db
  .select({ ranking: ballots.ranking })
  .from(ballots)
  .where(and(eq(ballots.roundId, sql.placeholder("roundId")), isNotNull(ballots.ranking)))
  .orderBy(asc(ballots.userId))
  .prepare();
const secretRankings = db
  .select({ ranking: secretBallots.ranking })
  .from(secretBallots)
  .where(and(eq(secretBallots.roundId, sql.placeholder("roundId")), isNotNull(secretBallots.ranking)))
  .orderBy(asc(secretBallots.receiptHash))
  .prepare();
// The page's preview: the latest ballots, walking the (round_id, updated_at) index backwards
// and stopping after a page, instead of sorting every ballot by name.
const latestOpenBallots = db
  .select({ userId: ballots.userId, name: users.displayName, choice: ballots.choice, reason: ballots.reason, text: ballots.text, ranking: ballots.ranking, updatedAt: ballots.updatedAt })
  .from(ballots)
  .innerJoin(users, eq(users.id, ballots.userId))
  .where(eq(ballots.roundId, sql.placeholder("roundId")))
  .orderBy(desc(ballots.updatedAt), desc(sql`${ballots}.rowid`))
  .limit(sql.placeholder("limit"))
  .prepare();
const openBallotCount = db.select({ n: sql<number>`count(*)` }).from(ballots).where(eq(ballots.roundId, sql.placeholder("roundId"))).prepare();
const secretBallotCount = db.select({ n: sql<number>`count(*)` }).from(secretBallots).where(eq(secretBallots.roundId, sql.placeholder("roundId"))).prepare();
const presentNow = db
  .select({ id: attendance.id })
  .from(attendance)
  .where(and(eq(attendance.meetingId, sql.placeholder("meetingId")), eq(attendance.userId, sql.placeholder("userId")), sql`${attendance.leftAt} IS NULL`))
  .prepare();

export function getRound(roundId: string): Round | undefined {
  return roundById.get({ id: roundId });
}

export function listRounds(proposalId: string): Round[] {
  return db.select().from(rounds).where(eq(rounds.proposalId, proposalId)).orderBy(asc(rounds.number)).all();
}

export function openRoundOf(proposalId: string): Round | undefined {
  return db
    .select()
    .from(rounds)
    .where(and(eq(rounds.proposalId, proposalId), sql`${rounds.closedAt} IS NULL`))
    .get();
}

export function roundRule(round: Pick<Round, "rule">): RoundRule {
  return JSON.parse(round.rule) as RoundRule;
}

/** Ballots are accepted until the round is closed or its deadline has passed. */
export function isOpen(round: Pick<Round, "closedAt" | "deadline">, now: number): boolean {
  return round.closedAt === null && (round.deadline === null || now < round.deadline);
}

function isUniqueViolation(e: unknown): boolean {
  return Boolean(e && typeof e === "object" && "code" in e && String((e as { code: unknown }).code).startsWith("SQLITE_CONSTRAINT"));
}

/**
 * Opens the next round of a proposal in discussion (or tabled: then it is the fallback round).
 * The electorate is the voting members at this moment — or, in a meeting, the members present.
 */
export function openRound(input: {
  proposalId: string;
  openedBy: string | null;
  mode: "online" | "meeting";
  deadline?: number | null;
  meetingId?: string | null;
  electorateUserIds?: string[];
  presentCount?: number | null;
  now: number;
}): { ok: true; round: Round } | Refusal {
  return caught(() => {
    try {
      return transaction(() => {
        const p = getProposalById(input.proposalId);
        if (!p) refuse("not_found", "proposal.errors.notFound");
        if (openRoundOf(p.id)) refuse("conflict", "round.errors.alreadyOpen");
        if (!isReadyForRound(p.status)) refuse("conflict", "round.errors.notReady");
        const deadline = input.deadline ?? null;
        if (input.mode === "online" && (deadline === null || deadline <= input.now)) refuse("invalid", "round.errors.deadlinePast");
        const { version, charter } = currentCharter(p.assemblyId);
        const revision = currentRevision(p);
        if (p.kind === "charter_amendment" && !revisionCharter(revision)) refuse("invalid", "round.errors.charterInvalid");
        if (p.kind === "election") {
          const options = listOptions(p.id);
          if (options.length < 1 || (p.seats ?? 1) < 1 || (p.seats ?? 1) > options.length) refuse("invalid", "round.errors.electionInvalid");
        }
        const voting = votingMemberIds(p.assemblyId);
        let eligible = voting;
        // An online round's electorate is every voting member at opening (docs/domain.md#rounds):
        // its count and its room for ballots are read from that (liveTally, refuseWhenFull).
        if (input.electorateUserIds && input.mode === "online") throw new Error("an online round's electorate is every voting member");
        if (input.electorateUserIds) {
          const members = new Set(voting);
          if (input.electorateUserIds.some((u) => !members.has(u))) refuse("invalid", "round.errors.electorateNotMembers");
          eligible = [...new Set(input.electorateUserIds)];
        }
        const presentCount = input.mode === "meeting" ? (input.presentCount ?? eligible.length) : null;
        if (presentCount !== null && (presentCount < 0 || presentCount > voting.length)) refuse("invalid", "round.errors.presentInvalid");
        // A tabled proposal's next round is its fallback round (lifecycle.ts).
        const kind = nextRoundKind(p.status);
        const rule = ruleFor(charter, p.kind, { seats: p.seats });
        const secret = secretFor(charter, p.kind);
        for (const h of roundHooks.values()) h.beforeOpen?.(p, { secret });
        const last = db
          .select({ n: sql<number>`coalesce(max(${rounds.number}), 0)` })
          .from(rounds)
          .where(eq(rounds.proposalId, p.id))
          .get();
        const id = newId();
        db.insert(rounds)
          .values({
            id,
            proposalId: p.id,
            number: (last?.n ?? 0) + 1,
            revision: revision.number,
            kind,
            method: rule.method === "ranked" ? rule.ranked : rule.method,
            rule: JSON.stringify(rule),
            ballotKind: ballotKindFor(rule, kind),
            secret,
            receipts: charter.receipts,
            mode: input.mode,
            meetingId: input.meetingId ?? null,
            openedBy: input.openedBy,
            openedAt: input.now,
            deadline,
            charterVersion: version,
            electorateSize: voting.length,
            presentCount,
          })
          .run();
        for (const userId of eligible) db.insert(roundElectorate).values({ roundId: id, userId }).run();
        // The proxies this round accepts, fixed now (docs/domain.md#proxies): those given for this
        // meeting, or for this proposal online, when the charter allows them for such a round,
        // between two people who may both vote.
        if (roundAcceptsProxies(proxyRulesOf(charter), { mode: input.mode, secret })) {
          const voters = new Set(voting);
          const given = db
            .select({ giverId: proxies.giverId, holderId: proxies.holderId })
            .from(proxies)
            .where(input.mode === "meeting" ? eq(proxies.meetingId, input.meetingId ?? "") : eq(proxies.proposalId, p.id))
            .all();
          for (const g of given) if (voters.has(g.giverId) && voters.has(g.holderId)) db.insert(roundProxies).values({ roundId: id, giverId: g.giverId, holderId: g.holderId }).run();
        }
        // Its ballots will be sealed to this round's key (docs/decisions/009-secret-ballots.md).
        if (secret) createRoundKey(id, p.assemblyId);
        db.update(proposals).set({ status: "voting", updatedAt: input.now }).where(eq(proposals.id, p.id)).run();
        return { ok: true as const, round: getRound(id)! };
      });
    } catch (e) {
      // Another request opened one between our check and insert (the partial unique index).
      if (isUniqueViolation(e)) refuse("conflict", "round.errors.alreadyOpen");
      throw e;
    }
  });
}

/** Meetings: someone arrives after the vote opened and may now vote. */
export function addToElectorate(roundId: string, userIds: string[]): { ok: true } | Refusal {
  return attempt(() => {
    const r = getRound(roundId);
    if (!r) refuse("not_found", "round.errors.notFound");
    if (r.closedAt !== null) refuse("conflict", "round.errors.closed");
    const p = getProposalById(r.proposalId)!;
    const voting = new Set(votingMemberIds(p.assemblyId));
    if (userIds.some((u) => !voting.has(u))) refuse("invalid", "round.errors.electorateNotMembers");
    for (const userId of userIds) db.insert(roundElectorate).values({ roundId, userId }).onConflictDoNothing().run();
    return { ok: true as const };
  });
}

/** Meetings: the facilitator corrects the number of members present while the vote is open. */
export function setPresentCount(roundId: string, presentCount: number): { ok: true } | Refusal {
  return attempt(() => {
    const r = getRound(roundId);
    if (!r) refuse("not_found", "round.errors.notFound");
    if (r.closedAt !== null) refuse("conflict", "round.errors.closed");
    if (!Number.isInteger(presentCount) || presentCount < 0 || presentCount > r.electorateSize) refuse("invalid", "round.errors.presentInvalid");
    if (countedSoFar(r).total > presentCount + proxiesOfAbsent(r.id).n) refuse("conflict", "round.errors.tooManyCounted");
    db.update(rounds).set({ presentCount }).where(eq(rounds.id, roundId)).run();
    return { ok: true as const };
  });
}

function isEligible(roundId: string, userId: string): boolean {
  return Boolean(inElectorate.get({ roundId, userId }));
}

function eligibleCount(roundId: string): number {
  return electorateCount.get({ roundId })?.n ?? 0;
}

function participantCount(r: Pick<Round, "id" | "secret">): number {
  return (r.secret ? participationCount : ballotCount).get({ roundId: r.id })?.n ?? 0;
}

/** Proxies whose giver is not in the electorate (absent from the meeting), and how many of them were cast. */
function proxiesOfAbsent(roundId: string): { n: number; cast: number } {
  return absentGiverProxies.get({ roundId }) ?? { n: 0, cast: 0 };
}

/** Hand-counted votes the facilitator noted as carried by proxy holders. */
function handProxies(r: Pick<Round, "handCount">): number {
  return r.handCount ? ((JSON.parse(r.handCount) as { proxies?: number }).proxies ?? 0) : 0;
}

/**
 * Ballots cast by proxy in a round: by phone or on the page (the holder cast the giver's
 * ballot and the giver did not vote in person since) and by hand in a meeting.
 */
export function proxiesCast(r: Pick<Round, "id" | "handCount">): { phone: number; hand: number; total: number } {
  const phone = proxiesCastCount.get({ roundId: r.id })?.n ?? 0;
  const hand = handProxies(r);
  return { phone, hand, total: phone + hand };
}

function readHandCount(r: Pick<Round, "handCount">): HandCount {
  return r.handCount ? (JSON.parse(r.handCount) as { counts: HandCount }).counts : {};
}

function handTotal(r: Pick<Round, "handCount">): number {
  return Object.values(readHandCount(r)).reduce((a, b) => a + b, 0);
}

function paperCount(roundId: string): number {
  return paperSum.get({ roundId })?.n ?? 0;
}

/**
 * Counted so far in a round: ballots from phones (in a secret round, the members who took
 * part), votes the facilitator counted by hand in a meeting, and paper ballots imported
 * from BLT files (elections).
 */
export function countedSoFar(r: Pick<Round, "id" | "secret" | "handCount">): { online: number; hand: number; paper: number; total: number } {
  const online = participantCount(r);
  const hand = handTotal(r);
  const paper = paperCount(r.id);
  return { online, hand, paper, total: online + hand + paper };
}

/**
 * No one counted twice: phone, hand-counted and paper ballots together never exceed the
 * people who could vote — the members present in a meeting, otherwise the round's
 * electorate (one person, one vote: RONR 12th ed. §45; docs/domain.md#rounds). Every way of
 * adding a vote (a phone ballot, a hand count, a batch of paper ballots) checks it.
 */
export function countCap(r: Pick<Round, "id" | "presentCount">): number {
  // In a meeting, a member absent but represented by a proxy the round accepts is one more
  // person who may be counted (docs/domain.md#proxies); online every giver is in the electorate.
  return r.presentCount !== null ? r.presentCount + proxiesOfAbsent(r.id).n : eligibleCount(r.id);
}

/** How many more votes may still be counted in the round. */
export function roomToCount(r: Pick<Round, "id" | "secret" | "handCount" | "presentCount">): number {
  return countCap(r) - countedSoFar(r).total;
}

/**
 * Refuses a new ballot when the round has no room for it (`roomToCount`), counting only when
 * counting could refuse. Online, the electorate is every voting member at opening and every
 * ballot (or, secret, participation) is one of theirs, one each (a proxy's giver is a voting
 * member too): a member of the electorate without a ballot yet always fits, unless paper
 * ballots or a hand count were added. That is every online cast, so it skips two count(*).
 */
function refuseWhenFull(r: Round) {
  if (r.mode === "online" && r.presentCount === null && r.handCount === null && !anyPaper.get({ roundId: r.id })) return;
  if (roomToCount(r) < 1) refuse("conflict", "round.errors.tooManyCounted");
}

/** Receipts are 16 symbols (80 bits): the published hashes cannot be reversed by guessing. */
function newReceipt(): string {
  return shortCode(16).replace(/(.{4})(?!$)/g, "$1-");
}

export function normaliseReceipt(receipt: string): string {
  return receipt.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

export function receiptHash(receipt: string): string {
  return sha256(normaliseReceipt(receipt));
}

function validRanking(ranking: unknown, candidates: number): ranking is number[][] {
  if (!Array.isArray(ranking) || ranking.length === 0) return false;
  const seen = new Set<number>();
  for (const rank of ranking) {
    if (!Array.isArray(rank) || rank.length === 0) return false;
    for (const c of rank) {
      if (!Number.isInteger(c) || c < 0 || c >= candidates || seen.has(c)) return false;
      seen.add(c);
    }
  }
  return true;
}

/**
 * Casts or changes a ballot. Secret rounds return a receipt the first time; changing a
 * secret ballot needs that receipt, since nothing else links the voter to it.
 */
export function castBallot(input: {
  roundId: string;
  userId: string;
  choice: string;
  reason?: string | null;
  text?: string | null;
  ranking?: number[][] | null;
  receipt?: string | null;
  /** A proxy holder casting the ballot of this giver (docs/domain.md#proxies). */
  onBehalfOf?: string | null;
  now: number;
}): { ok: true; receipt: string | null; changed: boolean } | Refusal {
  return attempt(() => {
    const r = getRound(input.roundId);
    if (!r) refuse("not_found", "round.errors.notFound");
    if (!isOpen(r, input.now)) refuse("conflict", "round.errors.closed");
    if (!isEligible(r.id, input.userId)) refuse("forbidden", "round.errors.notEligible");
    // Whose ballot this is: the caster's own, or a giver's carried by their proxy holder.
    let voterId = input.userId;
    let proxy = proxyOfGiver.get({ roundId: r.id, giverId: input.userId });
    if (input.onBehalfOf && input.onBehalfOf !== input.userId) {
      proxy = proxyOfGiver.get({ roundId: r.id, giverId: input.onBehalfOf });
      if (!proxy || proxy.holderId !== input.userId) refuse("forbidden", "proxies.errors.noProxy");
      if (r.mode === "meeting" && r.meetingId) {
        // A holder who is not in the room cannot carry anyone's vote there (the bug OpenSlides
        // had, #5745): being checked in when the vote opened is not enough; they must be now.
        if (!presentNow.get({ meetingId: r.meetingId, userId: input.userId })) refuse("forbidden", "proxies.errors.holderAbsent");
        // A giver who came to the meeting votes in person: the proxy no longer applies.
        if (presentNow.get({ meetingId: r.meetingId, userId: proxy.giverId })) refuse("conflict", "proxies.errors.giverPresent");
      }
      if (!proxy.cast && hasVoted(r, proxy.giverId)) refuse("conflict", "proxies.errors.giverVoted");
      voterId = proxy.giverId;
    } else if (proxy?.cast && r.secret) {
      // In a secret round the holder's ballot for this giver cannot be found without its receipt
      // (the holder has it), so it cannot give way to the giver's own: the giver's vote is cast.
      refuse("conflict", "proxies.errors.proxyVoted");
    }
    const byProxy = voterId !== input.userId;
    const kind = r.ballotKind as BallotKind;
    const reason = input.reason?.trim() || null;
    const text = input.text?.trim() || null;
    let choice = input.choice;
    let ranking: string | null = null;
    if (kind === "ranked") {
      const candidates = listOptions(r.proposalId).length;
      if (!validRanking(input.ranking, candidates)) refuse("invalid", "round.errors.rankingInvalid", { field: "ranking" });
      choice = "ranking";
      ranking = JSON.stringify(input.ranking);
    } else {
      if (!(CHOICES[kind] as readonly string[]).includes(choice)) refuse("invalid", "round.errors.choiceInvalid", { field: "choice" });
      // A block needs a stated reason; a consent objection must be reasoned (docs/domain.md#positions).
      if (NEEDS_REASON.includes(choice) && !reason) refuse("invalid", choice === "block" ? "round.errors.blockReason" : "round.errors.objectionReason", { field: "reason" });
      // Concerns are recorded with their text (docs/domain.md#consensus).
      if (NEEDS_TEXT.includes(choice) && !text) refuse("invalid", "round.errors.concernText", { field: "text" });
    }
    const proposal = getProposalById(r.proposalId)!;
    for (const h of roundHooks.values()) h.beforeBallot?.({ round: r, proposal, userId: voterId, choice, reason, now: input.now });
    const fields = {
      choice,
      reason: NEEDS_REASON.includes(choice) || MAY_GIVE_REASON.includes(choice) ? reason : null,
      text: NEEDS_TEXT.includes(choice) ? text : null,
      ranking,
    };
    // The round's record of who voted for whom (never what): cast by the holder, or given way
    // to the giver's own ballot, which replaces it — one ballot per person either way.
    const markProxy = (cast: boolean) => {
      if (proxy && proxy.cast !== cast) db.update(roundProxies).set({ cast }).where(and(eq(roundProxies.roundId, r.id), eq(roundProxies.giverId, proxy.giverId))).run();
    };

    if (!r.secret) {
      const existing = ballotOfVoter.get({ roundId: r.id, userId: voterId });
      if (existing) {
        updateBallot.run({ ...fields, updatedAt: input.now, id: existing.id });
        markProxy(byProxy);
        return { ok: true as const, receipt: null, changed: true };
      }
      refuseWhenFull(r);
      insertBallot.run({ id: newId(), roundId: r.id, userId: voterId, ...fields, updatedAt: input.now });
      markProxy(byProxy);
      return { ok: true as const, receipt: null, changed: false };
    }

    const participated = participationOf.get({ roundId: r.id, userId: voterId });
    const content = { choice, reason: fields.reason, text: fields.text, ranking };
    if (participated) {
      // Without receipts a secret ballot cannot be changed: nothing could find it again.
      if (!r.receipts) refuse("conflict", "round.errors.noChangeWithoutReceipts");
      if (!input.receipt?.trim()) refuse("conflict", "round.errors.receiptNeeded", { field: "receipt" });
      const receipt = normaliseReceipt(input.receipt);
      // The receipt finds the ballot only together with its voter's own session (or, for a
      // ballot cast by proxy, the holder's, who was given the receipt).
      const replaced = replaceBallot({ roundId: r.id, assemblyId: proposal.assemblyId, userId: voterId, receipt, content: { ...content, receiptHash: receiptHash(receipt) } });
      if (!replaced) refuse("invalid", "round.errors.receiptUnknown", { field: "receipt" });
      return { ok: true as const, receipt: null, changed: true };
    }
    refuseWhenFull(r);
    const receipt = r.receipts ? newReceipt() : null;
    // Who took part, and their ballot sealed to the round's key, in one transaction: the two
    // rows are written together, but only someone with the key could read the second.
    insertParticipation.run({ roundId: r.id, userId: voterId });
    sealBallot({
      roundId: r.id,
      assemblyId: proposal.assemblyId,
      userId: voterId,
      receipt: receipt ? normaliseReceipt(receipt) : null,
      content: { ...content, receiptHash: receipt ? receiptHash(receipt) : null },
    });
    markProxy(byProxy);
    return { ok: true as const, receipt, changed: false };
  });
}

/** Whether this person's ballot is in the round (a secret round: whether they took part). */
function hasVoted(r: Pick<Round, "id" | "secret">, userId: string): boolean {
  const table = r.secret ? roundParticipation : ballots;
  return Boolean(
    db
      .select({ u: table.userId })
      .from(table)
      .where(and(eq(table.roundId, r.id), eq(table.userId, userId)))
      .get(),
  );
}

/**
 * Meetings: votes counted by hand (show of hands, consensus cards) for people who did not
 * vote on a phone. It replaces the previous hand count of the round; phone ballots plus
 * hand-counted votes may never exceed the members present, so no one is counted twice.
 */
export function recordHandCount(roundId: string, counts: HandCount, byUserId: string | null, now = Date.now(), proxyHands = 0): { ok: true } | Refusal {
  return attempt(() => {
    const r = getRound(roundId);
    if (!r) refuse("not_found", "round.errors.notFound");
    if (r.closedAt !== null) refuse("conflict", "round.errors.closed");
    const kind = r.ballotKind as BallotKind;
    if (kind === "ranked") refuse("invalid", "round.errors.handCountRanked");
    const allowed = CHOICES[kind] as readonly string[];
    const clean: HandCount = {};
    for (const [choice, n] of Object.entries(counts)) {
      if (!allowed.includes(choice)) refuse("invalid", "round.errors.choiceInvalid");
      if (!Number.isInteger(n) || n < 0) refuse("invalid", "round.errors.handCountInvalid");
      if (n > 0) clean[choice] = n;
    }
    // The new hand count replaces the previous one.
    const { online, paper } = countedSoFar(r);
    const total = Object.values(clean).reduce((a, b) => a + b, 0);
    if (online + paper + total > countCap(r)) refuse("conflict", "round.errors.tooManyCounted");
    // Hands raised by holders for absent givers (docs/domain.md#proxies): never more than the
    // hands counted, nor than the absent givers' proxies not already cast by phone.
    const absent = proxiesOfAbsent(r.id);
    if (!Number.isInteger(proxyHands) || proxyHands < 0 || proxyHands > total || proxyHands > absent.n - absent.cast) refuse("invalid", "proxies.errors.handCount", { field: "proxies" });
    db.update(rounds)
      .set({ handCount: JSON.stringify({ counts: clean, ...(proxyHands > 0 ? { proxies: proxyHands } : {}), by: byUserId, at: now }) })
      .where(eq(rounds.id, r.id))
      .run();
    return { ok: true as const };
  });
}

type Tally = { byChoice: Record<string, number>; participants: number; hand: number; rankings: number[][][] };

/**
 * The round's counts by choice, hand counts included. Rankings are read only when asked
 * (closing and recounting a ranked round); a page or a phone needs only the counts.
 */
function tallyRound(r: Round, opts: { rankings?: boolean } = {}): Tally {
  const rows = (r.secret ? secretTally : openTally).all({ roundId: r.id });
  const byChoice: Record<string, number> = {};
  for (const c of CHOICES[r.ballotKind as BallotKind]) byChoice[c] = 0;
  let stored = 0;
  for (const row of rows) {
    byChoice[row.choice] = (byChoice[row.choice] ?? 0) + row.n;
    stored += row.n;
  }
  const rankings: number[][][] = [];
  if (opts.rankings && r.ballotKind === "ranked") for (const row of (r.secret ? secretRankings : openRankings).all({ roundId: r.id })) rankings.push(JSON.parse(row.ranking!) as number[][]);
  const hand = readHandCount(r);
  for (const [c, n] of Object.entries(hand)) byChoice[c] = (byChoice[c] ?? 0) + n;
  // An open round's participants are its ballots, just counted; a secret one's, who took part.
  return { byChoice, participants: r.secret ? participantCount(r) : stored, hand: handTotal(r), rankings };
}

function engineCounts(kind: BallotKind, c: Record<string, number>): Counts {
  if (kind === "consensus") return { kind: "consensus", agree: c.agree ?? 0, concern: c.concern ?? 0, standAside: c.stand_aside ?? 0, block: c.block ?? 0 };
  if (kind === "consent") return { kind: "consent", consent: c.consent ?? 0, objection: c.objection ?? 0 };
  return { kind: "vote", yes: c.yes ?? 0, no: c.no ?? 0, abstain: c.abstain ?? 0 };
}

/** Counts so far. A secret round shows only how many took part until it closes. */
export function liveTally(roundId: string) {
  const r = getRound(roundId);
  if (!r) return null;
  const t = tallyRound(r);
  const showCounts = !r.secret || r.closedAt !== null;
  return {
    roundId: r.id,
    secret: r.secret,
    closed: r.closedAt !== null,
    ballotKind: r.ballotKind as BallotKind,
    participants: t.participants,
    handCounted: t.hand,
    electorateSize: r.electorateSize,
    // Online, the electorate is fixed at opening: every voting member then, one row each
    // (openRound); only a meeting's grows as members arrive (addToElectorate).
    eligible: r.mode === "online" ? r.electorateSize : eligibleCount(r.id),
    presentCount: r.presentCount,
    byProxy: proxiesCast(r).total,
    proxiesAccepted: proxiesOfAbsent(r.id).n,
    counts: showCounts && r.ballotKind !== "ranked" ? t.byChoice : null,
  };
}

type Decided = { outcome: RoundOutcome; tabled: boolean; figures: Record<string, unknown>; explanation: Explanation };

function decideRanked(r: Round, rule: Extract<RoundRule, { method: "ranked" }>, t: Tally, present: number): Decided {
  const p = getProposalById(r.proposalId)!;
  const election: Election = { candidates: listOptions(r.proposalId).map((o) => o.name), seats: rule.seats, withdrawn: [], ballots: t.rankings.map((ranking) => ({ weight: 1, ranking })) };
  const method = rule.ranked;
  const hooked = [...roundHooks.values()].map((h) => h.countElection?.(r, p, election, method)).find(Boolean) ?? null;
  // Ballots counted elsewhere (paper ballots) were cast by members present too.
  const extra = hooked?.extraBallots ?? 0;
  present += extra;
  // The election's outcome rules (quorum, no ballots, anyone elected) live in the engine (lifecycle.ts).
  const d = decideElection({
    quorum: rule.quorum,
    electorate: { members: r.electorateSize, present, online: r.mode !== "meeting" },
    ballots: t.rankings.length + extra,
    count: () => (hooked ? hooked.count() : countRanked(election, method)),
  });
  const base = { method: rule.ranked, seats: rule.seats, ballots: t.rankings.length, quorumRequired: d.quorum.required, quorumMet: d.quorum.met, present, members: r.electorateSize };
  const result = d.result;
  return {
    outcome: d.outcome,
    tabled: false,
    figures: result
      ? { ...base, elected: result.elected, quota: result.quota ?? null, totalValid: result.totalValid, invalid: result.invalid, ranking: result.ranking ?? null, stages: result.rounds, scale: result.scale, lots: result.lots }
      : base,
    explanation: d.explanation,
  };
}

/**
 * Closes a round and decides it — once. Closing again returns what was stored; the
 * outcome, proposal status, decision record and any charter change commit together.
 */
export function closeRound(input: { roundId: string; by: string | null; now: number }): { ok: true; round: Round; alreadyClosed: boolean } | Refusal {
  return attempt(() => {
    const r = getRound(input.roundId);
    if (!r) refuse("not_found", "round.errors.notFound");
    if (r.closedAt !== null) return { ok: true as const, round: r, alreadyClosed: true };
    const p = getProposalById(r.proposalId)!;
    const rule = roundRule(r);
    // A secret round's sealed ballots are opened, written in random order and their boxes
    // and key destroyed — in this transaction, so the count and the record commit with them.
    if (r.secret) {
      openBallotBox(r.id);
    }
    const t = tallyRound(r, { rankings: true });
    // Online, "present" is who took part; in a meeting, the members present (docs/domain.md#rounds).
    // A member absent from the meeting whose vote a holder cast counts as present, as the
    // bodies that allow proxies count them (docs/domain.md#proxies).
    const byProxy = proxiesCast(r);
    const present = r.mode === "meeting" && r.presentCount !== null ? r.presentCount + proxiesOfAbsent(r.id).cast + byProxy.hand : t.participants + t.hand;
    const roundKind = r.kind as RoundKind;
    let d: Decided;
    if (rule.method === "ranked") {
      d = decideRanked(r, rule, t, present);
    } else {
      const decision = decide(rule, { members: r.electorateSize, present, online: r.mode !== "meeting" }, engineCounts(r.ballotKind as BallotKind, t.byChoice), { roundKind });
      d = { outcome: decision.outcome, tabled: decision.tabled, figures: { ...decision.figures, nextRound: decision.nextRound ? "fallback" : null }, explanation: decision.explanation };
    }
    const figures: Record<string, unknown> = {
      ...d.figures,
      counts: rule.method === "ranked" ? null : t.byChoice,
      participants: t.participants,
      handCounted: t.hand,
      byProxy: byProxy.total,
      electorateSize: r.electorateSize,
      roundKind,
      secret: r.secret,
      deadline: r.deadline,
    };
    db.update(rounds)
      .set({
        closedAt: input.now,
        closedBy: input.by,
        outcome: d.outcome,
        figures: JSON.stringify(figures),
        explanationEn: d.explanation.en,
        explanationEs: d.explanation.es,
      })
      .where(eq(rounds.id, r.id))
      .run();

    // What the outcome does to the proposal: lifecycle.ts (a block tables it under modified
    // consensus; without quorum it goes back to where it was).
    const status = statusAfter(d.outcome, roundKind, rule.method);
    db.update(proposals)
      .set({ status, updatedAt: input.now, decidedAt: isDecidedStatus(status) ? input.now : null })
      .where(eq(proposals.id, p.id))
      .run();

    const elected = Array.isArray(figures.elected) ? (figures.elected as string[]) : null;
    const summaryKey = elected && d.outcome === "passed" ? "record.election" : `record.round.${d.tabled ? "tabled" : d.outcome}`;
    appendRecord({
      assemblyId: p.assemblyId,
      kind: "round",
      subjectId: p.id,
      summary: summaryKey,
      params: { number: p.number, title: p.title, round: r.number, ...(elected ? { elected: elected.join(", ") } : {}) },
      // Counts only, never who chose what in a secret round (docs/domain.md#decision-record).
      payload: {
        proposalId: p.id,
        proposalNumber: p.number,
        proposalKind: p.kind,
        roundId: r.id,
        roundNumber: r.number,
        roundKind,
        revision: r.revision,
        method: r.method,
        outcome: d.outcome,
        tabled: d.tabled,
        charterVersion: r.charterVersion,
        figures,
        explanation: d.explanation,
      },
      at: input.now,
    });

    if (d.outcome === "passed" && p.kind === "charter_amendment") {
      // Passing a charter amendment creates the next charter version — in this transaction (docs/domain.md#charter).
      const voted = getRevision(p.id, r.revision);
      const proposed = voted ? revisionCharter(voted) : null;
      if (!proposed) throw new Error(`charter amendment ${p.id} lost its charter`);
      writeCharterVersion({ assemblyId: p.assemblyId, charter: proposed, byUserId: input.by, proposalId: p.id, note: `#${p.number} ${p.title}` });
    }
    const closed = getRound(r.id)!;
    for (const h of roundHooks.values()) h.afterClose?.(closed, getProposalById(p.id)!);
    return { ok: true as const, round: getRound(r.id)!, alreadyClosed: false };
  });
}

/**
 * Closes every online round whose deadline has passed; the server runs this at start and
 * every few seconds. A round closes *at its deadline* — its closing time and its record
 * entry carry the deadline, not the moment this ran — so a round whose deadline passed
 * while the server was stopped reads as it would have had the server been running (no
 * ballot is accepted after the deadline either way: isOpen).
 */
export function closeDueRounds(now: number): number {
  const due = db
    .select({ id: rounds.id, deadline: rounds.deadline })
    .from(rounds)
    .where(and(sql`${rounds.closedAt} IS NULL`, sql`${rounds.deadline} IS NOT NULL`, sql`${rounds.deadline} <= ${now}`))
    .all();
  let closed = 0;
  for (const { id, deadline } of due) {
    // One round that cannot be decided (its transaction rolled back) must not keep the
    // others open past their deadline; it is retried on the next run.
    try {
      const r = closeRound({ roundId: id, by: null, now: Math.min(now, deadline ?? now) });
      if (r.ok && !r.alreadyClosed) closed++;
    } catch (e) {
      console.error(`closing round ${id} at its deadline failed`, e);
    }
  }
  return closed;
}

/** Called once by the server (entry.server.tsx): closing at the deadline needs no visitor. */
export function registerDecisionJobs() {
  registerJob({ name: "close-due-rounds", run: (now) => void closeDueRounds(now) });
}

/** An open round's ballots with names — only for open (not secret) rounds. */
type Page = { limit?: number; offset?: number };

export function listOpenBallots(roundId: string, page: Page = {}) {
  const r = getRound(roundId);
  if (!r || r.secret) return [];
  const q = db
    .select({ userId: ballots.userId, name: users.displayName, choice: ballots.choice, reason: ballots.reason, text: ballots.text, ranking: ballots.ranking, updatedAt: ballots.updatedAt })
    .from(ballots)
    .innerJoin(users, eq(users.id, ballots.userId))
    .where(eq(ballots.roundId, roundId))
    .orderBy(asc(users.displayName), asc(ballots.userId));
  return page.limit === undefined ? q.all() : q.limit(page.limit).offset(page.offset ?? 0).all();
}

/** How many ballots a round lists (phone or paper; for secret rounds, the published ones: none until it closes). */
export function countBallots(roundId: string): number {
  const r = getRound(roundId);
  if (!r || (r.secret && r.closedAt === null)) return 0;
  return (r.secret ? secretBallotCount : openBallotCount).get({ roundId })?.n ?? 0;
}

/** The latest ballots of an open (not secret) round, newest first, with names: the page's preview. */
export function latestBallots(roundId: string, limit: number) {
  const r = getRound(roundId);
  if (!r || r.secret) return [];
  return latestOpenBallots.all({ roundId, limit });
}

/**
 * A secret round's published ballots, sorted by receipt hash: each voter finds their hash
 * and sees their ballot counted. Choices are shown only once the round has closed.
 */
export function publishedBallots(roundId: string, page: Page = {}) {
  const r = getRound(roundId);
  // Nothing until the round closes: a list that grew with each vote would show an observer
  // whose receipt hash was new, and after close, whose ballot it was.
  if (!r || !r.secret || r.closedAt === null) return [];
  const q = db
    .select({ receiptHash: secretBallots.receiptHash, choice: secretBallots.choice, reason: secretBallots.reason, text: secretBallots.text, ranking: secretBallots.ranking })
    .from(secretBallots)
    .where(eq(secretBallots.roundId, roundId))
    .orderBy(asc(secretBallots.receiptHash));
  return page.limit === undefined ? q.all() : q.limit(page.limit).offset(page.offset ?? 0).all();
}

/** What the page needs about this member and this round. Secret: only whether they took part. */
export function myBallot(roundId: string, userId: string) {
  const r = getRound(roundId);
  if (!r) return null;
  const eligible = isEligible(roundId, userId);
  if (r.secret) return { eligible, participated: Boolean(participationOf.get({ roundId, userId })), ballot: null };
  const b = myOpenBallot.get({ roundId, userId });
  return { eligible, participated: Boolean(b), ballot: b ?? null };
}

/** The assembly of a round, for authorization in routes that only have a round id. */
export function roundAssemblyId(roundId: string): string | null {
  const r = getRound(roundId);
  if (!r) return null;
  return getProposalById(r.proposalId)?.assemblyId ?? null;
}


/**
 * Who took part in a round, by name: for a secret round only once it has closed, so
 * turnout can be checked against the roll (never how anyone voted).
 */
export function whoVoted(roundId: string): string[] {
  const r = getRound(roundId);
  if (!r) return [];
  if (r.secret && r.closedAt === null) return [];
  const table = r.secret ? roundParticipation : ballots;
  return db
    .select({ name: users.displayName })
    .from(table)
    .innerJoin(users, eq(users.id, table.userId))
    .where(eq(table.roundId, roundId))
    .orderBy(asc(users.displayName))
    .all()
    .map((u) => u.name);
}

function fractionText(f: { num: number; den: number }): string {
  return `${f.num}/${f.den}`;
}

/**
 * A closed round's ballots (no names) as a file anyone can recount with `npm run tally`:
 * BLT for a ranked round, otherwise the counts with the rule as app/bin/tally.ts reads them.
 * The quorum is given as the number of members it required when the round was decided.
 */
export function recountFile(roundId: string): { filename: string; contentType: string; body: string } | null {
  const r = getRound(roundId);
  if (!r || r.closedAt === null) return null;
  const p = getProposalById(r.proposalId)!;
  const rule = roundRule(r);
  const t = tallyRound(r, { rankings: true });
  const figures = (r.figures ? JSON.parse(r.figures) : {}) as Record<string, unknown>;
  const name = `proposal-${p.number}-round-${r.number}`;
  if (rule.method === "ranked") {
    const election: Election = { candidates: listOptions(p.id).map((o) => o.name), seats: rule.seats, withdrawn: [], ballots: t.rankings.map((ranking) => ({ weight: 1, ranking })), title: `#${p.number} ${p.title}` };
    return { filename: `${name}.blt`, contentType: "text/plain; charset=utf-8", body: writeBlt(election) };
  }
  if (rule.method === "consent") return null;
  const required = typeof figures.quorumRequired === "number" ? figures.quorumRequired : null;
  const quorum = required !== null ? { count: required } : null;
  const present = typeof figures.present === "number" ? figures.present : undefined;
  const members = r.electorateSize;
  const c = t.byChoice;
  let file: Record<string, unknown>;
  const fallback = rule.method === "modified_consensus" && r.kind === "fallback" ? rule.fallback : null;
  if (rule.method === "consensus" || (rule.method === "modified_consensus" && !fallback)) {
    file = { method: "consensus", quorum, members, present, counts: { agree: c.agree ?? 0, concern: c.concern ?? 0, stand_aside: c.stand_aside ?? 0, block: c.block ?? 0 }, consensus: { maxBlocks: rule.maxBlocks, standAsideLimit: rule.standAsideLimit } };
  } else {
    const vote = fallback ? { method: "supermajority" as const, threshold: fallback.threshold, base: fallback.base } : (rule as Extract<RoundRule, { base: unknown }>);
    const threshold = vote.method === "supermajority" && vote.threshold ? { threshold: fractionText(vote.threshold.fraction) } : {};
    file = { method: vote.method, ...threshold, base: vote.base, quorum, members, present, counts: { yes: c.yes ?? 0, no: c.no ?? 0, abstain: c.abstain ?? 0 } };
  }
  return { filename: `${name}.json`, contentType: "application/json; charset=utf-8", body: JSON.stringify({ title: `#${p.number} ${p.title}`, ...file }, null, 2) + "\n" };
}
