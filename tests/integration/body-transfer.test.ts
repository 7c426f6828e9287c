/**
 * A body's export and import (docs/decisions/020-body-export-import.md), on real SQLite files:
 * the demo (`npm run seed`) exported body by body, imported into a second, fresh database,
 * exported again; the secret ballot in the file; bad files; who may download; the commands.
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema";
import { verifyPassword } from "~/lib/password.server";
import { Refused } from "~/lib/refusal";
import { verifyConnection } from "~/storage.server";
import { defaultCharter } from "~/lib/charter";
import { createProposal } from "~/models/proposal.server";
import { openRound } from "~/models/round.server";
import { addMember, removeMember } from "~/models/membership.server";
import { sqlite } from "~/db.server";
import { scheduleMeeting } from "~/models/meeting.server";
import { addAgendaItem } from "~/models/agenda.server";
import { castBallot } from "~/models/round.server";
import { giveProxy } from "~/models/proxy.server";
import { answerPoll, closePoll, startPoll } from "~/models/poll.server";
import { LEFT_OUT, TABLES, type BodyFile } from "~/models/body-file.server";
import { NO_PASSWORD, exportBody, importBodies, parseBodyFile } from "~/models/body-transfer.server";
import * as exportRoute from "~/routes/a.$slug.export[.]json";
import { claimDatabase } from "~/bin/db-lock.mjs";
import { call } from "../helpers/remix";
import { assemblyWith, quickPerson } from "../helpers/decisions";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-transfer-"));
const SLUGS = ["elm-street-tenants", "riverside", "northside-bakers", "northside-council"];

let seedFile = "";
let seed: Database.Database;
const files = new Map<string, BodyFile>();

/** A new database file, migrated as the server migrates its own at start. */
function freshDb(name: string) {
  const file = path.join(tmp, `${name}.db`);
  const conn = new Database(file);
  conn.pragma("journal_mode = WAL");
  conn.pragma("foreign_keys = ON");
  migrate(drizzle(conn), { migrationsFolder: path.join(root, "db", "migrations") });
  return { file, conn };
}

const bodyId = (conn: Database.Database, slug: string) => conn.prepare("select id from assemblies where slug = ?").pluck().get(slug) as string;
const withoutTime = (f: BodyFile) => ({ ...f, exportedAt: 0 });
/** Every row of every table: what "nothing was written" is checked against. */
function census(conn: Database.Database) {
  const names = conn.prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' and name not like 'search_fts%'").pluck().all() as string[];
  return Object.fromEntries(names.map((n) => [n, conn.prepare(`select count(*) from "${n}"`).pluck().get()]));
}
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof Refused) return e.refusal;
    throw e;
  }
  throw new Error("expected a refusal");
}

beforeAll(() => {
  seedFile = path.join(tmp, "seed.db");
  execFileSync(tsx, ["app/bin/seed.ts"], { cwd: root, env: { ...process.env, DATABASE_PATH: seedFile, PLENARY_NO_BACKGROUND: "1" }, encoding: "utf8", timeout: 120_000 });
  seed = new Database(seedFile, { readonly: true });
  for (const slug of SLUGS) files.set(slug, exportBody(seed, bodyId(seed, slug)).file);
}, 150_000);

