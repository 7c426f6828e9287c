/** `npm run seed` on an empty database: the demo is complete, consistent, and never seeded twice. */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

describe("npm run seed", () => {
  it("fills an empty database with every role, decisions, meetings and a federation, and prints logins", () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plenary-seed-")), "demo.db");
    const env = { ...process.env, DATABASE_PATH: db, PLENARY_NO_BACKGROUND: "1" };
    const out = execFileSync(tsx, ["app/bin/seed.ts"], { cwd: root, env, encoding: "utf8", timeout: 120_000 });
    expect(out).toContain("password for all: plenary-demo");
    expect(out).toMatch(/maria\s+— Elm Street Tenants Union: steward and facilitator/);

    const sql = new Database(db, { readonly: true });
    const one = (q: string) => (sql.prepare(q).get() as { n: number }).n;
    expect(one("select count(*) n from users")).toBeGreaterThanOrEqual(30);
    expect(one("select count(*) n from assemblies where kind <> 'council'")).toBeGreaterThanOrEqual(2);
    expect(one("select count(*) n from memberships where steward = 1")).toBeGreaterThanOrEqual(2);
    expect(one("select count(*) n from memberships where facilitator = 1 and steward = 0")).toBeGreaterThanOrEqual(1);
    expect(one("select count(*) n from memberships where role = 'observer'")).toBeGreaterThanOrEqual(1);
    expect(one("select count(*) n from proposals")).toBeGreaterThanOrEqual(5);
    expect(one("select count(*) n from rounds where closed_at is not null")).toBeGreaterThanOrEqual(3);
    expect(one("select count(*) n from meetings")).toBeGreaterThanOrEqual(2);
    expect(one("select count(*) n from assemblies where kind = 'council'")).toBeGreaterThanOrEqual(1);
    // A realistic aid network: requests and offers in several states, a weekly shift, a fund with a decision behind each grant, a shared need.
    expect(one("select count(*) n from aid_posts where kind = 'request'")).toBeGreaterThanOrEqual(5);
    expect(one("select count(*) n from aid_posts where kind = 'offer'")).toBeGreaterThanOrEqual(3);
    expect(one("select count(*) n from aid_matches where status = 'done'")).toBeGreaterThanOrEqual(1);
    expect(one("select count(*) n from aid_shifts")).toBeGreaterThanOrEqual(4);
    expect(one("select count(*) n from aid_programmes where status = 'adopted'")).toBe(1);
    expect(one("select count(*) n from aid_ledger where direction = 'out' and allowed_by is null")).toBe(0);
    expect(one("select count(*) n from aid_ledger where allowed_by = 'proposal' and allowing_proposal_id is not null")).toBeGreaterThanOrEqual(1);
    expect(one("select count(*) n from aid_shares where status = 'offered'")).toBe(1);
    sql.close();

    const verify = spawnSync(tsx, ["app/bin/verify-record.ts"], { cwd: root, env, encoding: "utf8" });
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/intact/);

    const again = spawnSync(tsx, ["app/bin/seed.ts"], { cwd: root, env, encoding: "utf8" });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("only fills an empty one");
  }, 180_000);
});
