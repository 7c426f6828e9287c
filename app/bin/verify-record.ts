/**
 * `npm run verify-record [-- path/to/plenary.db]`: walks every body's hash-chained decision
 * record (docs/domain.md#decision-record) and names the first broken link. Exit 0 when intact, 1 when broken,
 * 2 when the database cannot be read.
 */
import fs from "node:fs";
import path from "node:path";

const arg = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (arg) process.env.DATABASE_PATH = arg;
const file = process.env.DATABASE_PATH || path.join(process.cwd(), "data", "plenary.db");
if (!fs.existsSync(file)) {
  console.error(`No database at ${file}. Set DATABASE_PATH or pass the file as an argument.`);
  process.exit(2);
}
// Nothing runs in the background while we read.
process.env.PLENARY_NO_BACKGROUND = "1";

const { verifyRecord } = await import("~/models/record.server");
const { getAssembly } = await import("~/models/assembly.server");

const { checked, broken } = verifyRecord();
if (!broken) {
  console.log(`Decision record intact: ${checked} entries checked`);
  process.exit(0);
}
const body = getAssembly(broken.assemblyId);
console.error(`Decision record BROKEN in "${body?.slug ?? broken.assemblyId}" at entry ${broken.seq}: ${broken.reason}.`);
console.error(`${checked} entries before it are intact.`);
process.exit(1);
