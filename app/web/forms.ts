/**
 * Form parsing shared by every action: zod validation whose messages are i18n keys,
 * returned per field so the page can show each next to its input, with the input kept.
 */
import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormFailure = { ok: false; errors: FieldErrors; values: Record<string, string>; intent?: string };

export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !/password/i.test(k)) values[k] = v;
  return values;
}

export function fieldErrors(error: z.ZodError, prefix = ""): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = prefix + (issue.path.length ? issue.path.join(".") : "form");
    errors[key] ??= issue.message;
  }
  return errors;
}

export function parseForm<S extends z.ZodType>(
  schema: S,
  form: FormData,
): { ok: true; data: z.infer<S> } | FormFailure {
  const raw = Object.fromEntries([...form.keys()].map((k) => [k, form.get(k)]));
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: fieldErrors(result.error), values: formValues(form) };
}

export function failure(errors: FieldErrors, form?: FormData): FormFailure {
  return { ok: false, errors, values: form ? formValues(form) : {} };
}
