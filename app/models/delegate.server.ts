/**
 * Delegates (docs/domain.md#delegates): their terms in a council, and the elections that fill
 * the seats. A term that starts seats the delegate in the council (a voting membership);
 * a term that ends — recalled, resigned, ended, or the body left — takes the seat away.
 *
 * Elections are proposals of kind "election" in the home body. Candidates are members who
 * were nominated and accepted; term limits are checked at nomination. Closing the round
 * counts online and paper ballots (imported from BLT files) under the council's seat rules,
 * through the engine, and starts the elected delegates' terms in the same transaction.
 */
import { systemTitleText } from "~/i18n/system-title";
import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { attempt, db, transaction } from "~/db.server";
import { caught, refuse, type Refusal } from "~/lib/refusal";
import {
  assemblies,
  ballots,
  delegateTerms,
  federationProposals,
  nominations,
  paperBallots,
  paperBatches,
  proposalOptions,
  proposals,
  recallPetitions,
  rounds,
  secretBallots,
  users,
} from "../../db/schema";
import { newId } from "~/lib/ids.server";
import { delegateTermsOf, delegationRulesOf } from "~/lib/rules";
import { BltError, countDelegates, delegationConstraint, constraintFeasible, isOpenForChanges, OPEN_FOR_CHANGES, OPEN_STATUSES, parseBlt, writeBlt, type Election, type RankedBallot, type RankedResult } from "~/engine";
import { translate, type Locale } from "~/i18n";
import { currentCharter, getAssembly } from "./assembly.server";
import { appendRecord } from "./record.server";
import { getMembership, giveVote, isVoter, takeVote } from "./membership.server";
import { createProposal, getProposalById, getRevision, listOptions, type Proposal } from "./proposal.server";
import { isOpen, openRoundOf, roomToCount, type Round } from "./round.server";
import { councilRules, gendersOf, getCouncil, getLink, insertLink, isActiveMember, liveLinkedProposal, memberBodies, type FederationLink } from "./council.server";

export type Term = typeof delegateTerms.$inferSelect;

/** Calendar months later, in UTC (a term "of 12 months" ends on the same day a year on). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime();
}

// --- Terms ------------------------------------------------------------------------------

export function getTerm(id: string): Term | undefined {
  return db.select().from(delegateTerms).where(eq(delegateTerms.id, id)).get();
}

export function activeTerms(where: { councilId?: string; assemblyId?: string; userId?: string }) {
  return db
    .select()
    .from(delegateTerms)
    .where(
      and(
        eq(delegateTerms.status, "active"),
        where.councilId ? eq(delegateTerms.councilId, where.councilId) : undefined,
        where.assemblyId ? eq(delegateTerms.assemblyId, where.assemblyId) : undefined,
        where.userId ? eq(delegateTerms.userId, where.userId) : undefined,
      ),
    )
    .orderBy(asc(delegateTerms.startsAt))
    .all();
}

/** Terms of a body's delegates (all statuses, newest first), with names, for its pages. */
export function termsOfBody(assemblyId: string, opts: { councilId?: string; limit?: number } = {}) {
  return db
    .select({
      id: delegateTerms.id,
      councilId: delegateTerms.councilId,
      userId: delegateTerms.userId,
      name: users.displayName,
      startsAt: delegateTerms.startsAt,
      endsAt: delegateTerms.endsAt,
      status: delegateTerms.status,
      endedAt: delegateTerms.endedAt,
      endReason: delegateTerms.endReason,
      mandateText: delegateTerms.mandateText,
    })
    .from(delegateTerms)
    .innerJoin(users, eq(users.id, delegateTerms.userId))
    .where(and(eq(delegateTerms.assemblyId, assemblyId), opts.councilId ? eq(delegateTerms.councilId, opts.councilId) : undefined))
    .orderBy(desc(delegateTerms.startsAt))
    .limit(opts.limit ?? 100)
    .all();
}

