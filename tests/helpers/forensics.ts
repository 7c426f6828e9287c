/**
 * What someone holding copies of the database files can learn, done the way a forensic
 * examiner would: from the bytes, with the SQLite file format as the only guide
 * (https://www.sqlite.org/fileformat2.html). Nothing here asks the application anything.
 *
 * The attacker knows the members (the users table is in the file) and what a ballot looks
 * like (a ranking stored as JSON, e.g. `[[2],[0],[1],[3]]`). Each attack names, for each
 * voter it can, the ballot it believes is theirs; the test counts those it got right.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

export type Snapshot = { db: Buffer; wal: Buffer | null };

/** Copies the database file and its WAL as they are on disk right now. */
export function snapshot(dbPath: string): Snapshot {
  const wal = `${dbPath}-wal`;
  return { db: fs.readFileSync(dbPath), wal: fs.existsSync(wal) ? fs.readFileSync(wal) : null };
}

// --- The file format ---------------------------------------------------------------------

function varint(buf: Buffer, at: number): [value: number, length: number] {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const b = buf[at + i];
    if (b === undefined) return [v, i + 1];
    v = v * 128 + (b & 0x7f);
    if (b < 0x80) return [v, i + 1];
  }
  return [v * 256 + (buf[at + 8] ?? 0), 9];
}

export type Value = null | number | string | Buffer;

/** Decodes a record (header of serial types, then values); undefined if it does not parse. */
function decodeRecord(buf: Buffer): Value[] | undefined {
  try {
    const [headerSize, hl] = varint(buf, 0);
    if (headerSize < hl || headerSize > buf.length) return undefined;
    const types: number[] = [];
    for (let at = hl; at < headerSize; ) {
      const [t, l] = varint(buf, at);
      types.push(t);
      at += l;
    }
    const out: Value[] = [];
    let at = headerSize;
    for (const t of types) {
      if (t === 0) out.push(null);
      else if (t >= 1 && t <= 6) {
        const n = [0, 1, 2, 3, 4, 6, 8][t];
        if (at + n > buf.length) return undefined;
        out.push(n <= 6 ? buf.readIntBE(at, n) : Number(buf.readBigInt64BE(at)));
        at += n;
      } else if (t === 7) {
        out.push(buf.readDoubleBE(at));
        at += 8;
      } else if (t === 8 || t === 9) out.push(t - 8);
      else if (t >= 12) {
        const n = t % 2 === 0 ? (t - 12) / 2 : (t - 13) / 2;
        if (at + n > buf.length) return undefined;
        const slice = buf.subarray(at, at + n);
        out.push(t % 2 === 0 ? Buffer.from(slice) : slice.toString("utf8"));
        at += n;
      } else return undefined;
    }
    return out;
  } catch {
    return undefined;
  }
}

export type Cell = { offset: number; record: Value[] };
export type Page = { type: number; cells: Cell[]; children: number[] };

/** Parses one b-tree page (any page-sized run of bytes); undefined when it is not one. */
export function parsePage(page: Buffer, headerAt = 0): Page | undefined {
  const type = page[headerAt];
  if (![2, 5, 10, 13].includes(type)) return undefined;
  const count = page.readUInt16BE(headerAt + 3);
  const interior = type === 2 || type === 5;
  const ptrs = headerAt + (interior ? 12 : 8);
  if (count === 0 || ptrs + count * 2 > page.length) return undefined;
  const usable = page.length;
  const cells: Cell[] = [];
  const children: number[] = [];
  if (interior) children.push(page.readUInt32BE(headerAt + 8));
  for (let i = 0; i < count; i++) {
    const offset = page.readUInt16BE(ptrs + i * 2);
    if (offset < ptrs + count * 2 || offset >= usable) return undefined;
    let at = offset;
    if (interior) {
      children.push(page.readUInt32BE(at));
      at += 4;
    }
    if (type === 5) continue; // table interior cells hold only a rowid
    const [size, sl] = varint(page, at);
    at += sl;
    if (type === 13) at += varint(page, at)[1]; // the rowid
    // Only the part on this page (large payloads spill to overflow pages: left unread).
    const maxLocal = type === 13 ? usable - 35 : Math.floor(((usable - 12) * 64) / 255) - 23;
    const local = size <= maxLocal ? size : Math.min(size, maxLocal);
    const record = decodeRecord(page.subarray(at, Math.min(at + local, usable)));
    if (record) cells.push({ offset, record });
  }
  return { type, cells, children };
}

function pageSizeOf(db: Buffer): number {
  const n = db.readUInt16BE(16);
  return n === 1 ? 65536 : n;
}

type Frame = { pageNo: number; commitSize: number; data: Buffer; valid: boolean };

function walFrames(wal: Buffer | null): { pageSize: number; frames: Frame[] } {
  if (!wal || wal.length < 32) return { pageSize: 0, frames: [] };
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const frames: Frame[] = [];
  let stillValid = true;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    const valid = stillValid && wal.readUInt32BE(at + 8) === salt1 && wal.readUInt32BE(at + 12) === salt2;
    if (!valid) stillValid = false;
    frames.push({ pageNo: wal.readUInt32BE(at), commitSize: wal.readUInt32BE(at + 4), data: wal.subarray(at + 24, at + 24 + pageSize), valid });
  }
  return { pageSize, frames };
}