describe("a body's file", () => {
  it("names every table of the schema: carried, or left out with its reason", () => {
    const tableName = (t: unknown) => getTableName(t as SQLiteTable) as string;
    const carried = new Set(Object.values(TABLES).map((s) => tableName(s.table)));
    const left = new Set(Object.keys(LEFT_OUT).map((k) => tableName((schema as Record<string, unknown>)[k])));
    const all = Object.values(schema as Record<string, unknown>)
      .filter((v) => is(v, SQLiteTable))
      .map(tableName);
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((t) => !carried.has(t) && !left.has(t))).toEqual([]);
  });

  it("holds the whole body under references of its own, with no database id outside the record", () => {
    const elm = files.get("elm-street-tenants")!;
    expect(elm.format).toBe("plenary-body");
    expect(elm.version).toBe(1);
    for (const table of ["memberships", "charters", "proposals", "proposalRevisions", "amendments", "comments", "rounds", "ballots", "meetings", "agendaItems", "attendance", "delegateTerms", "aidPosts", "aidMatches", "aidProgrammes", "aidLedger"] as const)
      expect(elm.tables[table].length, table).toBeGreaterThan(0);
    expect(files.get("northside-council")!.tables.councilMembers.length).toBe(3);
    expect(elm.record.length).toBe(seed.prepare("select count(*) from record_entries where assembly_id = ?").pluck().get(bodyId(seed, "elm-street-tenants")));
    expect(elm.tables.proposals.map((p) => p.id)).toEqual(elm.tables.proposals.map((_, i) => `p${i + 1}`));

    const ids = new Set<string>();
    for (const t of seed.prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' and name not like 'search_%' and name not like '__drizzle%'").pluck().all() as string[])
      for (const c of (seed.prepare(`select name from pragma_table_info(?)`).pluck().all(t) as string[]).filter((c) => c === "id" || c.endsWith("_id")))
        for (const v of seed.prepare(`select "${c}" from "${t}"`).pluck().all() as unknown[]) if (typeof v === "string" && v.length >= 16) ids.add(v);
    expect(ids.size).toBeGreaterThan(300);
    for (const f of files.values()) {
      const text = JSON.stringify({ ...f, record: [] });
      expect([...ids].filter((id) => text.includes(id))).toEqual([]);
    }
  });

  it("round trip: export → import into a fresh database → export gives the same files, links between the bodies kept, every record chain verified", () => {
    const { conn } = freshDb("roundtrip");
    const texts = SLUGS.map((s) => JSON.stringify(files.get(s)));
    const r = importBodies(conn, texts.map(parseBodyFile));
    expect(r.bodies.map((b) => b.slug)).toEqual(SLUGS);
    expect(r.leftOut).toEqual({});
    expect(r.unlinked).toEqual({});
    expect(r.chainEntries).toBe(SLUGS.reduce((n, s) => n + files.get(s)!.record.length, 0));

    for (const slug of SLUGS) {
      const again = exportBody(conn, bodyId(conn, slug)).file;
      expect(withoutTime(again)).toEqual(withoutTime(files.get(slug)!));
      // New ids on this server, the same chain hash for hash.
      expect(bodyId(conn, slug)).not.toBe(bodyId(seed, slug));
      const hashes = (c: Database.Database) => c.prepare("select hash from record_entries where assembly_id = ? order by seq").pluck().all(bodyId(c, slug));
      expect(hashes(conn)).toEqual(hashes(seed));
    }
    const v = verifyConnection(conn, root);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.entries).toBe(r.chainEntries);
    conn.close();
  });

  it("round trip with polls, proxies and an open round: the same file from the new server", async () => {
    const charter = { ...defaultCharter(), defaultMethod: "majority" as const, proxies: { mode: "meetings_and_online" as const, maxPerHolder: 1, secretRounds: false } };
    const a = await assemblyWith({ members: 4, charter, prefix: "rtp" });
    const [ana, ben, cai, dee] = a.members;
    const now = Date.UTC(2026, 10, 2, 18);
    const must = <T extends { ok: boolean }>(r: T) => {
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r as Extract<T, { ok: true }>;
    };
    const meeting = must(scheduleMeeting({ assemblyId: a.assembly.id, createdBy: a.founder.id, title: "General meeting", startsAt: now + 86_400_000, durationMinutes: 60, place: "Hall", link: "", shortNotice: true, now })).meeting;
    const proposal = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Fix the boiler", body: "Call the landlord.", now });
    must(addAgendaItem(meeting.id, { kind: "proposal", title: "Boiler", timeboxMinutes: 15, proposalId: proposal.id }));
    must(giveProxy({ assemblyId: a.assembly.id, giverId: ana.id, holderId: ben.id, proposalId: proposal.id, now }));
    must(giveProxy({ assemblyId: a.assembly.id, giverId: cai.id, holderId: dee.id, meetingId: meeting.id, now }));
    const round = must(openRound({ proposalId: proposal.id, openedBy: a.founder.id, mode: "online", deadline: now + 3 * 86_400_000, now })).round;
    must(castBallot({ roundId: round.id, userId: dee.id, choice: "yes", now: now + 1 }));
    const choice = must(startPoll({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "choice", title: "Party food", body: "", method: "approval", hideResults: false, options: ["Paella", "Tamales", "Pizza"], closesAt: now + 86_400_000, now })).poll;
    must(answerPoll({ pollId: choice.id, userId: ana.id, answer: { approved: [0, 2] }, now }));
    must(answerPoll({ pollId: choice.id, userId: cai.id, answer: { approved: [1] }, now }));
    const time = must(startPoll({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "time", title: "Next meeting", body: "", hideResults: true, times: [now + 7 * 86_400_000, now + 8 * 86_400_000], durationMinutes: 90, place: "Hall", closesAt: now + 86_400_000, now })).poll;
    must(answerPoll({ pollId: time.id, userId: ben.id, answer: ["yes", "if_need_be"], now }));
    must(closePoll({ pollId: choice.id, by: a.founder.id, now: now + 2 }));

    const file = exportBody(sqlite, a.assembly.id).file;
    for (const t of ["polls", "pollOptions", "pollAnswers", "proxies", "roundProxies", "ballots", "agendaItems"] as const) expect(file.tables[t].length, t).toBeGreaterThan(0);
    expect(file.tables.polls).toHaveLength(2);
    const { conn } = freshDb("polls");
    importBodies(conn, [parseBodyFile(JSON.stringify(file))]);
    expect(withoutTime(exportBody(conn, bodyId(conn, a.slug)).file)).toEqual(withoutTime(file));
    conn.close();
  });

  it("a secret round's file links no voter to a choice: who took part, apart from the anonymous ballots in receipt order", () => {
    const elm = files.get("elm-street-tenants")!;
    const secret = new Set(elm.tables.rounds.filter((r) => r.secret).map((r) => r.id as string));
    expect(secret.size).toBeGreaterThan(0);
    const people = new Set(elm.people.map((p) => p.ref));
    // Nothing that names a person in a secret round says what was chosen.
    for (const [table, rows] of Object.entries(elm.tables))
      for (const row of rows as Array<Record<string, unknown>>) {
        if (!secret.has(row.roundId as string)) continue;
        const namesPerson = Object.values(row).some((v) => typeof v === "string" && people.has(v));
        const saysChoice = ["choice", "ranking", "reason", "text", "stance"].some((k) => k in row);
        expect(namesPerson && saysChoice, `${table}: ${JSON.stringify(row)}`).toBe(false);
      }
    expect(elm.tables.ballots.filter((b) => secret.has(b.roundId as string))).toEqual([]);
    const ballots = elm.tables.secretBallots.filter((b) => secret.has(b.roundId as string));
    const took = elm.tables.roundParticipation.filter((p) => secret.has(p.roundId as string));
    expect(ballots.length).toBe(took.length);
    expect(ballots.length).toBeGreaterThan(5);
    for (const b of ballots) expect(Object.keys(b).sort()).toEqual(["choice", "ranking", "reason", "receiptHash", "roundId", "text"]);
    for (const p of took) expect(Object.keys(p).sort()).toEqual(["roundId", "userId"]);
    // Orders that say nothing about who voted when: receipts (random) and names.
    const receipts = ballots.map((b) => b.receiptHash as string);
    expect(receipts).toEqual([...receipts].sort());
    const who = took.map((p) => p.userId as string);
    expect(who).toEqual([...who].sort());
  });

  it("matches people by username, creates the others without a password, and gives created stewards a first link", async () => {
    const { conn } = freshDb("people");
    conn.prepare("insert into users (id, username, display_name, password_hash, calendar_token, created_at) values ('here-1', 'maria', 'María here', 'scrypt$x', 'tok', 1)").run();
    const elm = files.get("elm-street-tenants")!;
    const r = importBodies(conn, [parseBodyFile(JSON.stringify(elm))]);
    expect(r.matched).toEqual(["maria"]);
    expect(r.created.length).toBe(elm.people.length - 1);
    const mariaRole = conn.prepare("select steward from memberships where user_id = 'here-1' and assembly_id = ?").pluck().get(bodyId(conn, "elm-street-tenants"));
    expect(mariaRole).toBe(1);
    const created = conn.prepare("select password_hash from users where username = ?").pluck().get(r.created[0]) as string;
    expect(created).toBe(NO_PASSWORD);
    expect(await verifyPassword(created, "")).toBe(false);
    // Maria was matched (she has her password); the created stewards get a link each, stored as a hash.
    const stewards = conn.prepare("select u.username from memberships m join users u on u.id = m.user_id where m.steward = 1 and m.assembly_id = ? and u.id <> 'here-1' order by u.username").pluck().all(bodyId(conn, "elm-street-tenants"));
    expect(r.links.map((l) => l.username)).toEqual(stewards);
    expect(conn.prepare("select count(*) from password_resets where token_hash is not null").pluck().get()).toBe(stewards.length);
    // Alone, the assembly's links to its council (not on this server) are reported; its record still verifies.
    expect(Object.keys(r.unlinked).length + Object.keys(r.leftOut).length).toBeGreaterThan(0);
    expect(verifyConnection(conn, root).ok).toBe(true);
    conn.close();
  });

  it("the same body twice: refused by its address (nothing written), imported under --slug", () => {
    const { conn } = freshDb("twice");
    const bakers = () => parseBodyFile(JSON.stringify(files.get("northside-bakers")));
    importBodies(conn, [bakers()]);
    const before = census(conn);
    const r = refusal(() => importBodies(conn, [bakers()]));
    expect(r.error).toBe("transfer.errors.slugTaken");
    expect(r.status).toBe(409);
    expect(census(conn)).toEqual(before);
    const copy = importBodies(conn, [bakers()], { slug: "bakers-copy" });
    expect(copy.bodies[0].slug).toBe("bakers-copy");
    expect(copy.created).toEqual([]);
    const first = withoutTime(exportBody(conn, bodyId(conn, "northside-bakers")).file);
    const second = withoutTime(exportBody(conn, bodyId(conn, "bakers-copy")).file);
    expect({ ...second, body: { ...second.body, slug: "northside-bakers" } }).toEqual(first);
    expect(verifyConnection(conn, root).ok).toBe(true);
    conn.close();
  });

  it("a bad or cut-short file is refused with a clear message and writes nothing", () => {
    const { conn } = freshDb("bad");
    const text = JSON.stringify(files.get("riverside"));
    const before = census(conn);
    const cases: Array<[string, () => unknown]> = [
      ["transfer.errors.notJson", () => parseBodyFile(text.slice(0, Math.floor(text.length / 2)))],
      ["transfer.errors.notBodyFile", () => parseBodyFile(JSON.stringify({ hello: 1 }))],
      ["transfer.errors.version", () => parseBodyFile(JSON.stringify({ ...JSON.parse(text), version: 2 }))],
      ["transfer.errors.shape", () => parseBodyFile(JSON.stringify({ ...JSON.parse(text), people: [{ ref: "u1" }] }))],
    ];
    for (const [key, fn] of cases) expect(refusal(fn).error).toBe(key);
    expect(refusal(() => parseBodyFile(text.slice(0, 1000))).params?.detail).toMatch(/JSON/);

    const tampered = parseBodyFile(text);
    tampered.record[2] = { ...tampered.record[2], summary: "record.founded" };
    const broken = refusal(() => importBodies(conn, [tampered]));
    expect(broken.error).toBe("transfer.errors.recordBroken");
    expect(broken.params?.seq).toBe(3);

    const dangling = parseBodyFile(text);
    dangling.tables.rounds[0] = { ...dangling.tables.rounds[0], proposalId: "p999" };
    expect(refusal(() => importBodies(conn, [dangling])).params).toMatchObject({ ref: "p999", where: "tables.rounds.0.proposalId" });

    // Found only once rows are going in (two memberships of one person): the body and people already written roll back.
    const twice = parseBodyFile(text);
    twice.tables.memberships.push({ ...twice.tables.memberships[0], id: "ms999" });
    const late = refusal(() => importBodies(conn, [twice]));
    expect(late.error).toBe("transfer.errors.rows");
    expect(late.params?.table).toBe("memberships");
    expect(census(conn)).toEqual(before);
    conn.close();
  });
});

