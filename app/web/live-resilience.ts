/**
 * A live view in a room whose Wi-Fi comes and goes (docs/meetings.md): a tap or a reload
 * that cannot reach the laptop must never replace the page with an error. Remix hands a
 * failed `fetch` (a TypeError: no answer at all, not an HTTP error) to the route's error
 * boundary; these client handlers catch exactly that case and nothing else:
 * - `keepLastData`: a loader reload that gets no answer keeps the data the page already
 *   shows (marked `offline`), so the page stays, and the live stream catches it up later;
 * - `reportOffline`: a form that gets no answer comes back as an ordinary failure with
 *   `offline: true` and what was typed, so the page says the tap did not go through.
 * Answers from the server (4xx, 5xx, redirects) go through untouched.
 */
import type {
  ClientActionFunctionArgs,
  ClientLoaderFunctionArgs,
  ShouldRevalidateFunctionArgs,
} from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";

/** fetch() rejects with a TypeError when the request got no answer (network down, server gone). */
export function isNetworkError(e: unknown): boolean {
  return e instanceof TypeError;
}

export type Offline = { offline?: true };

/**
 * A clientLoader that remembers the last data it got and returns it (with `offline: true`)
 * when the server cannot be reached. `hydrate`: it also runs on the first render, with the
 * data the server rendered (no request), so there is something to keep from the start.
 */
export function keepLastData(
  keyOf: (url: URL) => string = (u) => u.pathname,
  opts: { layout?: string } = {},
) {
  const last = new Map<string, unknown>();
  async function clientLoader({
    request,
    serverLoader,
  }: ClientLoaderFunctionArgs) {
    const key = keyOf(new URL(request.url));
    try {
      const data = await serverLoader();
      last.set(key, data);
      return data;
    } catch (e) {
      if (isNetworkError(e) && !last.has(key) && opts.layout) {
        // A layout (root, the assembly's) does not run this on hydration — that would hold
        // every page's first form post behind it and could drop its answer — so before its
        // first reload it keeps what the server rendered into the page.
        const rendered = (window as unknown as { __remixContext?: { state?: { loaderData?: Record<string, unknown> } } })
          .__remixContext?.state?.loaderData?.[opts.layout];
        if (rendered !== undefined) last.set(key, rendered);
      }
      if (isNetworkError(e) && last.has(key)) {
        const kept = last.get(key);
        return kept && typeof kept === "object"
          ? { ...kept, offline: true }
          : kept;
      }
      throw e;
    }
  }
  // Live meeting views run it on hydration too, so there is something to keep from the start.
  if (!opts.layout) clientLoader.hydrate = true as const;
  return clientLoader;
}

export type OfflineFailure = {
  ok: false;
  offline: true;
  intent: string;
  errors: { form: string };
  values: Record<string, string>;
};

/**
 * A clientAction: the server's answer, or, when there was none, a failure the page can show.
 * `A`: the route's server action, for the answer's type.
 */
export function reportOffline<A>() {
  return async function clientAction({
    request,
    serverAction,
  }: ClientActionFunctionArgs): Promise<SerializeFrom<A> | OfflineFailure> {
    const form = await request.clone().formData();
    try {
      return await serverAction<A>();
    } catch (e) {
      if (!isNetworkError(e)) throw e;
      const values: Record<string, string> = {};
      for (const [k, v] of form.entries())
        if (typeof v === "string") values[k] = v;
      const intent = values.intent ?? "";
      return {
        ok: false,
        offline: true,
        intent,
        errors: { form: "meetings.errors.offline" },
        values,
      } satisfies OfflineFailure;
    }
  };
}

/**
 * An action's answer that already carries what changed (a ballot: the round's fresh count,
 * the voter's own ballot, a secret ballot's receipt), so the page updates from it and reloads
 * nothing: every loader of a phone's page again cost ~10 ms of the server per vote
 * (docs/decisions/021-scale-path.md). Only when the form said the page can take such an
 * answer (`answer=inPlace`, sent once JavaScript runs); without it, the post redirects.
 */
export type InPlace = { inPlace: true };

export function answeredInPlace(result: unknown): result is InPlace {
  return typeof result === "object" && result !== null && (result as { inPlace?: unknown }).inPlace === true;
}

/**
 * No reload after a tap that got no answer (it would get none either: the live stream
 * catches up), nor after an answer that carried what changed (`answeredInPlace`).
 */
export function skipNeedlessReload({
  actionResult,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  if (
    actionResult &&
    typeof actionResult === "object" &&
    "offline" in actionResult &&
    actionResult.offline
  )
    return false;
  if (answeredInPlace(actionResult)) return false;
  return defaultShouldRevalidate;
}