/** Seats a body holds in a council that no active term fills. */
export function vacancies(assemblyId: string, councilId: string): number {
  if (!isActiveMember(councilId, assemblyId)) return 0;
  return Math.max(0, councilRules(councilId).seatsPerAssembly - activeTerms({ councilId, assemblyId }).length);
}

/** Takes the seat away, unless the person still holds another seat there (the membership model keeps stewards as observers). */
function unseatFromCouncil(councilId: string, userId: string) {
  if (activeTerms({ councilId, userId }).length > 0) return;
  takeVote(councilId, userId);
}

export function startTerm(input: { assemblyId: string; councilId: string; userId: string; now: number; mandateText: string; electionProposalId: string | null }): Term {
  const months = delegateTermsOf(currentCharter(input.assemblyId).charter).termMonths;
  const id = newId();
  db.insert(delegateTerms)
    .values({
      id,
      assemblyId: input.assemblyId,
      councilId: input.councilId,
      userId: input.userId,
      startsAt: input.now,
      endsAt: addMonths(input.now, months),
      mandateText: input.mandateText,
      status: "active",
      electionProposalId: input.electionProposalId,
      createdAt: input.now,
    })
    .run();
  // A seat in the council is a vote there.
  giveVote(input.councilId, input.userId, input.now);
  return getTerm(id)!;
}

/** Ends a term now; the seat is vacant at once. Call inside the transaction that decided it. */
export function endTerm(term: Term, status: "recalled" | "resigned" | "ended", reason: string, now: number) {
  db.update(delegateTerms).set({ status, endedAt: now, endReason: reason }).where(eq(delegateTerms.id, term.id)).run();
  unseatFromCouncil(term.councilId, term.userId);
}

/** A body leaves a council: its delegates' terms end with it. */
export function endTermsOfBody(assemblyId: string, councilId: string, now: number) {
  for (const t of activeTerms({ assemblyId, councilId })) endTerm(t, "ended", "left_council", now);
}

/** A delegate steps down. */
export function resignTerm(input: { assemblyId: string; councilId: string; termId: string; userId: string; now: number }): { ok: true } | Refusal {
  return attempt(() => {
    const t = getTerm(input.termId);
    // One's own term, of the body and council in the URL.
    if (!t || t.userId !== input.userId || t.assemblyId !== input.assemblyId || t.councilId !== input.councilId) refuse("not_found", "federation.errors.termNotFound");
    if (t.status !== "active") refuse("conflict", "federation.errors.termNotActive");
    endTerm(t, "resigned", "resigned", input.now);
    const council = getCouncil(t.councilId);
    const name = db.select({ n: users.displayName }).from(users).where(eq(users.id, t.userId)).get()?.n ?? "";
    const params = { delegate: name, council: council?.name ?? "" };
    appendRecord({ assemblyId: t.assemblyId, kind: "federation", subjectId: t.id, summary: "record.federation.resigned", params, payload: { termId: t.id }, at: input.now });
    appendRecord({ assemblyId: t.councilId, kind: "federation", subjectId: t.id, summary: "record.federation.resigned", params, payload: { termId: t.id }, at: input.now });
    return { ok: true as const };
  });
}

/** Terms that reach their end date end by themselves (the server runs this every few seconds). */
export function endExpiredTerms(now: number): number {
  const due = db
    .select()
    .from(delegateTerms)
    .where(and(eq(delegateTerms.status, "active"), sql`${delegateTerms.endsAt} <= ${now}`))
    .all();
  if (due.length === 0) return 0;
  transaction(() => {
    for (const t of due) endTerm(t, "ended", "term_over", t.endsAt);
  });
  return due.length;
}

/**
 * Consecutive terms a person has served (or is serving) for a body in a council, counting
 * back from the latest: two terms are consecutive unless a whole term length passed between
 * them (docs/domain.md#delegates "term limit": someone must sit a term out to serve again).
 */
