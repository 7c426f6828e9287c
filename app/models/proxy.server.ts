/**
 * Proxies (docs/domain.md#proxies): as the charter allows (app/lib/rules.ts `proxyRulesOf`),
 * a voting member gives their vote to another voting member for one meeting (every round
 * opened in it) or one proposal (its online rounds), and may take it back — both only before
 * it can be used: before the meeting starts, or while no round is open on the proposal. A
 * round fixes the proxies it accepts when it opens (round.server.ts); how a proxy ballot is
 * cast and counted once is there too. Rules chosen here (docs/decisions/018-polls-and-proxies.md):
 * - no transitive delegation: someone who gave their proxy for a meeting or proposal cannot
 *   hold others' for it, and someone holding proxies cannot give their own;
 * - a holder holds at most the charter's `maxPerHolder` for one meeting or proposal;
 * - one proxy per giver per meeting or proposal; giving again to someone else replaces it.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { attempt, db } from "~/db.server";
import { refuse } from "~/lib/refusal";
import { ballots, memberships, proxies, roundProxies, users } from "../../db/schema";
import { newId } from "~/lib/ids.server";
import { proxyRulesOf } from "~/lib/rules";
import { isReadyForRound } from "~/engine";
import { currentCharter } from "./assembly.server";
import { getMembership, mayVote } from "./membership.server";
import { getMeetingIn } from "./meeting.server";
import { getProposal } from "./proposal.server";
import { openRoundOf } from "./round.server";
import { isPresent } from "./attendance.server";

export type ProxyScope = { meetingId: string; proposalId?: undefined } | { proposalId: string; meetingId?: undefined };

/** Refuses unless proxies may still be given or taken back for this meeting or proposal. */
function requireBeforeOpen(assemblyId: string, scope: ProxyScope) {
  const rules = proxyRulesOf(currentCharter(assemblyId).charter);
  if (rules.mode === "none") refuse("forbidden", "proxies.errors.notAllowed");
  if (scope.meetingId !== undefined) {
    const m = getMeetingIn(assemblyId, scope.meetingId);
    if (!m) refuse("not_found", "meetings.errors.notFound");
    // Once the meeting has started its rounds may be open: the proxies it accepts are fixed.
    if (m.status !== "scheduled") refuse("conflict", "proxies.errors.meetingStarted");
  } else {
    if (rules.mode !== "meetings_and_online") refuse("forbidden", "proxies.errors.meetingsOnly");
    const p = getProposal(assemblyId, scope.proposalId);
    if (!p) refuse("not_found", "proposal.errors.notFound");
    if (openRoundOf(p.id)) refuse("conflict", "proxies.errors.roundOpen");
    if (!isReadyForRound(p.status) && p.status !== "draft") refuse("conflict", "proxies.errors.decided");
  }
  return rules;
}

function scopeWhere(scope: ProxyScope) {
  return scope.meetingId !== undefined ? eq(proxies.meetingId, scope.meetingId) : eq(proxies.proposalId, scope.proposalId);
}

export function proxyOf(giverId: string, scope: ProxyScope) {
  return db
    .select()
    .from(proxies)
    .where(and(eq(proxies.giverId, giverId), scopeWhere(scope)))
    .get();
}

function heldCount(holderId: string, scope: ProxyScope): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(proxies)
    .where(and(eq(proxies.holderId, holderId), scopeWhere(scope)))
    .get()!.n;
}

/** Gives (or moves) the giver's proxy to the holder for one meeting or one proposal. */
export function giveProxy(input: { assemblyId: string; giverId: string; holderId: string; now: number } & ProxyScope) {
  return attempt(() => {
    const scope: ProxyScope = input.meetingId !== undefined ? { meetingId: input.meetingId } : { proposalId: input.proposalId! };
    const rules = requireBeforeOpen(input.assemblyId, scope);
    if (!mayVote(getMembership(input.assemblyId, input.giverId))) refuse("forbidden", "proxies.errors.giverNotVoter");
    if (input.holderId === input.giverId) refuse("invalid", "proxies.errors.self", { field: "holderId" });
    if (!mayVote(getMembership(input.assemblyId, input.holderId))) refuse("invalid", "proxies.errors.holderNotVoter", { field: "holderId" });
    // No transitive delegation: a vote is carried by one person, who carries their own too.
    if (heldCount(input.giverId, scope) > 0) refuse("conflict", "proxies.errors.giverHolds");
    if (proxyOf(input.holderId, scope)) refuse("conflict", "proxies.errors.holderGave", { field: "holderId" });
    const existing = proxyOf(input.giverId, scope);
    if (existing?.holderId === input.holderId) return { proxy: existing };
    if (heldCount(input.holderId, scope) >= rules.maxPerHolder) refuse("conflict", "proxies.errors.limit", { params: { n: rules.maxPerHolder }, field: "holderId" });
    if (existing) db.delete(proxies).where(eq(proxies.id, existing.id)).run();
    const id = newId();
    db.insert(proxies)
      .values({ id, assemblyId: input.assemblyId, giverId: input.giverId, holderId: input.holderId, meetingId: scope.meetingId ?? null, proposalId: scope.proposalId ?? null, createdAt: input.now })
      .run();
    return { proxy: db.select().from(proxies).where(eq(proxies.id, id)).get()! };
  });
}

