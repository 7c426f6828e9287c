import { sqlite } from "~/db.server";

export async function loader() {
  const row = sqlite.prepare("select 1 as ok").get() as { ok: number };
  return Response.json({ status: "ok", database: row.ok === 1 ? "ok" : "error" }, { headers: { "Cache-Control": "no-store" } });
}