export function consecutiveTerms(assemblyId: string, councilId: string, userId: string, now: number, termMonths: number): number {
  const terms = db
    .select()
    .from(delegateTerms)
    .where(and(eq(delegateTerms.assemblyId, assemblyId), eq(delegateTerms.councilId, councilId), eq(delegateTerms.userId, userId)))
    .orderBy(desc(delegateTerms.startsAt))
    .all();
  let n = 0;
  let nextStart = now;
  for (const t of terms) {
    const end = t.endedAt ?? t.endsAt;
    if (addMonths(end, termMonths) <= nextStart) break;
    n++;
    nextStart = t.startsAt;
  }
  return n;
}

/** Refuses someone who has served the charter's limit of consecutive terms. */
function requireWithinTermLimit(assemblyId: string, councilId: string, userId: string, now: number, field?: string) {
  const { termLimit, termMonths } = delegateTermsOf(currentCharter(assemblyId).charter);
  const served = consecutiveTerms(assemblyId, councilId, userId, now, termMonths);
  if (served >= termLimit) refuse("conflict", "federation.errors.termLimit", { params: { limit: termLimit, served }, field });
}

// --- Elections --------------------------------------------------------------------------

/** A member opens an election for the body's vacant seats in a council (candidates come after). */
export function startElection(input: { assemblyId: string; councilId: string; authorId: string; mandateText?: string; locale?: Locale; now: number }): { ok: true; proposal: Proposal } | Refusal {
  return attempt(() => {
    const body = getAssembly(input.assemblyId);
    const council = getCouncil(input.councilId);
    if (!body || !council) refuse("not_found", "federation.errors.councilNotFound");
    if (!isVoter(body.id, input.authorId)) refuse("forbidden", "federation.errors.needsVoter");
    if (!isActiveMember(council.id, body.id)) refuse("conflict", "federation.errors.notMember", { params: { council: council.name } });
    const seats = vacancies(body.id, council.id);
    if (seats < 1) refuse("conflict", "federation.errors.noVacancies", { params: { council: council.name } });
    if (liveLinkedProposal({ assemblyId: body.id, councilId: council.id, action: "election" })) refuse("conflict", "federation.errors.electionOpen", { params: { council: council.name } });
    const locale = input.locale ?? "en";
    const p = createProposal({
      assemblyId: body.id,
      authorId: input.authorId,
      kind: "election",
      title: systemTitleText(locale, { kind: "election", council: council.name }),
      systemTitle: { kind: "election", council: council.name },
      body: input.mandateText?.trim() || translate(locale, "federation.election.proposalBody", { council: council.name, seats }),
      seats,
      options: [],
      now: input.now,
    });
    insertLink({ proposalId: p.id, action: "election", assemblyId: body.id, councilId: council.id, createdAt: input.now });
    return { ok: true as const, proposal: p };
  });
}

function electionLink(proposalId: string): { link: FederationLink; p: Proposal } | null {
  const link = getLink(proposalId);
  const p = getProposalById(proposalId);
  return link && p && link.action === "election" ? { link, p } : null;
}

function candidateName(p: Proposal, userId: string): string {
  const u = db.select({ name: users.displayName, username: users.username }).from(users).where(eq(users.id, userId)).get()!;
  const taken = new Set(listOptions(p.id).map((o) => o.name));
  // Candidates are matched by name in BLT files: each name must be unique in the election.
  return taken.has(u.name) ? `${u.name} (@${u.username})` : u.name;
}

function addCandidate(p: Proposal, userId: string) {
  const last = db
    .select({ n: sql<number>`coalesce(max(${proposalOptions.position}), -1)` })
    .from(proposalOptions)
    .where(eq(proposalOptions.proposalId, p.id))
    .get();
  db.insert(proposalOptions)
    .values({ id: newId(), proposalId: p.id, position: (last?.n ?? -1) + 1, name: candidateName(p, userId), userId })
    .run();
}

