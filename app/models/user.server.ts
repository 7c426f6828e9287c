import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { users } from "../../db/schema";
import { newId } from "~/lib/ids.server";
import { dummyHash, hashPassword, verifyPassword } from "~/lib/password.server";

export function getUserById(id: string) {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function getUserByUsername(username: string) {
  return db.select().from(users).where(eq(users.username, username.toLowerCase())).get();
}

/** Creates an account; returns null when the username is taken (checked by the unique index). */
export async function createUser(input: { username: string; displayName: string; password: string; locale?: string | null }) {
  const passwordHash = await hashPassword(input.password);
  return insertUser({ ...input, passwordHash });
}

/** Synchronous insert with a ready hash, so it can share a transaction with other writes. */
export function insertUser(input: { username: string; displayName: string; passwordHash: string; locale?: string | null }) {
  const { passwordHash } = input;
  const id = newId();
  try {
    db.insert(users)
      .values({
        id,
        username: input.username.toLowerCase(),
        displayName: input.displayName,
        passwordHash,
        locale: input.locale ?? null,
        calendarToken: newId(24),
        createdAt: Date.now(),
      })
      .run();
  } catch (e) {
    if (e instanceof Error && /UNIQUE constraint failed: users.username/.test(e.message)) return null;
    throw e;
  }
  return getUserById(id)!;
}

/** The user when the password matches; null otherwise, taking the same time either way. */
export async function checkLogin(username: string, password: string) {
  const user = getUserByUsername(username);
  if (!user) {
    await verifyPassword(await dummyHash(), password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

export { hashPassword };

export async function setPassword(userId: string, password: string) {
  const passwordHash = await hashPassword(password);
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

export function updateProfile(userId: string, p: { displayName: string; locale: string; gender: string | null; email?: string | null }) {
  db.update(users).set(p).where(eq(users.id, userId)).run();
}

export function setLocale(userId: string, locale: string) {
  db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}

/** A new private calendar address: the old one stops working at once. */
export function rotateCalendarToken(userId: string) {
  const calendarToken = newId(24);
  db.update(users).set({ calendarToken }).where(eq(users.id, userId)).run();
  return calendarToken;
}
