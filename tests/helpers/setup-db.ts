/**
 * Each integration test file gets its own fresh SQLite file, migrated on first use,
 * exactly as the app does at start. Background timers are off: tests drive time.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-test-"));
process.env.DATABASE_PATH = path.join(dir, "test.db");
process.env.PLENARY_NO_BACKGROUND = "1";
const g = globalThis as { __plenaryDb?: { sqlite: { close(): void } } };
if (g.__plenaryDb) {
  g.__plenaryDb.sqlite.close();
  g.__plenaryDb = undefined;
}
