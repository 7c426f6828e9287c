/**
 * The ask and offer pages share their loader and action: the body's categories and zones for
 * the form; the zod-checked post, refused beside its field when the category or zone is not
 * the body's.
 */
import { redirect } from "@remix-run/node";
import { postSchema } from "~/lib/aid-validation.server";
import type { PostKind } from "~/lib/aid-fields";
import { categoriesOf, createPost, zonesOf } from "~/models/aid.server";
import { assemblyTimeZone } from "~/models/assembly.server";
import { requireAid, postInput } from "./aid.server";
import { parseForm } from "./forms";
import { invalid } from "./http.server";
import { refused } from "./refusal.server";
import { localeFor } from "./locale.server";

export async function postLoader(request: Request, slug: string | undefined) {
  const { assembly, ladder } = await requireAid(request, slug);
  return { slug: assembly.slug, ladder, categories: categoriesOf(assembly.id).map((c) => ({ id: c.id, key: c.key, name: c.name })), zones: zonesOf(assembly.id).map((z) => ({ id: z.id, name: z.name })) };
}

export async function postAction(request: Request, slug: string | undefined, kind: PostKind) {
  const { user, assembly } = await requireAid(request, slug);
  const form = await request.formData();
  const parsed = parseForm(postSchema, form);
  if (!parsed.ok) return invalid(parsed);
  const r = createPost(assembly.id, user.id, postInput(kind, parsed.data, assemblyTimeZone(assembly)), Date.now());
  if (!r.ok) return refused(r, form, { locale: localeFor(request, user) });
  return redirect(`/a/${assembly.slug}/aid/posts/${r.id}?done=${kind}`);
}
