/**
 * A body's export and import (docs/decisions/020-body-export-import.md): the whole body as one
 * file (app/models/body-file.server.ts says what it holds), and that file loaded into another
 * server in one transaction, with new ids, people matched by username or created, and the
 * decision record carried entry for entry so its hash chain verifies on the new server as it
 * did on the old one.
 *
 * Works on a connection it is given (the live one for the download route, its own for the
 * commands and tests), so a file can be read from one database and written into another.
 */
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { eq, getTableColumns } from "drizzle-orm";
import * as schema from "../../db/schema";
import { newId, sha256, shortCode } from "~/lib/ids.server";
import { canonical, walkChains, type ChainRow } from "~/lib/record-chain.server";
import { refuse } from "~/lib/refusal";
import { slugSchema } from "~/lib/assembly-validation.server";
import {
  BODY_FILE_FORMAT,
  BODY_FILE_VERSION,
  TABLES,
  TABLE_KEYS,
  bodyFileSchema,
  bodyWhere,
  fileColumns,
  type BodyFile,
  type FileRow,
  type RefKind,
  type TableKey,
  type TableSpec,
} from "./body-file.server";

type Row = Record<string, unknown>;
const spec = (k: TableKey): TableSpec & { refs: Record<string, RefKind> } => TABLES[k] as TableSpec & { refs: Record<string, RefKind> };
const hasId = (k: TableKey) => Boolean(spec(k).prefix);

/** Compares two sort keys: numbers as numbers, everything else as text, null first. */
function compareKeys(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    if (typeof x === "number" && typeof y === "number") return x - y;
    const sx = String(x);
    const sy = String(y);
    if (sx !== sy) return sx < sy ? -1 : 1;
  }
  return 0;
}

// --- Reading a body --------------------------------------------------------------------------

type BodyRows = {
  body: typeof schema.assemblies.$inferSelect;
  rows: Record<TableKey, Row[]>;
  /** Database id → file reference, for every row with an id (all tables share one map: prefixes differ). */
  refOf: Map<string, string>;
};

function readRows(db: ReturnType<typeof drizzle<typeof schema>>, bodyId: string): Record<TableKey, Row[]> {
  const out = {} as Record<TableKey, Row[]>;
  for (const k of TABLE_KEYS) out[k] = db.select().from(spec(k).table).where(bodyWhere(spec(k), bodyId)).all() as Row[];
  return out;
}

/**
 * Gives every row with an id its reference: tables in TABLES order, rows by their `order`
 * columns (references already given translated, so the order does not depend on ids), ties
 * by id. Import gives new ids that sort in the file's order, so ties come out the same there.
 */
function assignRefs(rows: Record<TableKey, Row[]>, people: Map<string, string>): Map<string, string> {
  const refOf = new Map<string, string>();
  const key = (k: TableKey, r: Row) =>
    (spec(k).order ?? []).map((c) => {
      const v = r[c];
      const kind = spec(k).refs[c];
      if (!kind || typeof v !== "string") return v;
      return kind === "people" ? people.get(v) ?? v : kind === "body" ? v : refOf.get(v) ?? v;
    });
  for (const k of TABLE_KEYS) {
    if (!hasId(k)) continue;
    const sorted = rows[k]
      .map((r) => ({ r, key: key(k, r) }))
      .sort((a, b) => compareKeys(a.key, b.key) || compareKeys([a.r.id], [b.r.id]))
      .map((x) => x.r);
    rows[k] = sorted;
    sorted.forEach((r, i) => refOf.set(r.id as string, `${spec(k).prefix}${i + 1}`));
  }
  return refOf;
}

function peopleIds(rows: Record<TableKey, Row[]>, extra: Array<string | null>): Set<string> {
  const ids = new Set<string>(extra.filter((x): x is string => Boolean(x)));
  for (const k of TABLE_KEYS)
    for (const [c, kind] of Object.entries(spec(k).refs)) if (kind === "people") for (const r of rows[k]) if (typeof r[c] === "string") ids.add(r[c] as string);
  return ids;
}

// --- Export ----------------------------------------------------------------------------------

