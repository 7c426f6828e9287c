/**
 * The closing line CI reads must count what failed, including a hook that kept a whole file
 * from running (vitest then skips the tests and would otherwise show "0 failed").
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/** Runs vitest on one fixture in a child process (asynchronously: a blocked worker misses vitest's own messages). */
function runFixture(name: string): Promise<{ status: number | null; last: string | undefined; out: string }> {
  // A clean environment: the outer vitest's variables would make the inner run think it is a worker.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "TEST"));
  const child = spawn(process.execPath, [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--config", "tests/helpers/fixtures/vitest.config.ts"], {
    cwd: root,
    env: { ...env, NODE_ENV: "test", FIXTURE: `tests/helpers/fixtures/${name}` },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, last: stdout.trimEnd().split("\n").at(-1), out: stdout + stderr }));
  });
}

describe("the test summary", () => {
  it("counts a failed beforeAll as a failure, names it and prints its error", async () => {
    const r = await runFixture("failing-hook.fixture.ts");
    expect(r.status, r.out).toBe(1);
    expect(r.last).toBe("0 passed, 1 failed");
    expect(r.out).toContain("tests/helpers/fixtures/failing-hook.fixture.ts > journeys: beforeAll failed — 2 tests did not run");
    expect(r.out).toContain("server did not start: port in use");
  }, 120_000);

  it("counts a failed afterAll and a failed test apart, and the passing test as passed", async () => {
    const r = await runFixture("after.fixture.ts");
    expect(r.status, r.out).toBe(1);
    expect(r.last).toBe("1 passed, 2 failed");
    expect(r.out).toContain("a file that cleans up badly: afterAll failed");
    expect(r.out).toContain("could not remove the temporary database");
    expect(r.out).toContain("a file that cleans up badly > fails: failed");
  }, 120_000);

  it("ends a green run with the plain line and nothing about failures", async () => {
    const r = await runFixture("passing.fixture.ts");
    expect(r.status, r.out).toBe(0);
    expect(r.last).toBe("1 passed, 0 failed, 1 skipped");
    expect(r.out).not.toContain("What failed");
  }, 120_000);
});