/** Takes the giver's proxy back, before the meeting starts or a round opens on the proposal. */
export function revokeProxy(input: { assemblyId: string; giverId: string } & ProxyScope) {
  return attempt(() => {
    const scope: ProxyScope = input.meetingId !== undefined ? { meetingId: input.meetingId } : { proposalId: input.proposalId! };
    requireBeforeOpen(input.assemblyId, scope);
    const existing = proxyOf(input.giverId, scope);
    if (!existing) refuse("not_found", "proxies.errors.none");
    db.delete(proxies).where(eq(proxies.id, existing.id)).run();
    return {};
  });
}

/** What a member's page shows about proxies for one meeting or proposal. */
export function proxiesFor(assemblyId: string, userId: string, scope: ProxyScope) {
  const rules = proxyRulesOf(currentCharter(assemblyId).charter);
  const allowed = rules.mode !== "none" && (scope.meetingId !== undefined || rules.mode === "meetings_and_online");
  const given = proxyOf(userId, scope);
  const held = db
    .select({ giverId: proxies.giverId, name: users.displayName })
    .from(proxies)
    .innerJoin(users, eq(users.id, proxies.giverId))
    .where(and(eq(proxies.holderId, userId), scopeWhere(scope)))
    .all();
  const holderName = given ? (db.select({ name: users.displayName }).from(users).where(eq(users.id, given.holderId)).get()?.name ?? null) : null;
  return { allowed, rules, given: given ? { holderId: given.holderId, holderName } : null, held };
}

/** Who holds which proxies in a round (for the voter roll and the minutes): names only, never choices. */
export function roundProxyRoll(roundId: string) {
  return db
    .select({ giverId: roundProxies.giverId, holderId: roundProxies.holderId, cast: roundProxies.cast })
    .from(roundProxies)
    .where(eq(roundProxies.roundId, roundId))
    .all();
}

/**
 * What a page's proxy form needs (app/components/proxy.tsx): whether proxies are allowed for
 * this meeting or proposal, the member's own proxy, those they hold, whom they may give it to,
 * and whether it may still change (`open`: before the meeting starts or a round opens).
 */
export function proxyPanel(assemblyId: string, userId: string, scope: ProxyScope, open: boolean) {
  const p = proxiesFor(assemblyId, userId, scope);
  const allowed = p.allowed && mayVote(getMembership(assemblyId, userId));
  // Who may hold the proxy, only for the form that offers them (allowed, open, holding
  // none): every member's name on every view of a large body's proposal was most of the
  // page's data and work (docs/decisions/021-scale-path.md).
  const candidates =
    allowed && open && p.held.length === 0
      ? db
          .select({ id: users.id, name: users.displayName })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.assemblyId, assemblyId), eq(memberships.role, "member")))
          .orderBy(asc(users.displayName))
          .all()
          .filter((c) => c.id !== userId)
      : [];
  return {
    allowed,
    maxPerHolder: p.rules.maxPerHolder,
    secretRounds: p.rules.secretRounds,
    given: p.given,
    held: p.held.map((h) => ({ giverId: h.giverId, name: h.name })),
    candidates,
    open,
  };
}

/**
 * The ballots a holder may cast in a round for the members whose proxies it accepted: each
 * giver's name, whether the holder has cast it, the choice (open rounds only) and whether the
 * giver is checked in to the meeting (then they vote in person).
 */
export function heldInRound(roundId: string, holderId: string, meetingId: string | null) {
  const rows = db
    .select({ giverId: roundProxies.giverId, cast: roundProxies.cast, name: users.displayName })
    .from(roundProxies)
    .innerJoin(users, eq(users.id, roundProxies.giverId))
    .where(and(eq(roundProxies.roundId, roundId), eq(roundProxies.holderId, holderId)))
    .orderBy(asc(users.displayName))
    .all();
  return rows.map((r) => {
    const ballot = r.cast ? db.select({ choice: ballots.choice }).from(ballots).where(and(eq(ballots.roundId, roundId), eq(ballots.userId, r.giverId))).get() : undefined;
    return { giverId: r.giverId, name: r.name, cast: r.cast, choice: ballot?.choice ?? null, giverPresent: meetingId ? isPresent(meetingId, r.giverId) : false };
  });
}
