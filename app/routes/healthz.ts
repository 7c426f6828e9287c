import { databaseHealth } from "~/db.server";

/**
 * For a monitor or a reverse proxy: 200 when the database can be read and written, 503 with
 * what is wrong and how to fix it otherwise (docs/operating.md#health).
 */
export async function loader() {
  const h = await databaseHealth();
  const headers = { "Cache-Control": "no-store" };
  if (h.ok) return Response.json({ status: "ok", database: "ok", writable: true, freeMb: h.freeMb }, { headers });
  return Response.json({ status: "error", database: h.database, problem: h.problem, fix: h.fix }, { status: 503, headers });
}