export type ExportResult = { file: BodyFile; counts: Record<string, number> };

/**
 * The body's whole file. Refused (409) while a secret round is open: its ballots are sealed to
 * a key only this server's memory holds (docs/decisions/009-secret-ballots.md), so they cannot
 * move; close it (or wait for its deadline) first.
 */
export function exportBody(conn: Database.Database, bodyId: string, now = Date.now()): ExportResult {
  const db = drizzle(conn, { schema });
  // One read transaction: every table as of one moment, while the server keeps writing.
  return conn.transaction(() => {
    const body = db.select().from(schema.assemblies).where(eq(schema.assemblies.id, bodyId)).get();
    if (!body) refuse("not_found", "transfer.errors.noBody");
    const open = conn
      .prepare(`select p.number from rounds r join proposals p on p.id = r.proposal_id where p.assembly_id = ? and r.secret = 1 and r.closed_at is null order by p.number`)
      .pluck()
      .all(bodyId) as number[];
    if (open.length) refuse("conflict", "transfer.errors.openSecret", { params: { proposals: open.join(", ") } });

    const rows = readRows(db, bodyId);
    const ids = peopleIds(rows, [body.createdBy]);
    const users = [...ids].map((id) => conn.prepare("select id, username, display_name as displayName, locale from users where id = ?").get(id) as { id: string; username: string; displayName: string; locale: string | null } | undefined);
    const people = users.filter((u): u is NonNullable<typeof u> => Boolean(u)).sort((a, b) => compareKeys([a.username], [b.username]));
    const personRef = new Map(people.map((u, i) => [u.id, `u${i + 1}`]));
    const refOf = assignRefs(rows, personRef);

    // Rows of other bodies this body names: `@slug:ref`, the reference that body's own file gives them.
    const others = new Map<string, { slug: string; refOf: Map<string, string> } | null>();
    const slugOf = (id: string) => conn.prepare("select slug from assemblies where id = ?").pluck().get(id) as string | undefined;
    const otherBody = (id: string) => {
      if (!others.has(id)) {
        const slug = slugOf(id);
        if (!slug) others.set(id, null);
        else {
          const orows = readRows(db, id);
          const oids = peopleIds(orows, []);
          const opeople = [...oids].map((u) => conn.prepare("select id, username from users where id = ?").get(u) as { id: string; username: string } | undefined).filter((u): u is { id: string; username: string } => Boolean(u));
          opeople.sort((a, b) => compareKeys([a.username], [b.username]));
          others.set(id, { slug, refOf: assignRefs(orows, new Map(opeople.map((u, i) => [u.id, `u${i + 1}`]))) });
        }
      }
      return others.get(id) ?? null;
    };
    const translate = (kind: RefKind, v: unknown): string | null => {
      if (typeof v !== "string") return null;
      if (kind === "people") return personRef.get(v) ?? null;
      if (kind === "body") return v === bodyId ? "@" : slugOf(v) ? `@${slugOf(v)}` : null;
      const own = refOf.get(v);
      if (own) return own;
      const ownerSql = spec(kind).owner;
      const owner = ownerSql ? (conn.prepare(ownerSql).pluck().get(v) as string | undefined) : undefined;
      const o = owner ? otherBody(owner) : null;
      const ref = o?.refOf.get(v);
      return o && ref ? `@${o.slug}:${ref}` : null;
    };

    const tables = {} as Record<TableKey, FileRow[]>;
    const counts: Record<string, number> = {};
    for (const k of TABLE_KEYS) {
      const s = spec(k);
      const cols = fileColumns(s);
      const out: Array<{ row: FileRow; key: unknown[]; whole?: string }> = [];
      for (const r of rows[k]) {
        const row: FileRow = {};
        let keep = true;
        for (const [c, col] of cols) {
          const v = r[c];
          if (c === "id" && s.prefix) row.id = refOf.get(v as string);
          else if (s.refs[c]) {
            const t = v === null || v === undefined ? null : translate(s.refs[c], v);
            // A name of a row that is gone (a plain id kept after its row was deleted): nothing to point at.
            if (t === null && col.notNull) keep = false;
            row[c] = t;
          } else if (Buffer.isBuffer(v)) row[c] = v.toString("base64");
          else row[c] = v ?? null;
        }
        if (keep) out.push({ row, key: (s.order ?? []).map((c) => row[c]) });
      }
      // Rows without an id: by their order columns, then by their whole content.
      if (!s.prefix) {
        for (const x of out) x.whole = canonical(x.row);
        out.sort((a, b) => compareKeys(a.key, b.key) || compareKeys([a.whole], [b.whole]));
      }
      tables[k] = out.map((x) => x.row);
      counts[k] = out.length;
    }

    const record = (conn
      .prepare("select seq, kind, subject_id as subjectId, summary, payload, created_at as createdAt, prev_hash as prevHash, hash from record_entries where assembly_id = ? order by seq")
      .all(bodyId) as Array<{ seq: number; kind: string; subjectId: string | null; summary: string; payload: string; createdAt: number; prevHash: string; hash: string }>).map((e) => ({ ...e, payload: JSON.parse(e.payload) as Record<string, unknown> }));
    counts.record = record.length;
    counts.people = people.length;

    const file: BodyFile = {
      format: BODY_FILE_FORMAT,
      version: BODY_FILE_VERSION,
      exportedAt: now,
      body: { slug: body.slug, name: body.name, kind: body.kind, description: body.description, timeZone: body.timeZone, createdBy: body.createdBy ? personRef.get(body.createdBy) ?? null : null, createdAt: body.createdAt },
      people: people.map((u) => ({ ref: personRef.get(u.id)!, username: u.username, displayName: u.displayName, locale: u.locale })),
      tables: tables as BodyFile["tables"],
      record,
    };
    return { file, counts };
  })();
}

