/**
 * What the last post to this route's action answered, as a form shows it. Every action answers
 * a refused post with `{ ok: false, errors, values, intent? }` (the web layer's forms helper):
 * the page shows each error beside its field and keeps what was typed, for the whole page or
 * only for the form of one intent when a page has several.
 */
import { useActionData, useNavigation } from "@remix-run/react";

type Refused = { ok: false; errors: Record<string, string>; values: Record<string, string>; intent?: string };

function isRefused(r: unknown): r is Refused {
  return typeof r === "object" && r !== null && (r as { ok?: unknown }).ok === false && "errors" in r;
}

export function useFormResult<Action>(opts: { busyUntilIdle?: boolean } = {}) {
  const result = useActionData<Action>();
  const state = useNavigation().state;
  const failed = isRefused(result) ? result : undefined;
  return {
    result,
    /** A post is on its way (or, with busyUntilIdle, the page is still loading after it). */
    busy: opts.busyUntilIdle ? state !== "idle" : state === "submitting",
    failed,
    errors: failed?.errors,
    values: failed?.values,
    errorsFor: (intent: string) => (failed?.intent === intent ? failed.errors : undefined),
    valuesFor: (intent: string) => (failed?.intent === intent ? failed.values : undefined),
  };
}
