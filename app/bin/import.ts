/**
 * `npm run import -- FILE [FILE…] [--slug new-address]`: loads body files written by `npm run export`
 * (or downloaded from a body's Members page) into DATABASE_PATH, in one transaction, with new ids;
 * people are matched by username or created without a password; each body's decision record is
 * carried entry for entry and its hash chain verified before the transaction commits
 * (docs/decisions/020-body-export-import.md). Like restore, it refuses while a server uses the
 * database. Exit 0 when imported, 1 when refused (nothing written), 2 on a usage error.
 */
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { translate, type Locale } from "~/i18n";
import { Refused } from "~/lib/refusal";
import { databasePath } from "~/storage.server";
import { claimDatabase, serverHolding } from "./db-lock.mjs";

const locale: Locale = /^es/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || "") ? "es" : "en";
const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
const args = process.argv.slice(2);
const at = args.indexOf("--slug");
const slug = at >= 0 ? args[at + 1] : undefined;
const inputs = args.filter((a, i) => !a.startsWith("-") && !(at >= 0 && i === at + 1));
if (inputs.length === 0 || (at >= 0 && !slug)) {
  console.error(t("transfer.cli.importUsage"));
  process.exit(2);
}
for (const f of inputs)
  if (!fs.existsSync(f)) {
    console.error(t("transfer.cli.noFile", { file: path.resolve(f) }));
    process.exit(2);
  }

const file = databasePath();
const refuseWith = (message: string): never => {
  console.error(`${message}\n${t("transfer.cli.nothingWritten")}`);
  process.exit(1);
};
const holder = serverHolding(file);
if (holder) refuseWith(t("transfer.cli.serverRunning", { pid: holder.pid ?? "?", db: file }));
// Held until the import has committed: no server starts on a half-imported database.
let lock: Database.Database | null = null;
try {
  lock = claimDatabase(file, "run the import again");
} catch (e) {
  refuseWith((e as Error).message);
}

process.env.PLENARY_NO_BACKGROUND = "1";
const { sqlite, closeDatabase } = await import("~/db.server");
const { importBodies, parseBodyFile } = await import("~/models/body-transfer.server");
try {
  const files = inputs.map((f) => parseBodyFile(fs.readFileSync(f, "utf8")));
  const r = importBodies(sqlite, files, { slug });
  for (const b of r.bodies) console.log(t("transfer.cli.imported", { name: b.name, slug: b.slug, rows: b.rows, entries: b.entries }));
  if (r.matched.length) console.log(`${t("transfer.cli.matched", { n: r.matched.length, names: r.matched.join(", ") })}\n  ${t("transfer.cli.matchedCheck")}`);
  if (r.created.length) console.log(`${t("transfer.cli.created", { n: r.created.length, names: r.created.join(", ") })}\n  ${t("transfer.cli.createdHow")}`);
  const base = (process.env.PUBLIC_URL || "http://localhost:3000").replace(/\/+$/, "");
  if (r.links.length) {
    console.log(t("transfer.cli.links"));
    for (const l of r.links) console.log(`  ${l.username.padEnd(12)} ${base}/reset/${l.token}`);
  }
  const list = (o: Record<string, number>) => Object.entries(o).map(([k, n]) => `${k} ${n}`).join(", ");
  if (Object.keys(r.leftOut).length) console.log(t("transfer.cli.leftOut", { detail: list(r.leftOut) }));
  if (Object.keys(r.unlinked).length) console.log(t("transfer.cli.unlinked", { detail: list(r.unlinked) }));
  console.log(t("transfer.cli.verify"));
} catch (e) {
  if (!(e instanceof Refused)) throw e;
  console.error(`${t(e.refusal.error, e.refusal.params)}\n${t("transfer.cli.nothingWritten")}`);
  process.exitCode = 1;
} finally {
  closeDatabase();
  lock?.close();
}
