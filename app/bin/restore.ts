/**
 * `npm run restore -- FILE`: puts a backup in place of the database (docs/operating.md#restoring-a-backup).
 * Refuses while a server uses the database; checks the backup (a copy of it: the file given
 * is never changed); moves the current database and its -wal and -shm aside into a
 * `replaced-<time>` folder beside it (never deletes them); puts the checked copy in place;
 * then starts the server on it once and asks /healthz, and stops it.
 * Exit 0 when restored and the server started, 1 when refused or failed, 2 on a usage error.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { databasePath, keyFilePath, verifyConnection } from "~/storage.server";
import { claimDatabase, serverHolding } from "./db-lock.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const file = databasePath();
const from = process.argv.slice(2).find((a) => !a.startsWith("-"));
const rel = (p: string) => (path.relative(process.cwd(), p).startsWith("..") ? p : path.relative(process.cwd(), p));

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

if (!from) fail("Usage: npm run restore -- path/to/backup.db   (restores into DATABASE_PATH, default data/plenary.db)", 2);
const backup = path.resolve(from);
if (!fs.existsSync(backup)) fail(`No backup at ${backup}.`, 2);
if (backup === file) fail(`${backup} is the database itself; name a backup.`, 2);

const holder = serverHolding(file);
if (holder) {
  const who = holder.pid ? `process ${holder.pid}` : "another process";
  fail(
    `A Plenary server (${who}) is using ${rel(file)}; nothing was changed.\n` +
      `Stop it first (Ctrl-C in its terminal${holder.pid ? `, or kill ${holder.pid}` : ""}, or stop its service), then run this again.`,
  );
}
// Held until the restored database is in place: no server starts on a half-restored one.
let lock: Database.Database | null = null;
try {
  lock = claimDatabase(file, "run the restore again");
} catch (e) {
  fail((e as Error).message);
}

const dir = path.dirname(file);
const stamp = new Date().toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
const incoming = path.join(dir, `.${path.basename(file)}.restoring`);

// 1. Check a copy of the backup, made where it will live (the same disk: the move is a rename).
fs.rmSync(incoming, { force: true });
fs.copyFileSync(backup, incoming);
let v: ReturnType<typeof verifyConnection>;
try {
  const copy = new Database(incoming);
  try {
    copy.pragma("journal_mode = DELETE");
    v = verifyConnection(copy, root);
  } finally {
    copy.close();
  }
} catch (e) {
  v = { ok: false, problems: [`not a readable SQLite database (${(e as Error).message})`], entries: 0, bodies: 0, migrations: 0, openSecretRounds: 0, sealedToKeyFile: 0, broken: null };
}
if (!v.ok) {
  fs.rmSync(incoming, { force: true });
  fs.rmSync(`${incoming}-journal`, { force: true });
  fail(`${rel(backup)} did not pass its checks; nothing was changed:\n  ${v.problems.join("\n  ")}`);
}
console.log(`Checked ${rel(backup)}: SQLite integrity ok; decision record intact (${v.entries} entries in ${v.bodies} bodies).`);

// 2. The current database and its WAL files go aside together (the WAL holds its latest commits).
const aside = path.join(dir, `replaced-${stamp}`);
const moved: string[] = [];
for (const suffix of ["", "-wal", "-shm", "-journal"]) {
  const f = `${file}${suffix}`;
  if (!fs.existsSync(f)) continue;
  fs.mkdirSync(aside, { recursive: true });
  fs.renameSync(f, path.join(aside, path.basename(f)));
  moved.push(path.basename(f));
}
if (moved.length) console.log(`Moved the current database aside (nothing deleted): ${rel(aside)}/ ${moved.join(", ")}`);

// 3. The checked copy takes its place.
const fd = fs.openSync(incoming, "r");
fs.fsyncSync(fd);
fs.closeSync(fd);
fs.renameSync(incoming, file);
const dfd = fs.openSync(dir, "r");
fs.fsyncSync(dfd);
fs.closeSync(dfd);
console.log(`Restored: ${rel(file)}`);
lock?.close();

const keyFile = keyFilePath(file);
if (v.sealedToKeyFile > 0 && !fs.existsSync(keyFile)) {
  console.log(
    `Note: ${v.sealedToKeyFile} secret round(s) in this backup were open and sealed to a key file, and ${rel(keyFile)} is not here.\n` +
      `Copy the key file from the old machine there before counting them; without it they cannot be counted.`,
  );
}

// 4. The server starts on it (migrating it if the backup is older than the code) and answers.
const started = await new Promise<{ ok: boolean; log: string }>((resolve) => {
  const child = spawn(process.execPath, [path.join(root, "app", "bin", "start.mjs")], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", BACKUP_DIR: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  let answered = false;
  const finish = (ok: boolean) => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    child.once("exit", () => resolve({ ok, log }));
    if (child.exitCode !== null) resolve({ ok, log });
    else child.kill("SIGTERM");
  };
  const timer = setTimeout(() => finish(false), 300_000);
  child.stderr.on("data", (d) => (log += d));
  child.stdout.on("data", async (d) => {
    log += d;
    const m = /listening on (http:\/\/\S+)/.exec(log);
    if (!m || answered) return;
    try {
      const r = await fetch(`${m[1]}/healthz`);
      log += `\n/healthz: ${r.status} ${await r.text()}`;
      finish(r.status === 200);
    } catch (e) {
      log += `\n/healthz: ${(e as Error).message}`;
      finish(false);
    }
  });
  child.on("exit", () => finish(false));
});
if (!started.ok) {
  fail(
    `The server did not start cleanly on the restored database:\n${started.log.trim()}\n` +
      (moved.length ? `To put the previous database back: stop any server, then move the files in ${rel(aside)}/ back into ${rel(dir)}/.` : ""),
  );
}
console.log("Checked: the server starts on it and /healthz answers ok. Start Plenary as usual (npm start).");
