/**
 * Account recovery without email: a steward of a body the person belongs to issues a
 * one-time, short-lived reset link (docs/decisions/012-security.md). Only the
 * link's hash is kept; the link is shown once, to the steward who issued it. Issuing is
 * written in the body's record. A steward's own account needs two stewards: one asks, a
 * different one issues. With an email address and SMTP, the person can ask by email.
 */
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import { attempt, db, transaction } from "~/db.server";
import { passwordResets, sessions, users } from "../../db/schema";
import { newId, sha256 } from "~/lib/ids.server";
import { refuse, type Result } from "~/lib/refusal";
import { hashPassword } from "~/lib/password.server";
import { getMembership } from "./membership.server";
import { appendRecord } from "./record.server";

/** How long a link works: long enough to hand over at a meeting, short enough to be stale soon. */
export const RESET_TTL_MS = 2 * 60 * 60_000;

const nameOf = (id: string) => db.select({ n: users.displayName }).from(users).where(eq(users.id, id)).get()?.n ?? "";

/** Ends the person's earlier unused links: only the newest one works. */
function retireOpenLinks(userId: string, now: number) {
  db.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt))).run();
}

function issue(input: { userId: string; assemblyId: string | null; requestedBy: string | null; approvedBy: string | null; now: number }) {
  const token = newId(24);
  retireOpenLinks(input.userId, input.now);
  db.insert(passwordResets)
    .values({ id: newId(), userId: input.userId, tokenHash: sha256(token), assemblyId: input.assemblyId, requestedBy: input.requestedBy, approvedBy: input.approvedBy, createdAt: input.now, expiresAt: input.now + RESET_TTL_MS })
    .run();
  return token;
}

/**
 * A steward (already checked by the route) asks for a member's reset link: `token` is the
 * link's secret, shown once. For another steward's account the first steward's request
 * waits (`token` null) for a second, different steward.
 */
export function stewardReset(input: { assemblyId: string; stewardId: string; userId: string; now: number }): Result<{ token: string | null }> {
  return attempt(() => {
    if (input.userId === input.stewardId) refuse("invalid", "recovery.errors.self");
    const target = getMembership(input.assemblyId, input.userId);
    if (!target) refuse("not_found", "errors.members.notMember");
    const params = { steward: nameOf(input.stewardId), member: nameOf(input.userId) };
    const record = (summary: string, payload: Record<string, unknown>, extra: Record<string, string> = {}) =>
      appendRecord({ assemblyId: input.assemblyId, kind: "steward", subjectId: input.userId, summary, params: { ...params, ...extra }, payload: { userId: input.userId, by: input.stewardId, ...payload }, at: input.now });
    if (!target.steward) {
      const token = issue({ userId: input.userId, assemblyId: input.assemblyId, requestedBy: input.stewardId, approvedBy: null, now: input.now });
      record("record.steward.resetIssued", {});
      return { token };
    }
    const waiting = db
      .select()
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, input.userId), eq(passwordResets.assemblyId, input.assemblyId), isNull(passwordResets.tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, input.now), ne(passwordResets.requestedBy, input.stewardId)))
      .get();
    if (!waiting) {
      retireOpenLinks(input.userId, input.now);
      db.insert(passwordResets)
        .values({ id: newId(), userId: input.userId, tokenHash: null, assemblyId: input.assemblyId, requestedBy: input.stewardId, approvedBy: null, createdAt: input.now, expiresAt: input.now + RESET_TTL_MS })
        .run();
      record("record.steward.resetRequested", {});
      return { token: null };
    }
    const token = issue({ userId: input.userId, assemblyId: input.assemblyId, requestedBy: waiting.requestedBy, approvedBy: input.stewardId, now: input.now });
    record("record.steward.resetApproved", { requestedBy: waiting.requestedBy }, { first: nameOf(waiting.requestedBy ?? "") });
    return { token };
  });
}

/** A link the person asked for by email (the caller sends it). */
export function emailReset(userId: string, now: number) {
  return transaction(() => issue({ userId, assemblyId: null, requestedBy: userId, approvedBy: null, now }));
}

function liveLink(token: string, now: number) {
  if (!token) return undefined;
  return db
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .get();
}

/** Whose link this is, while it works. */
export function findReset(token: string, now: number) {
  const r = liveLink(token, now);
  if (!r) return undefined;
  const u = db.select({ id: users.id, username: users.username, displayName: users.displayName }).from(users).where(eq(users.id, r.userId)).get();
  return u;
}

/**
 * Uses a link: sets the new password, spends the link and ends every session of the
 * person (whoever knew the old password is out). Returns the person's id.
 */
export async function redeemReset(token: string, password: string, now: number): Promise<Result<{ userId: string }>> {
  // Hashing takes a moment: only for a link that works, and outside the transaction.
  const passwordHash = liveLink(token, now) ? await hashPassword(password) : null;
  return attempt(() => {
    // Checked (again) inside the transaction: two tabs cannot both use one link.
    const r = liveLink(token, now);
    if (!r || !passwordHash) refuse("not_found", "recovery.errors.dead");
    db.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.id, r.id)).run();
    db.update(users).set({ passwordHash }).where(eq(users.id, r.userId)).run();
    db.delete(sessions).where(eq(sessions.userId, r.userId)).run();
    return { userId: r.userId };
  });
}
