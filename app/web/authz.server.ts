/**
 * The one authorization helper: every loader and action under /a/$slug calls it.
 * A body is private, so a non-member gets the same 404 as for a body that does not exist.
 */
import type { User } from "lucia";
import { requireUser } from "~/web/session.server";
import { getAssemblyBySlug, type Assembly } from "~/models/assembly.server";
import { can, getMembership, type Membership, type Need } from "~/models/membership.server";

export type MemberContext = { user: User; assembly: Assembly; membership: Membership };

export function notFound(): never {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export function forbidden(reason = "forbidden"): never {
  throw new Response(reason, { status: 403, statusText: "Forbidden" });
}

export async function requireMember(request: Request, slug: string | undefined, need: Need = "any"): Promise<MemberContext> {
  const user = await requireUser(request);
  const assembly = slug ? getAssemblyBySlug(slug) : undefined;
  if (!assembly) notFound();
  const membership = getMembership(assembly.id, user.id);
  if (!membership) notFound();
  if (!can(membership, need)) forbidden(`needs.${need}`);
  return { user, assembly, membership };
}
