import { and, desc, eq, sql } from "drizzle-orm";
import { db, transaction } from "~/db.server";
import { assemblies, charters, memberships } from "../../db/schema";
import { newId } from "~/lib/ids.server";
import { charterSchema, readCharter, type Charter } from "~/lib/charter";
import { serverTimeZone, zoneLabel } from "~/lib/time-zones";
import { memberCounts, type Membership } from "./membership.server";
import { appendRecord } from "./record.server";

export type Assembly = typeof assemblies.$inferSelect;

// Prepared once: every page and action under /a/$slug starts with these two reads (bench/README.md).
const assemblyBySlug = db.select().from(assemblies).where(eq(assemblies.slug, sql.placeholder("slug"))).prepare();
const latestCharter = db.select().from(charters).where(eq(charters.assemblyId, sql.placeholder("assemblyId"))).orderBy(desc(charters.version)).limit(1).prepare();

export function getAssemblyBySlug(slug: string) {
  return assemblyBySlug.get({ slug });
}

const assemblyById = db.select().from(assemblies).where(eq(assemblies.id, sql.placeholder("id"))).prepare();

/** Also read by the federation's check on every ballot (bench/README.md), hence prepared. */
export function getAssembly(id: string) {
  return assemblyById.get({ id });
}

/**
 * The zone every date of the body is written in: its own, or (for one founded before bodies
 * had one) the server's.
 */
export function assemblyTimeZone(a: Pick<Assembly, "timeZone">): string {
  return a.timeZone ?? serverTimeZone();
}

/** A steward sets the zone (validated by the caller: app/lib/assembly-validation.server.ts). */
export function setAssemblyTimeZone(assemblyId: string, timeZone: string, byUserId: string) {
  return transaction(() => {
    db.update(assemblies).set({ timeZone }).where(eq(assemblies.id, assemblyId)).run();
    appendRecord({ assemblyId, kind: "time_zone", subjectId: assemblyId, summary: "record.timeZone", params: { zone: zoneLabel(timeZone) }, payload: { timeZone, by: byUserId }, at: Date.now() });
  });
}

/**
 * Founds a body with its first charter; the founder is steward and facilitator. Its time zone
 * is the one chosen, else the server's at the time of founding.
 */
export function foundAssembly(input: { name: string; kind: string; slug: string; description: string; charter: Charter; founderId: string; timeZone?: string }) {
  const charter = charterSchema.parse(input.charter);
  return transaction(() => {
    if (getAssemblyBySlug(input.slug)) return null;
    const now = Date.now();
    const id = newId();
    db.insert(assemblies)
      .values({ id, slug: input.slug, name: input.name, kind: input.kind, description: input.description, timeZone: input.timeZone ?? serverTimeZone(), createdBy: input.founderId, createdAt: now })
      .run();
    db.insert(charters)
      .values({ id: newId(), assemblyId: id, version: 1, settings: JSON.stringify(charter), createdBy: input.founderId, createdAt: now, note: "founding" })
      .run();
    db.insert(memberships)
      .values({ id: newId(), assemblyId: id, userId: input.founderId, role: "member", steward: true, facilitator: true, joinedAt: now })
      .run();
    appendRecord({ assemblyId: id, kind: "founded", subjectId: id, summary: "record.founded", params: { name: input.name }, payload: { charterVersion: 1, charter }, at: now });
    return getAssembly(id)!;
  });
}

/**
 * Charter versions are written once and never changed (a change is a new version), so each
 * is parsed and checked once, not on every page, ballot and live state that reads it
 * (docs/decisions/021-scale-path.md). Frozen: a caller that wants another charter makes one.
 */
const parsedCharters = new Map<string, { settings: string; charter: Charter }>();

