/**
 * The bare baseline (bench/README.md): a plain node:http server that does one
 * better-sqlite3 insert per request, with the same SQLite settings as the app (WAL,
 * synchronous NORMAL). Plenary's ballot throughput divided by this one's, under the same
 * load, is `ratio_vs_bare`: what the framework, sessions, authorization and the ballot
 * rules cost on top of the database write itself.
 *
 * Usage: node bench/bare-server.mjs DB_FILE  → prints "listening on http://127.0.0.1:PORT"
 */
import http from "node:http";
import Database from "better-sqlite3";

const file = process.argv[2];
if (!file) {
  console.error("usage: node bench/bare-server.mjs DB_FILE");
  process.exit(2);
}
const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("busy_timeout = 5000");
db.exec("create table if not exists hits (id integer primary key, body text not null, at integer not null)");
const insert = db.prepare("insert into hits (body, at) values (?, ?)");

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    insert.run(Buffer.concat(chunks).toString("utf8"), Date.now());
    res.writeHead(204);
    res.end();
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
