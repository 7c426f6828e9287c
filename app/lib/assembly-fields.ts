/**
 * The assembly forms' option lists and slug suggestion, without zod, so the pages that show
 * them do not ship the validation library to phones. The schemas are in
 * ./assembly-validation.server.ts.
 */
export const ASSEMBLY_KINDS = [
  "tenant_union",
  "neighborhood_assembly",
  "worker_coop",
  "commune",
  "mutual_aid",
  "other",
] as const;

export const RESERVED_SLUGS = ["new", "admin", "api", "healthz", "login", "signup", "join"];

export const INVITE_ROLES = ["member", "observer", "facilitator", "steward"] as const;

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
