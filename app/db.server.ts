/**
 * The one database connection: embedded SQLite through better-sqlite3, WAL mode,
 * foreign keys on, migrations applied on first use so a fresh clone just works.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../db/schema";
import { caught, type Result } from "./lib/refusal";
import { recogniseSystemTitle, SYSTEM_TITLED_KINDS } from "./i18n/system-title";
import { StorageError } from "./storage.server";

export type DB = BetterSQLite3Database<typeof schema>;

/**
 * drizzle prepares every query anew (a SQLite parse, and a native statement the GC frees
 * only later): under load that was a large share of each request and most of the server's
 * memory (bench/README.md). drizzle gets a view of the connection whose `prepare` reuses
 * statements by their SQL text; modes drizzle switches on (raw) are reset on reuse.
 */
function withStatementCache(sqlite: Database.Database, max = 2000): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const client = Object.create(sqlite) as Database.Database;
  client.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      // Most recently used last, so the oldest is evicted first.
      cache.delete(source);
      cache.set(source, stmt);
      if (stmt.reader) stmt.raw(false).pluck(false).expand(false);
      return stmt;
    }
    stmt = sqlite.prepare(source);
    cache.set(source, stmt);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return stmt;
  }) as Database.Database["prepare"];
  return client;
}

/**
 * Proposals from before titles the system writes were stored as what they are: a title that
 * reads exactly as the system wrote it, in English or Spanish, gets its kind and parameters,
 * so it too reads in each member's language; any other keeps its words
 * (docs/decisions/017-words-and-results.md). Only unmarked proposals of those kinds are read.
 */
export function backfillSystemTitles(sqlite: Database.Database) {
  const kinds = SYSTEM_TITLED_KINDS.map(() => "?").join(", ");
  const rows = sqlite.prepare(`SELECT id, kind, title FROM proposals WHERE system_title IS NULL AND kind IN (${kinds})`).all(...SYSTEM_TITLED_KINDS) as Array<{ id: string; kind: string; title: string }>;
  const mark = sqlite.prepare("UPDATE proposals SET system_title = ? WHERE id = ? AND system_title IS NULL");
  for (const r of rows) {
    const st = recogniseSystemTitle(r.kind, r.title);
    if (st) mark.run(JSON.stringify(st), r.id);
  }
}

function open() {
  const file = process.env.DATABASE_PATH || path.join(process.cwd(), "data", "plenary.db");
  let sqlite: Database.Database;
  try {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
  } catch (e) {
    // Not a stack of SQLITE_CANTOPEN: what is wrong and where (docs/operating.md).
    throw new StorageError(
      `Plenary cannot open its database ${path.resolve(file)} (${(e as NodeJS.ErrnoException).code ?? ""} ${(e as Error).message}).\n` +
        `Fix: make ${path.dirname(path.resolve(file))} and the file writable by the user that runs Plenary, or set DATABASE_PATH to a file in a folder you can write.`,
    );
  }
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Commits are written to the WAL without waiting for the disk (a power cut could lose the
  // last ones, never corrupt); what must survive one waits for `durable()` before it is
  // acknowledged. SQLite's own per-commit sync (synchronous = FULL) cost 4.5 ms per commit
  // here, with the whole server stopped meanwhile (docs/decisions/009-secret-ballots.md).
  sqlite.pragma("synchronous = NORMAL");
  // Deleted rows are overwritten with zeros, not left in free space on their pages: a
  // secret round's sealed ballots must be gone from the file once it is counted
  // (https://www.sqlite.org/pragma.html#pragma_secure_delete).
  sqlite.pragma("secure_delete = ON");
  // Pages are read through a memory map of the file, not copied in by read(): when several
  // server processes write (docs/decisions/022-http-and-processes.md), each commit of one
  // empties the others' page caches, and refilling them from the map costs no system call
  // (https://www.sqlite.org/mmap.html).
  sqlite.pragma("mmap_size = 268435456");
  const db = drizzle(withStatementCache(sqlite), { schema });
  migrate(db, { migrationsFolder: path.join(process.cwd(), "db", "migrations") });
  backfillSystemTitles(sqlite);
  return { sqlite, db, file };
}

declare global {
  // Kept across dev rebuilds so only one connection is ever open.
  var __plenaryDb: ReturnType<typeof open> | undefined;
}

const conn = (globalThis.__plenaryDb ??= open());

export const db: DB = conn.db;
export const sqlite = conn.sqlite;

/**
 * Runs `fn` in one immediate transaction: all or nothing, and concurrent writers queue
 * instead of failing half-way.
 */
export function transaction<T>(fn: () => T): T {
  // Nested calls become savepoints of the outer transaction (better-sqlite3).
  if (sqlite.inTransaction) return sqlite.transaction(fn).immediate();
  let out: T;
  try {
    out = sqlite.transaction(fn).immediate();
  } catch (e) {
    committed = [];
    throw e;
  }
  const run = committed;
  committed = [];
  for (const f of run) f();
  return out;
}

let committed: Array<() => void> = [];

/**
 * One all-or-nothing change that may be refused: a refusal raised inside (`refuse` in
 * app/lib/refusal.ts) rolls everything back and comes back as a value; other errors throw.
 */
export function attempt<T extends object>(fn: () => T): Result<T> {
  return caught(() => transaction(fn));
}

/**
 * Runs `fn` once the outermost transaction has committed (now, outside one): for work that
 * cannot happen inside a transaction, such as emptying the WAL after a secret round closes.
 * Dropped if the transaction rolls back.
 */
export function afterCommit(fn: () => void) {
  if (sqlite.inTransaction) committed.push(fn);
  else fn();
}

/** Empties the WAL into the database file, so no old page images stay in it. */
export function checkpoint() {
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
}

/** The database file's path, for files kept beside it. */
export const databaseFile: string = conn.file;

let syncing: Promise<void> | null = null;
let nextSync: Promise<void> | null = null;
let walFd: number | null = null;

function syncWal(): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      if (walFd === null) {
        walFd = fs.openSync(`${conn.file}-wal`, "r");
        // The WAL's own name in its folder must survive a power cut too: SQLite syncs the
        // folder on its first sync of a new WAL, and this sync stands in for SQLite's.
        const dir = fs.openSync(path.dirname(path.resolve(conn.file)), "r");
        try {
          fs.fsyncSync(dir);
        } finally {
          fs.closeSync(dir);
        }
      }
    } catch (e) {
      // No WAL file: nothing has been written since the last checkpoint, which SQLite synced.
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return resolve();
      return reject(e);
    }
    fs.fdatasync(walFd, (e) => (e ? reject(e) : resolve()));
  });
}

