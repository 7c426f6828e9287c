import { z } from "zod";
import { PRESET_NAMES } from "./charter";

export const ASSEMBLY_KINDS = [
  "tenant_union",
  "neighborhood_assembly",
  "worker_coop",
  "commune",
  "mutual_aid",
  "other",
] as const;

export const RESERVED_SLUGS = ["new", "admin", "api", "healthz", "login", "signup", "join"];

export const slugSchema = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(2, "errors.slug.short")
  .max(40, "errors.slug.long")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "errors.slug.chars")
  .refine((s) => !RESERVED_SLUGS.includes(s), "errors.slug.reserved");

export const foundAssemblySchema = z.object({
  name: z.string({ error: "errors.required" }).trim().min(2, "errors.name.short").max(100, "errors.tooLong"),
  kind: z.enum(ASSEMBLY_KINDS, { error: "errors.choice" }),
  slug: slugSchema,
  description: z.string().trim().max(2000, "errors.tooLong").default(""),
  preset: z.enum(PRESET_NAMES as [string, ...string[]], { error: "errors.choice" }),
});

/** A url name suggested from the assembly's name ("Tenants of 5th St" → "tenants-of-5th-st"). */
export function suggestSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

export const INVITE_ROLES = ["member", "observer", "facilitator", "steward"] as const;

export const invitationSchema = z.object({
  role: z.enum(INVITE_ROLES, { error: "errors.choice" }),
  label: z.string().trim().max(80, "errors.tooLong").default(""),
  expiresInDays: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(1, "errors.min1").max(365, "errors.range1to365"),
  maxUses: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(1, "errors.min1").max(10000, "errors.tooLarge"),
});
