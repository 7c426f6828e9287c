import { and, asc, eq, or, sql } from "drizzle-orm";
import { attempt, db } from "~/db.server";
import { refuse, type Result } from "~/lib/refusal";
import { memberships, users } from "../../db/schema";
import { newId } from "~/lib/ids.server";

export type Membership = typeof memberships.$inferSelect;
export type InviteRole = "member" | "observer" | "facilitator" | "steward";

/**
 * Who may vote in a body — decided here and nowhere else: its members with the "member"
 * role. Observers attend, speak and follow everything but do not vote (RONR 12th ed. §1:
 * only the members of a deliberative assembly vote; docs/domain.md#bodies). In a
 * council the voters are its seated delegates: a term that starts gives the delegate this
 * role (`giveVote`, called by delegate.server.ts), and ending it takes it away (`takeVote`). Everything else — rounds,
 * quorum, meetings, petitions, nominations, the pages — asks these functions.
 */
const VOTING_ROLE = "member" as const satisfies Membership["role"];

export function mayVote(m: Pick<Membership, "role"> | null | undefined): boolean {
  return m?.role === VOTING_ROLE;
}

/** What an action needs of the person: any member, a voting member, a facilitator, a steward. */
export type Need = "any" | "voter" | "facilitator" | "steward";

/** The role check itself, pure, so models and pages ask it too; `requireMember` (app/web/authz.server.ts) turns a "no" into a 403. */
export function can(m: Pick<Membership, "role" | "steward" | "facilitator">, need: Need): boolean {
  switch (need) {
    case "any":
      return true;
    case "voter":
      return mayVote(m);
    case "facilitator":
      return m.facilitator || m.steward;
    case "steward":
      return m.steward;
  }
}

// Prepared once: every page and action under /a/$slug checks membership (bench/README.md).
const membershipOf = db
  .select()
  .from(memberships)
  .where(and(eq(memberships.assemblyId, sql.placeholder("assemblyId")), eq(memberships.userId, sql.placeholder("userId"))))
  .prepare();
const countsOf = db
  .select({
    all: sql<number>`count(*)`,
    voting: sql<number>`sum(case when ${memberships.role} = ${VOTING_ROLE} then 1 else 0 end)`,
  })
  .from(memberships)
  .where(eq(memberships.assemblyId, sql.placeholder("assemblyId")))
  .prepare();

export function getMembership(assemblyId: string, userId: string) {
  return membershipOf.get({ assemblyId, userId });
}

/**
 * A council seats a delegate: they get the vote there, joining if they were not in it (a
 * steward who was an observer becomes a voter).
 */
export function giveVote(assemblyId: string, userId: string, now: number) {
  const m = getMembership(assemblyId, userId);
  if (!m) db.insert(memberships).values({ id: newId(), assemblyId, userId, role: VOTING_ROLE, steward: false, facilitator: false, joinedAt: now }).run();
  else if (!mayVote(m)) db.update(memberships).set({ role: VOTING_ROLE }).where(eq(memberships.id, m.id)).run();
}

/**
 * The seat is gone: the vote goes with it. A steward or facilitator stays on as an observer,
 * so the council keeps the people who run it; anyone else leaves.
 */
export function takeVote(assemblyId: string, userId: string) {
  const m = getMembership(assemblyId, userId);
  if (!m) return;
  if (m.steward || m.facilitator) db.update(memberships).set({ role: "observer" }).where(eq(memberships.id, m.id)).run();
  else db.delete(memberships).where(eq(memberships.id, m.id)).run();
}

/** Whether this person may vote in this body now. */
export function isVoter(assemblyId: string, userId: string): boolean {
  return mayVote(getMembership(assemblyId, userId));
}

/** Everyone who may vote in this body now (a round's electorate, a petition's base). */
export function votingMemberIds(assemblyId: string): string[] {
  return db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.assemblyId, assemblyId), eq(memberships.role, VOTING_ROLE)))
    .all()
    .map((r) => r.userId);
}

/** What a members list shows of each member: one projection for the whole list and its pages. */
const memberColumns = {
  userId: users.id,
  username: users.username,
  displayName: users.displayName,
  role: memberships.role,
  steward: memberships.steward,
  facilitator: memberships.facilitator,
  joinedAt: memberships.joinedAt,
};

/**
 * One page of the members list, by name, optionally only those whose name or username contains
 * `q` (case-insensitive for ASCII, as SQLite's LIKE is): a union of hundreds is searched, not
 * scrolled. `total` counts every match.
 */
export function findMembers(assemblyId: string, opts: { q?: string; offset?: number; limit: number }) {
  const q = opts.q?.trim() ?? "";
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = q
    ? and(eq(memberships.assemblyId, assemblyId), or(sql`${users.displayName} LIKE ${pattern} ESCAPE '\\'`, sql`${users.username} LIKE ${pattern} ESCAPE '\\'`))
    : eq(memberships.assemblyId, assemblyId);
  const total = db.select({ n: sql<number>`count(*)` }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where).get()?.n ?? 0;
  const rows = db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(where)
    .orderBy(asc(users.displayName), asc(users.username))
    .limit(opts.limit)
    .offset(opts.offset ?? 0)
    .all();
  return { rows, total };
}

export function listMembers(assemblyId: string) {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.assemblyId, assemblyId))
    .orderBy(asc(users.displayName))
    .all();
}

export function memberCounts(assemblyId: string) {
  const row = countsOf.get({ assemblyId });
  return { all: row?.all ?? 0, voting: row?.voting ?? 0 };
}

/** Turns an invitation role into the membership's columns. */
export function rolesFor(role: InviteRole) {
  return {
    role: role === "observer" ? ("observer" as const) : ("member" as const),
    steward: role === "steward",
    facilitator: role === "facilitator" || role === "steward",
  };
}

export function addMember(assemblyId: string, userId: string, role: InviteRole, invitationId: string | null = null) {
  db.insert(memberships)
    .values({ id: newId(), assemblyId, userId, ...rolesFor(role), joinedAt: Date.now(), invitationId })
    .run();
}

function stewardCount(assemblyId: string) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(memberships)
      .where(and(eq(memberships.assemblyId, assemblyId), eq(memberships.steward, true)))
      .get()?.n ?? 0
  );
}

export type RoleChange = { role: "member" | "observer"; steward: boolean; facilitator: boolean };

/** Changes someone's roles; the last steward keeps theirs, so a body is never unmanaged. */
export function changeRoles(assemblyId: string, userId: string, change: RoleChange): Result {
  return attempt(() => {
    const m = getMembership(assemblyId, userId);
    if (!m) refuse("not_found", "errors.members.notMember");
    if (m.steward && !change.steward && stewardCount(assemblyId) <= 1) refuse("conflict", "errors.members.lastSteward");
    db.update(memberships).set(change).where(eq(memberships.id, m.id)).run();
    return {};
  });
}

/** Removes a member (or lets one leave); the last steward cannot go. */
export function removeMember(assemblyId: string, userId: string): Result {
  return attempt(() => {
    const m = getMembership(assemblyId, userId);
    if (!m) refuse("not_found", "errors.members.notMember");
    if (m.steward && stewardCount(assemblyId) <= 1) refuse("conflict", "errors.members.lastSteward");
    db.delete(memberships).where(eq(memberships.id, m.id)).run();
    return {};
  });
}
