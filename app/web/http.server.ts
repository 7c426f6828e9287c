import { data, redirect } from "@remix-run/node";
import type { FormFailure } from "./forms";

/** A failed form: 400 with the errors and the person's input, for the page to show. */
export function invalid(f: FormFailure, status = 400) {
  return data(f, { status });
}

/**
 * Only a path on this site, so a crafted link cannot send someone elsewhere after login.
 * The target is resolved as a browser would (WHATWG URL: backslashes count as slashes, tabs
 * and newlines are dropped, dot segments collapse) against a stand-in origin; anything
 * that lands elsewhere, or whose normalised path a browser could still read as another host
 * ("//host"), or that holds a control character (CR/LF would break the Location header), is
 * refused.
 */
const HOME = "http://plenary.invalid";

export function safeRedirectTo(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, HOME);
  } catch {
    return fallback;
  }
  if (url.origin !== HOME) return fallback;
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}

export function redirectWithCookie(to: string, cookie: string | string[]) {
  const headers = new Headers();
  for (const c of Array.isArray(cookie) ? cookie : [cookie]) headers.append("Set-Cookie", c);
  return redirect(to, { headers });
}

export function badRequest(messageKey: string): never {
  throw new Response(messageKey, { status: 400 });
}
