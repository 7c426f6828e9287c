/**
 * Fixed-window rate limits kept in memory (one server process serves a body; a restart
 * forgets them, which only helps a legitimate user). Used for logins and invitations,
 * per account and per address (docs/domain.md#accounts-and-privacy).
 */
type Window = { start: number; count: number };
const windows = new Map<string, Window>();

export type Limit = { max: number; windowMs: number };
export const LIMITS = {
  loginPerAccount: { max: 10, windowMs: 15 * 60_000 },
  loginPerAddress: { max: 30, windowMs: 15 * 60_000 },
  invitePerAddress: { max: 30, windowMs: 15 * 60_000 },
  signupPerAddress: { max: 20, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

/** Counts one attempt; returns false when the limit is already reached. */
export function hit(key: string, limit: Limit, now = Date.now()): boolean {
  const w = windows.get(key);
  if (!w || now - w.start >= limit.windowMs) {
    windows.set(key, { start: now, count: 1 });
    if (windows.size > 50_000) sweep(now);
    return true;
  }
  w.count++;
  return w.count <= limit.max;
}

export function reset(key: string) {
  windows.delete(key);
}

function sweep(now: number) {
  for (const [k, w] of windows) if (now - w.start > 60 * 60_000) windows.delete(k);
}

/** The client's address: express sets it in x-plenary-client (see app/bin/server.mjs). */
export function clientAddress(request: Request): string {
  return request.headers.get("x-plenary-client") ?? "local";
}