/** The database as of each commit in the WAL (the main file with the frames up to it applied). */
export function statesInWal(s: Snapshot): Buffer[] {
  const { frames, pageSize } = walFrames(s.wal);
  const states: Buffer[] = [s.db];
  let image = Buffer.from(s.db);
  for (const f of frames) {
    if (!f.valid) break;
    const end = f.pageNo * pageSize;
    if (image.length < end) image = Buffer.concat([image, Buffer.alloc(end - image.length)]);
    f.data.copy(image, (f.pageNo - 1) * pageSize);
    if (f.commitSize > 0) {
      image = image.subarray(0, f.commitSize * pageSize);
      states.push(Buffer.from(image));
    }
  }
  return states;
}

/** The database someone opening the copy would see (the last commit in the WAL). */
export function latestState(s: Snapshot): Buffer {
  const states = statesInWal(s);
  return states[states.length - 1];
}

/** Opens a database image (as a rollback-journal file, so no WAL or shared memory is needed). */
export function openImage(image: Buffer): { db: Database.Database; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-forensics-"));
  const file = path.join(dir, "copy.db");
  const bytes = Buffer.from(image);
  bytes[18] = 1; // file format write/read versions: 2 (WAL) → 1 (legacy)
  bytes[19] = 1;
  fs.writeFileSync(file, bytes);
  const db = new Database(file, { readonly: true });
  return {
    db,
    dispose: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table, as strings, per table. */
export function rowsOf(image: Buffer): Map<string, Set<string>> {
  const { db, dispose } = openImage(image);
  try {
    const out = new Map<string, Set<string>>();
    const tables = db.prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%'").all() as Array<{ name: string }>;
    for (const { name } of tables) {
      const rows = db.prepare(`select * from "${name}"`).raw().all() as Value[][];
      out.set(name, new Set(rows.map((r) => JSON.stringify(r.map((v) => (Buffer.isBuffer(v) ? `x'${v.toString("hex")}'` : v))))));
    }
    return out;
  } finally {
    dispose();
  }
}

// --- What an attacker looks for ----------------------------------------------------------

export type Truth = { voters: string[]; ballotOf: Map<string, string> };

const RANKING = /^\[\[\d+\](,\[\d+\])*\]$/;

function ballotsIn(values: Iterable<Value>): string[] {
  return [...values].filter((v): v is string => typeof v === "string" && RANKING.test(v));
}

function votersIn(values: Iterable<Value>, voters: Set<string>): string[] {
  return [...values].filter((v): v is string => typeof v === "string" && voters.has(v));
}

/** A guess per voter; "linked" counts the right ones, "narrowed" those left with fewer than five candidates, the right one among them. */
export type Finding = { linked: number; narrowed: number };

function score(truth: Truth, candidates: Map<string, Set<string>>): Finding {
  let linked = 0;
  let narrowed = 0;
  for (const [voter, set] of candidates) {
    const right = truth.ballotOf.get(voter);
    if (!right || !set.has(right)) continue;
    if (set.size === 1) linked++;
    if (set.size < 5) narrowed++;
  }
  return { linked, narrowed };
}

/**
 * Diffs consecutive states: a voter who first appears in a state where a few ballots first
 * appear is narrowed to those ballots.
 */
export function diffAttack(states: Buffer[], truth: Truth): Finding {
  const voters = new Set(truth.voters);
  const candidates = new Map<string, Set<string>>();
  let before: Map<string, Set<string>> | null = null;
  for (const image of states) {
    const now = rowsOf(image);
    if (before) {
      const newVoters = new Set<string>();
      const newBallots = new Set<string>();
      for (const [table, rows] of now) {
        const old = before.get(table) ?? new Set<string>();
        for (const row of rows) {
          if (old.has(row)) continue;
          const values = JSON.parse(row) as Value[];
          for (const v of votersIn(values, voters)) newVoters.add(v);
          for (const b of ballotsIn(values)) newBallots.add(b);
        }
      }
      // Only a small change can be pinned down (a whole round's ballots at once cannot).
      if (newBallots.size > 0 && newBallots.size < 5) for (const v of newVoters) if (!candidates.has(v)) candidates.set(v, newBallots);
    }
    before = now;
  }
  return score(truth, candidates);
}

/**
 * Old page images: every page-sized run of bytes in the main file and in the WAL (valid
 * frames or not) parsed as a b-tree page. Pages that hold only (round, voter) pairs and
 * pages that hold ballots are lined up by how many they hold: a page with k+1 voters next
 * to one with k shows who was added; the same for ballots; the k-th of each go together.
 */
export function pageImageAttack(snaps: Snapshot[], truth: Truth): Finding {
  const voters = new Set(truth.voters);
  const voterSets = new Map<number, Set<string>[]>();
  const ballotSets = new Map<number, Set<string>[]>();
  const add = (m: Map<number, Set<string>[]>, s: Set<string>) => {
    if (s.size === 0) return;
    const list = m.get(s.size) ?? [];
    if (!list.some((x) => x.size === s.size && [...s].every((v) => x.has(v)))) list.push(s);
    m.set(s.size, list);
  };
  const scan = (page: Buffer, headerAt: number) => {
    const p = parsePage(page, headerAt);
    if (!p || (p.type !== 10 && p.type !== 13)) return;
    const vs = new Set<string>();
    const bs = new Set<string>();
    for (const c of p.cells) {
      if (c.record.length === 2) for (const v of votersIn(c.record, voters)) vs.add(v);
      for (const b of ballotsIn(c.record)) bs.add(b);
    }
    add(voterSets, vs);
    add(ballotSets, bs);
  };
  for (const s of snaps) {
    const size = pageSizeOf(s.db);
    for (let at = 0; at + size <= s.db.length; at += size) scan(s.db.subarray(at, at + size), at === 0 ? 100 : 0);
    const { frames } = walFrames(s.wal);
    for (const f of frames) scan(f.data, f.pageNo === 1 ? 100 : 0);
  }
  // The one added between a set of k and a set of k+1 that contains it.
  const added = (m: Map<number, Set<string>[]>, k: number): string | null => {
    const found = new Set<string>();
    for (const big of m.get(k + 1) ?? []) {
      const smalls = k === 0 ? [new Set<string>()] : (m.get(k) ?? []);
      for (const small of smalls) if ([...small].every((v) => big.has(v))) for (const v of big) if (!small.has(v)) found.add(v);
    }
    return found.size === 1 ? [...found][0] : null;
  };
  const candidates = new Map<string, Set<string>>();
  for (let k = 0; k < truth.voters.length; k++) {
    const v = added(voterSets, k);
    const b = added(ballotSets, k);
    if (v && b && !candidates.has(v)) candidates.set(v, new Set([b]));
  }
  return score(truth, candidates);
}

/** A table's leaf cells: in key order (as the b-tree lists them) and in the order they were written (by where on the page they sit). */
export function cellOrders(image: Buffer, table: string): { keyOrder: Value[][]; writeOrder: Value[][] } {
  const { db, dispose } = openImage(image);
  let root: number;
  try {
    const row = db.prepare("select rootpage from sqlite_schema where name = ?").get(table) as { rootpage: number } | undefined;
    if (!row) return { keyOrder: [], writeOrder: [] };
    root = row.rootpage;
  } finally {
    dispose();
  }
  const size = pageSizeOf(image);
  const leaves: Array<{ pageNo: number; cells: Cell[] }> = [];
  const walk = (pageNo: number) => {
    const p = parsePage(image.subarray((pageNo - 1) * size, pageNo * size), pageNo === 1 ? 100 : 0);
    if (!p) return;
    if (p.type === 10 || p.type === 13) leaves.push({ pageNo, cells: p.cells });
    else for (const c of p.children) walk(c);
  };
  walk(root);
  const keyOrder = leaves.flatMap((l) => l.cells.map((c) => c.record));
  // SQLite fills a page's cell content area from the end towards the start.
  const writeOrder = [...leaves]
    .sort((a, b) => a.pageNo - b.pageNo)
    .flatMap((l) => [...l.cells].sort((a, b) => b.offset - a.offset).map((c) => c.record));
  return { keyOrder, writeOrder };
}

/**
 * Cell order: the voters of the participation table and the ballots, each in the order
 * they were written on their pages, lined up one to one.
 */
export function cellOrderAttack(image: Buffer, truth: Truth, participationTable: string, ballotTables: string[]): Finding & { ballotsInKeyOrder: boolean } {
  const voters = new Set(truth.voters);
  const voterOrder = cellOrders(image, participationTable).writeOrder.flatMap((r) => votersIn(r, voters));
  let ballotsInKeyOrder = true;
  let ballotOrder: string[] = [];
  for (const t of ballotTables) {
    const { keyOrder, writeOrder } = cellOrders(image, t);
    const written = writeOrder.flatMap((r) => ballotsIn(r));
    if (written.length === 0) continue;
    ballotOrder = written;
    if (JSON.stringify(keyOrder.flatMap((r) => ballotsIn(r))) !== JSON.stringify(written)) ballotsInKeyOrder = false;
  }
  const candidates = new Map<string, Set<string>>();
  if (voterOrder.length === ballotOrder.length) voterOrder.forEach((v, i) => candidates.set(v, new Set([ballotOrder[i]])));
  return { ...score(truth, candidates), ballotsInKeyOrder };
}

/** Tables that hold a ballot in any row. */
export function ballotTablesOf(image: Buffer): string[] {
  const out: string[] = [];
  for (const [table, rows] of rowsOf(image)) if ([...rows].some((r) => ballotsIn(JSON.parse(r) as Value[]).length > 0)) out.push(table);
  return out;
}
