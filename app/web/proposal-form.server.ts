/**
 * The proposal form's fields, read the same when a proposal is made and when its author
 * revises it: the title and body through the form's schema and, for a charter amendment,
 * the proposed charter through the charter's own schema (its errors prefixed "charter.").
 */
import type { z } from "zod";
import { charterFromForm, charterFormSchema, type Charter } from "~/lib/charter";
import { fieldErrors, formValues, parseForm, type FormFailure } from "./forms";

export function parseProposalForm<S extends z.ZodType>(
  schema: S,
  form: FormData,
  amendment: { amends: boolean; unchangedFrom?: Charter },
): { ok: true; data: z.infer<S>; charter: Charter | null } | FormFailure {
  const parsed = parseForm(schema, form);
  let errors = parsed.ok ? {} : parsed.errors;
  let charter: Charter | null = null;
  if (amendment.amends) {
    const c = charterFormSchema.safeParse(charterFromForm(form));
    if (!c.success) errors = { ...errors, ...fieldErrors(c.error, "charter."), form: "errors.fixBelow" };
    // An amendment that changes nothing would be a vote about nothing.
    else if (amendment.unchangedFrom && JSON.stringify(c.data) === JSON.stringify(amendment.unchangedFrom)) errors = { ...errors, form: "proposal.errors.charterUnchanged" };
    else charter = c.data;
  }
  if (!parsed.ok || Object.keys(errors).length) return { ok: false, errors, values: formValues(form) };
  return { ok: true, data: parsed.data, charter };
}