function removeCandidate(p: Proposal, userId: string) {
  const opt = db
    .select()
    .from(proposalOptions)
    .where(and(eq(proposalOptions.proposalId, p.id), eq(proposalOptions.userId, userId)))
    .get();
  if (!opt) return;
  db.delete(proposalOptions).where(eq(proposalOptions.id, opt.id)).run();
  // Close the gap, lowest first, so ballot positions stay 0..n-1.
  const later = db
    .select()
    .from(proposalOptions)
    .where(and(eq(proposalOptions.proposalId, p.id), sql`${proposalOptions.position} > ${opt.position}`))
    .orderBy(asc(proposalOptions.position))
    .all();
  for (const o of later) db.update(proposalOptions).set({ position: o.position - 1 }).where(eq(proposalOptions.id, o.id)).run();
}

/**
 * A voting member nominates a voting member (themselves included: nominating oneself is
 * accepting). Term limits are enforced here, before anyone campaigns.
 */
export function nominate(input: { proposalId: string; nomineeId: string; by: string; now: number }): { ok: true; accepted: boolean } | Refusal {
  return attempt(() => {
    const e = electionLink(input.proposalId);
    if (!e) refuse("not_found", "federation.errors.electionNotFound");
    const { link, p } = e;
    if (!isOpenForChanges(p.status) || openRoundOf(p.id)) refuse("conflict", "federation.errors.nominationsClosed");
    if (!isVoter(link.assemblyId, input.by)) refuse("forbidden", "federation.errors.needsVoter");
    if (!isVoter(link.assemblyId, input.nomineeId)) refuse("invalid", "federation.errors.nomineeNotMember", { field: "nominee" });
    if (activeTerms({ assemblyId: link.assemblyId, councilId: link.councilId, userId: input.nomineeId }).length > 0) refuse("conflict", "federation.errors.alreadyDelegate", { field: "nominee" });
    requireWithinTermLimit(link.assemblyId, link.councilId, input.nomineeId, input.now, "nominee");
    const existing = db
      .select()
      .from(nominations)
      .where(and(eq(nominations.proposalId, p.id), eq(nominations.userId, input.nomineeId)))
      .get();
    if (existing && !existing.declinedAt) refuse("conflict", "federation.errors.alreadyNominated", { field: "nominee" });
    const self = input.nomineeId === input.by;
    if (existing) {
      db.update(nominations)
        .set({ nominatedBy: input.by, nominatedAt: input.now, declinedAt: null, acceptedAt: self ? input.now : null })
        .where(eq(nominations.id, existing.id))
        .run();
    } else {
      db.insert(nominations)
        .values({ id: newId(), proposalId: p.id, userId: input.nomineeId, nominatedBy: input.by, nominatedAt: input.now, acceptedAt: self ? input.now : null })
        .run();
    }
    if (self) addCandidate(p, input.nomineeId);
    return { ok: true as const, accepted: self };
  });
}

/** The nominee accepts (becoming a candidate) or declines; or withdraws before voting starts. */
export function answerNomination(input: { proposalId: string; userId: string; answer: "accept" | "decline"; now: number }): { ok: true } | Refusal {
  return attempt(() => {
    const e = electionLink(input.proposalId);
    if (!e) refuse("not_found", "federation.errors.electionNotFound");
    const { link, p } = e;
    const n = db
      .select()
      .from(nominations)
      .where(and(eq(nominations.proposalId, p.id), eq(nominations.userId, input.userId)))
      .get();
    if (!n || n.declinedAt) refuse("not_found", "federation.errors.nominationNotFound");
    if (!isOpenForChanges(p.status) || openRoundOf(p.id)) refuse("conflict", "federation.errors.nominationsClosed");
    if (input.answer === "accept") {
      if (n.acceptedAt) refuse("conflict", "federation.errors.alreadyAccepted");
      requireWithinTermLimit(link.assemblyId, link.councilId, input.userId, input.now);
      db.update(nominations).set({ acceptedAt: input.now }).where(eq(nominations.id, n.id)).run();
      addCandidate(p, input.userId);
    } else {
      db.update(nominations).set({ declinedAt: input.now, acceptedAt: null }).where(eq(nominations.id, n.id)).run();
      removeCandidate(p, input.userId);
    }
    return { ok: true as const };
  });
}

