/**
 * The decision record: append-only and hash-chained per body (docs/domain.md#decision-record).
 * hash = sha256(prevHash + "\n" + canonical JSON of {seq, kind, subjectId, summary, payload, createdAt}).
 */
import { asc, desc, eq } from "drizzle-orm";
import { db, sqlite } from "~/db.server";
import { recordEntries } from "../../db/schema";
import { translate } from "~/i18n";
import { GENESIS, canonical, entryHash, walkChains, type BrokenLink } from "~/lib/record-chain.server";

export { GENESIS, canonical, entryHash, type BrokenLink } from "~/lib/record-chain.server";

/**
 * Appends an entry; call inside the transaction that made the decision.
 * `summary` is an i18n key and `params` its values, so each reader sees it in their language.
 */
export function appendRecord(input: { assemblyId: string; kind: string; subjectId?: string | null; summary: string; params?: Record<string, string | number>; payload?: Record<string, unknown>; at?: number }) {
  const last = db
    .select({ seq: recordEntries.seq, hash: recordEntries.hash })
    .from(recordEntries)
    .where(eq(recordEntries.assemblyId, input.assemblyId))
    .orderBy(desc(recordEntries.seq))
    .limit(1)
    .get();
  const entry = {
    assemblyId: input.assemblyId,
    seq: (last?.seq ?? 0) + 1,
    kind: input.kind,
    subjectId: input.subjectId ?? null,
    summary: input.summary,
    payload: canonical({ ...(input.payload ?? {}), params: input.params ?? {} }),
    createdAt: input.at ?? Date.now(),
  };
  const prevHash = last?.hash ?? GENESIS;
  const hash = entryHash(prevHash, entry);
  const { lastInsertRowid } = db.insert(recordEntries).values({ ...entry, prevHash, hash }).run();
  indexRecordEntry({ id: Number(lastInsertRowid), assemblyId: entry.assemblyId, summary: entry.summary, params: input.params ?? {}, createdAt: entry.createdAt });
  return { ...entry, prevHash, hash };
}

const indexDoc = sqlite.prepare("insert into search_docs (kind, ref_id, assembly_id, at) values ('record', ?, ?, ?)");
const indexWords = sqlite.prepare("insert into search_fts (rowid, title, body) values (?, '', ?)");

/**
 * Puts a record entry in the search index (app/models/search.server.ts), in the transaction
 * that writes it: its words in English and in Spanish, as members read it, so either finds it.
 */
export function indexRecordEntry(e: { id: number; assemblyId: string; summary: string; params: Record<string, string | number>; createdAt: number }) {
  const { lastInsertRowid } = indexDoc.run(String(e.id), e.assemblyId, e.createdAt);
  indexWords.run(lastInsertRowid, `${translate("en", e.summary, e.params)}\n${translate("es", e.summary, e.params)}`);
}

export function listRecord(assemblyId: string, opts: { limit?: number; offset?: number } = {}) {
  return db
    .select()
    .from(recordEntries)
    .where(eq(recordEntries.assemblyId, assemblyId))
    .orderBy(desc(recordEntries.seq))
    .limit(opts.limit ?? 100)
    .offset(opts.offset ?? 0)
    .all();
}

/** Entries for display: summary key with its params. */
export function recordForDisplay(assemblyId: string, opts: { limit?: number; offset?: number } = {}) {
  return listRecord(assemblyId, opts).map((r) => {
    const payload = JSON.parse(r.payload) as { params?: Record<string, string | number> } & Record<string, unknown>;
    return { seq: r.seq, kind: r.kind, subjectId: r.subjectId, summary: r.summary, params: payload.params ?? {}, payload, createdAt: r.createdAt, hash: r.hash };
  });
}

// The record page re-checks its body's whole chain on every view: a third of its cost on
// a body with a few hundred entries (bench/README.md). entryHash is pure, so its answer is
// kept for the exact same inputs (an entry changed in any way is a new key and is hashed
// again), least recently used dropped first, within about 8 MB of keys.
const hashMemo = new Map<string, string>();
const MEMO_CHARS = 4_000_000;
let memoChars = 0;

function checkedHash(prevHash: string, e: Parameters<typeof entryHash>[1]): string {
  const key = JSON.stringify([prevHash, e.seq, e.kind, e.subjectId, e.summary, e.payload, e.createdAt]);
  const hit = hashMemo.get(key);
  if (hit !== undefined) {
    hashMemo.delete(key);
    hashMemo.set(key, hit);
    return hit;
  }
  const hash = entryHash(prevHash, e);
  if (key.length <= MEMO_CHARS / 100) {
    hashMemo.set(key, hash);
    memoChars += key.length;
    for (const k of hashMemo.keys()) {
      if (memoChars <= MEMO_CHARS) break;
      hashMemo.delete(k);
      memoChars -= k.length;
    }
  }
  return hash;
}

// A body's chain checked earlier still holds while no row of the database has changed
// since: no commit from another connection (data_version) and no row written by this
// one (total_changes). Pages then skip the walk (bench/README.md).
const dataVersion = sqlite.prepare("pragma data_version").pluck();
const totalChanges = sqlite.prepare("select total_changes()").pluck();
const verified = new Map<string, { stamp: string; checked: number; broken: BrokenLink | null }>();

/** Walks every body's chain in order; returns the first broken link, or null when intact. */
export function verifyRecord(assemblyId?: string): { checked: number; broken: BrokenLink | null } {
  // Inside a transaction a later rollback would undo what was checked without a new stamp.
  if (!assemblyId || sqlite.inTransaction) return walkRecord(assemblyId);
  const stamp = `${dataVersion.get()}:${totalChanges.get()}`;
  const known = verified.get(assemblyId);
  if (known && known.stamp === stamp) return { checked: known.checked, broken: known.broken && { ...known.broken } };
  const result = walkRecord(assemblyId);
  verified.set(assemblyId, { stamp, ...result });
  return result;
}

function walkRecord(assemblyId?: string): { checked: number; broken: BrokenLink | null } {
  const rows = db
    .select()
    .from(recordEntries)
    .where(assemblyId ? eq(recordEntries.assemblyId, assemblyId) : undefined)
    .orderBy(asc(recordEntries.assemblyId), asc(recordEntries.seq))
    .all();
  return walkChains(rows, checkedHash);
}

