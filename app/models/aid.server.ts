/**
 * Mutual aid: requests and offers, their categories and zones, and the matches between two
 * people (docs/domain.md#mutual-aid; docs/decisions/019-mutual-aid.md). Who sees what follows
 * the body's privacy ladder (charter `aid.ladder`, read through `aidRulesOf` in app/lib/rules.ts)
 * and the pure rules in app/lib/aid-fields.ts; every function that returns a post or a match
 * takes the viewer and returns only what they may see.
 */
import { and, asc, desc, eq, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { attempt, db, transaction } from "~/db.server";
import { refuse, type Result } from "~/lib/refusal";
import { newId } from "~/lib/ids.server";
import { aidRulesOf } from "~/lib/rules";
import {
  CONNECTED_STATUSES,
  DAY,
  DEFAULT_CATEGORIES,
  isParty,
  mayAccept,
  mayRespond,
  seesAuthor,
  seesContacts,
  seesMatch,
  seesOtherName,
  seesPost,
  type AidLadder,
  type AidViewer,
  type MatchEnding,
  type PostKind,
  type Urgency,
} from "~/lib/aid-fields";
import { aidCategories, aidMatches, aidMessages, aidPosts, aidShares, aidZones, assemblies, memberships, users } from "../../db/schema";
import { currentCharter } from "./assembly.server";
import { generateShifts } from "./aid-shift.server";
import { registerAidProgrammes } from "./aid-fund.server";
import { registerJob } from "~/background.server";
import { LOCALES, translate } from "~/i18n";

export type AidPost = typeof aidPosts.$inferSelect;
export type AidMatch = typeof aidMatches.$inferSelect;
export type AidCategory = typeof aidCategories.$inferSelect;

/** The body's ladder and retention days (its charter, through the one adapter). */
export function aidRules(assemblyId: string) {
  return aidRulesOf(currentCharter(assemblyId).charter);
}

// --- Categories and zones -------------------------------------------------------------------

/** The body's categories; the defaults are written the first time anyone asks. */
export function categoriesOf(assemblyId: string): AidCategory[] {
  const rows = db.select().from(aidCategories).where(eq(aidCategories.assemblyId, assemblyId)).orderBy(asc(aidCategories.position)).all();
  if (rows.length) return rows;
  transaction(() => {
    const again = db.select({ n: sql<number>`count(*)` }).from(aidCategories).where(eq(aidCategories.assemblyId, assemblyId)).get()?.n ?? 0;
    if (again) return;
    DEFAULT_CATEGORIES.forEach((c, i) =>
      db.insert(aidCategories).values({ id: newId(), assemblyId, key: c.key, name: "", expiryDays: c.expiryDays, position: i, createdAt: Date.now() }).run(),
    );
  });
  return db.select().from(aidCategories).where(eq(aidCategories.assemblyId, assemblyId)).orderBy(asc(aidCategories.position)).all();
}

/** The names a category answers to: the body's own, or a built-in one's key and its words in every language. */
function namesOf(c: AidCategory): string[] {
  if (c.name) return [c.name.toLowerCase()];
  return c.key ? [c.key, ...LOCALES.map((l) => translate(l, `aid.category.${c.key}`).toLowerCase())] : [];
}

export function addCategory(assemblyId: string, input: { name: string; expiryDays: number }, now: number): Result<{ id: string }> {
  return attempt(() => {
    const cats = categoriesOf(assemblyId);
    if (cats.some((c) => namesOf(c).includes(input.name.toLowerCase()))) refuse("conflict", "aid.errors.categoryTaken", { field: "name" });
    const id = newId();
    db.insert(aidCategories).values({ id, assemblyId, key: null, name: input.name, expiryDays: input.expiryDays, position: cats.length, createdAt: now }).run();
    return { id };
  });
}

/**
 * A coordinator or steward renames a category (a built-in one then shows the body's words in
 * every language); names stay unique within the body, whatever their case.
 */
export function renameCategory(assemblyId: string, categoryId: string, name: string): Result {
  return attempt(() => {
    const cats = categoriesOf(assemblyId);
    const cat = cats.find((c) => c.id === categoryId);
    if (!cat) refuse("not_found", "aid.errors.notFound");
    if (cats.some((c) => c.id !== cat.id && namesOf(c).includes(name.toLowerCase()))) refuse("conflict", "aid.errors.categoryTaken", { field: "name" });
    db.update(aidCategories).set({ name }).where(and(eq(aidCategories.id, cat.id), eq(aidCategories.assemblyId, assemblyId))).run();
    return {};
  });
}

export function zonesOf(assemblyId: string) {
  return db.select().from(aidZones).where(eq(aidZones.assemblyId, assemblyId)).orderBy(asc(aidZones.name)).all();
}

export function addZone(assemblyId: string, name: string, now: number): Result<{ id: string }> {
  return attempt(() => {
    if (zonesOf(assemblyId).some((z) => z.name.toLowerCase() === name.toLowerCase())) refuse("conflict", "aid.errors.zoneTaken", { field: "name" });
    const id = newId();
    db.insert(aidZones).values({ id, assemblyId, name, createdAt: now }).run();
    return { id };
  });
}

/** A coordinator or steward renames a zone; names stay unique within the body, whatever their case. */
export function renameZone(assemblyId: string, zoneId: string, name: string): Result {
  return attempt(() => {
    const zones = zonesOf(assemblyId);
    const zone = zones.find((z) => z.id === zoneId);
    if (!zone) refuse("not_found", "aid.errors.notFound");
    if (zones.some((z) => z.id !== zone.id && z.name.toLowerCase() === name.toLowerCase())) refuse("conflict", "aid.errors.zoneTaken", { field: "name" });
    db.update(aidZones).set({ name }).where(and(eq(aidZones.id, zone.id), eq(aidZones.assemblyId, assemblyId))).run();
    return {};
  });
}

// --- Posts ------------------------------------------------------------------------------------

export type PostInput = {
  kind: PostKind;
  categoryId: string;
  zoneId: string | null;
  title: string;
  quantity: string;
  details: string;
  windowStart: number | null;
  windowEnd: number | null;
  urgency: Urgency;
  anonymous: boolean;
  shareable: boolean;
};

function categoryIn(assemblyId: string, id: string) {
  const c = db.select().from(aidCategories).where(and(eq(aidCategories.id, id), eq(aidCategories.assemblyId, assemblyId))).get();
  if (!c) refuse("invalid", "aid.errors.category", { field: "categoryId" });
  return c;
}

/** A member posts a request or an offer; it expires after its category's days unless renewed. */
export function createPost(assemblyId: string, authorId: string, input: PostInput, now: number): Result<{ id: string }> {
  return attempt(() => {
    const cat = categoryIn(assemblyId, input.categoryId);
    if (input.zoneId && !db.select().from(aidZones).where(and(eq(aidZones.id, input.zoneId), eq(aidZones.assemblyId, assemblyId))).get()) refuse("invalid", "aid.errors.zone", { field: "zoneId" });
    const id = newId();
    db.insert(aidPosts)
      .values({
        id,
        assemblyId,
        kind: input.kind,
        authorId,
        categoryId: cat.id,
        zoneId: input.zoneId,
        title: input.title,
        quantity: input.quantity,
        details: input.details,
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
        urgency: input.urgency,
        // Only requests are anonymous (an offer names who gives); only offers are shared with councils.
        anonymous: input.kind === "request" && input.anonymous,
        shareable: input.kind === "offer" && input.shareable,
        status: "open",
        expiresAt: now + cat.expiryDays * DAY,
        createdAt: now,
      })
      .run();
    return { id };
  });
}

function postIn(assemblyId: string, postId: string): AidPost {
  const p = db.select().from(aidPosts).where(and(eq(aidPosts.id, postId), eq(aidPosts.assemblyId, assemblyId))).get();
  if (!p) refuse("not_found", "aid.errors.notFound");
  return p;
}

function requireSees(assemblyId: string, postId: string, viewer: AidViewer): AidPost {
  const p = postIn(assemblyId, postId);
  if (!seesPost(aidRules(assemblyId).ladder, viewer, p)) refuse("not_found", "aid.errors.notFound");
  return p;
}

const mayManage = (viewer: AidViewer, p: Pick<AidPost, "authorId">) => viewer.coordinator || (p.authorId !== null && p.authorId === viewer.userId);

/** Its author or a coordinator renews a post for another period of its category. */
export function renewPost(assemblyId: string, postId: string, viewer: AidViewer, now: number): Result {
  return attempt(() => {
    const p = requireSees(assemblyId, postId, viewer);
    if (!mayManage(viewer, p)) refuse("forbidden", "aid.errors.notYours");
    if (p.status === "closed" || p.purgedAt) refuse("conflict", "aid.errors.closed");
    const cat = db.select().from(aidCategories).where(eq(aidCategories.id, p.categoryId)).get()!;
    db.update(aidPosts)
      .set({ expiresAt: Math.max(now, p.expiresAt) + cat.expiryDays * DAY, status: p.status === "expired" ? "open" : p.status, closedAt: null })
      .where(eq(aidPosts.id, p.id))
      .run();
    return {};
  });
}

/** Its author or a coordinator closes a post (met elsewhere, no longer needed). */
export function closePost(assemblyId: string, postId: string, viewer: AidViewer, now: number): Result {
  return attempt(() => {
    const p = requireSees(assemblyId, postId, viewer);
    if (!mayManage(viewer, p)) refuse("forbidden", "aid.errors.notYours");
    if (p.status === "closed") return {};
    db.update(aidPosts).set({ status: "closed", closedAt: now }).where(eq(aidPosts.id, p.id)).run();
    db.update(aidMatches).set({ status: "cancelled", closedAt: now }).where(and(eq(aidMatches.postId, p.id), eq(aidMatches.status, "proposed"))).run();
    return {};
  });
}

/** A member deletes their own request or offer, at any time: it and its matches are gone. */
export function deletePost(assemblyId: string, postId: string, userId: string): Result {
  return attempt(() => {
    const p = postIn(assemblyId, postId);
    if (p.authorId !== userId) refuse("forbidden", "aid.errors.notYours");
    db.delete(aidPosts).where(eq(aidPosts.id, p.id)).run();
    return {};
  });
}

const postColumns = {
  id: aidPosts.id,
  kind: aidPosts.kind,
  authorId: aidPosts.authorId,
  authorName: users.displayName,
  categoryId: aidPosts.categoryId,
  categoryKey: aidCategories.key,
  categoryName: aidCategories.name,
  zoneId: aidPosts.zoneId,
  zoneName: aidZones.name,
  title: aidPosts.title,
  quantity: aidPosts.quantity,
  details: aidPosts.details,
  windowStart: aidPosts.windowStart,
  windowEnd: aidPosts.windowEnd,
  urgency: aidPosts.urgency,
  anonymous: aidPosts.anonymous,
  shareable: aidPosts.shareable,
  status: aidPosts.status,
  expiresAt: aidPosts.expiresAt,
  closedAt: aidPosts.closedAt,
  purgedAt: aidPosts.purgedAt,
  createdAt: aidPosts.createdAt,
};

function selectPosts() {
  return db
    .select(postColumns)
    .from(aidPosts)
    .innerJoin(aidCategories, eq(aidCategories.id, aidPosts.categoryId))
    .leftJoin(aidZones, eq(aidZones.id, aidPosts.zoneId))
    .leftJoin(users, eq(users.id, aidPosts.authorId));
}
type PostRow = ReturnType<ReturnType<typeof selectPosts>["all"]>[number];

/** What the viewer may see of a post: the author's name only when the ladder allows it. */
function present(ladder: AidLadder, viewer: AidViewer, r: PostRow) {
  const named = seesAuthor(ladder, viewer, r);
  return {
    ...r,
    authorId: named ? r.authorId : null,
    authorName: named ? r.authorName : null,
    mine: r.authorId !== null && r.authorId === viewer.userId,
  };
}
export type PostView = ReturnType<typeof present>;


/**
 * The posts the viewer may see: open ones (and their own, whatever their state), newest and
 * most urgent first. Under the fully coordinated rung a member sees only their own.
 */
export function visiblePosts(assemblyId: string, viewer: AidViewer, opts: { kind?: PostKind; open?: boolean; mine?: boolean } = {}) {
  const { ladder } = aidRules(assemblyId);
  const rows = selectPosts()
    .where(
      and(
        eq(aidPosts.assemblyId, assemblyId),
        opts.kind ? eq(aidPosts.kind, opts.kind) : undefined,
        opts.mine ? eq(aidPosts.authorId, viewer.userId) : undefined,
        opts.open ? inArray(aidPosts.status, ["open", "matched"]) : undefined,
        isNull(aidPosts.purgedAt),
      ),
    )
    .orderBy(sql`case ${aidPosts.urgency} when 'urgent' then 0 when 'normal' then 1 else 2 end`, desc(aidPosts.createdAt))
    .all();
  return rows.filter((r) => seesPost(ladder, viewer, r)).map((r) => present(ladder, viewer, r));
}

/** One post for its page, with the matches the viewer may see; null when they may not see it. */
export function postView(assemblyId: string, postId: string, viewer: AidViewer) {
  const { ladder } = aidRules(assemblyId);
  const row = selectPosts()
    .where(and(eq(aidPosts.id, postId), eq(aidPosts.assemblyId, assemblyId)))
    .get();
  if (!row || !seesPost(ladder, viewer, row)) return null;
  const post = present(ladder, viewer, row);
  const matches = matchesOf(row, viewer, ladder);
  const mine = matches.find((m) => m.otherId === viewer.userId && m.status !== "cancelled");
  return {
    ladder,
    post,
    matches,
    may: {
      respond: row.status === "open" && !mine && mayRespond(ladder, viewer, row),
      manage: mayManage(viewer, row) && !row.purgedAt,
      delete: row.authorId === viewer.userId,
      propose: viewer.coordinator && row.status !== "closed" && !row.purgedAt,
    },
  };
}

// --- Matches ----------------------------------------------------------------------------------

function matchesOf(post: PostRow, viewer: AidViewer, ladder: AidLadder) {
  const rows = db
    .select({ match: aidMatches, otherName: users.displayName, proposerCoordinator: memberships.aidCoordinator })
    .from(aidMatches)
    .leftJoin(users, eq(users.id, aidMatches.otherId))
    .leftJoin(memberships, and(eq(memberships.userId, aidMatches.proposedBy), eq(memberships.assemblyId, aidMatches.assemblyId)))
    .where(eq(aidMatches.postId, post.id))
    .orderBy(asc(aidMatches.createdAt))
    .all();
  return rows
    .filter((r) => seesMatch(viewer, post, r.match))
    .map((r) => ({
      id: r.match.id,
      status: r.match.status,
      otherId: r.match.otherId,
      otherName: seesOtherName(ladder, viewer, post, r.match) ? r.otherName : null,
      createdAt: r.match.createdAt,
      mayAccept: mayAccept(ladder, viewer, post, { ...r.match, proposedByCoordinator: Boolean(r.proposerCoordinator) && r.match.proposedBy !== r.match.otherId }),
    }));
}

function matchIn(assemblyId: string, matchId: string) {
  const match = db.select().from(aidMatches).where(and(eq(aidMatches.id, matchId), eq(aidMatches.assemblyId, assemblyId))).get();
  if (!match) refuse("not_found", "aid.errors.notFound");
  const post = db.select().from(aidPosts).where(eq(aidPosts.id, match.postId)).get()!;
  return { match, post };
}

/** "I can help" / "I'd like this": the member proposes themself, with the contact they would share. */
export function respond(assemblyId: string, postId: string, viewer: AidViewer, contact: string, now: number): Result<{ id: string }> {
  return attempt(() => {
    const p = requireSees(assemblyId, postId, viewer);
    if (p.status !== "open") refuse("conflict", "aid.errors.notOpen");
    if (!mayRespond(aidRules(assemblyId).ladder, viewer, p)) refuse("forbidden", "aid.errors.cannotRespond");
    const already = db
      .select()
      .from(aidMatches)
      .where(and(eq(aidMatches.postId, p.id), eq(aidMatches.otherId, viewer.userId), ne(aidMatches.status, "cancelled")))
      .get();
    if (already) refuse("conflict", "aid.errors.alreadyResponded");
    const id = newId();
    db.insert(aidMatches).values({ id, assemblyId, postId: p.id, otherId: viewer.userId, proposedBy: viewer.userId, status: "proposed", otherContact: contact, createdAt: now }).run();
    return { id };
  });
}

/** A coordinator proposes a match between the post's author and another member of the body. */
export function proposeMatch(assemblyId: string, postId: string, viewer: AidViewer, otherId: string, now: number): Result<{ id: string }> {
  return attempt(() => {
    if (!viewer.coordinator) refuse("forbidden", "aid.errors.coordinatorsOnly");
    const p = postIn(assemblyId, postId);
    if (p.status === "closed" || p.purgedAt) refuse("conflict", "aid.errors.notOpen");
    const member = db.select().from(memberships).where(and(eq(memberships.assemblyId, assemblyId), eq(memberships.userId, otherId))).get();
    if (!member) refuse("invalid", "aid.errors.notMember", { field: "otherId" });
    if (otherId === p.authorId) refuse("invalid", "aid.errors.samePerson", { field: "otherId" });
    const already = db
      .select()
      .from(aidMatches)
      .where(and(eq(aidMatches.postId, p.id), eq(aidMatches.otherId, otherId), ne(aidMatches.status, "cancelled")))
      .get();
    if (already) refuse("conflict", "aid.errors.alreadyMatched", { field: "otherId" });
    const id = newId();
    db.insert(aidMatches).values({ id, assemblyId, postId: p.id, otherId, proposedBy: viewer.userId, status: "proposed", createdAt: now }).run();
    return { id };
  });
}

function proposerIsCoordinator(m: AidMatch): boolean {
  if (!m.proposedBy || m.proposedBy === m.otherId) return false;
  return Boolean(db.select({ c: memberships.aidCoordinator }).from(memberships).where(and(eq(memberships.assemblyId, m.assemblyId), eq(memberships.userId, m.proposedBy))).get()?.c);
}

/** The author (or a coordinator) accepts: only now do the two see each other's contact. */
export function acceptMatch(assemblyId: string, matchId: string, viewer: AidViewer, contact: string, now: number): Result {
  return attempt(() => {
    const { match, post } = matchIn(assemblyId, matchId);
    if (!seesMatch(viewer, post, match)) refuse("not_found", "aid.errors.notFound");
    if (!mayAccept(aidRules(assemblyId).ladder, viewer, post, { ...match, proposedByCoordinator: proposerIsCoordinator(match) })) refuse("forbidden", "aid.errors.cannotAccept");
    const owner = post.authorId === viewer.userId;
    const other = match.otherId === viewer.userId;
    const done = db
      .update(aidMatches)
      .set({
        status: "accepted",
        acceptedAt: now,
        acceptedBy: viewer.userId,
        ...(owner && contact ? { ownerContact: contact } : {}),
        ...(other && contact ? { otherContact: contact } : {}),
      })
      .where(and(eq(aidMatches.id, match.id), eq(aidMatches.status, "proposed")))
      .run();
    if (done.changes !== 1) refuse("conflict", "aid.errors.notProposed");
    db.update(aidPosts).set({ status: "matched" }).where(and(eq(aidPosts.id, post.id), eq(aidPosts.status, "open"))).run();
    return {};
  });
}

/** Each of the two sets the contact they share with the other (a phone, an address, a time and place). */
export function setContact(assemblyId: string, matchId: string, viewer: AidViewer, contact: string): Result {
  return attempt(() => {
    const { match, post } = matchIn(assemblyId, matchId);
    if (!isParty(viewer, post, match)) refuse(seesMatch(viewer, post, match) ? "forbidden" : "not_found", seesMatch(viewer, post, match) ? "aid.errors.partiesOnly" : "aid.errors.notFound");
    if (match.status === "cancelled") refuse("conflict", "aid.errors.matchClosed");
    const set = post.authorId === viewer.userId ? { ownerContact: contact } : { otherContact: contact };
    db.update(aidMatches).set(set).where(eq(aidMatches.id, match.id)).run();
    return {};
  });
}

/**
 * One of the two, or a coordinator, ends the match: done closes the post; partly done and
 * cancelled leave it open for someone else (nobody is rated; the note is private).
 */
export function endMatch(assemblyId: string, matchId: string, viewer: AidViewer, ending: MatchEnding, note: string, now: number): Result {
  return attempt(() => {
    const { match, post } = matchIn(assemblyId, matchId);
    if (!seesMatch(viewer, post, match)) refuse("not_found", "aid.errors.notFound");
    if (!["proposed", "accepted"].includes(match.status)) refuse("conflict", "aid.errors.matchClosed");
    if (match.status === "proposed" && ending !== "cancelled") refuse("conflict", "aid.errors.notAccepted", { field: "ending" });
    db.update(aidMatches).set({ status: ending, note, closedAt: now }).where(eq(aidMatches.id, match.id)).run();
    if (ending === "done") {
      db.update(aidPosts).set({ status: "closed", closedAt: now }).where(eq(aidPosts.id, post.id)).run();
      db.update(aidMatches).set({ status: "cancelled", closedAt: now }).where(and(eq(aidMatches.postId, post.id), eq(aidMatches.status, "proposed"))).run();
    } else if (post.status === "matched") {
      const live = db.select({ n: sql<number>`count(*)` }).from(aidMatches).where(and(eq(aidMatches.postId, post.id), eq(aidMatches.status, "accepted"))).get()?.n ?? 0;
      if (!live) db.update(aidPosts).set({ status: "open" }).where(eq(aidPosts.id, post.id)).run();
    }
    return {};
  });
}

/** A message from one of the two to the other, once connected: no phone number needed. */
export function addMessage(assemblyId: string, matchId: string, viewer: AidViewer, body: string, now: number): Result<{ id: string }> {
  return attempt(() => {
    const { match, post } = matchIn(assemblyId, matchId);
    if (!seesMatch(viewer, post, match)) refuse("not_found", "aid.errors.notFound");
    if (!seesContacts(viewer, post, match)) refuse("forbidden", "aid.errors.partiesOnly");
    if (match.status !== "accepted") refuse("conflict", "aid.errors.matchClosed");
    const id = newId();
    db.insert(aidMessages).values({ id, matchId: match.id, authorId: viewer.userId, body, createdAt: now }).run();
    return { id };
  });
}

/** The match page: what the viewer may see of it (contacts and messages only to the two, once accepted). */
export function matchView(assemblyId: string, matchId: string, viewer: AidViewer) {
  const match = db.select().from(aidMatches).where(and(eq(aidMatches.id, matchId), eq(aidMatches.assemblyId, assemblyId))).get();
  if (!match) return null;
  const { ladder } = aidRules(assemblyId);
  const row = selectPosts().where(eq(aidPosts.id, match.postId)).get();
  if (!row || !seesMatch(viewer, row, match)) return null;
  const post = present(ladder, viewer, row);
  const connected = seesContacts(viewer, row, match);
  const owner = row.authorId !== null && row.authorId === viewer.userId;
  const names = (id: string | null) => (id ? (db.select({ n: users.displayName }).from(users).where(eq(users.id, id)).get()?.n ?? null) : null);
  const party = isParty(viewer, row, match);
  return {
    ladder,
    post,
    match: {
      id: match.id,
      status: match.status,
      createdAt: match.createdAt,
      acceptedAt: match.acceptedAt,
      closedAt: match.closedAt,
      otherName: seesOtherName(ladder, viewer, row, match) ? names(match.otherId) : null,
      // The author's name to the other person once connected (an anonymous request stays anonymous until then).
      ownerName: connected || seesAuthor(ladder, viewer, row) ? names(row.authorId) : null,
      note: party || viewer.coordinator ? match.note : "",
    },
    me: { owner, other: match.otherId === viewer.userId, party, coordinator: viewer.coordinator },
    myContact: party ? (owner ? match.ownerContact : match.otherContact) : "",
    // Shown only to the two people, and only once accepted.
    theirContact: connected ? (owner ? match.otherContact : match.ownerContact) : null,
    messages: connected
      ? db
          .select({ id: aidMessages.id, body: aidMessages.body, createdAt: aidMessages.createdAt, authorId: aidMessages.authorId, authorName: users.displayName })
          .from(aidMessages)
          .leftJoin(users, eq(users.id, aidMessages.authorId))
          .where(eq(aidMessages.matchId, match.id))
          .orderBy(asc(aidMessages.createdAt), asc(aidMessages.id))
          .all()
      : [],
    may: {
      accept: mayAccept(ladder, viewer, row, { ...match, proposedByCoordinator: proposerIsCoordinator(match) }),
      end: ["proposed", "accepted"].includes(match.status),
      message: connected && match.status === "accepted",
      contact: party && match.status !== "cancelled",
    },
  };
}

/** The matches a member is part of (as author or the other person), for their overview. */
export function myMatches(assemblyId: string, userId: string) {
  return db
    .select({ id: aidMatches.id, status: aidMatches.status, postId: aidPosts.id, title: aidPosts.title, kind: aidPosts.kind, minePost: sql<number>`${aidPosts.authorId} = ${userId}` })
    .from(aidMatches)
    .innerJoin(aidPosts, eq(aidPosts.id, aidMatches.postId))
    .where(and(eq(aidMatches.assemblyId, assemblyId), sql`(${aidPosts.authorId} = ${userId} or ${aidMatches.otherId} = ${userId})`, inArray(aidMatches.status, ["proposed", "accepted"])))
    .orderBy(desc(aidMatches.createdAt))
    .all();
}

/** For coordinators: every proposed or live match, with both names. */
export function openMatches(assemblyId: string) {
  const author = sql<string | null>`(select display_name from users u where u.id = ${aidPosts.authorId})`;
  return db
    .select({ id: aidMatches.id, status: aidMatches.status, postId: aidPosts.id, title: aidPosts.title, kind: aidPosts.kind, otherName: users.displayName, authorName: author })
    .from(aidMatches)
    .innerJoin(aidPosts, eq(aidPosts.id, aidMatches.postId))
    .leftJoin(users, eq(users.id, aidMatches.otherId))
    .where(and(eq(aidMatches.assemblyId, assemblyId), inArray(aidMatches.status, ["proposed", "accepted"])))
    .orderBy(desc(aidMatches.createdAt))
    .all();
}

// --- Coordinators -----------------------------------------------------------------------------

/** A steward grants or takes back the aid coordinator role. */
export function setAidCoordinator(assemblyId: string, userId: string, on: boolean): Result {
  return attempt(() => {
    const done = db.update(memberships).set({ aidCoordinator: on }).where(and(eq(memberships.assemblyId, assemblyId), eq(memberships.userId, userId))).run();
    if (done.changes !== 1) refuse("not_found", "errors.members.notMember", { field: "userId" });
    return {};
  });
}

export function membersForAid(assemblyId: string) {
  return db
    .select({ userId: users.id, displayName: users.displayName, username: users.username, aidCoordinator: memberships.aidCoordinator })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.assemblyId, assemblyId))
    .orderBy(asc(users.displayName))
    .all();
}

