/**
 * Backups (app/storage.server.ts, `npm run backup`): a consistent copy while the database is
 * in use, checked before it is reported, pruned to its retention; a copy whose bytes or
 * decision record were changed is refused; and a backup taken while a secret round is open
 * tells someone holding it nothing more than the live file does — the same attacks as
 * tests/integration/secret-forensics.test.ts, run on the backups.
 * docs/decisions/014-own-your-data.md.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { durable, sqlite } from "~/db.server";
import { backupName, listBackups, startScheduledBackups, stopScheduledBackups, lastScheduledBackup, takeBackup, verifyDatabaseFile } from "~/storage.server";
import * as create from "~/routes/a.$slug.proposals.new";
import * as page from "~/routes/a.$slug.proposals.$id._index";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";
import { ballotTablesOf, cellOrderAttack, diffAttack, latestState, openImage, pageImageAttack, snapshot, type Snapshot, type Truth } from "../helpers/forensics";

const dbPath = process.env.DATABASE_PATH!;
const root = path.resolve(__dirname, "../..");
const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `plenary-${name}-`));

const RANKINGS = [
  [0, 1, 2, 3],
  [1, 0, 3, 2],
  [2, 3, 0, 1],
  [3, 2, 1, 0],
  [0, 2, 3, 1],
  [1, 3, 2, 0],
  [2, 0, 1, 3],
  [3, 1, 0, 2],
];

function post(slug: string, id: string, cookie: string, form: Record<string, string>) {
  return call(page.action, `/a/${slug}/proposals/${id}`, { cookie, params: { slug, id }, form });
}

async function proposalWithRound(opts: { members: number; prefix: string; kind?: "election" | "general" }) {
  const a = await assemblyWith({ members: opts.members, prefix: opts.prefix });
  const form: Record<string, string> =
    opts.kind === "election"
      ? { kind: "election", start: "discussion", title: "Treasurer", body: "One seat", candidates: "Ana\nBo\nCy\nDi", seats: "1" }
      : { kind: "general", start: "discussion", title: "Paint the hall", body: "Green" };
  const created = await call(create.action, `/a/${a.slug}/proposals/new`, { cookie: a.founder.cookie, params: { slug: a.slug }, form });
  expect(created.status).toBe(302);
  const id = created.location!.split("/").pop()!;
  expect((await post(a.slug, id, a.founder.cookie, { intent: "open-round", days: "1", hours: "0" })).status).toBe(302);
  const view = await call(page.loader, `/a/${a.slug}/proposals/${id}`, { cookie: a.founder.cookie, params: { slug: a.slug, id } });
  return { a, id, roundId: view.data.open.id as string, secret: view.data.open.secret as boolean };
}

describe("a backup", () => {
  it("holds every committed ballot, even those still only in the WAL, and passes its checks", async () => {
    const { a, id, roundId } = await proposalWithRound({ members: 5, prefix: "bk" });
    for (const v of [a.founder, ...a.members]) expect((await post(a.slug, id, v.cookie, { intent: "vote", roundId, choice: "agree" })).status).toBeLessThan(400);
    await durable();
    // The ballots are in the WAL, not yet in the main file: a plain copy of the file misses them.
    expect(fs.statSync(`${dbPath}-wal`).size).toBeGreaterThan(0);
    const dir = tmp("backups");
    const b = await takeBackup({ source: dbPath, dir, keep: 5 });
    expect(path.basename(b.file)).toMatch(/^test-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db$/);
    expect(b.verification).toMatchObject({ ok: true, problems: [], broken: null });
    expect(b.verification.entries).toBeGreaterThan(0);
    // One self-contained file: no WAL beside it, nothing half-written left.
    expect(fs.readdirSync(dir)).toEqual([path.basename(b.file)]);
    const copy = new Database(b.file, { readonly: true });
    const n = copy.prepare("select count(*) from ballots where round_id = ?").pluck().get(roundId);
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    copy.close();
    expect(n).toBe(6);
    expect(verifyDatabaseFile(b.file)).toMatchObject({ ok: true });
  });

  it("keeps only the newest BACKUP_KEEP backups, and never touches other files in the folder", async () => {
    const dir = tmp("keep");
    fs.writeFileSync(path.join(dir, "notes.txt"), "mine");
    const made: string[] = [];
    for (let i = 0; i < 4; i++) made.push((await takeBackup({ source: sqlite, dir, keep: 2, now: new Date(Date.UTC(2026, 10, 1 + i, 9)) })).file);
    expect(listBackups(dir, dbPath)).toEqual(made.slice(2));
    expect(fs.readFileSync(path.join(dir, "notes.txt"), "utf8")).toBe("mine");
    // Two in the same second get distinct names.
    const at = new Date(Date.UTC(2026, 10, 9, 9));
    const x = await takeBackup({ source: sqlite, dir, keep: 10, now: at });
    const y = await takeBackup({ source: sqlite, dir, keep: 10, now: at });
    expect(path.basename(x.file)).toBe(backupName(dbPath, at));
    expect(y.file).not.toBe(x.file);
    // …and the newer of the two is the one pruning keeps.
    await takeBackup({ source: sqlite, dir, keep: 1, now: at });
    expect(listBackups(dir, dbPath).map((f) => path.basename(f))).toEqual([backupName(dbPath, at).replace(/\.db$/, "-3.db")]);
  });

  it("is refused when its decision record or its bytes were changed", async () => {
    const dir = tmp("tamper");
    const b = await takeBackup({ source: sqlite, dir, keep: 5 });
    const forged = path.join(dir, "forged.db");
    fs.copyFileSync(b.file, forged);
    const d = new Database(forged);
    d.prepare("update record_entries set summary = 'record.round.passed' where id = (select min(id) from record_entries)").run();
    d.close();
    const v = verifyDatabaseFile(forged);
    expect(v.ok).toBe(false);
    expect(v.problems.join()).toMatch(/decision record broken .* at entry 1: its content does not match its hash/);

    const damaged = path.join(dir, "damaged.db");
    const bytes = fs.readFileSync(b.file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the second half of the file's pages, as a failing disk would.
    for (let at = Math.floor(bytes.length / pageSize / 2) * pageSize; at < bytes.length; at += pageSize) bytes.fill(0xa5, at + 8, at + 200);
    fs.writeFileSync(damaged, bytes);
    const w = verifyDatabaseFile(damaged);
    expect(w.ok).toBe(false);
    expect(w.problems.join()).toMatch(/integrity|malformed|not a readable/i);
  });

  it("taken while a secret round is open links no voter to a ballot, and holds only the live file's current pages", async () => {
    const { a, id, roundId, secret } = await proposalWithRound({ members: RANKINGS.length - 1, prefix: "bkf", kind: "election" });
    expect(secret).toBe(true);
    const voters = [a.founder, ...a.members];
    const truth: Truth = { voters: voters.map((v) => v.id), ballotOf: new Map() };
    const dir = tmp("secret");
    const backups: Snapshot[] = [];
    for (const [i, v] of voters.entries()) {
      const form: Record<string, string> = { intent: "vote", roundId };
      RANKINGS[i].forEach((c, pos) => (form[`rank.${c}`] = String(pos + 1)));
      expect((await post(a.slug, id, v.cookie, form)).status).toBeLessThan(400);
      truth.ballotOf.set(v.id, JSON.stringify(RANKINGS[i].map((c) => [c])));
      const live = latestState(snapshot(dbPath));
      const b = await takeBackup({ source: sqlite, dir, keep: 100 });
      const bytes = fs.readFileSync(b.file);
      backups.push({ db: bytes, wal: null });
      // Page for page the live database as it is now (past page 1's header): no old page
      // image from the WAL, nothing the live file does not hold.
      const size = bytes.readUInt16BE(16);
      expect(bytes.length).toBe(live.length);
      expect(bytes.subarray(100).equals(live.subarray(100))).toBe(true);
      expect(size).toBe(live.readUInt16BE(16));
    }
    const states = backups.map((s) => s.db);
    const last = states[states.length - 1];
    const findings = {
      diff: diffAttack(states, truth),
      pages: pageImageAttack(backups, truth),
      cells: cellOrderAttack(last, truth, "round_participation", ballotTablesOf(last)),
    };
    console.log(`forensics (backups while open): ${Object.entries(findings).map(([k, f]) => `${k} ${f.linked}/${voters.length} linked, ${f.narrowed} narrowed`).join("; ")}`);
    for (const f of Object.values(findings)) expect(f).toMatchObject({ linked: 0, narrowed: 0 });
    // The ballots are in it, sealed; the key that opens them is not, nor the key file.
    const { db: copy, dispose } = openImage(last);
    expect(copy.prepare("select count(*) from sealed_ballots where round_id = ?").pluck().get(roundId)).toBe(voters.length);
    dispose();
    expect(fs.readdirSync(dir).some((f) => f.endsWith(".key"))).toBe(false);
    expect(verifyDatabaseFile(listBackups(dir, dbPath).pop()!)).toMatchObject({ ok: true, openSecretRounds: 1 });
  });
});

describe("npm run backup", () => {
  it("writes a checked backup into the folder given and says so", () => {
    const dir = path.join(tmp("cli"), "usb");
    const run = () => spawnSync(process.execPath, ["--import", "tsx", path.join(root, "app", "bin", "backup.ts"), dir], { cwd: root, env: { ...process.env, DATABASE_PATH: dbPath, BACKUP_KEEP: "1" }, encoding: "utf8" });
    const first = run();
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Backup written: .*usb\/test-.*\.db/);
    expect(first.stdout).toMatch(/decision record intact \(\d+ entries in \d+ bodies\)/);
    const second = run();
    expect(second.stderr).toBe("");
    expect(second.status).toBe(0);
    expect(fs.readdirSync(dir)).toHaveLength(1);
  });

  it("says there is no database rather than making an empty one", () => {
    const missing = path.join(tmp("none"), "plenary.db");
    const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "app", "bin", "backup.ts")], { cwd: root, env: { ...process.env, DATABASE_PATH: missing }, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`No database at ${missing}`);
    expect(fs.existsSync(missing)).toBe(false);
  });
});

describe("the server's scheduled backups", () => {
  it("write a backup at start into BACKUP_DIR, and report a folder that is not there instead of making one", async () => {
    const dir = tmp("scheduled");
    startScheduledBackups(sqlite, { dir, everyMs: 3_600_000, keep: 3 }, () => {});
    await expect.poll(() => lastScheduledBackup()?.ok, { timeout: 15_000 }).toBe(true);
    stopScheduledBackups();
    expect(listBackups(dir, dbPath)).toHaveLength(1);

    const gone = path.join(dir, "unplugged-usb");
    const errors: string[] = [];
    const orig = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      startScheduledBackups(sqlite, { dir: gone, everyMs: 3_600_000, keep: 3 }, () => {});
      await expect.poll(() => lastScheduledBackup()?.ok, { timeout: 15_000 }).toBe(false);
    } finally {
      stopScheduledBackups();
      console.error = orig;
    }
    expect(lastScheduledBackup()?.error).toContain(`Cannot write backups to ${gone}`);
    expect(fs.existsSync(gone)).toBe(false);
    expect(errors.join()).toContain("failed");
  });
});
