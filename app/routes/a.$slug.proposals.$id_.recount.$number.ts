import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireMember } from "~/web/authz.server";
import { getProposal } from "~/models/proposal.server";
import { listRounds, recountFile } from "~/models/round.server";

/**
 * A closed round's ballots, with no names, for anyone to recount with `npm run tally`
 * (docs/decisions/009-secret-ballots.md): BLT for a ranked round, counts as JSON otherwise.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly } = await requireMember(request, params.slug);
  const p = params.id ? getProposal(assembly.id, params.id) : undefined;
  if (!p) notFound();
  const round = listRounds(p.id).find((r) => String(r.number) === params.number);
  const file = round ? recountFile(round.id) : null;
  if (!file) notFound();
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