// --- Expiry and retention ---------------------------------------------------------------------

/** Open posts past their expiry close as expired (their author can renew them). */
export function expirePosts(now: number): number {
  return db
    .update(aidPosts)
    .set({ status: "expired", closedAt: now })
    .where(and(eq(aidPosts.status, "open"), lt(aidPosts.expiresAt, now)))
    .run().changes;
}

/**
 * Closed and expired posts older than the body's retention period lose their personal
 * details (who, what they wrote, contacts, notes, messages); the rows stay with their
 * category, zone, kind and dates, so reports still count them (docs/domain.md#mutual-aid).
 */
export function purgeClosed(now: number): number {
  const candidates = db
    .select({ id: aidPosts.id, assemblyId: aidPosts.assemblyId, closedAt: aidPosts.closedAt })
    .from(aidPosts)
    .where(and(inArray(aidPosts.status, ["closed", "expired"]), isNull(aidPosts.purgedAt), lt(aidPosts.closedAt, now - DAY)))
    .all();
  const days = new Map<string, number>();
  let purged = 0;
  for (const c of candidates) {
    if (!days.has(c.assemblyId)) days.set(c.assemblyId, aidRules(c.assemblyId).retentionDays);
    if (c.closedAt === null || c.closedAt > now - days.get(c.assemblyId)! * DAY) continue;
    transaction(() => {
      db.update(aidPosts).set({ authorId: null, title: "", quantity: "", details: "", anonymous: true, purgedAt: now }).where(eq(aidPosts.id, c.id)).run();
      const ids = db.select({ id: aidMatches.id }).from(aidMatches).where(eq(aidMatches.postId, c.id)).all().map((m) => m.id);
      if (ids.length) {
        db.delete(aidMessages).where(inArray(aidMessages.matchId, ids)).run();
        db.update(aidMatches).set({ otherId: null, proposedBy: null, acceptedBy: null, ownerContact: "", otherContact: "", note: "" }).where(inArray(aidMatches.id, ids)).run();
      }
      db.update(aidShares).set({ fromContact: "", helperContact: "", fromPersonContact: "", helperPersonContact: "", helperPersonId: null, offerNote: "" }).where(eq(aidShares.postId, c.id)).run();
    });
    purged++;
  }
  return purged;
}

/** Whether the person coordinates aid in this body. */
export function isAidCoordinator(assemblyId: string, userId: string): boolean {
  return Boolean(db.select({ c: memberships.aidCoordinator }).from(memberships).where(and(eq(memberships.assemblyId, assemblyId), eq(memberships.userId, userId))).get()?.c);
}

export function assemblyName(id: string) {
  return db.select({ name: assemblies.name, slug: assemblies.slug }).from(assemblies).where(eq(assemblies.id, id)).get();
}

export { CONNECTED_STATUSES };

// --- Background work --------------------------------------------------------------------------

let lastAidRun = -Infinity;
/** Expiry, the retention purge and the shifts ahead need no visitor; every few minutes is enough. */
export function runAidJobs(now: number) {
  if (now - lastAidRun < 5 * 60_000 && now >= lastAidRun) return;
  lastAidRun = now;
  expirePosts(now);
  purgeClosed(now);
  generateShifts(now);
}

export function registerAid() {
  registerJob({ name: "aid", run: runAidJobs });
  registerAidProgrammes();
}
