/**
 * Answers of the federation pages' actions that carry which form they came from (`intent`),
 * so a page with several forms shows the message on the right one. Refusals are answered by
 * `refused` (app/web/refusal.server.ts).
 */
import { redirect } from "@remix-run/node";
import { getAssembly, getAssemblyBySlug } from "~/models/assembly.server";
import { getMembership } from "~/models/membership.server";
import { endedTermIn } from "~/models/delegate.server";
import type { FormFailure } from "./forms";
import { invalid } from "./http.server";
import { getUser } from "./session.server";

export type FedFailure = FormFailure & { intent: string };

export function badForm(f: FormFailure, intent: string) {
  return invalid({ ...f, intent } satisfies FedFailure);
}

/**
 * A delegate whose seat in a council was taken away (recalled, resigned, term over, or their
 * assembly left) is no longer a member there; instead of a bare "not found" they are sent to
 * their term's page at home, which says how and when it ended (docs/domain.md#recall).
 */
export async function redirectFormerDelegate(request: Request, slug: string | undefined) {
  const user = await getUser(request);
  const council = slug ? getAssemblyBySlug(slug) : undefined;
  if (!user || !council || council.kind !== "council" || getMembership(council.id, user.id)) return;
  const ended = endedTermIn(council.id, user.id);
  const home = ended ? getAssembly(ended.assemblyId) : undefined;
  if (!ended || !home || !getMembership(home.id, user.id)) return;
  throw redirect(`/a/${home.slug}/delegates/terms/${ended.id}?from=council`);
}
