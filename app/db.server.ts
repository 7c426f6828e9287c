/**
 * The one database connection: embedded SQLite through better-sqlite3, WAL mode,
 * foreign keys on, migrations applied on first use so a fresh clone just works.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../db/schema";

export type DB = BetterSQLite3Database<typeof schema>;

/**
 * drizzle prepares every query anew (a SQLite parse, and a native statement the GC frees
 * only later): under load that was a large share of each request and most of the server's
 * memory (bench/README.md). drizzle gets a view of the connection whose `prepare` reuses
 * statements by their SQL text; modes drizzle switches on (raw) are reset on reuse.
 */
function withStatementCache(sqlite: Database.Database, max = 2000): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const client = Object.create(sqlite) as Database.Database;
  client.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      // Most recently used last, so the oldest is evicted first.
      cache.delete(source);
      cache.set(source, stmt);
      if (stmt.reader) stmt.raw(false).pluck(false).expand(false);
      return stmt;
    }
    stmt = sqlite.prepare(source);
    cache.set(source, stmt);
    if (cache.size > max) cache.delete(cache.keys().next().value!);
    return stmt;
  }) as Database.Database["prepare"];
  return client;
}

function open() {
  const file = process.env.DATABASE_PATH || path.join(process.cwd(), "data", "plenary.db");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // WAL makes NORMAL durable enough (a power cut loses at most the last commits, never corrupts).
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(withStatementCache(sqlite), { schema });
  migrate(db, { migrationsFolder: path.join(process.cwd(), "db", "migrations") });
  return { sqlite, db };
}

declare global {
  // Kept across dev rebuilds so only one connection is ever open.
  var __plenaryDb: ReturnType<typeof open> | undefined;
}

const conn = (globalThis.__plenaryDb ??= open());

export const db: DB = conn.db;
export const sqlite = conn.sqlite;

/**
 * Runs `fn` in one immediate transaction: all or nothing, and concurrent writers queue
 * instead of failing half-way.
 */
export function transaction<T>(fn: () => T): T {
  return sqlite.transaction(fn).immediate();
}