describe("the download route", () => {
  it("gives a steward the file; a plain member 403; a removed member, another body's steward and strangers 404", async () => {
    const a = await assemblyWith({ members: 2, prefix: "exp" });
    const other = await assemblyWith({ members: 1, prefix: "exo" });
    const stranger = await quickPerson("exs");
    const get = (cookie: string) => call(exportRoute.loader, `/a/${a.slug}/export.json`, { cookie, params: { slug: a.slug } });

    const ok = await get(a.founder.cookie);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="${a.slug}-plenary-\\d{4}-\\d\\d-\\d\\d\\.json"`));
    expect(ok.headers.get("cache-control")).toBe("private, no-store");
    expect(ok.data.format).toBe("plenary-body");
    expect(ok.data.body.slug).toBe(a.slug);
    expect(ok.data.people.map((p: { username: string }) => p.username).sort()).toEqual([a.founder.username, ...a.members.map((m) => m.username)].sort());

    expect((await get(a.members[0].cookie)).status).toBe(403);
    expect((await get(other.founder.cookie)).status).toBe(404);
    expect((await get(stranger.cookie)).status).toBe(404);
    expect(removeMember(a.assembly.id, a.members[1].id).ok).toBe(true);
    expect((await get(a.members[1].cookie)).status).toBe(404);
    const anonymous = await call(exportRoute.loader, `/a/${a.slug}/export.json`, { params: { slug: a.slug } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
    // A member made steward later may download it too.
    addMember(other.assembly.id, a.members[0].id, "steward");
    expect((await call(exportRoute.loader, `/a/${other.slug}/export.json`, { cookie: a.members[0].cookie, params: { slug: other.slug } })).status).toBe(200);
  });

  it("is refused (409, with the reason) while a secret round is open: its sealed ballots cannot leave the server", async () => {
    const charter = { ...defaultCharter(), defaultMethod: "majority" as const, secret: { ...defaultCharter().secret, general: true } };
    const a = await assemblyWith({ members: 2, charter, prefix: "exsec" });
    const p = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Rent strike", body: "Withhold rent.", now: Date.now() });
    const r = openRound({ proposalId: p.id, openedBy: a.founder.id, mode: "online", deadline: Date.now() + 86_400_000, now: Date.now() });
    if (!r.ok) throw new Error(r.error);
    const res = await call(exportRoute.loader, `/a/${a.slug}/export.json`, { cookie: a.founder.cookie, params: { slug: a.slug } });
    expect(res.status).toBe(409);
    expect(res.data).toMatch(/secret round is still open on proposal 1/);
  });
});

describe("npm run export and npm run import", () => {
  it("export writes the file; import refuses while a server holds the database, then imports and the record verifies", async () => {
    const out = path.join(tmp, "bakers.json");
    const exp = await run(tsx, ["app/bin/export.ts", "--body", "northside-bakers", out], { cwd: root, env: { ...process.env, DATABASE_PATH: seedFile, LANG: "C" } });
    expect(exp.stdout).toMatch(/Exported "Northside Bakers' Co-op" \(northside-bakers\)/);
    expect(withoutTime(JSON.parse(fs.readFileSync(out, "utf8")))).toEqual(withoutTime(files.get("northside-bakers")!));

    const target = path.join(tmp, "cli-target.db");
    const env = { ...process.env, DATABASE_PATH: target, LANG: "C", PLENARY_NO_BACKGROUND: "1" };
    const lock = claimDatabase(target);
    const refused = await run(tsx, ["app/bin/import.ts", out], { cwd: root, env }).catch((e) => e as { code: number; stderr: string });
    lock.close();
    expect((refused as { code: number }).code).toBe(1);
    expect((refused as { stderr: string }).stderr).toMatch(/A Plenary server \(process \d+\) is using .*cli-target\.db[\s\S]*Nothing was written\./);
    expect(fs.existsSync(target)).toBe(false);

    const imp = await run(tsx, ["app/bin/import.ts", out], { cwd: root, env });
    expect(imp.stdout).toMatch(/Imported "Northside Bakers' Co-op" as northside-bakers: \d+ rows, a decision record of \d+ entries, its hash chain verified/);
    expect(imp.stdout).toMatch(/\/reset\/[A-Za-z0-9_-]{32}/);
    const again = await run(tsx, ["app/bin/import.ts", out], { cwd: root, env }).catch((e) => e as { code: number; stderr: string });
    expect((again as { code: number }).code).toBe(1);
    expect((again as { stderr: string }).stderr).toMatch(/already exists on this server[\s\S]*--slug new-address[\s\S]*Nothing was written\./);
    const verify = await run(tsx, ["app/bin/verify-record.ts", target], { cwd: root, env });
    expect(verify.stdout).toMatch(/intact/);
  }, 120_000);
});