function deepFreeze<T>(x: T): T {
  if (x && typeof x === "object" && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

function parsedCharter(row: { id: string; settings: string }): Charter {
  const hit = parsedCharters.get(row.id);
  if (hit && hit.settings === row.settings) return hit.charter;
  const charter = deepFreeze(readCharter(row.settings));
  if (parsedCharters.size >= 500) parsedCharters.delete(parsedCharters.keys().next().value!);
  parsedCharters.set(row.id, { settings: row.settings, charter });
  return charter;
}

export function currentCharter(assemblyId: string): { version: number; charter: Charter; createdAt: number; id: string } {
  const row = latestCharter.get({ assemblyId });
  if (!row) throw new Error(`assembly ${assemblyId} has no charter`);
  return { id: row.id, version: row.version, charter: parsedCharter(row), createdAt: row.createdAt };
}

export function charterVersion(assemblyId: string, version: number) {
  const row = db.select().from(charters).where(and(eq(charters.assemblyId, assemblyId), eq(charters.version, version))).get();
  return row ? { ...row, charter: readCharter(row.settings) } : null;
}

export function charterHistory(assemblyId: string) {
  return db
    .select({ version: charters.version, createdAt: charters.createdAt, note: charters.note, proposalId: charters.proposalId })
    .from(charters)
    .where(eq(charters.assemblyId, assemblyId))
    .orderBy(desc(charters.version))
    .all();
}

/**
 * Writes the next charter version. Must run inside the caller's transaction when it
 * follows a decision (amendment passed); `expectedVersion` refuses a stale edit.
 */
export function writeCharterVersion(input: { assemblyId: string; charter: Charter; byUserId: string | null; proposalId?: string | null; note: string; expectedVersion?: number }) {
  const charter = charterSchema.parse(input.charter);
  const cur = currentCharter(input.assemblyId);
  if (input.expectedVersion !== undefined && cur.version !== input.expectedVersion) return { ok: false as const, reason: "stale" as const, current: cur.version };
  const version = cur.version + 1;
  const now = Date.now();
  db.insert(charters)
    .values({ id: newId(), assemblyId: input.assemblyId, version, settings: JSON.stringify(charter), createdBy: input.byUserId, proposalId: input.proposalId ?? null, note: input.note, createdAt: now })
    .run();
  appendRecord({
    assemblyId: input.assemblyId,
    kind: "charter",
    subjectId: input.proposalId ?? null,
    summary: "record.charter",
    params: { version, note: input.note },
    payload: { version, charter },
    at: now,
  });
  return { ok: true as const, version };
}

/** Every body a person belongs to, with their roles and member count, for the home page. */
export function assembliesOf(userId: string) {
  return db
    .select({
      id: assemblies.id,
      slug: assemblies.slug,
      name: assemblies.name,
      kind: assemblies.kind,
      role: memberships.role,
      steward: memberships.steward,
      facilitator: memberships.facilitator,
      memberCount: sql<number>`(select count(*) from memberships m2 where m2.assembly_id = ${assemblies.id})`,
    })
    .from(memberships)
    .innerJoin(assemblies, eq(assemblies.id, memberships.assemblyId))
    .where(eq(memberships.userId, userId))
    .orderBy(assemblies.name)
    .all();
}

/**
 * A founder alone may set the charter directly: a steward while no one else has joined.
 * Once others have joined, the charter changes only through a charter-amendment proposal,
 * decided by the members under the charter itself (docs/domain.md#charter).
 */
export function mayEditCharterDirectly(assemblyId: string, membership: Pick<Membership, "steward">): boolean {
  return membership.steward && memberCounts(assemblyId).all <= 1;
}

/**
 * The founder's direct edit: the rule checked again and the new version written in one
 * transaction, so no one joins between the check and the write.
 */
export function setCharterDirectly(input: { assemblyId: string; membership: Pick<Membership, "steward">; charter: Charter; byUserId: string; expectedVersion?: number }) {
  return transaction(() => {
    if (!mayEditCharterDirectly(input.assemblyId, input.membership)) return { ok: false as const, reason: "needs.amendment" as const };
    return writeCharterVersion({ assemblyId: input.assemblyId, charter: input.charter, byUserId: input.byUserId, note: "", expectedVersion: input.expectedVersion });
  });
}
