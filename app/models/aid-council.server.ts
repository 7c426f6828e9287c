/**
 * Mutual aid across a council (docs/domain.md#mutual-aid): an assembly passes a request it
 * cannot meet to a council it is an active member of; the coordinators of the council's other
 * member assemblies see the zone and the need, never the person, and one of them offers to meet
 * it. When the passing coordinator accepts, the two coordinators see each other's contact; the
 * two people see each other's only once both coordinators have agreed to connect them. The
 * council's own page shows the shared needs and what its member assemblies can offer (their
 * offers marked shareable), zone and need only.
 */
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { attempt, db } from "~/db.server";
import { refuse, type Result } from "~/lib/refusal";
import { newId } from "~/lib/ids.server";
import type { AidViewer } from "~/lib/aid-fields";
import { aidCategories, aidPosts, aidShares, aidZones, assemblies, councilMembers, memberships, users } from "../../db/schema";

export type Share = typeof aidShares.$inferSelect;

/** The councils this assembly is an active member of. */
export function councilsForAid(assemblyId: string) {
  return db
    .select({ id: assemblies.id, name: assemblies.name, slug: assemblies.slug })
    .from(councilMembers)
    .innerJoin(assemblies, eq(assemblies.id, councilMembers.councilId))
    .where(and(eq(councilMembers.memberBodyId, assemblyId), eq(councilMembers.status, "active")))
    .orderBy(asc(assemblies.name))
    .all();
}

const activeIn = (councilId: string, assemblyId: string) =>
  Boolean(db.select({ id: councilMembers.id }).from(councilMembers).where(and(eq(councilMembers.councilId, councilId), eq(councilMembers.memberBodyId, assemblyId), eq(councilMembers.status, "active"))).get());

/** A coordinator passes an open request to one of the body's councils. */
export function shareRequest(assemblyId: string, postId: string, viewer: AidViewer, councilId: string, now: number): Result<{ id: string }> {
  return attempt(() => {
    if (!viewer.coordinator) refuse("forbidden", "aid.errors.coordinatorsOnly");
    const post = db.select().from(aidPosts).where(and(eq(aidPosts.id, postId), eq(aidPosts.assemblyId, assemblyId))).get();
    if (!post) refuse("not_found", "aid.errors.notFound");
    if (post.kind !== "request" || post.status !== "open") refuse("conflict", "aid.errors.notOpen");
    if (!activeIn(councilId, assemblyId)) refuse("invalid", "aid.errors.council", { field: "councilId" });
    const live = db.select().from(aidShares).where(and(eq(aidShares.postId, post.id), eq(aidShares.councilId, councilId), ne(aidShares.status, "withdrawn"))).get();
    if (live) refuse("conflict", "aid.errors.alreadyShared", { field: "councilId" });
    const id = newId();
    db.insert(aidShares).values({ id, postId: post.id, fromAssemblyId: assemblyId, councilId, sharedBy: viewer.userId, status: "open", createdAt: now }).run();
    return { id };
  });
}

const needColumns = {
  id: aidShares.id,
  councilId: aidShares.councilId,
  status: aidShares.status,
  fromAssemblyId: aidShares.fromAssemblyId,
  fromAssemblyName: assemblies.name,
  helperAssemblyId: aidShares.helperAssemblyId,
  categoryKey: aidCategories.key,
  categoryName: aidCategories.name,
  zoneName: aidZones.name,
  title: aidPosts.title,
  quantity: aidPosts.quantity,
  urgency: aidPosts.urgency,
  createdAt: aidShares.createdAt,
};

function needs() {
  return db
    .select(needColumns)
    .from(aidShares)
    .innerJoin(aidPosts, eq(aidPosts.id, aidShares.postId))
    .innerJoin(aidCategories, eq(aidCategories.id, aidPosts.categoryId))
    .leftJoin(aidZones, eq(aidZones.id, aidPosts.zoneId))
    .innerJoin(assemblies, eq(assemblies.id, aidShares.fromAssemblyId));
}

/** The needs a council's member assemblies passed to it and that are still waiting: zone and need only. */
export function sharedNeeds(councilId: string) {
  return needs()
    .where(and(eq(aidShares.councilId, councilId), inArray(aidShares.status, ["open", "offered"])))
    .orderBy(desc(aidShares.createdAt))
    .all();
}

/** What the council's member assemblies can offer: their open offers marked shareable, zone and need only. */
export function shareableOffers(councilId: string) {
  return db
    .select({
      id: aidPosts.id,
      assemblyId: aidPosts.assemblyId,
      assemblyName: assemblies.name,
      categoryKey: aidCategories.key,
      categoryName: aidCategories.name,
      zoneName: aidZones.name,
      title: aidPosts.title,
      quantity: aidPosts.quantity,
    })
    .from(aidPosts)
    .innerJoin(councilMembers, and(eq(councilMembers.memberBodyId, aidPosts.assemblyId), eq(councilMembers.councilId, councilId), eq(councilMembers.status, "active")))
    .innerJoin(assemblies, eq(assemblies.id, aidPosts.assemblyId))
    .innerJoin(aidCategories, eq(aidCategories.id, aidPosts.categoryId))
    .leftJoin(aidZones, eq(aidZones.id, aidPosts.zoneId))
    .where(and(eq(aidPosts.kind, "offer"), eq(aidPosts.shareable, true), eq(aidPosts.status, "open")))
    .orderBy(asc(assemblies.name), desc(aidPosts.createdAt))
    .all();
}

