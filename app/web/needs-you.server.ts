/**
 * "Needs you" for a request: the header's count and the home page's and a body's overview
 * list come from one run of the read model per request (the root loader and the page's
 * loader share the same Request on a document load), bounded by the model's limits.
 */
import { needsYou, type NeedItem } from "~/models/needs-you.server";
import { getUserById } from "~/models/user.server";
import { localeFor } from "./locale.server";

const perRequest = new WeakMap<Request, NeedItem[]>();

export function needsYouFor(request: Request, userId: string, now = Date.now()): NeedItem[] {
  let items = perRequest.get(request);
  if (!items) perRequest.set(request, (items = needsYou(userId, now, { locale: localeFor(request, getUserById(userId)) })));
  return items;
}

/** The list a page shows: the items (one body's, with `slug`); a meeting's "add to calendar" is its own file (a.$slug.meetings.$id.calendar[.]ics.ts). */
export function needsYouList(request: Request, userId: string, opts: { slug?: string } = {}) {
  const all = needsYouFor(request, userId);
  return { items: opts.slug ? all.filter((i) => i.slug === opts.slug) : all };
}
