import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/web/authz.server";
import { GENESIS, listRecord, verifyRecord } from "~/models/record.server";

/**
 * The whole decision record with its hashes, for members to keep and check on their own:
 * hash = sha256(prevHash + "\n" + canonical JSON of the entry), starting from GENESIS.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly } = await requireMember(request, params.slug);
  const entries = listRecord(assembly.id, { limit: 1_000_000 })
    .reverse()
    .map((e) => ({ seq: e.seq, kind: e.kind, subjectId: e.subjectId, summary: e.summary, payload: JSON.parse(e.payload), createdAt: e.createdAt, prevHash: e.prevHash, hash: e.hash }));
  const chain = verifyRecord(assembly.id);
  const body = JSON.stringify({ assembly: assembly.slug, genesis: GENESIS, intact: chain.broken === null, entries }, null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${assembly.slug}-record.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
