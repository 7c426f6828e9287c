import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { sqlite } from "~/db.server";
import * as recordPage from "~/routes/a.$slug.record";
import * as recordJson from "~/routes/a.$slug.record[.]json";
import { CHARTER_PRESETS } from "~/lib/charter";
import { createProposal } from "~/models/proposal.server";
import { castBallot, closeRound, openRound } from "~/models/round.server";
import { entryHash, GENESIS } from "~/models/record.server";
import { call } from "../helpers/remix";
import { assemblyWith, quickPerson } from "../helpers/decisions";

const run = promisify(execFile);
const T0 = Date.UTC(2026, 2, 1, 18);

/** An assembly with `n` decided proposals (each one round: 2 yes, 1 no under simple majority). */
async function decidedAssembly(n: number, prefix: string) {
  const a = await assemblyWith({ members: 2, charter: CHARTER_PRESETS.simple_majority, prefix });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: `Decision ${i + 1}`, body: "x", now: T0 + i });
    const r = openRound({ proposalId: p.id, openedBy: a.founder.id, mode: "online", deadline: T0 + 1_000_000, now: T0 + i });
    if (!r.ok) throw new Error(r.error);
    castBallot({ roundId: r.round.id, userId: a.founder.id, choice: "yes", now: T0 + i + 1 });
    castBallot({ roundId: r.round.id, userId: a.members[0].id, choice: "yes", now: T0 + i + 1 });
    castBallot({ roundId: r.round.id, userId: a.members[1].id, choice: "no", now: T0 + i + 1 });
    closeRound({ roundId: r.round.id, by: a.founder.id, now: T0 + i + 2 });
    ids.push(p.id);
  }
  return { ...a, ids };
}

async function verifyScript(dbFile: string) {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "app/bin/verify-record.ts", dbFile], { cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function copyOfDatabase() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plenary-verify-")), "copy.db");
  await sqlite.backup(file);
  return file;
}

describe("the decision record page", () => {
  it("shows every closed round newest first, with its explanation, linked to its proposal, and the chain status", async () => {
    const { slug, founder, ids } = await decidedAssembly(3, "rec");
    const r = await call(recordPage.loader, `/a/${slug}/record`, { cookie: founder.cookie, params: { slug } });
    expect(r.status).toBe(200);
    expect(r.data.chain).toEqual({ checked: 4, broken: null });
    expect(r.data.entries.map((e: { seq: number }) => e.seq)).toEqual([4, 3, 2, 1]);
    const newest = r.data.entries[0];
    expect(newest).toMatchObject({ summary: "record.round.passed", params: { number: 3, title: "Decision 3", round: 1 }, charterVersion: 1, proposal: { id: ids[2], number: 3 } });
    expect(newest.explanation).toBe("Passed: 2 yes of 3 votes cast = 66.7% > 1/2 (abstentions excluded). Quorum met: 3 of 3 members voted.");
    expect(r.data.entries[3].summary).toBe("record.founded");

    const es = await call(recordPage.loader, `/a/${slug}/record`, { cookie: founder.cookie, params: { slug }, headers: { "accept-language": "es" } });
    expect(es.data.entries[0].explanation).toMatch(/^Aprobada: 2 a favor de 3 votos emitidos/);
  });

  it("pages through a long record", async () => {
    const { slug, founder } = await decidedAssembly(22, "pag");
    const first = await call(recordPage.loader, `/a/${slug}/record`, { cookie: founder.cookie, params: { slug } });
    expect(first.data.entries).toHaveLength(20);
    expect(first.data.hasNext).toBe(true);
    const second = await call(recordPage.loader, `/a/${slug}/record?page=2`, { cookie: founder.cookie, params: { slug } });
    expect(second.data.entries.map((e: { seq: number }) => e.seq)).toEqual([3, 2, 1]);
    expect(second.data.hasNext).toBe(false);
  });

  it("is private to members, and the JSON export lets anyone recompute the chain", async () => {
    const { slug, founder } = await decidedAssembly(2, "json");
    const stranger = await quickPerson("peek");
    expect((await call(recordPage.loader, `/a/${slug}/record`, { cookie: stranger.cookie, params: { slug } })).status).toBe(404);
    expect((await call(recordJson.loader, `/a/${slug}/record.json`, { cookie: stranger.cookie, params: { slug } })).status).toBe(404);
    const r = await call(recordJson.loader, `/a/${slug}/record.json`, { cookie: founder.cookie, params: { slug } });
    expect(r.headers.get("content-type")).toContain("application/json");
    expect(r.data.intact).toBe(true);
    let prev = GENESIS;
    for (const e of r.data.entries) {
      expect(e.prevHash).toBe(prev);
      expect(entryHash(prev, { ...e, payload: JSON.stringify(e.payload) })).toBe(e.hash);
      prev = e.hash;
    }
    expect(r.data.entries).toHaveLength(3);
  });

  it("names the broken link when an entry was changed", async () => {
    const { slug, founder, assembly } = await decidedAssembly(2, "tamp");
    sqlite.prepare("update record_entries set summary = 'record.round.failed' where assembly_id = ? and seq = 2").run(assembly.id);
    const r = await call(recordPage.loader, `/a/${slug}/record`, { cookie: founder.cookie, params: { slug } });
    expect(r.data.chain.broken).toEqual({ seq: 2, reason: "its content does not match its hash (it was changed)" });
    sqlite.prepare("update record_entries set summary = 'record.round.passed' where assembly_id = ? and seq = 2").run(assembly.id);
    expect((await call(recordPage.loader, `/a/${slug}/record`, { cookie: founder.cookie, params: { slug } })).data.chain.broken).toBeNull();
  });
});

