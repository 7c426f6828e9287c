/**
 * Forms of founding an assembly and inviting to it, for actions (server only, so pages do not
 * ship zod to phones; their option lists are in ./assembly-fields). Messages are i18n keys.
 */
import { z } from "zod";
import { ASSEMBLY_KINDS, INVITE_ROLES, RESERVED_SLUGS } from "./assembly-fields";
import { formBoolean } from "./bool";
import { PRESET_NAMES } from "./charter-fields";
import { isTimeZone } from "./time-zones";

export const slugSchema = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(2, "errors.slug.short")
  .max(40, "errors.slug.long")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "errors.slug.chars")
  .refine((s) => !RESERVED_SLUGS.includes(s), "errors.slug.reserved");

/** An IANA zone name the runtime knows (app/lib/time-zones.ts). */
export const timeZoneSchema = z.string({ error: "errors.required" }).trim().refine(isTimeZone, "errors.timeZone");

export const foundAssemblySchema = z.object({
  name: z.string({ error: "errors.required" }).trim().min(2, "errors.name.short").max(100, "errors.tooLong"),
  kind: z.enum(ASSEMBLY_KINDS, { error: "errors.choice" }),
  slug: slugSchema,
  description: z.string().trim().max(2000, "errors.tooLong").default(""),
  preset: z.enum(PRESET_NAMES, { error: "errors.choice" }),
  // Left out (an older form, a script): the server's zone.
  timeZone: timeZoneSchema.optional(),
});

/** A steward changes the assembly's time zone from its overview page. */
export const assemblyTimeZoneSchema = z.object({ intent: z.literal("timeZone"), timeZone: timeZoneSchema });

export const invitationSchema = z.object({
  role: z.enum(INVITE_ROLES, { error: "errors.choice" }),
  label: z.string().trim().max(80, "errors.tooLong").default(""),
  expiresInDays: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(1, "errors.min1").max(365, "errors.range1to365"),
  maxUses: z.coerce.number({ error: "errors.number" }).int("errors.integer").min(1, "errors.min1").max(10000, "errors.tooLarge"),
});

export const revokeInvitationSchema = z.object({ intent: z.literal("revoke"), id: z.string().min(1) });

/** The members page: a steward changes roles or removes someone; anyone leaves. */
export const memberActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("roles"),
    userId: z.string().min(1),
    role: z.enum(["member", "observer"], { error: "errors.choice" }),
    steward: formBoolean,
    facilitator: formBoolean,
  }),
  z.object({ intent: z.literal("remove"), userId: z.string().min(1) }),
  z.object({ intent: z.literal("reset"), userId: z.string().min(1) }),
  z.object({ intent: z.literal("leave") }),
]);
