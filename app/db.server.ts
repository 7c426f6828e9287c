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

function open() {
  const file = process.env.DATABASE_PATH || path.join(process.cwd(), "data", "plenary.db");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // WAL makes NORMAL durable enough (a power cut loses at most the last commits, never corrupts).
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema });
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