describe("npm run verify-record", () => {
  it("checks the chain and names the first broken link with exit 1", async () => {
    const { assembly, slug } = await decidedAssembly(3, "cli");
    const intact = await copyOfDatabase();
    const total = (sqlite.prepare("select count(*) as n from record_entries").get() as { n: number }).n;
    const ok = await verifyScript(intact);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toBe(`Decision record intact: ${total} entries checked`);

    // Change one decision's explanation directly in the database.
    const changed = await copyOfDatabase();
    const d1 = new Database(changed);
    const row = d1.prepare("select id, payload from record_entries where assembly_id = ? and seq = 3").get(assembly.id) as { id: number; payload: string };
    d1.prepare("update record_entries set payload = ? where id = ?").run(row.payload.replace("Passed:", "Failed:"), row.id);
    d1.close();
    const bad = await verifyScript(changed);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`"${slug}" at entry 3: its content does not match its hash (it was changed)`);

    // Remove an entry from the middle of the chain.
    const removed = await copyOfDatabase();
    const d2 = new Database(removed);
    d2.prepare("delete from record_entries where assembly_id = ? and seq = 2").run(assembly.id);
    d2.close();
    const gap = await verifyScript(removed);
    expect(gap.code).toBe(1);
    expect(gap.stderr).toContain(`"${slug}" at entry 3: expected entry 2, found 3 (an entry is missing)`);

    // Rewrite an entry and its hash, but not the next link: the next entry gives it away.
    const rehashed = await copyOfDatabase();
    const d3 = new Database(rehashed);
    const e2 = d3.prepare("select * from record_entries where assembly_id = ? and seq = 2").get(assembly.id) as { id: number; prev_hash: string; seq: number; kind: string; subject_id: string | null; summary: string; payload: string; created_at: number };
    const forged = { seq: e2.seq, kind: e2.kind, subjectId: e2.subject_id, summary: "record.round.failed", payload: e2.payload, createdAt: e2.created_at };
    d3.prepare("update record_entries set summary = ?, hash = ? where id = ?").run(forged.summary, entryHash(e2.prev_hash, forged), e2.id);
    d3.close();
    const relinked = await verifyScript(rehashed);
    expect(relinked.code).toBe(1);
    expect(relinked.stderr).toContain(`"${slug}" at entry 3: its link to the previous entry does not match`);
  }, 60_000);
});
