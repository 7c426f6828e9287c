import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireMember } from "~/web/authz.server";
import { getProposal } from "~/models/proposal.server";
import { electionBlt } from "~/models/delegate.server";

/** Every ballot of a decided election — phone and paper — as a BLT file (docs/domain.md#elections). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly } = await requireMember(request, params.slug);
  const p = params.id ? getProposal(assembly.id, params.id) : undefined;
  if (!p || p.kind !== "election") notFound();
  const r = electionBlt(p.id);
  if (!r.ok) throw new Response(r.error, { status: r.status });
  return new Response(r.text, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${r.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
