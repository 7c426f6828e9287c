import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound, requireMember } from "~/web/authz.server";
import { redirectFormerDelegate } from "~/web/federation-http.server";
import { getCouncilProposal, isCouncil } from "~/models/council.server";

/**
 * A council proposal has one page, the proposal's own, where delegates see their mandate and
 * vote (docs/domain.md#mandates). This address, once a separate mandates page, keeps old
 * links working. With no page of its own it is a resource route, which the body layout's
 * loader does not run for: it sends a former delegate to their term's page itself.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await redirectFormerDelegate(request, params.slug);
  const { assembly } = await requireMember(request, params.slug);
  if (!isCouncil(assembly)) notFound();
  const p = getCouncilProposal(assembly.id, params.id ?? "");
  if (!p) notFound();
  throw redirect(`/a/${assembly.slug}/proposals/${p.id}#round`);
}
