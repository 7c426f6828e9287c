/**
 * The framework floor of `npm run bench` (bench/README.md): a post that writes one row, waits
 * for it to be on disk as a ballot does, and answers — nothing else. What it costs is what any
 * post costs through the server, Remix and single fetch, before the app does anything.
 * Answers only a server started with PLENARY_BENCH=1 (the bench's); any other gets a 404.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { durable } from "~/db.server";
import { floorWrite } from "~/models/bench-floor.server";

const enabled = process.env.PLENARY_BENCH === "1";

export async function action({ request }: ActionFunctionArgs) {
  if (!enabled) throw new Response("Not Found", { status: 404 });
  const form = await request.formData();
  floorWrite(String(form.get("intent") ?? ""));
  await durable();
  return { ok: true };
}

export async function loader() {
  throw new Response("Not Found", { status: 404 });
}
