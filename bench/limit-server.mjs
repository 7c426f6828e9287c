/**
 * The same-work limit (bench/README.md): a plain node:http server, no framework, that does
 * exactly the database work of one ballot cast in Plenary — the same SQL statements, in the
 * same order, prepared once, the write in one immediate transaction, and the answer sent only
 * once the WAL is synced, sharing one sync among the requests that wait (as `durable()` in
 * app/db.server.ts does). Plenary's ballots per second divided by this server's, under the
 * same load on the same database, is `ratio_vs_limit`: what the web stack and the app's own
 * JavaScript cost on top of the work a ballot needs.
 *
 * The statements are Plenary's own, as a cast runs them (sessions and user, assembly by
 * slug, membership, proposal, round twice, electorate, proxy, proposal again, the voter's
 * ballot, any paper ballot, then the insert or update). Checks it skips: none that read the
 * database; what it leaves out is the rest (zod, the charter's rules in JavaScript, Remix).
 *
 * Usage: node bench/limit-server.mjs DB_FILE  → prints "listening on http://127.0.0.1:PORT"
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import Database from "better-sqlite3";

const file = process.argv[2];
if (!file) {
  console.error("usage: node bench/limit-server.mjs DB_FILE");
  process.exit(2);
}
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");
db.pragma("synchronous = NORMAL");
db.pragma("secure_delete = ON");

const q = {
  session: db.prepare(`select "id", "user_id", "expires_at", "created_at", "user_agent" from "sessions" where "sessions"."id" = ?`),
  user: db.prepare(
    `select "users"."id", "users"."username", "users"."display_name", "users"."password_hash", "users"."locale", "users"."gender", "users"."calendar_token", "users"."created_at", "users"."email", "users"."notify", "users"."unsubscribe_token" from "sessions" inner join "users" on "sessions"."user_id" = "users"."id" where "sessions"."id" = ?`,
  ),
  assembly: db.prepare(`select "id", "slug", "name", "kind", "description", "time_zone", "created_by", "created_at" from "assemblies" where "assemblies"."slug" = ?`),
  membership: db.prepare(`select "id", "assembly_id", "user_id", "role", "steward", "facilitator", "aid_coordinator", "joined_at", "invitation_id" from "memberships" where ("memberships"."assembly_id" = ? and "memberships"."user_id" = ?)`),
  proposalIn: db.prepare(
    `select "id", "assembly_id", "number", "kind", "status", "author_id", "title", "system_title", "current_revision", "seats", "created_at", "updated_at", "decided_at" from "proposals" where ("proposals"."id" = ? and "proposals"."assembly_id" = ?)`,
  ),
  round: db.prepare(
    `select "id", "proposal_id", "number", "revision", "kind", "method", "rule", "ballot_kind", "secret", "receipts", "mode", "meeting_id", "opened_by", "opened_at", "deadline", "closed_at", "closed_by", "charter_version", "electorate_size", "present_count", "hand_count", "outcome", "figures", "explanation_en", "explanation_es" from "rounds" where "rounds"."id" = ?`,
  ),
  electorate: db.prepare(`select "user_id" from "round_electorate" where ("round_electorate"."round_id" = ? and "round_electorate"."user_id" = ?)`),
  proxy: db.prepare(`select "round_id", "giver_id", "holder_id", "cast" from "round_proxies" where ("round_proxies"."round_id" = ? and "round_proxies"."giver_id" = ?)`),
  proposal: db.prepare(
    `select "id", "assembly_id", "number", "kind", "status", "author_id", "title", "system_title", "current_revision", "seats", "created_at", "updated_at", "decided_at" from "proposals" where "proposals"."id" = ?`,
  ),
  ballot: db.prepare(`select "id" from "ballots" where ("ballots"."round_id" = ? and "ballots"."user_id" = ?)`),
  paper: db.prepare(`select 1 from "paper_ballots" where "paper_ballots"."round_id" = ? limit ?`),
  insert: db.prepare(`insert into "ballots" ("id", "round_id", "user_id", "choice", "reason", "text", "ranking", "updated_at") values (?, ?, ?, ?, ?, ?, ?, ?)`),
  update: db.prepare(`update "ballots" set "choice" = ?, "reason" = ?, "text" = ?, "ranking" = ?, "updated_at" = ? where "ballots"."id" = ?`),
};

const cast = db.transaction((roundId, userId, choice, now) => {
  const round = q.round.get(roundId);
  if (!round || round.closed_at !== null) return 409;
  if (!q.electorate.get(roundId, userId)) return 403;
  q.proxy.get(roundId, userId);
  q.proposal.get(round.proposal_id);
  const existing = q.ballot.get(roundId, userId);
  if (existing) {
    q.update.run(choice, null, null, null, now, existing.id);
    return 200;
  }
  q.paper.get(roundId, 1);
  q.insert.run(crypto.randomBytes(15).toString("base64url"), roundId, userId, choice, null, null, null, now);
  return 200;
});

// One WAL sync shared by every answer waiting for it (app/db.server.ts, `durable`).
let walFd = null;
let syncing = null;
let nextSync = null;
function syncWal() {
  return new Promise((resolve, reject) => {
    try {
      walFd ??= fs.openSync(`${file}-wal`, "r");
    } catch (e) {
      return e.code === "ENOENT" ? resolve() : reject(e);
    }
    fs.fdatasync(walFd, (e) => (e ? reject(e) : resolve()));
  });
}
function durable() {
  if (!syncing) return (syncing = syncWal().finally(() => (syncing = null)));
  return (nextSync ??= syncing.then(() => {
    nextSync = null;
    return durable();
  }));
}

const PATH = /^\/a\/([^/]+)\/proposals\/([^/.]+)(?:\.data)?$/;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    const url = new URL(req.url, "http://x");
    const m = PATH.exec(url.pathname);
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const sid = /(?:^|;\s*)plenary_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    let status = 404;
    if (m && sid && q.session.get(sid)) {
      const user = q.user.get(sid);
      const assembly = user && q.assembly.get(decodeURIComponent(m[1]));
      const membership = assembly && q.membership.get(assembly.id, user.id);
      const proposal = membership && q.proposalIn.get(m[2], assembly.id);
      const round = proposal && q.round.get(String(form.get("roundId") ?? ""));
      if (round && round.proposal_id === proposal.id) status = cast(round.id, user.id, String(form.get("choice") ?? ""), Date.now());
    }
    if (status === 200) await durable();
    res.writeHead(status, { "content-type": "text/plain" });
    res.end(status === 200 ? "done=voted" : "refused");
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
