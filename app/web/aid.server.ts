/**
 * What every mutual-aid loader and action starts with: the member check (a non-member gets
 * 404, as everywhere under /a/$slug), then who they are for aid — whether they coordinate it —
 * and the body's privacy ladder (docs/domain.md#mutual-aid). Aid belongs to assemblies; a
 * council shows its member assemblies' shared needs on its own page.
 */
import { requireMember, forbidden, notFound, type MemberContext } from "./authz.server";
import { parseLocalDateTime } from "~/lib/meeting-fields";
import type { AidViewer } from "~/lib/aid-fields";
import { aidRules, type PostInput } from "~/models/aid.server";

export type AidContext = MemberContext & { viewer: AidViewer; ladder: ReturnType<typeof aidRules>["ladder"]; retentionDays: number };

export async function requireAid(request: Request, slug: string | undefined, need: "any" | "coordinator" | "steward" = "any"): Promise<AidContext> {
  const ctx = await requireMember(request, slug);
  if (ctx.assembly.kind === "council") notFound();
  const viewer = { userId: ctx.user.id, coordinator: ctx.membership.aidCoordinator };
  if (need === "coordinator" && !viewer.coordinator) forbidden("needs.aidCoordinator");
  if (need === "steward" && !ctx.membership.steward) forbidden("needs.steward");
  const { ladder, retentionDays } = aidRules(ctx.assembly.id);
  return { ...ctx, viewer, ladder, retentionDays };
}

/** A window typed as two dates: from the start of the first day to the end of the last, in the assembly's zone (`zone`). */
export function windowOf(data: { when: "ongoing" | "window"; from: string | null; until: string | null }, zone: string): { windowStart: number | null; windowEnd: number | null } {
  if (data.when !== "window" || !data.from || !data.until) return { windowStart: null, windowEnd: null };
  return { windowStart: parseLocalDateTime(`${data.from}T00:00`, zone), windowEnd: parseLocalDateTime(`${data.until}T23:59`, zone) };
}

export function postInput(kind: PostInput["kind"], d: { categoryId: string; zoneId: string | null; title: string; quantity: string; details: string; when: "ongoing" | "window"; from: string | null; until: string | null; urgency: PostInput["urgency"]; anonymous: boolean; shareable: boolean }, zone: string): PostInput {
  return { kind, categoryId: d.categoryId, zoneId: d.zoneId, title: d.title, quantity: d.quantity, details: d.details, ...windowOf(d, zone), urgency: d.urgency, anonymous: d.anonymous, shareable: d.shareable };
}