function shareOf(id: string) {
  const s = db.select().from(aidShares).where(eq(aidShares.id, id)).get();
  if (!s) refuse("not_found", "aid.errors.notFound");
  return s;
}

/**
 * Another member assembly's coordinator offers to meet a shared need, with the contact the
 * passing coordinator will see once they accept.
 */
export function offerToMeet(assemblyId: string, shareId: string, viewer: AidViewer, input: { note: string; contact: string }, now: number): Result {
  return attempt(() => {
    if (!viewer.coordinator) refuse("forbidden", "aid.errors.coordinatorsOnly");
    const s = shareOf(shareId);
    if (s.fromAssemblyId === assemblyId || !activeIn(s.councilId, assemblyId)) refuse("not_found", "aid.errors.notFound");
    if (s.status !== "open") refuse("conflict", "aid.errors.shareTaken");
    db.update(aidShares)
      .set({ status: "offered", helperAssemblyId: assemblyId, helperCoordinatorId: viewer.userId, offerNote: input.note, helperContact: input.contact })
      .where(and(eq(aidShares.id, s.id), eq(aidShares.status, "open")))
      .run();
    void now;
    return {};
  });
}

/** The passing coordinator accepts the offer (the two coordinators now see each other's contact) or declines it. */
export function answerOffer(assemblyId: string, shareId: string, viewer: AidViewer, input: { accept: boolean; contact: string }, now: number): Result {
  return attempt(() => {
    if (!viewer.coordinator) refuse("forbidden", "aid.errors.coordinatorsOnly");
    const s = shareOf(shareId);
    if (s.fromAssemblyId !== assemblyId) refuse("not_found", "aid.errors.notFound");
    if (s.status !== "offered") refuse("conflict", "aid.errors.noOffer");
    if (input.accept) db.update(aidShares).set({ status: "matched", fromContact: input.contact, matchedAt: now }).where(eq(aidShares.id, s.id)).run();
    else db.update(aidShares).set({ status: "open", helperAssemblyId: null, helperCoordinatorId: null, offerNote: "", helperContact: "" }).where(eq(aidShares.id, s.id)).run();
    return {};
  });
}

/**
 * Each coordinator agrees to connect the two people, giving their person's contact (with that
 * person's consent); the helping side also names its member who will meet the need.
 */
export function agreeToConnect(assemblyId: string, shareId: string, viewer: AidViewer, input: { personContact: string; helperPersonId?: string | null }): Result {
  return attempt(() => {
    if (!viewer.coordinator) refuse("forbidden", "aid.errors.coordinatorsOnly");
    const s = shareOf(shareId);
    if (s.fromAssemblyId !== assemblyId && s.helperAssemblyId !== assemblyId) refuse("not_found", "aid.errors.notFound");
    if (s.status !== "matched") refuse("conflict", "aid.errors.notMatched");
    if (s.fromAssemblyId === assemblyId) {
      db.update(aidShares).set({ fromAgreed: true, fromPersonContact: input.personContact }).where(eq(aidShares.id, s.id)).run();
    } else {
      const person = input.helperPersonId ? db.select().from(memberships).where(and(eq(memberships.assemblyId, assemblyId), eq(memberships.userId, input.helperPersonId))).get() : undefined;
      if (!person) refuse("invalid", "aid.errors.notMember", { field: "helperPersonId" });
      db.update(aidShares).set({ helperAgreed: true, helperPersonId: person.userId, helperPersonContact: input.personContact }).where(eq(aidShares.id, s.id)).run();
    }
    return {};
  });
}

/** The passing coordinator marks the need met: the request closes, counted as met. */
export function markMet(assemblyId: string, shareId: string, viewer: AidViewer, now: number): Result {
  return attempt(() => {
    if (!viewer.coordinator) refuse("forbidden", "aid.errors.coordinatorsOnly");
    const s = shareOf(shareId);
    if (s.fromAssemblyId !== assemblyId) refuse("not_found", "aid.errors.notFound");
    if (s.status !== "matched") refuse("conflict", "aid.errors.notMatched");
    db.update(aidShares).set({ status: "met", metAt: now }).where(eq(aidShares.id, s.id)).run();
    db.update(aidPosts).set({ status: "closed", closedAt: now }).where(eq(aidPosts.id, s.postId)).run();
    return {};
  });
}

/** Shares the passing body can still take back: not yet met, not already withdrawn. */
export const WITHDRAWABLE_SHARE_STATUSES = ["open", "offered", "matched"] as const;

/**
 * The passing body takes a shared request back from its council (met at home after all, or no
 * longer needed): a coordinator or a steward of that body only. It leaves the council's page
 * and the other assemblies' lists at once; the request itself stays as it is.
 */
