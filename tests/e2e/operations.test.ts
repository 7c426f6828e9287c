/**
 * Operating Plenary with real processes (docs/operating.md): a backup taken under load
 * restores with every acknowledged ballot after the server is killed with SIGKILL; restore
 * refuses while a server runs; a second server on the same file refuses; a folder that
 * cannot be written stops the server with the fix; /healthz turns 503 when the database
 * cannot be written; a round whose deadline passed while the server was off is closed
 * before the first request, stamped with its deadline.
 */
import { execFile, execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startApp, type App } from "../helpers/browser";
import { root } from "../helpers/build";
import type { OpsBody } from "../helpers/ops-setup";

const run = promisify(execFile);
const apps: App[] = [];
const frozen: string[] = [];

afterEach(async () => {
  for (const p of frozen.splice(0)) writable(p);
  await Promise.all(apps.splice(0).map((a) => a.stop()));
});

async function body(opts: { members?: number; overdue?: boolean }): Promise<{ dbPath: string; body: OpsBody }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-ops-"));
  const dbPath = path.join(dir, "plenary.db");
  const { stdout } = await run(process.execPath, ["--import", "tsx", "tests/helpers/ops-setup.ts", JSON.stringify(opts)], { cwd: root, env: { ...process.env, DATABASE_PATH: dbPath, PLENARY_NO_BACKGROUND: "1" } });
  return { dbPath, body: JSON.parse(stdout.trim().split("\n").pop()!) };
}

async function serve(dbPath: string, env: Record<string, string> = {}) {
  const app = await startApp(env, dbPath);
  apps.push(app);
  return app;
}

/** A command of the repository (app/bin/*.ts) as `npm run` runs it, without blocking the test. */
function command(script: string, args: string[], dbPath: string, env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "app", "bin", script), ...args], { cwd: root, env: { ...process.env, DATABASE_PATH: dbPath, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Made unwritable for everyone, root included (root ignores permission bits: the immutable flag it does not). */
function readOnly(p: string) {
  if (process.getuid?.() === 0) execFileSync("chattr", ["+i", p]);
  else fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o555 : 0o444);
  frozen.push(p);
}
function writable(p: string) {
  if (process.getuid?.() === 0) execFileSync("chattr", ["-i", p]);
  else fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
}

function vote(app: App, b: OpsBody, session: string, choice: string) {
  return fetch(`${app.url}/a/${b.slug}/proposals/${b.proposalId}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: app.url, cookie: `plenary_session=${session}` },
    body: new URLSearchParams({ intent: "vote", roundId: b.roundId, choice }).toString(),
  });
}

function ballotsIn(file: string, roundId: string, opts: { recover?: boolean } = {}): Map<string, string> {
  // A crashed database is opened as SQLite opens it after a crash: read-write, replaying its WAL.
  const d = new Database(file, { readonly: !opts.recover });
  try {
    return new Map((d.prepare("select user_id, choice from ballots where round_id = ?").raw().all(roundId) as Array<[string, string]>).map(([u, c]) => [u, c]));
  } finally {
    d.close();
  }
}

describe("a backup under load, a crash and a restore", () => {
  it("restores every ballot acknowledged before the backup, after the server was killed mid-load", async () => {
    const { dbPath, body: b } = await body({ members: 40 });
    const app = await serve(dbPath);
    const voters = [b.founder, ...b.members];
    const backups = path.join(path.dirname(dbPath), "usb");
    // Each voter's last acknowledged choice; the load keeps changing ballots until the kill.
    const acked = new Map<string, string>();
    let killed = false;
    let sent = 0;
    const worker = async (w: number) => {
      for (let i = w; !killed; i += 6) {
        const v = voters[i % voters.length];
        const choice = Math.floor(i / voters.length) % 2 === 0 ? "yes" : "no";
        try {
          const r = await vote(app, b, v.session, choice);
          sent++;
          if (r.status === 303 || r.status === 302) acked.set(v.id, choice);
          else if (!killed) throw new Error(`vote answered ${r.status}: ${await r.text()}`);
        } catch (e) {
          if (!killed) throw e;
        }
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, (_, w) => worker(w)));
    await expect.poll(() => acked.size, { timeout: 60_000 }).toBeGreaterThanOrEqual(20);

    // Two backups while ballots keep coming; what was acknowledged before each began.
    const before1 = new Map(acked);
    const first = await command("backup.ts", [backups], dbPath);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const before2 = new Map(acked);
    const second = await command("backup.ts", [backups], dbPath);
    expect(second.status).toBe(0);
    // Mid-load: no clean shutdown, nothing checkpointed.
    killed = true;
    app.process.kill("SIGKILL");
    apps.splice(apps.indexOf(app), 1);
    await load;
    const ackedAtKill = new Map(acked);

    const files = fs.readdirSync(backups).sort().map((f) => path.join(backups, f));
    expect(files).toHaveLength(2);
    const inFirst = ballotsIn(files[0], b.roundId);
    for (const id of before1.keys()) expect(inFirst.has(id)).toBe(true);
    const last = files[1];
    const inLast = ballotsIn(last, b.roundId);
    for (const id of before2.keys()) expect(inLast.has(id)).toBe(true);

    const restored = await command("restore.ts", [last], dbPath);
    expect(restored.stderr).toBe("");
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain("decision record intact");
    expect(restored.stdout).toMatch(/Moved the current database aside \(nothing deleted\): .*replaced-[^/]+\/ plenary\.db, plenary\.db-wal/);
    expect(restored.stdout).toContain("the server starts on it and /healthz answers ok");

    // The restored database is the backup: the same ballots, choice for choice.
    expect(ballotsIn(dbPath, b.roundId)).toEqual(inLast);
    // The crashed database was kept, WAL and all, and (opened, as SQLite recovers it) holds
    // every ballot acknowledged before the kill, each as last acknowledged or newer.
    const aside = fs.readdirSync(path.dirname(dbPath)).find((f) => f.startsWith("replaced-"))!;
    const crashed = path.join(path.dirname(dbPath), aside, "plenary.db");
    expect(fs.existsSync(`${crashed}-wal`)).toBe(true);
    const survived = ballotsIn(crashed, b.roundId, { recover: true });
    for (const id of ackedAtKill.keys()) expect(survived.has(id)).toBe(true);

    // And a server serves the restored body.
    const again = await serve(dbPath);
    const page = await fetch(`${again.url}/a/${b.slug}/proposals/${b.proposalId}`, { headers: { cookie: `plenary_session=${b.founder.session}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Rent strike in March");
  });

  it("refuses to restore while a server uses the database, and says which process to stop", async () => {
    const { dbPath } = await body({ members: 2 });
    const app = await serve(dbPath);
    const dir = path.join(path.dirname(dbPath), "backups");
    expect((await command("backup.ts", [dir], dbPath)).status).toBe(0);
    const backup = path.join(dir, fs.readdirSync(dir)[0]);
    const before = fs.statSync(dbPath).ino;
    const r = await command("restore.ts", [backup], dbPath);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`A Plenary server (process ${app.process.pid}) is using`);
    expect(r.stderr).toContain(`Stop it first (Ctrl-C in its terminal, or kill ${app.process.pid}`);
    expect(fs.statSync(dbPath).ino).toBe(before);
    expect(fs.readdirSync(path.dirname(dbPath)).some((f) => f.startsWith("replaced-"))).toBe(false);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it("refuses a backup that fails its checks and changes nothing", async () => {
    const { dbPath } = await body({ members: 2 });
    const bad = path.join(path.dirname(dbPath), "not-a-backup.db");
    fs.writeFileSync(bad, "this is not a database".repeat(300));
    const before = fs.readFileSync(dbPath);
    const r = await command("restore.ts", [bad], dbPath);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/did not pass its checks; nothing was changed/);
    expect(fs.readFileSync(dbPath).equals(before)).toBe(true);
  });
});