export function listNominations(proposalId: string) {
  return db
    .select({
      userId: nominations.userId,
      name: users.displayName,
      nominatedAt: nominations.nominatedAt,
      acceptedAt: nominations.acceptedAt,
      declinedAt: nominations.declinedAt,
      nominatedBy: nominations.nominatedBy,
    })
    .from(nominations)
    .innerJoin(users, eq(users.id, nominations.userId))
    .where(eq(nominations.proposalId, proposalId))
    .orderBy(asc(nominations.nominatedAt), asc(users.displayName))
    .all();
}

/** The election's council, rules and seat situation, for its page and its count. */
function seatContext(link: FederationLink, seats: number) {
  const rules = councilRules(link.councilId);
  const bodies = memberBodies(link.councilId, ["active"]).length;
  const councilSeats = Math.max(bodies, 1) * rules.seatsPerAssembly;
  const all = activeTerms({ councilId: link.councilId });
  const genders = gendersOf(all.map((t) => t.userId));
  const sitting = all.filter((t) => t.assemblyId === link.assemblyId).map((t) => genders.get(t.userId) ?? null);
  const councilSeated = all.map((t) => genders.get(t.userId) ?? null);
  const constraint = delegationConstraint(
    delegationRulesOf(rules),
    { seats, sitting, councilSeats, councilSeated, otherVacancies: Math.max(0, councilSeats - all.length - seats) },
  );
  return { rules, constraint };
}

function candidateGroups(proposalId: string): Array<string | null> {
  const opts = listOptions(proposalId);
  const genders = gendersOf(opts.map((o) => o.userId).filter((u): u is string => Boolean(u)));
  return opts.map((o) => (o.userId ? (genders.get(o.userId) ?? null) : null));
}

/** What the election page says about the seat rules before anyone votes. */
export function electionRules(proposalId: string) {
  const e = electionLink(proposalId);
  if (!e) return null;
  const { constraint } = seatContext(e.link, e.p.seats ?? 1);
  return constraint ? constraint.rules : [];
}

// --- Paper ballots (BLT) ----------------------------------------------------------------

function paperRows(roundId: string): RankedBallot[] {
  return db
    .select({ weight: paperBallots.weight, ranking: paperBallots.ranking })
    .from(paperBallots)
    .where(eq(paperBallots.roundId, roundId))
    .orderBy(asc(paperBallots.batchId), asc(paperBallots.line))
    .all()
    .map((r) => ({ weight: r.weight, ranking: JSON.parse(r.ranking) as number[][] }));
}

/**
 * Adds paper ballots to an open election round from a BLT file. Every candidate the file
 * names must be one of the round's candidates, by exact name; the seats must match; and
 * paper plus online ballots may not exceed the people who may vote (no one counted twice).
 * Anything wrong: nothing is stored. The rows keep no link to any voter.
 */
