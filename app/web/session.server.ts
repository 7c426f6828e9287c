/**
 * Every session call lives here (lucia is deprecated upstream: swapping it means
 * changing this file only). Sessions are rows in SQLite; the cookie holds only the id.
 */
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, type DatabaseSession, type DatabaseUser, type Session, type User } from "lucia";
import { redirect } from "@remix-run/node";
import { and, eq, getTableColumns, ne, sql } from "drizzle-orm";
import { db } from "~/db.server";
import { sessions, users } from "../../db/schema";
import { closeStreams } from "./live-access.server";
import { sha256 } from "~/lib/ids.server";

/**
 * The drizzle adapter builds its two queries anew on every check, and every loader of a
 * page checks the session (bench/README.md): the same queries, prepared once.
 */
class PreparedSQLiteAdapter extends DrizzleSQLiteAdapter {
  private sessionById = db.select().from(sessions).where(eq(sessions.id, sql.placeholder("id"))).prepare();
  private userBySession = db
    .select(getTableColumns(users))
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare();

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const s = this.sessionById.all({ id: sessionId });
    const u = this.userBySession.all({ id: sessionId });
    const session = s.length === 1 ? (({ id, userId, expiresAt, ...attributes }) => ({ id, userId, expiresAt: new Date(expiresAt * 1000), attributes }))(s[0]) : null;
    const user = u.length === 1 ? (({ id, ...attributes }) => ({ id, attributes }))(u[0]) : null;
    return [session, user];
  }
}

const adapter = new PreparedSQLiteAdapter(db, sessions, users);

export const lucia = new Lucia(adapter, {
  sessionCookie: {
    name: "plenary_session",
    // A browser-session cookie: lucia extends the row on use, so no cookie refresh is needed.
    expires: false,
    attributes: { sameSite: "lax" },
  },
  getUserAttributes: (a) => ({
    username: a.username,
    displayName: a.displayName,
    locale: a.locale,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: { username: string; displayName: string; locale: string | null };
    DatabaseSessionAttributes: { createdAt: number; userAgent: string };
  }
}

export type SessionUser = User;

/**
 * Secure cookies when the request came over HTTPS. The server puts the scheme in the URL,
 * following X-Forwarded-Proto only when TRUST_PROXY=1 (app/bin/server.mjs): the header
 * itself is whatever a client sends.
 */
function isHttps(request: Request) {
  return new URL(request.url).protocol === "https:";
}

function serialize(name: string, value: string, request: Request, maxAge?: number) {
  const parts = [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (maxAge !== undefined) parts.push(`Max-Age=${maxAge}`);
  if (isHttps(request)) parts.push("Secure");
  return parts.join("; ");
}

export async function startSession(request: Request, userId: string): Promise<string> {
  const session = await lucia.createSession(userId, {
    createdAt: Date.now(),
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 200),
  });
  return serialize(lucia.sessionCookieName, session.id, request);
}

export function blankSessionCookie(request: Request): string {
  return serialize(lucia.sessionCookieName, "", request, 0);
}

function sessionIdFrom(request: Request): string | null {
  return lucia.readSessionCookie(request.headers.get("cookie") ?? "");
}

export async function getSession(request: Request): Promise<{ user: User; session: Session } | null> {
  const id = sessionIdFrom(request);
  if (!id) return null;
  const { user, session } = await lucia.validateSession(id);
  return user && session ? { user, session } : null;
}

export async function getUser(request: Request): Promise<User | null> {
  return (await getSession(request))?.user ?? null;
}

/** The signed-in person, or a redirect to the login page that comes back here. */
export async function requireUser(request: Request): Promise<User> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

export async function requireSession(request: Request) {
  const s = await getSession(request);
  if (s) return s;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export async function endSession(request: Request) {
  const id = sessionIdFrom(request);
  if (id) {
    await lucia.invalidateSession(id);
    closeStreams({ sessionId: id });
  }
  return blankSessionCookie(request);
}

/** A session's public handle: its id is a bearer secret, so pages only ever see a hash. */
function handleOf(sessionId: string) {
  return sha256(sessionId).slice(0, 24);
}

export function listSessions(userId: string, currentSessionId: string) {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, userAgent: sessions.userAgent, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .all()
    .map((s) => ({ handle: handleOf(s.id), current: s.id === currentSessionId, createdAt: s.createdAt, userAgent: s.userAgent }));
}

export function endOtherSession(userId: string, handle: string) {
  const mine = db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).all();
  const target = mine.find((s) => handleOf(s.id) === handle);
  if (target) {
    db.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.id, target.id))).run();
    closeStreams({ userId, sessionId: target.id });
  }
  return Boolean(target);
}

export function endAllOtherSessions(userId: string, keepSessionId: string) {
  db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))).run();
  closeStreams({ userId, exceptSessionId: keepSessionId });
}

/** Whether a session still exists and has not expired (for streams that outlive a request). */
export function sessionStillValid(sessionId: string): boolean {
  const row = db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.id, sessionId)).get();
  return Boolean(row) && row!.expiresAt * 1000 > Date.now();
}
