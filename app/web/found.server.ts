/**
 * Founding a body from its form, the same for an assembly and a council: the slug, when left
 * empty, is suggested from the name; a taken slug is a field error, not a failure; the
 * founder lands where they can adjust what they founded.
 */
import { redirect } from "@remix-run/node";
import type { z } from "zod";
import { suggestSlug } from "~/lib/assembly-fields";
import { failure, parseForm } from "./forms";
import { invalid } from "./http.server";
import { requireUser } from "./session.server";

export async function foundFromForm<S extends z.ZodType>(
  request: Request,
  schema: S,
  found: (data: z.infer<S>, founderId: string) => { slug: string } | null | undefined,
  landing: (slug: string) => string,
) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (!form.get("slug") && typeof form.get("name") === "string") form.set("slug", suggestSlug(String(form.get("name"))));
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(parsed);
  const body = found(parsed.data, user.id);
  if (!body) return invalid(failure({ slug: "errors.slug.taken" }, form));
  return redirect(landing(body.slug));
}
