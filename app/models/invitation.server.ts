import { and, desc, eq, sql } from "drizzle-orm";
import { db, transaction } from "~/db.server";
import { assemblies, invitations } from "../../db/schema";
import { newId, sha256 } from "~/lib/ids.server";
import { addMember, getMembership, type InviteRole } from "./membership.server";
import { insertUser } from "./user.server";

const DAY = 86_400_000;

/** Creates a link; the token is returned once and only its hash is kept (docs/domain.md#bodies). */
export function createInvitation(input: { assemblyId: string; role: InviteRole; label: string; expiresInDays: number; maxUses: number; createdBy: string; now?: number }) {
  const token = newId(24);
  const now = input.now ?? Date.now();
  const id = newId();
  db.insert(invitations)
    .values({
      id,
      assemblyId: input.assemblyId,
      tokenHash: sha256(token),
      role: input.role,
      label: input.label,
      expiresAt: now + input.expiresInDays * DAY,
      maxUses: input.maxUses,
      createdBy: input.createdBy,
      createdAt: now,
    })
    .run();
  return { id, token };
}

export function listInvitations(assemblyId: string) {
  return db.select().from(invitations).where(eq(invitations.assemblyId, assemblyId)).orderBy(desc(invitations.createdAt)).all();
}

export function revokeInvitation(assemblyId: string, id: string) {
  const r = db
    .update(invitations)
    .set({ revokedAt: Date.now() })
    .where(and(eq(invitations.id, id), eq(invitations.assemblyId, assemblyId), sql`${invitations.revokedAt} is null`))
    .run();
  return r.changes > 0;
}

export type InvitationState = "valid" | "expired" | "used_up" | "revoked" | "unknown";

export function invitationState(inv: typeof invitations.$inferSelect | undefined, now = Date.now()): InvitationState {
  if (!inv) return "unknown";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt <= now) return "expired";
  if (inv.uses >= inv.maxUses) return "used_up";
  return "valid";
}

/** Looks up a link by its secret token, with the body it leads to. */
export function findInvitation(token: string) {
  const inv = db.select().from(invitations).where(eq(invitations.tokenHash, sha256(token))).get();
  if (!inv) return { state: "unknown" as const, invitation: undefined, assembly: undefined };
  const assembly = db.select().from(assemblies).where(eq(assemblies.id, inv.assemblyId)).get();
  return { state: invitationState(inv), invitation: inv, assembly };
}

export type AcceptResult = { ok: true; slug: string; already: boolean } | { ok: false; state: InvitationState };

/**
 * Uses a link: checks it and counts the use in one transaction, so a link with one use
 * left admits exactly one person even when two accept at once.
 */
export function acceptInvitation(token: string, userId: string, now = Date.now()): AcceptResult {
  return transaction(() => {
    const inv = db.select().from(invitations).where(eq(invitations.tokenHash, sha256(token))).get();
    const assembly = inv && db.select().from(assemblies).where(eq(assemblies.id, inv.assemblyId)).get();
    if (!inv || !assembly) return { ok: false, state: "unknown" } as const;
    if (getMembership(inv.assemblyId, userId)) return { ok: true, slug: assembly.slug, already: true } as const;
    const state = invitationState(inv, now);
    if (state !== "valid") return { ok: false, state } as const;
    db.update(invitations).set({ uses: inv.uses + 1 }).where(eq(invitations.id, inv.id)).run();
    addMember(inv.assemblyId, userId, inv.role as InviteRole, inv.id);
    return { ok: true, slug: assembly.slug, already: false } as const;
  });
}

class InviteRejected extends Error {
  constructor(public state: InvitationState) {
    super(state);
  }
}

export type SignUpAndJoinResult =
  | { ok: true; user: NonNullable<ReturnType<typeof insertUser>>; slug: string }
  | { ok: false; usernameTaken: true }
  | { ok: false; state: InvitationState };

/**
 * Someone new signs up through a link: the account and the membership are made in one
 * transaction, so both happen or neither does — a link used up meanwhile leaves no account
 * behind, and a taken username uses up nothing.
 */
export function signUpAndJoin(token: string, account: Parameters<typeof insertUser>[0], now = Date.now()): SignUpAndJoinResult {
  try {
    return transaction(() => {
      const created = insertUser(account);
      if (!created) return { ok: false, usernameTaken: true } as const;
      const r = acceptInvitation(token, created.id, now);
      // Throwing rolls the new account back with the transaction.
      if (!r.ok) throw new InviteRejected(r.state);
      return { ok: true, user: created, slug: r.slug } as const;
    });
  } catch (e) {
    if (e instanceof InviteRejected) return { ok: false, state: e.state };
    throw e;
  }
}
