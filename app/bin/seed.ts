/**
 * `npm run seed`: fills an EMPTY database with a realistic demo and prints the logins.
 * Each area adds its part (app/bin/seed/*.ts) on top of the people and assemblies made here.
 */
import { sql } from "drizzle-orm";
import { db } from "~/db.server";
import { users } from "../../db/schema";
import { seedFoundation, DEMO_PASSWORD } from "./seed/foundation";

async function main() {
  const existing = db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
  if (existing > 0) {
    console.error(`The database already has ${existing} accounts; the demo only fills an empty one.`);
    console.error("Use another file, e.g. DATABASE_PATH=data/demo.db npm run seed");
    process.exit(1);
  }
  const now = Date.now();
  const ctx = await seedFoundation(now);
  const parts: Array<[string, string]> = [
    ["decisions", "./seed/decisions"],
    ["meetings", "./seed/meetings"],
    ["federation", "./seed/federation"],
    ["aid", "./seed/aid"],
  ];
  for (const [name, mod] of parts) {
    let fn: ((c: typeof ctx) => Promise<void> | void) | undefined;
    try {
      const m = await import(mod);
      fn = m[`seed${name[0].toUpperCase()}${name.slice(1)}`];
    } catch (e) {
      if ((e as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw e;
    }
    if (fn) await fn(ctx);
  }
  console.log("Demo data ready. Log in at http://localhost:3000/login with any of these (password for all: " + DEMO_PASSWORD + "):\n");
  for (const line of ctx.logins) console.log("  " + line);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
