/**
 * The database as files: where they are, consistent copies of them (backups) taken while
 * the server runs, and the checks a copy must pass before anyone relies on it. Works on
 * paths with connections of its own, so the commands (app/bin/backup.ts, restore.ts) use it
 * without opening the live handle in app/db.server.ts. docs/decisions/014-own-your-data.md.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { walkChains, type BrokenLink, type ChainRow } from "./lib/record-chain.server";

/** A problem with the database's files an organiser can fix; printed without a stack. */
export class StorageError extends Error {
  override name = "StorageError";
}

/** The database file the server uses: DATABASE_PATH, or data/plenary.db from where it runs. */
export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATABASE_PATH || path.join(process.cwd(), "data", "plenary.db"));
}

/**
 * The key beside the database that unseals secret rounds of bodies without tellers after a
 * restart (docs/decisions/009-secret-ballots.md). Never copied into a backup: a backup and
 * this key together would open a round that was open when the backup was taken.
 */
export function keyFilePath(dbFile: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.PLENARY_KEY_FILE || `${dbFile}.key`);
}

/** How many migrations this code has (db/migrations/meta/_journal.json). */
export function knownMigrations(root = process.cwd()): number {
  try {
    const journal = JSON.parse(fs.readFileSync(path.join(root, "db", "migrations", "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    return journal.entries.length;
  } catch {
    return 0;
  }
}

export type Verification = {
  ok: boolean;
  /** What is wrong, in words an organiser can act on; empty when ok. */
  problems: string[];
  /** Decision record entries checked, and in how many bodies. */
  entries: number;
  bodies: number;
  /** Migrations the file has had (the code runs the missing ones at start). */
  migrations: number;
  /** Secret rounds still open in the file, and how many of them only the key file can unseal. */
  openSecretRounds: number;
  sealedToKeyFile: number;
  broken: BrokenLink | null;
};

function tableExists(db: Database.Database, name: string): boolean {
  return Boolean(db.prepare("select 1 from sqlite_schema where type = 'table' and name = ?").get(name));
}

/**
 * Checks a database connection's file: SQLite's own `integrity_check` (every page, index
 * and constraint) and every body's decision record chain (app/lib/record-chain.server.ts).
 */
export function verifyConnection(db: Database.Database, root = process.cwd()): Verification {
  const out: Verification = { ok: false, problems: [], entries: 0, bodies: 0, migrations: 0, openSecretRounds: 0, sealedToKeyFile: 0, broken: null };
  let integrity: string[];
  try {
    integrity = db.prepare("pragma integrity_check").pluck().all() as string[];
  } catch (e) {
    out.problems.push(`not a readable SQLite database (${(e as Error).message})`);
    return out;
  }
  if (integrity.length !== 1 || integrity[0] !== "ok") out.problems.push(`SQLite integrity check failed: ${integrity.slice(0, 5).join("; ")}`);
  if (!tableExists(db, "__drizzle_migrations") || !tableExists(db, "record_entries")) {
    out.problems.push("not a Plenary database (no migrations table or decision record)");
    return out;
  }
  out.migrations = db.prepare("select count(*) from __drizzle_migrations").pluck().get() as number;
  const known = knownMigrations(root);
  if (known > 0 && out.migrations > known) out.problems.push(`made by a newer Plenary (${out.migrations} migrations; this code has ${known}): upgrade the code first`);
  const rows = db
    .prepare(
      "select id, assembly_id as assemblyId, seq, kind, subject_id as subjectId, summary, payload, prev_hash as prevHash, hash, created_at as createdAt from record_entries order by assembly_id, seq",
    )
    .iterate() as IterableIterator<ChainRow>;
  const chain = walkChains(rows);
  out.entries = chain.checked;
  out.broken = chain.broken;
  if (chain.broken) out.problems.push(`decision record broken in body ${chain.broken.assemblyId} at entry ${chain.broken.seq}: ${chain.broken.reason}`);
  else out.bodies = db.prepare("select count(distinct assembly_id) from record_entries").pluck().get() as number;
  if (tableExists(db, "rounds")) {
    out.openSecretRounds = db.prepare("select count(*) from rounds where secret = 1 and closed_at is null").pluck().get() as number;
    if (tableExists(db, "round_keys")) {
      out.sealedToKeyFile = db
        .prepare("select count(*) from round_keys k join rounds r on r.id = k.round_id where r.closed_at is null and exists (select 1 from json_each(k.sealed) where json_extract(value, '$.teller') = 'server')")
        .pluck()
        .get() as number;
    }
  }
  out.ok = out.problems.length === 0;
  return out;
}

/** Checks a database file without changing it (it must not need its WAL: a backup never does). */
export function verifyDatabaseFile(file: string, root = process.cwd()): Verification {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return { ok: false, problems: [`cannot open ${file} (${(e as Error).message})`], entries: 0, bodies: 0, migrations: 0, openSecretRounds: 0, sealedToKeyFile: 0, broken: null };
  }
  try {
    return verifyConnection(db, root);
  } finally {
    db.close();
  }
}

// --- Backups --------------------------------------------------------------------------------

/** `plenary-2026-11-28T14-05-09Z.db`: sorts by time, and names no character Windows refuses. */
export function backupName(dbFile: string, at: Date): string {
  const base = path.basename(dbFile).replace(/\.(db|sqlite3?)$/i, "");
  return `${base}-${at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-")}.db`;
}

function backupPattern(dbFile: string): RegExp {
  const base = path.basename(dbFile).replace(/\.(db|sqlite3?)$/i, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${base}-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ(?:-\\d+)?\\.db$`);
}

/** The backups of `dbFile` in `dir`, oldest first (only files this code named). */
export function listBackups(dir: string, dbFile: string): string[] {
  const pattern = backupPattern(dbFile);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  // Two taken in the same second are "…Z.db" then "…Z-2.db": ordered by that number too.
  const key = (n: string) => n.replace(/Z(?:-(\d+))?\.db$/, (_, k: string | undefined) => `Z-${(k ?? "1").padStart(6, "0")}`);
  return names
    .filter((n) => pattern.test(n))
    .sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0))
    .map((n) => path.join(dir, n));
}

function fsyncPath(p: string) {
  const fd = fs.openSync(p, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export type Backup = { file: string; bytes: number; verification: Verification; removed: string[]; keyFile: string | null };

/**
 * A consistent copy of the database while it is in use, through SQLite's online backup API
 * (https://www.sqlite.org/backup.html): every committed transaction, whether still in the
 * WAL or already in the file — what `cp` misses. The copy is made in one step (one read
 * transaction, so it is one moment's state), under a hidden name, switched to a single-file
 * journal (it needs no -wal beside it), checked (`verifyConnection`), synced, and only then
 * renamed to its timestamped name; then the oldest beyond `keep` are removed.
 *
 * Only the database's current pages are copied: no WAL frames, and freed pages are zeros
 * (secure_delete), so a copy holds no more about a secret round than the live file's
 * current state (docs/decisions/009-secret-ballots.md); the key file is not copied.
 */
export async function takeBackup(opts: { source: Database.Database | string; dir: string; keep: number; now?: Date; root?: string }): Promise<Backup> {
  const own = typeof opts.source === "string" ? new Database(opts.source, { fileMustExist: true }) : null;
  const src = own ?? (opts.source as Database.Database);
  const dbFile = path.resolve(src.name);
  const dir = path.resolve(opts.dir);
  try {
    if (own) own.pragma("busy_timeout = 5000");
    try {
      fs.accessSync(dir, fs.constants.W_OK);
    } catch {
      throw new StorageError(`Cannot write backups to ${dir}: the folder does not exist or is not writable.`);
    }
    const at = opts.now ?? new Date();
    let name = backupName(dbFile, at);
    for (let n = 2; fs.existsSync(path.join(dir, name)); n++) name = backupName(dbFile, at).replace(/\.db$/, `-${n}.db`);
    const final = path.join(dir, name);
    const partial = path.join(dir, `.${name}.partial`);
    try {
      // The first step only starts the backup; the second copies every page at once.
      await src.backup(partial, { progress: () => 0x7fffffff });
      const copy = new Database(partial);
      let verification: Verification;
      try {
        copy.pragma("journal_mode = DELETE");
        verification = verifyConnection(copy, opts.root);
      } finally {
        copy.close();
      }
      if (!verification.ok) throw new StorageError(`The backup did not pass its checks, so it was not kept: ${verification.problems.join("; ")}`);
      // A backup holds what the database holds (password hashes, sessions): its owner's only.
      fs.chmodSync(partial, 0o600);
      fsyncPath(partial);
      fs.renameSync(partial, final);
      fsyncPath(dir);
      const removed = pruneBackups(dir, dbFile, opts.keep);
      const keyFile = keyFilePath(dbFile);
      return { file: final, bytes: fs.statSync(final).size, verification, removed, keyFile: fs.existsSync(keyFile) ? keyFile : null };
    } finally {
      fs.rmSync(partial, { force: true });
      fs.rmSync(`${partial}-journal`, { force: true });
    }
  } finally {
    own?.close();
  }
}

/** Removes the oldest backups of `dbFile` in `dir` beyond the newest `keep`; returns them. */
export function pruneBackups(dir: string, dbFile: string, keep: number): string[] {
  if (!(keep > 0)) return [];
  const all = listBackups(dir, dbFile);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const f of old) fs.rmSync(f, { force: true });
  return old;
}

/** "90m", "6h", "1d" or a number of minutes → milliseconds; null when it is none of these. */
export function parseEvery(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d)?\s*$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? "m").toLowerCase();
  const ms = n * (unit === "d" ? 86_400_000 : unit === "h" ? 3_600_000 : 60_000);
  return ms >= 60_000 ? ms : null;
}

export const DEFAULT_KEEP = 14;

/** BACKUP_KEEP, or the default; refuses what is not a whole number from 1. */
export function keepSetting(env: NodeJS.ProcessEnv = process.env): number {
  if (!env.BACKUP_KEEP) return DEFAULT_KEEP;
  const n = Number(env.BACKUP_KEEP);
  if (!Number.isInteger(n) || n < 1) throw new StorageError(`BACKUP_KEEP must be a whole number from 1 (it is "${env.BACKUP_KEEP}").`);
  return n;
}

export type BackupSchedule = { dir: string; everyMs: number; keep: number };

/** The server's own backups from BACKUP_DIR, BACKUP_EVERY (default 1h) and BACKUP_KEEP; null when BACKUP_DIR is unset. */
export function backupSchedule(env: NodeJS.ProcessEnv = process.env): BackupSchedule | null {
  if (!env.BACKUP_DIR) return null;
  const everyMs = env.BACKUP_EVERY ? parseEvery(env.BACKUP_EVERY) : 3_600_000;
  if (everyMs === null) throw new StorageError(`BACKUP_EVERY must be minutes or a time such as 30m, 6h or 1d, at least a minute (it is "${env.BACKUP_EVERY}").`);
  return { dir: path.resolve(env.BACKUP_DIR), everyMs, keep: keepSetting(env) };
}

/** The last scheduled backup, for /healthz. */
export type BackupStatus = { at: number; ok: boolean; file?: string; error?: string };
let lastBackup: BackupStatus | null = null;
export const lastScheduledBackup = () => lastBackup;

declare global {
  var __plenaryBackupTimer: ReturnType<typeof setInterval> | undefined;
}

/**
 * Backs the live connection up into the schedule's folder now and then every `everyMs`.
 * The folder must exist: a USB stick that is not plugged in is reported, not replaced by
 * an empty folder on the laptop's own disk.
 */
export function startScheduledBackups(sqlite: Database.Database, schedule: BackupSchedule, log: (line: string) => void = console.log) {
  if (globalThis.__plenaryBackupTimer) return;
  let running = false;
  const run = async () => {
    if (running || !sqlite.open) return;
    running = true;
    try {
      const b = await takeBackup({ source: sqlite, dir: schedule.dir, keep: schedule.keep });
      lastBackup = { at: Date.now(), ok: true, file: b.file };
      log(`Backup written: ${b.file} (${b.verification.entries} record entries checked${b.removed.length ? `; ${b.removed.length} older removed` : ""})`);
    } catch (e) {
      lastBackup = { at: Date.now(), ok: false, error: (e as Error).message };
      console.error(`Backup to ${schedule.dir} failed: ${(e as Error).message}`);
    } finally {
      running = false;
    }
  };
  void run();
  globalThis.__plenaryBackupTimer = setInterval(run, schedule.everyMs);
  globalThis.__plenaryBackupTimer.unref?.();
}

export function stopScheduledBackups() {
  if (globalThis.__plenaryBackupTimer) clearInterval(globalThis.__plenaryBackupTimer);
  globalThis.__plenaryBackupTimer = undefined;
}
