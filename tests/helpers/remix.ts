/**
 * Calls real Remix loaders and actions the way the server does, against the real
 * database, and normalises what they return or throw (data, redirects, error responses).
 */
import { createUser } from "~/models/user.server";
import { startSession } from "~/web/session.server";

export const BASE = "http://localhost:3000";

type Init = { method?: string; form?: Record<string, string | string[]> | FormData; cookie?: string; headers?: Record<string, string> };

export function makeRequest(pathOrUrl: string, init: Init = {}) {
  const url = pathOrUrl.startsWith("http") ? pathOrUrl : BASE + pathOrUrl;
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  let body: FormData | undefined;
  if (init.form instanceof FormData) body = init.form;
  else if (init.form) {
    body = new FormData();
    for (const [k, v] of Object.entries(init.form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  }
  return new Request(url, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
}

export type Result = { status: number; data: any; location: string | null; headers: Headers };

async function normalise(value: unknown): Promise<Result> {
  if (value instanceof Response) {
    const text = await value.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      /* plain text body */
    }
    return { status: value.status, data, location: value.headers.get("location"), headers: value.headers };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const v = value as { data: unknown; init?: ResponseInit | null };
    return { status: v.init?.status ?? 200, data: v.data, location: null, headers: new Headers(v.init?.headers) };
  }
  return { status: 200, data: value, location: null, headers: new Headers() };
}

type RouteFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;

export async function call(fn: RouteFn | undefined, path: string, init: Init & { params?: Record<string, string> } = {}): Promise<Result> {
  if (!fn) throw new Error("route has no such function");
  try {
    return await normalise(await fn({ request: makeRequest(path, init), params: init.params ?? {}, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response || (thrown && typeof thrown === "object" && (thrown as { type?: string }).type === "DataWithResponseInit")) return normalise(thrown);
    throw thrown;
  }
}

/** A signed-up person with a live session cookie. */
export async function person(username: string, displayName = username) {
  const user = (await createUser({ username, displayName, password: "correct horse battery" }))!;
  const setCookie = await startSession(makeRequest("/"), user.id);
  return { user, cookie: setCookie.split(";")[0] };
}
