// Runs the real tally command, as an organiser (or CI) would.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const ballotsDir = path.resolve(repoRoot, "../shared/data/ballots");
const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
const tmp = mkdtempSync(path.join(tmpdir(), "tally-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Asynchronous, so the test worker keeps answering vitest while the command runs (a worker
// blocked for a minute by synchronous child processes fails the run on a loaded machine).
function tally(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["app/bin/tally.ts", ...args], { cwd: repoRoot, timeout: 30_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
async function ok(...args: string[]): Promise<Record<string, any>> {
  const r = await tally(...args);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const lines = r.stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]);
}
async function fails(pattern: RegExp, ...args: string[]) {
  const r = await tally(...args);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}
function temp(name: string, content: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
}

const FOOD_BLT = `5 3
4 1 0
2 2 1 0
8 3 4 0
4 3 5 0
1 4 0
1 5 0
0
"Orange"
"Pear"
"Chocolate"
"Strawberry"
"Hamburger"
"Food"
`;

describe("tally FILE.blt", { timeout: 60_000 }, () => {
  it("counts a real Scottish ward by STV with the seats from the file", async () => {
    const out = await ok(path.join(ballotsDir, "edinburgh-2017-ward03-drum-brae-gyle.blt"));
    expect(out).toMatchObject({
      method: "stv",
      seats: 3,
      elected: ["Robert Christopher ALDRIDGE", "Claire BRIDGMAN", "Mark BROWN"],
      quota: 2369,
    });
    expect(typeof out.explanation).toBe("string");
    expect(out.explanation).toContain("quota 2369");
  });
  it("counts a temporary BLT file (the food election)", async () => {
    const out = await ok(temp("food.blt", FOOD_BLT));
    expect(out).toMatchObject({ method: "stv", seats: 3, elected: ["Chocolate", "Orange", "Strawberry"], quota: 6 });
  });
  it("--seats 1 defaults to IRV; --method chooses", async () => {
    const file = temp("food2.blt", FOOD_BLT);
    expect(await ok(file, "--seats", "1")).toMatchObject({ method: "irv", seats: 1, elected: ["Chocolate"] });
    expect(await ok(file, "--method", "stv", "--seats", "2")).toMatchObject({ method: "stv", seats: 2, quota: 7 });
    const schulze = await ok(file, "--method", "schulze");
    expect(schulze.method).toBe("schulze");
    expect(schulze.elected[0]).toBe(schulze.ranking[0][0]);
    expect(Array.isArray(schulze.ranking[0])).toBe(true);
    expect((await ok(file, "--method=approval")).method).toBe("approval");
  });
  it("counts the Burlington ABIF file by IRV", async () => {
    const out = await ok(path.join(ballotsDir, "burlington-2009-mayor.abif"));
    expect(out).toMatchObject({ method: "irv", seats: 1, elected: ["Bob Kiss (Progressive)"] });
  });
});

describe("tally FILE.json", { timeout: 60_000 }, () => {
  const example2 = { members: 100, present: 60, counts: { yes: 30, no: 15, abstain: 15 } };
  it("without members or present, takes everyone counted as present and as the membership", async () => {
    expect(await ok(temp("n1.json", JSON.stringify({ method: "majority", counts: { yes: 3, no: 3 } })))).toMatchObject({ outcome: "failed", required: 4, present: 6, members: 6 });
    expect(await ok(temp("n2.json", JSON.stringify({ method: "majority", members: 10, counts: { yes: 4, no: 3 } })))).toMatchObject({ outcome: "passed", present: 10, members: 10 });
  });
  it("ignores keys it does not know (a title, a note) but names a misspelt one", async () => {
    expect((await ok(temp("t1.json", JSON.stringify({ title: "Budget", note: "hand count", method: "majority", threshold: "1/2", quorum: null, ...example2 })))).outcome).toBe("passed");
  });
  it("Robert's Rules example 1: illegal ballots count in the base, blanks do not (majority of 81 is 41)", async () => {
    const base = { method: "majority", members: 100, present: 85 };
    expect(await ok(temp("r1.json", JSON.stringify({ ...base, counts: { yes: 41, no: 30, illegal: 10, blank: 4 } })))).toMatchObject({ outcome: "passed", base: 81, required: 41 });
    expect(await ok(temp("r2.json", JSON.stringify({ ...base, counts: { yes: 40, no: 31, illegal: 10, blank: 4 } })))).toMatchObject({ outcome: "failed", base: 81, required: 41 });
  });
  it("2/3 of votes cast with a majority quorum passes", async () => {
    const out = await ok(temp("a.json", JSON.stringify({ method: "supermajority", threshold: "2/3", base: "cast", quorum: "majority", ...example2 })));
    expect(out.outcome).toBe("passed");
    expect(out.explanation).toMatch(/^Passed: 30 yes of 45 votes cast/);
  });
  it("majority of those present fails (needs 31); 2/3 of present fails (needs 40); majority of members fails (needs 51)", async () => {
    expect(await ok(temp("b.json", JSON.stringify({ method: "majority", base: "present", ...example2 })))).toMatchObject({ outcome: "failed", required: 31 });
    expect(await ok(temp("c.json", JSON.stringify({ method: "supermajority", threshold: "2/3", base: "present", ...example2 })))).toMatchObject({
      outcome: "failed",
      required: 40,
    });
    expect(await ok(temp("d.json", JSON.stringify({ method: "majority", base: "members", ...example2 })))).toMatchObject({ outcome: "failed", required: 51 });
  });
  it("no quorum", async () => {
    const out = await ok(temp("e.json", JSON.stringify({ method: "majority", quorum: "1/2", members: 100, present: 49, counts: { yes: 40, no: 1 } })));
    expect(out.outcome).toBe("no_quorum");
    expect((await ok(temp("e2.json", JSON.stringify({ method: "majority", quorum: { count: 50 }, members: 100, present: 50, counts: { yes: 40, no: 1 } })))).outcome).toBe("passed");
  });
  it("consensus: a block blocks; consensus minus one lets it pass; stand-asides over the limit fail", async () => {
    const base = { method: "consensus", members: 20, present: 15, counts: { agree: 10, concern: 2, stand_aside: 2, block: 1 } };
    expect((await ok(temp("f.json", JSON.stringify(base)))).outcome).toBe("blocked");
    expect((await ok(temp("g.json", JSON.stringify({ ...base, consensus: { maxBlocks: 1, standAsideLimit: 2 } })))).outcome).toBe("passed");
    expect((await ok(temp("h.json", JSON.stringify({ ...base, consensus: { maxBlocks: 1, standAsideLimit: 1 } })))).outcome).toBe("failed");
  });
  it("unanimity", async () => {
    expect((await ok(temp("u.json", JSON.stringify({ method: "unanimity", members: 5, present: 5, counts: { yes: 4, no: 0, abstain: 1 } })))).outcome).toBe("passed");
  });
});

describe("tally errors: one line on stderr, exit 1", { timeout: 60_000 }, () => {
  it("no file", () => fails(/^tally: no file given/));
  it("missing file", () => fails(/^tally: no such file: .*missing\.blt$/, path.join(tmp, "missing.blt")));
  it("unknown flag", () => fails(/^tally: unknown option --frob/, temp("x.blt", FOOD_BLT), "--frob"));
  it("unknown method", () => fails(/^tally: unknown method "borda"/, temp("y.blt", FOOD_BLT), "--method", "borda"));
  it("bad seats", () => fails(/^tally: --seats must be a whole number/, temp("z.blt", FOOD_BLT), "--seats", "zero"));
  it("malformed BLT names the line", () => fails(/^tally: line 2: candidate 9 does not exist/, temp("bad.blt", '2 1\n1 9 0\n0\n"A"\n"B"\n')));
  it("bad JSON", () => fails(/^tally: bad JSON/, temp("bad.json", "{nope")));
  it("unknown vote method", () => fails(/^tally: method/, temp("m.json", JSON.stringify({ method: "plurality", members: 1, present: 1, counts: { yes: 1, no: 0 } }))));
  it("invalid counts", () => fails(/^tally: counts\.yes/, temp("n.json", JSON.stringify({ method: "majority", members: 1, present: 1, counts: { yes: -1, no: 0 } }))));
  it("a bad threshold", () => fails(/^tally: threshold/, temp("t.json", JSON.stringify({ method: "supermajority", threshold: "two thirds", members: 1, present: 1, counts: { yes: 1, no: 0 } }))));
  it("counts that exceed those present", () => fails(/^tally: the counts add up to 8, more than the 4 present$/, temp("x.json", JSON.stringify({ method: "majority", members: 10, present: 4, counts: { yes: 5, no: 3 } }))));
  it("a threshold on a plain majority", () => fails(/^tally: threshold: threshold goes with supermajority only/, temp("y.json", JSON.stringify({ method: "majority", threshold: "2/3", counts: { yes: 5, no: 3 } }))));
  it("an unknown key", () => fails(/^tally: /, temp("k.json", JSON.stringify({ method: "majority", members: 1, present: 1, counts: { yes: 1, no: 0 }, quorom: "majority" }))));
  it("an unknown file kind", () => fails(/^tally: .* is neither a \.blt, \.abif nor \.json file/, temp("v.txt", "hello")));
});
