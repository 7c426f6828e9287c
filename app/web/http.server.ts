import { data, redirect } from "@remix-run/node";
import type { FormFailure } from "./forms";

/** A failed form: 400 with the errors and the person's input, for the page to show. */
export function invalid(f: FormFailure, status = 400) {
  return data(f, { status });
}

/** Only same-site paths, so a crafted link cannot send someone elsewhere after login. */
export function safeRedirectTo(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export function redirectWithCookie(to: string, cookie: string | string[]) {
  const headers = new Headers();
  for (const c of Array.isArray(cookie) ? cookie : [cookie]) headers.append("Set-Cookie", c);
  return redirect(to, { headers });
}

export function badRequest(messageKey: string): never {
  throw new Response(messageKey, { status: 400 });
}
