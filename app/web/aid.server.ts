/**
 * What every mutual-aid loader and action starts with: the member check (a non-member gets
 * 404, as everywhere under /a/$slug), then who they are for aid — whether they coordinate it —
 * and the body's privacy ladder (docs/domain.md#mutual-aid). Aid belongs to assemblies; a
 * council shows its member assemblies' shared needs on its own page.
 */
import { redirect } from "@remix-run/node";
import type { z } from "zod";
import { requireMember, forbidden, notFound, type MemberContext } from "./authz.server";
import { parseForm } from "./forms";
import { badRequest } from "./http.server";
import { badForm } from "./federation-http.server";
import { refused } from "./refusal.server";
import { localeFor } from "./locale.server";
import { parseLocalDateTime } from "~/lib/meeting-fields";
import type { AidViewer } from "~/lib/aid-fields";
import type { Result } from "~/lib/refusal";
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

/** Who may, beyond being a member: the body's aid coordinators, its stewards, or either. */
export type AidNeed = "coordinator" | "steward" | "coordinatorOrSteward";

/** One intent of an aid page's forms: its zod schema (from aid-validation.server), who may, what it does, where the member goes next. */
export type AidIntent<S extends z.ZodType = z.ZodType, T extends object = object> = {
  schema: S;
  need?: AidNeed;
  run: (data: z.infer<S>, ctx: AidContext & { now: number }) => Result<T>;
  done: (data: z.infer<S>, r: T, ctx: AidContext) => string;
};

/** Types one intent (its data from its schema) for `aidAction`'s table. */
export function aidIntent<S extends z.ZodType, T extends object>(spec: AidIntent<S, T>): AidIntent {
  return spec as unknown as AidIntent;
}

function allowed(ctx: AidContext, need: AidNeed | undefined) {
  if (need === "coordinator" && !ctx.viewer.coordinator) forbidden("needs.aidCoordinator");
  if (need === "steward" && !ctx.membership.steward) forbidden("needs.steward");
  if (need === "coordinatorOrSteward" && !ctx.viewer.coordinator && !ctx.membership.steward) forbidden("needs.aidCoordinator");
}

/**
 * Every aid page's action, in one order: the member (404 otherwise), the page's own check
 * (`check`: the post or match under this body), the intent (400 for an unknown one), who may
 * (403), the form (400, each message beside its field), then the model's answer (its refusal
 * beside the field it names) or the redirect.
 */
export async function aidAction(request: Request, slug: string | undefined, intents: Record<string, AidIntent>, check?: (ctx: AidContext) => void) {
  const ctx = await requireAid(request, slug);
  check?.(ctx);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const spec = Object.prototype.hasOwnProperty.call(intents, intent) ? intents[intent] : undefined;
  if (!spec) badRequest("aid.errors.intent");
  allowed(ctx, spec.need);
  const parsed = parseForm(spec.schema, form);
  if (!parsed.ok) return badForm(parsed, intent);
  const r = spec.run(parsed.data, { ...ctx, now: Date.now() });
  if (!r.ok) return refused(r, form, { intent, locale: localeFor(request, ctx.user) });
  return redirect(spec.done(parsed.data, r, ctx));
}
