/**
 * `npm run export -- --body <address> [FILE]`: a body's whole file (docs/operating.md#moving-one-body-to-another-server),
 * the same file its stewards download from the body's Members page. Reads the database while the server
 * runs (one read transaction: one moment's state). Exit 0 when written, 1 when refused, 2 on a usage error.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { translate, type Locale } from "~/i18n";
import { Refused } from "~/lib/refusal";
import { databasePath } from "~/storage.server";
import { exportBody } from "~/models/body-transfer.server";

const locale: Locale = /^es/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || "") ? "es" : "en";
const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
const args = process.argv.slice(2);
const at = args.indexOf("--body");
const slug = at >= 0 ? args[at + 1] : undefined;
const out = args.filter((a, i) => !a.startsWith("-") && i !== at + 1)[0];
if (!slug) {
  console.error(t("transfer.cli.exportUsage"));
  process.exit(2);
}
const file = databasePath();
if (!fs.existsSync(file)) {
  console.error(t("transfer.cli.noFile", { file }));
  process.exit(2);
}
const conn = new Database(file, { readonly: true, fileMustExist: true });
conn.pragma("busy_timeout = 5000");
try {
  const body = conn.prepare("select id from assemblies where slug = ?").pluck().get(slug) as string | undefined;
  if (!body) {
    console.error(t("transfer.cli.noBody", { slug, db: file }));
    process.exit(1);
  }
  const { file: bodyFile, counts } = exportBody(conn, body);
  const target = path.resolve(out ?? `${slug}-plenary.json`);
  // Written under a hidden name and renamed: a cut-short run never leaves half a file under the real name.
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.partial`);
  fs.writeFileSync(partial, JSON.stringify(bodyFile, null, 1), { mode: 0o600 });
  fs.renameSync(partial, target);
  console.log(
    t("transfer.cli.exported", { name: bodyFile.body.name, slug, file: path.relative(process.cwd(), target).startsWith("..") ? target : path.relative(process.cwd(), target), people: counts.people, proposals: counts.proposals, rounds: counts.rounds, meetings: counts.meetings, polls: counts.polls, entries: counts.record }),
  );
} catch (e) {
  if (!(e instanceof Refused)) throw e;
  console.error(t(e.refusal.error, e.refusal.params));
  process.exit(1);
} finally {
  conn.close();
}