export function importPaperBallots(input: { proposalId: string; text: string; by: string; now: number }): { ok: true; ballots: number; batchId: string } | Refusal {
  return attempt(() => {
    const p = getProposalById(input.proposalId);
    if (!p || p.kind !== "election") refuse("not_found", "federation.errors.electionNotFound");
    const r = openRoundOf(p.id);
    if (!r || !isOpen(r, input.now)) refuse("conflict", "federation.blt.noOpenRound");
    let e: Election;
    try {
      e = parseBlt(input.text);
    } catch (err) {
      if (err instanceof BltError || err instanceof Error) refuse("invalid", "federation.blt.invalid", { params: { message: err.message }, field: "file" });
      throw err;
    }
    const options = listOptions(p.id);
    const index = new Map(options.map((o, i) => [o.name, i]));
    const unknown = e.candidates.filter((c) => !index.has(c));
    if (unknown.length) refuse("invalid", "federation.blt.unknownCandidates", { params: { names: unknown.join(", ") }, field: "file" });
    if (e.seats !== (p.seats ?? 1)) refuse("invalid", "federation.blt.seats", { params: { file: e.seats, seats: p.seats ?? 1 }, field: "file" });
    if (e.withdrawn.length) refuse("invalid", "federation.blt.withdrawn", { params: { names: e.withdrawn.map((w) => e.candidates[w]).join(", ") }, field: "file" });
    const total = e.ballots.reduce((a, b) => a + b.weight, 0);
    if (total === 0 || e.ballots.some((b) => !Number.isInteger(b.weight))) refuse("invalid", "federation.blt.empty", { field: "file" });
    // No one counted twice: the round model counts phone and paper ballots together.
    const room = roomToCount(r);
    if (total > room) refuse("conflict", "federation.blt.tooMany", { params: { ballots: total, room: Math.max(0, room) }, field: "file" });
    const batchId = newId();
    db.insert(paperBatches).values({ id: batchId, roundId: r.id, title: e.title ?? "", ballots: total, importedBy: input.by, importedAt: input.now }).run();
    const stmt = db.insert(paperBallots);
    e.ballots.forEach((b, line) => {
      const ranking = b.ranking.map((rank) => rank.map((c) => index.get(e.candidates[c])!));
      stmt.values({ batchId, line, roundId: r.id, weight: b.weight, ranking: JSON.stringify(ranking) }).run();
    });
    return { ok: true as const, ballots: total, batchId };
  });
}

export function paperBatchesOf(proposalId: string) {
  return db
    .select({ id: paperBatches.id, title: paperBatches.title, ballots: paperBatches.ballots, importedAt: paperBatches.importedAt, roundNumber: rounds.number })
    .from(paperBatches)
    .innerJoin(rounds, eq(rounds.id, paperBatches.roundId))
    .where(eq(rounds.proposalId, proposalId))
    .orderBy(asc(paperBatches.importedAt))
    .all();
}

/** Every ballot of an election's decided round — online and paper — as a BLT file. */
export function electionBlt(proposalId: string): { ok: true; text: string; filename: string } | Refusal {
  return caught(() => {
    const p = getProposalById(proposalId);
    if (!p || p.kind !== "election") refuse("not_found", "federation.errors.electionNotFound");
    const r = db
      .select()
      .from(rounds)
      .where(and(eq(rounds.proposalId, p.id), sql`${rounds.closedAt} IS NOT NULL`, ne(rounds.outcome, "no_quorum")))
      .orderBy(desc(rounds.number))
      .get();
    if (!r) refuse("conflict", "federation.blt.notClosed");
    const table = r.secret ? secretBallots : ballots;
    const online = db
      .select({ ranking: table.ranking })
      .from(table)
      .where(eq(table.roundId, r.id))
      .all()
      .filter((b): b is { ranking: string } => Boolean(b.ranking))
      .map((b) => ({ weight: 1, ranking: JSON.parse(b.ranking) as number[][] }));
    const e: Election = { candidates: listOptions(p.id).map((o) => o.name), seats: p.seats ?? 1, withdrawn: [], ballots: [...online, ...paperRows(r.id)], title: `#${p.number} ${p.title}` };
    return { text: writeBlt(e), filename: `election-${p.number}.blt` };
  });
}

// --- Round hooks -------------------------------------------------------------------------

