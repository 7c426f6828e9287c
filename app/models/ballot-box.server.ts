/**
 * The ballot box of a secret round (docs/decisions/009-secret-ballots.md): the storage
 * pattern of Helios and Belenios without their homomorphic count. When a secret round opens
 * it gets a key pair; each ballot is stored sealed to the round's public key, in the same
 * transaction as its voter's participation, so nothing readable ever pairs the two. The
 * private key stays in this process's memory and is stored only sealed to the body's
 * tellers, so after a crash a teller's recovery code unlocks the count. At close the boxes
 * are opened, the ballots written in the order of their random receipt hashes, the boxes and
 * the key deleted (zeroed: secure_delete), the WAL emptied, and the key forgotten.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterCommit, checkpoint, databaseFile, db } from "~/db.server";
import { roundKeys, sealedBallots, secretBallots, tellerKeys, users } from "../../db/schema";
import { sha256, shortCode } from "~/lib/ids.server";
import { caught, refuse, type Result } from "~/lib/refusal";
import { onSibling, tellSiblings } from "~/lib/siblings.server";
import { keyPairFromSecret, newKeyPair, open, pad, privateKeyFrom, rawPrivateKey, rawPublicKey, seal, unpad, type KeyPair } from "~/lib/sealed-box.server";

/** What a sealed ballot holds. */
export type SealedContent = { receiptHash: string | null; choice: string; reason: string | null; text: string | null; ranking: string | null };
type Sealed = Array<{ teller: string; key: string; box: string }>;

// Every box is this long whatever it holds: a choice, a ranking of a few hundred candidates,
// or a reason of the 2,000 characters a form allows (up to 3 bytes each in UTF-8).
const BOX_CONTENT = 8192;
const BALLOT = "ballot";
const ROUND_KEY = "round key";
const TELLER_LABEL = "plenary teller key";
/** The entry of the key kept beside the database, for bodies without tellers. */
const SERVER = "server";

declare global {
  // Kept across dev rebuilds, like the database connection.
  var __plenaryRoundKeys: Map<string, crypto.KeyObject> | undefined;
}
const inMemory = (globalThis.__plenaryRoundKeys ??= new Map());

/*
 * When several processes serve (app/bin/server.mjs), a round opened or unlocked through one
 * may be voted on or closed through another: the key goes to the others (and the primary,
 * for a process started later) over the server's own IPC channel, never to a file, and is
 * forgotten by all of them at close (docs/decisions/022-http-and-processes.md).
 */
function holdKey(roundId: string, key: crypto.KeyObject) {
  inMemory.set(roundId, key);
  tellSiblings("round-key", { roundId, key: rawPrivateKey(key).toString("base64") });
}

function dropKey(roundId: string) {
  inMemory.delete(roundId);
  tellSiblings("round-key", { roundId, key: null });
}

onSibling<{ roundId: string; key: string | null }>("round-key", ({ roundId, key }) => {
  if (key) inMemory.set(roundId, privateKeyFrom(Buffer.from(key, "base64")));
  else inMemory.delete(roundId);
});

const keyRow = db.select().from(roundKeys).where(eq(roundKeys.roundId, sql.placeholder("roundId"))).prepare();

// --- Tellers ------------------------------------------------------------------------------

/** Recovery codes: 25 symbols of 32 (125 bits), shown in groups of five. */
function newRecoveryCode(): string {
  return shortCode(25).replace(/(.{5})(?!$)/g, "$1-");
}

export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

function tellerKeyPair(code: string): KeyPair {
  return keyPairFromSecret(normaliseCode(code), TELLER_LABEL);
}

/**
 * Makes the member a teller of the body: a recovery code is drawn, shown to them once, and
 * only the public key derived from it is kept. Registering again replaces the key (for
 * rounds opened from then on).
 */
export function registerTeller(assemblyId: string, userId: string, now: number): { code: string } {
  const code = newRecoveryCode();
  const { publicKey } = tellerKeyPair(code);
  db.insert(tellerKeys)
    .values({ assemblyId, userId, publicKey, createdAt: now })
    .onConflictDoUpdate({ target: [tellerKeys.assemblyId, tellerKeys.userId], set: { publicKey, createdAt: now } })
    .run();
  return { code };
}