describe("starting the server", () => {
  it("refuses a second server on the same database, naming the first", async () => {
    const { dbPath } = await body({ members: 1 });
    const first = await serve(dbPath);
    const second = spawnSync(process.execPath, [path.join(root, "app", "bin", "server.mjs")], { cwd: root, env: { ...process.env, NODE_ENV: "production", PORT: "0", DATABASE_PATH: dbPath }, encoding: "utf8", timeout: 60_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`Another Plenary server (process ${first.process.pid}`);
    expect(second.stderr).toContain(`is using ${dbPath}`);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
  });

  it("refuses to start in a folder it cannot write, naming the path and the fix instead of a stack", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-ro-"));
    readOnly(dir);
    const r = spawnSync(process.execPath, [path.join(root, "app", "bin", "server.mjs")], { cwd: root, env: { ...process.env, NODE_ENV: "production", PORT: "0", DATABASE_PATH: path.join(dir, "plenary.db") }, encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Plenary cannot write to the folder ${dir}`);
    expect(r.stderr).toContain("Fix:");
    expect(r.stderr).not.toContain("SQLITE_CANTOPEN");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("closes a round whose deadline passed while it was off before serving anything, stamped with the deadline", async () => {
    const { dbPath, body: b } = await body({ members: 3, overdue: true });
    const app = await serve(dbPath);
    // Before any request: read the file as it is now.
    const d = new Database(dbPath, { readonly: true });
    const round = d.prepare("select closed_at as closedAt, outcome from rounds where id = ?").get(b.roundId) as { closedAt: number; outcome: string };
    const entry = d.prepare("select created_at as createdAt from record_entries where kind = 'round' and subject_id = ?").get(b.proposalId) as { createdAt: number };
    d.close();
    expect(round.closedAt).toBe(b.deadline);
    expect(entry.createdAt).toBe(b.deadline);
    const html = await (await fetch(`${app.url}/a/${b.slug}/proposals/${b.proposalId}`, { headers: { cookie: `plenary_session=${b.members[0].session}` } })).text();
    expect(html).not.toContain('value="vote"');
  });
});

describe("/healthz", () => {
  it("answers 503 with what is wrong when the database cannot be written, and 200 again once it can", async () => {
    const { dbPath } = await body({ members: 1 });
    const app = await serve(dbPath);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    readOnly(dbPath);
    const r = await fetch(`${app.url}/healthz`);
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ status: "error", database: "read-only", problem: expect.stringContaining(`${dbPath} cannot be written`) });
    writable(dbPath);
    frozen.splice(frozen.indexOf(dbPath), 1);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it("answers 503 when the disk is almost full", async () => {
    const { dbPath } = await body({ members: 1 });
    const free = Math.floor((fs.statfsSync(path.dirname(dbPath)).bavail * fs.statfsSync(path.dirname(dbPath)).bsize) / 1024 / 1024);
    const app = await serve(dbPath, { HEALTH_MIN_FREE_MB: String(free + 1_000_000) });
    const r = await fetch(`${app.url}/healthz`);
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ database: "disk-full", problem: expect.stringMatching(/^Only \d+ MB free on the disk holding /) });
  });
});
