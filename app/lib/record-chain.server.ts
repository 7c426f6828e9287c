/**
 * The decision record's hash chain, as pure functions (docs/domain.md#decision-record):
 * hash = sha256(prevHash + "\n" + canonical JSON of {seq, kind, subjectId, summary, payload, createdAt}).
 * The live record (app/models/record.server.ts) and checks of a copied file — a backup, an
 * imported body (app/storage.server.ts) — walk a chain the same way.
 */
import { sha256 } from "./ids.server";

export const GENESIS = "0".repeat(64);

/** JSON with sorted keys, so the same entry always hashes the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value as object).sort();
    return `{${keys
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export type ChainEntry = { seq: number; kind: string; subjectId: string | null; summary: string; payload: string; createdAt: number };

export function entryHash(prevHash: string, e: ChainEntry) {
  return sha256(
    prevHash +
      "\n" +
      canonical({ seq: e.seq, kind: e.kind, subjectId: e.subjectId, summary: e.summary, payload: JSON.parse(e.payload), createdAt: e.createdAt }),
  );
}

export type ChainRow = ChainEntry & { id: number; assemblyId: string; prevHash: string; hash: string };
export type BrokenLink = { assemblyId: string; seq: number; id: number; reason: string };

/**
 * Walks chains given in order (by body, then seq): the number of entries checked before the
 * first broken link, and that link, or null when every chain is intact.
 */
export function walkChains(rows: Iterable<ChainRow>, hashOf: (prevHash: string, e: ChainEntry) => string = entryHash): { checked: number; broken: BrokenLink | null } {
  let prev: { assemblyId: string; hash: string; seq: number } | null = null;
  let checked = 0;
  for (const row of rows) {
    const sameChain = prev && prev.assemblyId === row.assemblyId;
    const expectedPrev = sameChain ? prev!.hash : GENESIS;
    const expectedSeq = sameChain ? prev!.seq + 1 : 1;
    const fail = (reason: string) => ({ checked, broken: { assemblyId: row.assemblyId, seq: row.seq, id: row.id, reason } });
    if (row.seq !== expectedSeq) return fail(`expected entry ${expectedSeq}, found ${row.seq} (an entry is missing)`);
    if (row.prevHash !== expectedPrev) return fail("its link to the previous entry does not match");
    if (hashOf(row.prevHash, row) !== row.hash) return fail("its content does not match its hash (it was changed)");
    prev = row;
    checked++;
  }
  return { checked, broken: null };
}