export function listTellers(assemblyId: string) {
  return db
    .select({ userId: tellerKeys.userId, name: users.displayName, createdAt: tellerKeys.createdAt })
    .from(tellerKeys)
    .innerJoin(users, eq(users.id, tellerKeys.userId))
    .where(eq(tellerKeys.assemblyId, assemblyId))
    .orderBy(asc(users.displayName))
    .all();
}

export function removeTeller(assemblyId: string, userId: string) {
  db.delete(tellerKeys)
    .where(and(eq(tellerKeys.assemblyId, assemblyId), eq(tellerKeys.userId, userId)))
    .run();
}

/**
 * The key kept beside the database (not in it, nor in its backups) for bodies with no
 * teller: it keeps their ballots safe from a copied database file, not from someone who
 * holds the whole machine. Made on first use.
 */
function serverKey(): crypto.KeyObject | null {
  if (databaseFile === ":memory:") return null;
  const file = process.env.PLENARY_KEY_FILE || `${databaseFile}.key`;
  try {
    return privateKeyFrom(Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const { privateKey } = newKeyPair();
  fs.writeFileSync(file, rawPrivateKey(privateKey).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  return privateKey;
}

// --- The round's key ----------------------------------------------------------------------

/** A secret round opens: its key pair, the private key sealed to every teller of the body. Inside openRound's transaction. */
export function createRoundKey(roundId: string, assemblyId: string) {
  const { publicKey, privateKey } = newKeyPair();
  const secret = rawPrivateKey(privateKey);
  const tellers = db.select().from(tellerKeys).where(eq(tellerKeys.assemblyId, assemblyId)).all();
  const recipients = tellers.map((t) => ({ teller: t.userId, key: t.publicKey }));
  if (recipients.length === 0) {
    const server = serverKey();
    if (server) recipients.push({ teller: SERVER, key: rawPublicKey(server) });
  }
  const sealed: Sealed = recipients.map((r) => ({ teller: r.teller, key: r.key.toString("base64"), box: seal(r.key, secret, ROUND_KEY).toString("base64") }));
  db.insert(roundKeys).values({ roundId, publicKey, sealed: JSON.stringify(sealed) }).run();
  holdKey(roundId, privateKey);
}

function publicKeyOf(roundId: string, assemblyId: string): Buffer {
  let row = keyRow.get({ roundId });
  // A round opened before ballots were sealed (or written by the bench's generator) gets its key now.
  if (!row) {
    createRoundKey(roundId, assemblyId);
    row = keyRow.get({ roundId })!;
  }
  return row.publicKey;
}

/** The change tag: finds a voter's box again from their receipt and their own session only. */
function changeTag(roundId: string, userId: string, receipt: string): string {
  return sha256(`plenary change tag\u0000${roundId}\u0000${userId}\u0000${receipt}`);
}

function sealContent(publicKey: Buffer, content: SealedContent): Buffer {
  return seal(publicKey, pad(Buffer.from(JSON.stringify(content)), BOX_CONTENT), BALLOT);
}

/** Stores a new ballot, sealed, under a random id. Inside castBallot's transaction. */
export function sealBallot(input: { roundId: string; assemblyId: string; userId: string; receipt: string | null; content: SealedContent }) {
  const box = sealContent(publicKeyOf(input.roundId, input.assemblyId), input.content);
  const tag = input.receipt ? changeTag(input.roundId, input.userId, input.receipt) : null;
  db.insert(sealedBallots).values({ roundId: input.roundId, id: crypto.randomBytes(16).toString("hex"), changeTag: tag, box }).run();
}

/**
 * Replaces the voter's ballot: found by the tag of their receipt and user id, so a receipt
 * used from someone else's session finds nothing. The new box gets a fresh random id.
 */
export function replaceBallot(input: { roundId: string; assemblyId: string; userId: string; receipt: string; content: SealedContent }): boolean {
  const tag = changeTag(input.roundId, input.userId, input.receipt);
  const gone = db
    .delete(sealedBallots)
    .where(and(eq(sealedBallots.roundId, input.roundId), eq(sealedBallots.changeTag, tag)))
    .run();
  if (gone.changes === 0) return false;
  const box = sealContent(publicKeyOf(input.roundId, input.assemblyId), input.content);
  db.insert(sealedBallots).values({ roundId: input.roundId, id: crypto.randomBytes(16).toString("hex"), changeTag: tag, box }).run();
  return true;
}

function sealedCount(roundId: string): number {
  return db.select({ n: sql<number>`count(*)` }).from(sealedBallots).where(eq(sealedBallots.roundId, roundId)).get()?.n ?? 0;
}

/** The round's private key: in memory, or unsealed with the key beside the database. */
function privateKey(roundId: string): crypto.KeyObject | null {
  const held = inMemory.get(roundId);
  if (held) return held;
  const row = keyRow.get({ roundId });
  if (!row) return null;
  const entry = (JSON.parse(row.sealed) as Sealed).find((s) => s.teller === SERVER);
  const server = entry ? serverKey() : null;
  if (!entry || !server) return null;
  const raw = open(server, Buffer.from(entry.box, "base64"), ROUND_KEY);
  if (!raw) return null;
  const key = privateKeyFrom(raw);
  holdKey(roundId, key);
  return key;
}

/** After a restart the count of a round with sealed ballots waits for a teller. */
export function isLocked(roundId: string): boolean {
  return sealedCount(roundId) > 0 && privateKey(roundId) === null;
}

/** Whether the round's key is sealed to tellers (false: to the key beside the database). */
export function tellersOf(roundId: string): string[] {
  const row = keyRow.get({ roundId });
  return row ? (JSON.parse(row.sealed) as Sealed).map((s) => s.teller).filter((t) => t !== SERVER) : [];
}

/**
 * A teller unlocks a round's count with their recovery code: the round's private key, sealed
 * to the teller's public key, is opened and held in memory until the round closes.
 */
export function unlockRound(roundId: string, code: string): Result {
  return caught(() => {
    const row = keyRow.get({ roundId });
    if (!row) refuse("not_found", "teller.errors.nothingToUnlock");
    const { privateKey: tellerKey, publicKey } = tellerKeyPair(code);
    const entry = (JSON.parse(row.sealed) as Sealed).find((s) => s.key === publicKey.toString("base64"));
    const raw = entry ? open(tellerKey, Buffer.from(entry.box, "base64"), ROUND_KEY) : null;
    if (!raw) refuse("invalid", "teller.errors.wrongCode");
    holdKey(roundId, privateKeyFrom(raw));
    return {};
  });
}

/** Forgets what this process holds in memory (what a crash does; for tests). */
export function forgetRoundKeys() {
  inMemory.clear();
}

/**
 * At close, inside closeRound's transaction: the boxes are opened and the ballots written to
 * secret_ballots in the order of their receipt hashes (random, drawn by the server: no order
 * of voting survives), then the boxes and the round's key are deleted. After the commit the
 * WAL is emptied and the key forgotten. Refused while the count is locked.
 */
export function openBallotBox(roundId: string) {
  const rows = db.select({ box: sealedBallots.box }).from(sealedBallots).where(eq(sealedBallots.roundId, roundId)).all();
  if (rows.length > 0) {
    const key = privateKey(roundId);
    if (!key) refuse("conflict", "round.errors.locked");
    const own = rawPublicKey(key);
    const ballots = rows.map((r) => {
      const plain = open(key, r.box, BALLOT, own);
      if (!plain) throw new Error(`a sealed ballot of round ${roundId} does not open with the round's key`);
      const c = JSON.parse(unpad(plain).toString("utf8")) as SealedContent;
      // With receipts turned off, a random hash nobody holds keeps the row's key random.
      return { ...c, receiptHash: c.receiptHash ?? sha256(crypto.randomBytes(32).toString("hex")) };
    });
    ballots.sort((a, b) => (a.receiptHash < b.receiptHash ? -1 : 1));
    for (const b of ballots) {
      db.insert(secretBallots).values({ roundId, receiptHash: b.receiptHash, choice: b.choice, reason: b.reason, text: b.text, ranking: b.ranking }).run();
    }
    db.delete(sealedBallots).where(eq(sealedBallots.roundId, roundId)).run();
  }
  db.delete(roundKeys).where(eq(roundKeys.roundId, roundId)).run();
  afterCommit(() => {
    // Only if the boxes really are gone (an enclosing savepoint could have been rolled back).
    if (sealedCount(roundId) > 0) return;
    dropKey(roundId);
    checkpoint();
  });
}
