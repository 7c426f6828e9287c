/**
 * One server per database file. Two servers on one file would each hold secret rounds'
 * keys, counts and live meetings in their own memory, and each would run migrations and
 * deadline jobs under the other (docs/decisions/014-own-your-data.md).
 *
 * The lock is SQLite's own, on a small file beside the database (`<database>.lock`): the
 * server keeps a write transaction open on it for as long as it runs. The operating system
 * drops that lock when the process ends in any way, kill -9 and power cuts included, so a
 * crashed server never leaves a stale lock behind. The file also names the process that
 * holds it, so the message can say what to stop.
 *
 * A server of several processes (WEB_CONCURRENCY, docs/decisions/022-http-and-processes.md)
 * is still one server: its primary process takes the lock before it starts any worker, and
 * its workers never ask for it. They share what must be shared through the primary.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

/** The database file the server uses (as app/storage.server.ts's databasePath). */
export function databaseFile(env = process.env) {
  return path.resolve(env.DATABASE_PATH || path.join(process.cwd(), "data", "plenary.db"));
}

function problem(message) {
  const e = new Error(message);
  e.name = "StorageError";
  return e;
}

/**
 * Refuses, with what to do, when the database's folder cannot be written: SQLite needs to
 * create the -wal and -shm files there, and the key and lock files live there too.
 */
export function checkFolder(file) {
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch (e) {
    const what = e.path === file ? `the database file ${file}` : `the folder ${dir}`;
    throw problem(
      `Plenary cannot write to ${what} (${e.code ?? e.message}).\n` +
        `Its database is ${file}; SQLite also writes files beside it (-wal, -shm) in that folder.\n` +
        `Fix: make the folder and the file writable by the user that runs Plenary (for example\n` +
        `  sudo chown -R "$(id -un)" "${dir}"\n` +
        `), or point DATABASE_PATH at a file in a folder you can write. A read-only disk or USB stick must be remounted read-write.`,
    );
  }
}

function holderOf(lock) {
  try {
    return lock.prepare("select pid, host, started_at as startedAt from holder").get() ?? null;
  } catch {
    return null;
  }
}

function busyMessage(file, holder, doing) {
  const who = holder ? `process ${holder.pid}${holder.host ? ` on ${holder.host}` : ""}, started ${new Date(holder.startedAt).toISOString()}` : "another process";
  const how = holder ? `Ctrl-C in its terminal, or kill ${holder.pid}` : "Ctrl-C in its terminal";
  return `Another Plenary server (${who}) is using ${file}.\nOnly one server may use a database at a time. Stop it first (${how}, or stop its service), then ${doing}.`;
}

/** Whether a server holds the database right now (for restore); its holder row when it does. */
export function serverHolding(file) {
  const lockFile = `${file}.lock`;
  if (!fs.existsSync(lockFile)) return null;
  const lock = new Database(lockFile, { timeout: 0 });
  try {
    try {
      lock.exec("begin immediate");
      lock.exec("rollback");
      return null;
    } catch (e) {
      if (e.code !== "SQLITE_BUSY") throw e;
      return holderOf(lock) ?? { pid: null, host: null, startedAt: null };
    }
  } finally {
    lock.close();
  }
}

/**
 * Takes the database for this process, or throws a StorageError saying who has it. Keep the
 * returned connection open for as long as the database is in use; closing it (or the
 * process ending) lets the next one in.
 */
export function claimDatabase(file, doing = "start this one again") {
  const lockFile = `${file}.lock`;
  const lock = new Database(lockFile, { timeout: 0 });
  const claim = () => {
    try {
      lock.exec("begin immediate");
      return true;
    } catch (e) {
      if (e.code === "SQLITE_BUSY") return false;
      throw e;
    }
  };
  if (!claim()) {
    const holder = holderOf(lock);
    lock.close();
    throw problem(busyMessage(file, holder, doing));
  }
  lock.exec("create table if not exists holder (pid integer, host text, started_at integer)");
  lock.exec("delete from holder");
  lock.prepare("insert into holder values (?, ?, ?)").run(process.pid, os.hostname(), Date.now());
  lock.exec("commit");
  // Held from here on: a write transaction that never ends (nothing is written in it).
  if (!claim()) {
    const holder = holderOf(lock);
    lock.close();
    throw problem(busyMessage(file, holder, doing));
  }
  return lock;
}
