/**
 * `npm run backup [-- DIR]`: a consistent copy of the database while the server runs, checked
 * (SQLite integrity and every body's decision record) before it is reported, into DIR
 * (default: a `backups` folder beside the database), keeping the newest BACKUP_KEEP (14).
 * Exit 0 when written, 1 when the copy failed its checks or could not be written, 2 when
 * there is no database. docs/operating.md#backups.
 */
import fs from "node:fs";
import path from "node:path";
import { databasePath, keepSetting, StorageError, takeBackup } from "~/storage.server";

const file = databasePath();
const arg = process.argv.slice(2).find((a) => !a.startsWith("-"));
const dir = path.resolve(arg ?? process.env.BACKUP_DIR ?? path.join(path.dirname(file), "backups"));
/** Paths under the current folder as typed there; others in full. */
const rel = (p: string) => (path.relative(process.cwd(), p).startsWith("..") ? p : path.relative(process.cwd(), p));

if (!fs.existsSync(file)) {
  console.error(`No database at ${file}. Set DATABASE_PATH to the database the server uses.`);
  process.exit(2);
}
try {
  fs.mkdirSync(dir, { recursive: true });
  const b = await takeBackup({ source: file, dir, keep: keepSetting() });
  const v = b.verification;
  console.log(`Backup written: ${rel(b.file)} (${(b.bytes / 1024 / 1024).toFixed(1)} MB)`);
  console.log(`Checked: SQLite integrity ok; decision record intact (${v.entries} entries in ${v.bodies} bodies).`);
  console.log(`Kept the newest ${keepSetting()} backups in ${rel(dir)}${b.removed.length ? `; removed ${b.removed.map((f) => path.basename(f)).join(", ")}` : ""}.`);
  if (b.keyFile) {
    console.log(`Not copied, on purpose: the key file ${rel(b.keyFile)}. Keep one copy of it apart from the backups;`);
    console.log(`it is needed only to count a secret round that was open at the time of a backup, on another machine.`);
  }
  if (v.openSecretRounds > 0) console.log(`${v.openSecretRounds} secret round(s) open: their ballots are in the backup sealed, countable only with the key file or a teller's code.`);
} catch (e) {
  console.error(e instanceof StorageError ? e.message : `Backup failed: ${(e as Error).message}`);
  process.exit(1);
}