// --- Import ----------------------------------------------------------------------------------

/** Reads a file's text: not JSON (or cut short), or not a body file, is refused saying where. */
export function parseBodyFile(text: string): BodyFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    refuse("invalid", "transfer.errors.notJson", { params: { detail: (e as Error).message } });
  }
  const head = data as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== "object" || head.format !== BODY_FILE_FORMAT) refuse("invalid", "transfer.errors.notBodyFile");
  if (head.version !== BODY_FILE_VERSION) refuse("invalid", "transfer.errors.version", { params: { version: String(head.version), known: BODY_FILE_VERSION } });
  const parsed = bodyFileSchema.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".")}: ${i.message}`)
      .join("; ");
    refuse("invalid", "transfer.errors.shape", { params: { detail: where } });
  }
  return parsed.data;
}

/** What the file must say of itself before anything is written: references that resolve, no open secret round, an intact record. */
function checkFile(f: BodyFile) {
  const known = new Set<string>();
  const refKinds = new Map<string, RefKind>();
  for (const p of f.people) {
    if (known.has(p.ref)) refuse("invalid", "transfer.errors.duplicateRef", { params: { ref: p.ref } });
    known.add(p.ref);
    refKinds.set(p.ref, "people");
  }
  if (new Set(f.people.map((p) => p.username.toLowerCase())).size !== f.people.length) refuse("invalid", "transfer.errors.duplicatePerson");
  for (const k of TABLE_KEYS) {
    if (!hasId(k)) continue;
    for (const r of f.tables[k]) {
      const id = r.id as string;
      if (refKinds.has(id)) refuse("invalid", "transfer.errors.duplicateRef", { params: { ref: id } });
      refKinds.set(id, k);
    }
  }
  const check = (kind: RefKind, v: unknown, where: string) => {
    if (typeof v !== "string") return;
    if (kind === "body") {
      if (!/^@(?:[a-z0-9-]+)?$/.test(v)) refuse("invalid", "transfer.errors.badRef", { params: { ref: v, where } });
      return;
    }
    if (kind !== "people" && v.startsWith("@")) {
      if (!/^@[a-z0-9-]+:[a-z]+\d+$/.test(v)) refuse("invalid", "transfer.errors.badRef", { params: { ref: v, where } });
      return;
    }
    if (refKinds.get(v) !== kind) refuse("invalid", "transfer.errors.badRef", { params: { ref: v, where } });
  };
  if (f.body.createdBy) check("people", f.body.createdBy, "body.createdBy");
  for (const k of TABLE_KEYS) {
    const s = spec(k);
    f.tables[k].forEach((r, i) => {
      for (const [c, kind] of Object.entries(s.refs)) check(kind, r[c], `tables.${k}.${i}.${c}`);
    });
  }
  const open = f.tables.rounds.filter((r) => r.secret === true && r.closedAt === null);
  if (open.length) refuse("invalid", "transfer.errors.fileOpenSecret");
  const chain = walkChains(f.record.map((e, i) => ({ ...e, payload: canonical(e.payload), id: i + 1, assemblyId: "file" })));
  if (chain.broken) refuse("invalid", "transfer.errors.recordBroken", { params: { seq: chain.broken.seq, reason: chain.broken.reason } });
}

/** A password nobody can log in with (app/lib/password.server.ts knows only scrypt hashes): set one through a reset link. */
export const NO_PASSWORD = "none:imported";
/** How long the links printed for the people an import creates work: a day, to hand them over. */
export const IMPORT_LINK_TTL_MS = 24 * 60 * 60_000;

export type ImportResult = {
  bodies: Array<{ slug: string; id: string; name: string; rows: number; entries: number }>;
  matched: string[];
  created: string[];
  /** One-time password links for the people created who are stewards of an imported body. */
  links: Array<{ username: string; token: string }>;
  /** Rows naming a body (or a row of one) that is neither on this server nor in the files. */
  leftOut: Record<string, number>;
  /** Columns set to nothing for the same reason. */
  unlinked: Record<string, number>;
  chainEntries: number;
};

/**
 * Loads one or more body files into the database in one transaction: all of it or nothing.
 * Several files at once (a council with its member assemblies) resolve the links between them.
 * `slug` gives the (only) file's body a new address.
 */
export function importBodies(conn: Database.Database, files: BodyFile[], opts: { slug?: string; now?: number } = {}): ImportResult {
  const now = opts.now ?? Date.now();
  const db = drizzle(conn, { schema });
  if (opts.slug && files.length !== 1) refuse("invalid", "transfer.errors.slugOneFile");
  for (const f of files) checkFile(f);

  const slugs = new Map<string, string>();
  for (const f of files) {
    const slug = opts.slug ?? f.body.slug;
    if (!slugSchema.safeParse(slug).success) refuse("invalid", "transfer.errors.badSlug", { params: { slug } });
    if ([...slugs.values()].includes(slug)) refuse("invalid", "transfer.errors.sameSlugTwice", { params: { slug } });
    if (conn.prepare("select 1 from assemblies where slug = ?").get(slug)) refuse("conflict", "transfer.errors.slugTaken", { params: { slug } });
    slugs.set(f.body.slug, slug);
  }

  return conn.transaction(() => {
    // Deferred so rows that name each other (a meeting and its current item) go in in any order; checked at commit.
    conn.pragma("defer_foreign_keys = ON");
    const result: ImportResult = { bodies: [], matched: [], created: [], links: [], leftOut: {}, unlinked: {}, chainEntries: 0 };

    // People: one account per username across the files.
    const personId = new Map<string, string>();
    const createdIds = new Set<string>();
    const byUsername = new Map<string, string>();
    for (const f of files) {
      for (const p of f.people) {
        const username = p.username.toLowerCase();
        let id = byUsername.get(username);
        if (!id) {
          const existing = conn.prepare("select id from users where username = ?").pluck().get(username) as string | undefined;
          if (existing) {
            id = existing;
            result.matched.push(username);
          } else {
            id = newId();
            db.insert(schema.users).values({ id, username, displayName: p.displayName, passwordHash: NO_PASSWORD, locale: p.locale, calendarToken: newId(24), createdAt: now }).run();
            createdIds.add(id);
            result.created.push(username);
          }
          byUsername.set(username, id);
        }
        personId.set(`${f.body.slug}\u0000${p.ref}`, id);
      }
    }

    // New ids, drawn for each table and sorted, so rows tied in the file's order keep it (see assignRefs).
    type Plan = { file: BodyFile; bodyId: string; ids: Map<string, string>; dropped: Set<string> };
    const plans: Plan[] = files.map((f) => {
      const ids = new Map<string, string>();
      for (const k of TABLE_KEYS) {
        if (!hasId(k)) continue;
        const fresh = f.tables[k].map(() => newId()).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        f.tables[k].forEach((r, i) => ids.set(r.id as string, fresh[i]));
      }
      return { file: f, bodyId: newId(), ids, dropped: new Set() };
    });
    const planBySlug = new Map(plans.map((p) => [p.file.body.slug, p]));

    // A body already on this server, named by another file: its rows' references as its own export gives them.
    const targetRefs = new Map<string, Map<string, string> | null>();
    const refsOnTarget = (slug: string) => {
      if (!targetRefs.has(slug)) {
        const id = conn.prepare("select id from assemblies where slug = ?").pluck().get(slug) as string | undefined;
        if (!id || plans.some((p) => p.bodyId === id)) targetRefs.set(slug, null);
        else {
          const rows = readRows(db, id);
          const ids = peopleIds(rows, []);
          const people = [...ids].map((u) => conn.prepare("select id, username from users where id = ?").get(u) as { id: string; username: string }).filter(Boolean);
          people.sort((a, b) => compareKeys([a.username], [b.username]));
          const refOf = assignRefs(rows, new Map(people.map((u, i) => [u.id, `u${i + 1}`])));
          targetRefs.set(slug, new Map([...refOf].map(([dbId, ref]) => [ref, dbId])));
        }
      }
      return targetRefs.get(slug) ?? null;
    };
    const bodyIdOf = (slug: string) => planBySlug.get(slug)?.bodyId ?? (conn.prepare("select id from assemblies where slug = ?").pluck().get(slug) as string | undefined) ?? null;

    const resolve = (plan: Plan, kind: RefKind, v: unknown): string | null => {
      if (typeof v !== "string") return null;
      if (kind === "people") return personId.get(`${plan.file.body.slug}\u0000${v}`) ?? null;
      if (kind === "body") return v === "@" ? plan.bodyId : bodyIdOf(v.slice(1));
      if (v.startsWith("@")) {
        const [slug, ref] = v.slice(1).split(":");
        const other = planBySlug.get(slug);
        if (other) return other.dropped.has(ref) ? null : other.ids.get(ref) ?? null;
        return refsOnTarget(slug)?.get(ref) ?? null;
      }
      return plan.dropped.has(v) ? null : plan.ids.get(v) ?? null;
    };

    // Rows whose required links resolve nowhere are left out; rows naming a left-out row follow, until none changes.
    for (let changed = true; changed; ) {
      changed = false;
      for (const plan of plans)
        for (const k of TABLE_KEYS) {
          const s = spec(k);
          const cols = fileColumns(s);
          for (const r of plan.file.tables[k]) {
            const key = hasId(k) ? (r.id as string) : null;
            if (key && plan.dropped.has(key)) continue;
            if ((r as { __out?: true }).__out) continue;
            const missing = cols.some(([c, col]) => s.refs[c] && col.notNull && r[c] !== null && resolve(plan, s.refs[c], r[c]) === null);
            if (missing) {
              if (key) plan.dropped.add(key);
              else (r as { __out?: true }).__out = true;
              result.leftOut[k] = (result.leftOut[k] ?? 0) + 1;
              changed = true;
            }
          }
        }
    }

    const codes = new Set<string>();
    const meetingCode = () => {
      for (let i = 0; ; i++) {
        const c = shortCode(i < 20 ? 5 : 8);
        if (!codes.has(c) && !conn.prepare("select 1 from meetings where code = ?").get(c)) {
          codes.add(c);
          return c;
        }
      }
    };

    for (const plan of plans) {
      const f = plan.file;
      const slug = slugs.get(f.body.slug)!;
      db.insert(schema.assemblies)
        .values({ id: plan.bodyId, slug, name: f.body.name, kind: f.body.kind, description: f.body.description, timeZone: f.body.timeZone, createdBy: f.body.createdBy ? resolve(plan, "people", f.body.createdBy) : null, createdAt: f.body.createdAt })
        .run();
      let rows = 0;
      for (const k of TABLE_KEYS) {
        const s = spec(k);
        const cols = getTableColumns(s.table);
        const values: Row[] = [];
        for (const r of f.tables[k]) {
          if ((hasId(k) && plan.dropped.has(r.id as string)) || (r as { __out?: true }).__out) continue;
          const v: Row = {};
          for (const [c, col] of Object.entries(cols)) {
            if (c === "id" && s.prefix) v.id = plan.ids.get(r.id as string);
            else if (s.refs[c]) {
              const to = r[c] === null ? null : resolve(plan, s.refs[c], r[c]);
              if (to === null && r[c] !== null) result.unlinked[`${k}.${c}`] = (result.unlinked[`${k}.${c}`] ?? 0) + 1;
              v[c] = to;
            } else if (col.dataType === "buffer") v[c] = Buffer.from(r[c] as string, "base64");
            else if (c in r) v[c] = r[c];
          }
          if (k === "meetings") v.code = meetingCode();
          // The old server's invitation links stay dead here: a fresh secret nobody holds.
          if (k === "invitations") v.tokenHash = sha256(newId(24));
          values.push(v);
        }
        const perInsert = Math.max(1, Math.floor(30_000 / Math.max(1, Object.keys(cols).length)));
        try {
          for (let i = 0; i < values.length; i += perInsert) db.insert(s.table).values(values.slice(i, i + perInsert) as never).run();
        } catch (e) {
          // A file whose rows contradict each other (two memberships of one person, say): the whole import rolls back.
          const cause = ((e as { cause?: unknown }).cause ?? e) as { code?: string; message?: string };
          if (cause.code?.startsWith("SQLITE_CONSTRAINT")) refuse("invalid", "transfer.errors.rows", { params: { table: k, detail: cause.message ?? "" } });
          throw e;
        }
        rows += values.length;
      }

      // The record, entry for entry as hashed: the same chain, hash for hash, as on the old server.
      const put = conn.prepare("insert into record_entries (assembly_id, seq, kind, subject_id, summary, payload, prev_hash, hash, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      for (const e of f.record) put.run(plan.bodyId, e.seq, e.kind, e.subjectId, e.summary, canonical(e.payload), e.prevHash, e.hash, e.createdAt);
      const chain = walkChains(
        conn
          .prepare("select id, assembly_id as assemblyId, seq, kind, subject_id as subjectId, summary, payload, prev_hash as prevHash, hash, created_at as createdAt from record_entries where assembly_id = ? order by seq")
          .iterate(plan.bodyId) as IterableIterator<ChainRow>,
      );
      if (chain.broken || chain.checked !== f.record.length) refuse("invalid", "transfer.errors.recordBroken", { params: { seq: chain.broken?.seq ?? 0, reason: chain.broken?.reason ?? "" } });
      result.chainEntries += chain.checked;
      result.bodies.push({ slug, id: plan.bodyId, name: f.body.name, rows, entries: chain.checked });
    }

    const broken = conn.pragma("foreign_key_check") as Array<{ table: string; parent: string }>;
    if (broken.length) refuse("invalid", "transfer.errors.links", { params: { detail: [...new Set(broken.map((b) => `${b.table} → ${b.parent}`))].slice(0, 5).join(", ") } });

    // The first way in for the people created here who run one of the bodies: a one-time link each.
    for (const id of createdIds) {
      const steward = conn.prepare(`select 1 from memberships where user_id = ? and steward = 1 and assembly_id in (${plans.map(() => "?").join(", ")})`).get(id, ...plans.map((p) => p.bodyId));
      if (!steward) continue;
      const token = newId(24);
      db.insert(schema.passwordResets).values({ id: newId(), userId: id, tokenHash: sha256(token), assemblyId: null, requestedBy: null, approvedBy: null, createdAt: now, expiresAt: now + IMPORT_LINK_TTL_MS }).run();
      const username = conn.prepare("select username from users where id = ?").pluck().get(id) as string;
      result.links.push({ username, token });
    }
    result.links.sort((a, b) => compareKeys([a.username], [b.username]));
    return result;
  }).immediate();
}
