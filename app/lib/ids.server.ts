import crypto from "node:crypto";

/** Random url-safe id; 15 bytes of entropy is plenty for row ids and unguessable links. */
export function newId(bytes = 15): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

/** Short human code (no 0/O/1/I) for receipts and meeting join codes. */
export function shortCode(length = 6): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}