/**
 * Resolves once every transaction committed before the call is on disk: the WAL file is
 * synced in the thread pool, not on the server's one thread, and callers that arrive while
 * a sync runs share the next one — a group commit, so fifty ballots cost one disk flush.
 * A ballot (or a count) is acknowledged only after this.
 */
export function durable(): Promise<void> {
  if (conn.file === ":memory:") return Promise.resolve();
  if (!syncing) return (syncing = syncWal().finally(() => (syncing = null)));
  // The running sync may have started before this caller's commit: wait for the next.
  return (nextSync ??= syncing.then(() => {
    nextSync = null;
    return durable();
  }));
}

let closed = false;

/**
 * A clean stop: everything in the WAL goes into the database file, the WAL is emptied (it
 * would otherwise keep old page images, commit by commit) and the connection closes.
 */
export function closeDatabase() {
  if (closed) return;
  closed = true;
  checkpoint();
  if (walFd !== null) fs.closeSync(walFd);
  walFd = null;
  sqlite.close();
}

export type Health =
  | { ok: true; freeMb: number | null }
  | { ok: false; database: "unreadable" | "read-only" | "disk-full" | "disk-error"; problem: string; fix: string };

/** Below this much free space on the database's disk (HEALTH_MIN_FREE_MB, default 20) the server reports itself unhealthy. */
const minFreeMb = () => Number(process.env.HEALTH_MIN_FREE_MB || 20);

function sqliteProblem(e: unknown, file: string): Health {
  const code = String((e as { code?: string }).code ?? "");
  const message = (e as Error).message;
  if (code.startsWith("SQLITE_FULL") || /ENOSPC/.test(message))
    return { ok: false, database: "disk-full", problem: `The disk holding ${file} is full (${code || message}).`, fix: "Free space on that disk (docs/operating.md#when-the-disk-fills)." };
  if (code.startsWith("SQLITE_READONLY") || /EROFS|EACCES|EPERM/.test(message))
    return { ok: false, database: "read-only", problem: `${file} cannot be written (${code || message}).`, fix: "Make the file and its folder writable again, or remount the disk read-write, then restart Plenary." };
  return { ok: false, database: "disk-error", problem: `Writing ${file} failed (${code || message}).`, fix: "Check the disk (docs/operating.md#when-the-disk-fills); restore the last backup if the file is damaged." };
}

/**
 * Whether the database can be read *and written* now: a read, the file's and folder's
 * permissions and free space, and a real write (the header's user_version, rewritten with
 * its own value) synced to disk like a ballot. /healthz answers 503 with the problem.
 */
export async function databaseHealth(): Promise<Health> {
  const file = path.resolve(conn.file);
  try {
    sqlite.prepare("select 1").get();
  } catch (e) {
    return { ok: false, database: "unreadable", problem: `${file} cannot be read (${(e as Error).message}).`, fix: "Restore the last backup (docs/operating.md#restoring-a-backup)." };
  }
  if (conn.file === ":memory:") return { ok: true, freeMb: null };
  for (const p of [file, path.dirname(file)]) {
    try {
      fs.accessSync(p, fs.constants.W_OK);
    } catch (e) {
      return sqliteProblem(e, p);
    }
  }
  let freeMb: number | null = null;
  try {
    const s = fs.statfsSync(path.dirname(file));
    freeMb = Math.floor((s.bavail * s.bsize) / 1024 / 1024);
  } catch {
    // No statfs on this platform: the write below still tells.
  }
  if (freeMb !== null && freeMb < minFreeMb())
    return { ok: false, database: "disk-full", problem: `Only ${freeMb} MB free on the disk holding ${file} (under ${minFreeMb()} MB).`, fix: "Free space on that disk before it fills (docs/operating.md#when-the-disk-fills)." };
  try {
    const version = sqlite.pragma("user_version", { simple: true }) as number;
    sqlite.pragma(`user_version = ${Number(version) | 0}`);
    await durable();
  } catch (e) {
    return sqliteProblem(e, file);
  }
  return { ok: true, freeMb };
}