export function withdrawShare(assemblyId: string, postId: string, shareId: string, actor: { userId: string; coordinator: boolean; steward: boolean }, now: number): Result {
  return attempt(() => {
    const s = shareOf(shareId);
    if (s.fromAssemblyId !== assemblyId || s.postId !== postId) refuse("not_found", "aid.errors.notFound");
    if (!actor.coordinator && !actor.steward) refuse("forbidden", "aid.errors.withdrawShareWho");
    if (!(WITHDRAWABLE_SHARE_STATUSES as readonly string[]).includes(s.status)) refuse("conflict", "aid.errors.shareClosed");
    db.update(aidShares)
      .set({ status: "withdrawn" })
      .where(and(eq(aidShares.id, s.id), inArray(aidShares.status, [...WITHDRAWABLE_SHARE_STATUSES])))
      .run();
    void now;
    return {};
  });
}

const nameOf = (id: string | null) => (id ? (db.select({ n: users.displayName }).from(users).where(eq(users.id, id)).get()?.n ?? null) : null);
const bodyName = (id: string | null) => (id ? (db.select({ n: assemblies.name }).from(assemblies).where(eq(assemblies.id, id)).get()?.n ?? null) : null);

/**
 * A request's shares, as its page shows them: coordinators of the passing body see the whole
 * exchange (the helping coordinator's contact once matched); the person who asked sees only the
 * helper's contact, once both coordinators agreed.
 */
export function sharesOfPost(assemblyId: string, postId: string, viewer: AidViewer, authorId: string | null, opts: { steward?: boolean } = {}) {
  const rows = db.select().from(aidShares).where(and(eq(aidShares.postId, postId), eq(aidShares.fromAssemblyId, assemblyId))).orderBy(asc(aidShares.createdAt)).all();
  const mine = authorId !== null && authorId === viewer.userId;
  // A steward who does not coordinate sees where the shares stand (to withdraw one), no contacts.
  if (!viewer.coordinator && !mine && !opts.steward) return [];
  return rows.map((s) => {
    const connected = s.fromAgreed && s.helperAgreed && mine;
    const council = bodyName(s.councilId);
    if (!viewer.coordinator)
      return { id: s.id, council, status: s.status, helperAssembly: connected ? bodyName(s.helperAssemblyId) : null, helperCoordinator: null, offerNote: "", helperContact: null, fromAgreed: s.fromAgreed, helperAgreed: s.helperAgreed, helperPerson: connected ? nameOf(s.helperPersonId) : null, helperPersonContact: connected ? s.helperPersonContact : null };
    const matched = s.status === "matched" || s.status === "met";
    return {
      id: s.id,
      council,
      status: s.status,
      helperAssembly: bodyName(s.helperAssemblyId),
      helperCoordinator: matched ? nameOf(s.helperCoordinatorId) : null,
      offerNote: s.offerNote,
      helperContact: matched ? s.helperContact : null,
      fromAgreed: s.fromAgreed,
      helperAgreed: s.helperAgreed,
      helperPerson: connected && mine ? nameOf(s.helperPersonId) : null,
      helperPersonContact: connected && mine ? s.helperPersonContact : null,
    };
  });
}

/**
 * The helping side: for its coordinators, the needs it offered to meet (the passing coordinator's
 * contact once matched); for its member who meets the need, the person's contact once both agreed.
 */
export function helpingShares(assemblyId: string, viewer: AidViewer) {
  const rows = needs()
    .where(and(eq(aidShares.helperAssemblyId, assemblyId), inArray(aidShares.status, ["offered", "matched", "met"])))
    .orderBy(desc(aidShares.createdAt))
    .all();
  const full = db.select().from(aidShares).where(and(eq(aidShares.helperAssemblyId, assemblyId))).all();
  const byId = new Map(full.map((s) => [s.id, s]));
  return rows
    .map((r) => {
      const s = byId.get(r.id)!;
      const connected = s.fromAgreed && s.helperAgreed;
      const isPerson = s.helperPersonId === viewer.userId;
      if (!viewer.coordinator && !(isPerson && connected)) return null;
      const matched = s.status === "matched" || s.status === "met";
      return {
        ...r,
        fromCoordinator: viewer.coordinator && matched ? nameOf(s.sharedBy) : null,
        fromContact: viewer.coordinator && matched ? s.fromContact : null,
        fromAgreed: s.fromAgreed,
        helperAgreed: s.helperAgreed,
        helperPerson: nameOf(s.helperPersonId),
        // To the helper person and the coordinators, once both agreed.
        fromPersonContact: connected && (isPerson || viewer.coordinator) ? s.fromPersonContact : null,
      };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
}

/** Needs shared by the other member assemblies of this body's councils, for its coordinators to meet. */
export function needsToMeet(assemblyId: string) {
  const councils = councilsForAid(assemblyId).map((c) => c.id);
  if (!councils.length) return [];
  return needs()
    .where(and(inArray(aidShares.councilId, councils), eq(aidShares.status, "open"), ne(aidShares.fromAssemblyId, assemblyId)))
    .orderBy(desc(aidShares.createdAt))
    .all();
}