/** Before an election round opens: the candidates must be able to meet the council's seat rules. */
export function checkElectionOpen(p: Proposal) {
  const e = electionLink(p.id);
  if (!e) return;
  if (!isActiveMember(e.link.councilId, e.link.assemblyId)) refuse("conflict", "federation.errors.notMember", { params: { council: getCouncil(e.link.councilId)?.name ?? "" } });
  const seats = p.seats ?? 1;
  const { constraint } = seatContext(e.link, seats);
  const groups = candidateGroups(p.id);
  const all = groups.map((_, i) => i);
  if (constraint && !constraintFeasible(constraint, groups, [], all, Math.min(seats, all.length))) {
    refuse("conflict", "federation.errors.seatRulesUnmeetable", { params: { rules: constraint.rules.map((r) => r.en).join(" ") } });
  }
}

/** The count of an election: paper ballots join the online ones; a delegate election follows the seat rules. */
export function countElection(r: Round, p: Proposal, e: Election, method: "irv" | "stv" | "approval"): { extraBallots: number; count: () => RankedResult } | null {
  const paper = paperRows(r.id);
  const link = getLink(p.id);
  const delegates = link?.action === "election" ? link : null;
  if (!delegates && paper.length === 0) return null;
  const election: Election = { ...e, ballots: [...e.ballots, ...paper] };
  const extraBallots = paper.reduce((a, b) => a + b.weight, 0);
  return {
    extraBallots,
    count: () => {
      const constraint = delegates ? seatContext(delegates, e.seats).constraint : null;
      const result = countDelegates(election, method, candidateGroups(p.id), constraint);
      if (extraBallots === 0) return result;
      return {
        ...result,
        explanation: {
          en: `${result.explanation.en} Includes ${extraBallots} paper ballots imported from BLT files.`,
          es: `${result.explanation.es} Incluye ${extraBallots} papeletas en papel importadas de archivos BLT.`,
        },
      };
    },
  };
}

/** After an election's round: the elected start their terms, all in the round's transaction. */
export function applyElection(link: FederationLink, p: Proposal, r: Round, now: number) {
  if (r.outcome !== "passed") return;
  const figures = r.figures ? (JSON.parse(r.figures) as { elected?: string[] }) : {};
  const options = listOptions(p.id);
  const council = getCouncil(link.councilId);
  if (!council || !isActiveMember(council.id, link.assemblyId)) return;
  let room = vacancies(link.assemblyId, council.id);
  const mandateText = getRevision(p.id, r.revision)?.body ?? "";
  for (const name of figures.elected ?? []) {
    const o = options.find((x) => x.name === name);
    if (!o?.userId || room < 1) continue;
    if (activeTerms({ councilId: council.id, userId: o.userId, assemblyId: link.assemblyId }).length > 0) continue;
    const term = startTerm({ assemblyId: link.assemblyId, councilId: council.id, userId: o.userId, now, mandateText, electionProposalId: p.id });
    room--;
    const params = { delegate: o.name, council: council.name, body: getAssembly(link.assemblyId)?.name ?? "" };
    appendRecord({ assemblyId: link.assemblyId, kind: "federation", subjectId: term.id, summary: "record.federation.termStarted", params, payload: { termId: term.id, proposalId: p.id, endsAt: term.endsAt }, at: now });
    appendRecord({ assemblyId: council.id, kind: "federation", subjectId: term.id, summary: "record.federation.termStarted", params, payload: { termId: term.id, bodyId: link.assemblyId, endsAt: term.endsAt }, at: now });
  }
}

/** Open elections of a body, for its councils page. */
export function openElections(assemblyId: string) {
  return db
    .select({ proposalId: proposals.id, number: proposals.number, title: proposals.title, status: proposals.status, seats: proposals.seats, councilId: federationProposals.councilId })
    .from(proposals)
    .innerJoin(federationProposals, eq(federationProposals.proposalId, proposals.id))
    .where(and(eq(proposals.assemblyId, assemblyId), eq(proposals.kind, "election"), inArray(proposals.status, [...OPEN_STATUSES])))
    .all();
}

