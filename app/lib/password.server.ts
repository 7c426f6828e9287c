/**
 * Password hashing with scrypt from node:crypto (argon2id or scrypt would do, docs/domain.md#accounts-and-privacy;
 * scrypt needs no native add-on). Parameters follow OWASP's scrypt guidance (N=2^15, r=8, p=1).
 */
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const N = 1 << 15, r = 8, p = 1, LEN = 32;
const MAXMEM = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize("NFKC"), salt, LEN, { N, r, p, maxmem: MAXMEM });
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const [alg, n, rr, pp, saltB64, keyB64] = hash.split("$");
  if (alg !== "scrypt") return false;
  const expected = Buffer.from(keyB64, "base64");
  const key = await scrypt(password.normalize("NFKC"), Buffer.from(saltB64, "base64"), expected.length, {
    N: Number(n), r: Number(rr), p: Number(pp), maxmem: MAXMEM,
  });
  return crypto.timingSafeEqual(key, expected);
}

/** A fixed hash to verify against for unknown users, so timing does not reveal who exists. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword("not-a-real-password-" + crypto.randomBytes(8).toString("hex")));
}
