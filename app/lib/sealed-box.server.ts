/**
 * Sealed boxes: anyone can seal bytes to a public key; only the private key opens them.
 * ECIES as the standards write it (SEC 1 §5.1; the shape of RFC 9180's base mode), composed
 * from Node's own primitives, nothing hand-rolled: an ephemeral X25519 key agreement
 * (RFC 7748), HKDF-SHA-256 (RFC 5869) over the shared secret bound to both public keys and a
 * purpose label, and AES-256-GCM. Each box uses a fresh ephemeral key, hence a fresh AES
 * key; the nonce is random anyway. See docs/decisions/009-secret-ballots.md.
 *
 *   box = ephemeral public key (32) ‖ nonce (12) ‖ GCM tag (16) ‖ ciphertext
 */
import crypto from "node:crypto";

export type KeyPair = { publicKey: Buffer; privateKey: crypto.KeyObject };

// DER prefixes of an X25519 key (RFC 8410): PKCS#8 private and SPKI public, before the 32 raw bytes.
const PKCS8_PREFIX = Buffer.from("302e020100300506032b656e04220420", "hex");
const SPKI_PREFIX = Buffer.from("302a300506032b656e032100", "hex");

export function rawPublicKey(key: crypto.KeyObject): Buffer {
  const pub = key.type === "private" ? crypto.createPublicKey(key) : key;
  return pub.export({ format: "der", type: "spki" }).subarray(SPKI_PREFIX.length);
}

function publicKeyFrom(raw: Buffer): crypto.KeyObject {
  return crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: "der", type: "spki" });
}

export function privateKeyFrom(raw: Buffer): crypto.KeyObject {
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: "der", type: "pkcs8" });
}

export function rawPrivateKey(key: crypto.KeyObject): Buffer {
  return key.export({ format: "der", type: "pkcs8" }).subarray(PKCS8_PREFIX.length);
}

export function newKeyPair(): KeyPair {
  const { privateKey } = crypto.generateKeyPairSync("x25519");
  return { privateKey, publicKey: rawPublicKey(privateKey) };
}

/**
 * A key pair derived from a recovery code: the code (well over 100 bits of randomness, so
 * no slow password hash is needed) goes through HKDF to 32 bytes, an X25519 private key.
 */
export function keyPairFromSecret(secret: string, label: string): KeyPair {
  const raw = Buffer.from(crypto.hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from("plenary key derivation"), Buffer.from(label), 32));
  const privateKey = privateKeyFrom(raw);
  return { privateKey, publicKey: rawPublicKey(privateKey) };
}

function aesKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", shared, Buffer.concat([ephemeral, recipient]), Buffer.from(`plenary sealed box: ${purpose}`), 32));
}

/** Seals `plain` to a recipient's raw public key; `purpose` must match when opening. */
export function seal(recipient: Buffer, plain: Buffer, purpose: string): Buffer {
  const eph = crypto.generateKeyPairSync("x25519");
  const ephPub = rawPublicKey(eph.privateKey);
  const shared = crypto.diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyFrom(recipient) });
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", aesKey(shared, ephPub, recipient, purpose), nonce);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([ephPub, nonce, cipher.getAuthTag(), body]);
}

/**
 * Opens a sealed box; null if it was not sealed to this key for this purpose, or was altered.
 * `ownPublicKey` (the key pair's raw public key) saves deriving it again for each of many boxes.
 */
export function open(privateKey: crypto.KeyObject, box: Buffer, purpose: string, ownPublicKey?: Buffer): Buffer | null {
  if (box.length < 60) return null;
  const ephPub = box.subarray(0, 32);
  const nonce = box.subarray(32, 44);
  const tag = box.subarray(44, 60);
  try {
    const shared = crypto.diffieHellman({ privateKey, publicKey: publicKeyFrom(ephPub) });
    const decipher = crypto.createDecipheriv("aes-256-gcm", aesKey(shared, ephPub, ownPublicKey ?? rawPublicKey(privateKey), purpose), nonce);
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(box.subarray(60)), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * Pads to a fixed size so that a box's length says nothing about what is in it (a "no"
 * is as long as a block with two thousand characters of reasons). Longer contents go to
 * the next multiple. Length-prefixed, so padding never changes the content.
 */
export function pad(content: Buffer, block: number): Buffer {
  const size = Math.max(block, Math.ceil((content.length + 4) / block) * block);
  const out = Buffer.alloc(size);
  out.writeUInt32BE(content.length, 0);
  content.copy(out, 4);
  return out;
}

export function unpad(padded: Buffer): Buffer {
  return padded.subarray(4, 4 + padded.readUInt32BE(0));
}