export function pendingNominationsFor(userId: string) {
  return db
    .select({ proposalId: nominations.proposalId, title: proposals.title, assemblyId: proposals.assemblyId })
    .from(nominations)
    .innerJoin(proposals, eq(proposals.id, nominations.proposalId))
    .where(and(eq(nominations.userId, userId), isNull(nominations.acceptedAt), isNull(nominations.declinedAt), inArray(proposals.status, [...OPEN_FOR_CHANGES])))
    .all();
}

// --- What a delegate and a nominee are told --------------------------------------------

/**
 * One term of a body's delegate, for its page: the council, the dates, and how it ended
 * (a recall names the vote that decided it and the petition's reason). The term must
 * belong to the body in the address.
 */
export function termView(bodyId: string, termId: string, viewerId: string) {
  const t = getTerm(termId);
  if (!t || t.assemblyId !== bodyId) return null;
  const council = getAssembly(t.councilId);
  if (!council) return null;
  const name = db.select({ n: users.displayName }).from(users).where(eq(users.id, t.userId)).get()?.n ?? "";
  const pet =
    t.status === "recalled"
      ? db.select().from(recallPetitions).where(and(eq(recallPetitions.termId, t.id), eq(recallPetitions.status, "recalled"))).get()
      : undefined;
  const rp = pet?.recallProposalId ? getProposalById(pet.recallProposalId) : undefined;
  return {
    id: t.id,
    userId: t.userId,
    name,
    councilId: council.id,
    councilName: council.name,
    councilSlug: council.slug,
    status: t.status,
    startsAt: t.startsAt,
    endsAt: t.endsAt,
    endedAt: t.endedAt,
    recall: rp ? { proposalId: rp.id, number: rp.number, reason: pet!.reason } : null,
    canOpenCouncil: Boolean(getMembership(council.id, viewerId)),
  };
}

/** Someone's latest term in a council, if it has ended and they hold no seat there now. */
export function endedTermIn(councilId: string, userId: string): Term | null {
  const terms = db
    .select()
    .from(delegateTerms)
    .where(and(eq(delegateTerms.councilId, councilId), eq(delegateTerms.userId, userId)))
    .orderBy(desc(delegateTerms.startsAt))
    .all();
  if (terms.length === 0 || terms.some((x) => x.status === "active")) return null;
  return terms[0];
}

/** Nominations someone has not yet answered in a body's open elections: they accept or decline. */
export function openNominationsFor(bodyId: string, userId: string) {
  return db
    .select({ proposalId: proposals.id, number: proposals.number, councilName: assemblies.name, nominatedBy: nominations.nominatedBy, status: proposals.status })
    .from(nominations)
    .innerJoin(proposals, eq(proposals.id, nominations.proposalId))
    .innerJoin(federationProposals, eq(federationProposals.proposalId, proposals.id))
    .innerJoin(assemblies, eq(assemblies.id, federationProposals.councilId))
    .where(and(eq(proposals.assemblyId, bodyId), eq(nominations.userId, userId), isNull(nominations.acceptedAt), isNull(nominations.declinedAt)))
    .all()
    .filter((n) => isOpenForChanges(n.status))
    .map((n) => ({ ...n, nominatedByName: n.nominatedBy ? (db.select({ n: users.displayName }).from(users).where(eq(users.id, n.nominatedBy)).get()?.n ?? null) : null }));
}

/** The seats someone holds for a body: each council, to open it from home. */
export function seatsOf(bodyId: string, userId: string) {
  return db
    .select({ termId: delegateTerms.id, councilId: assemblies.id, councilName: assemblies.name, councilSlug: assemblies.slug, endsAt: delegateTerms.endsAt })
    .from(delegateTerms)
    .innerJoin(assemblies, eq(assemblies.id, delegateTerms.councilId))
    .where(and(eq(delegateTerms.assemblyId, bodyId), eq(delegateTerms.userId, userId), eq(delegateTerms.status, "active")))
    .orderBy(asc(assemblies.name))
    .all();
}
