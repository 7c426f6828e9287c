import { describe, expect, it } from "vitest";
import { keyPairFromSecret, newKeyPair, open, pad, rawPrivateKey, privateKeyFrom, seal, unpad } from "./sealed-box.server";

describe("sealed boxes", () => {
  it("open only with the recipient's key and the same purpose, and not once altered", () => {
    const alice = newKeyPair();
    const bob = newKeyPair();
    const box = seal(alice.publicKey, Buffer.from("yes"), "ballot");
    expect(open(alice.privateKey, box, "ballot")?.toString()).toBe("yes");
    expect(open(bob.privateKey, box, "ballot")).toBeNull();
    expect(open(alice.privateKey, box, "round key")).toBeNull();
    const altered = Buffer.from(box);
    altered[altered.length - 1] ^= 1;
    expect(open(alice.privateKey, altered, "ballot")).toBeNull();
    // Two boxes of the same content share nothing (a fresh ephemeral key each time).
    expect(seal(alice.publicKey, Buffer.from("yes"), "ballot").equals(box)).toBe(false);
  });

  it("pads every content to one length, and gives it back unchanged", () => {
    const short = pad(Buffer.from("no"), 8192);
    const long = pad(Buffer.from("x".repeat(6000)), 8192);
    expect(short.length).toBe(8192);
    expect(long.length).toBe(8192);
    expect(pad(Buffer.alloc(9000), 8192).length).toBe(16384);
    expect(unpad(short).toString()).toBe("no");
    expect(unpad(long).toString()).toBe("x".repeat(6000));
  });

  it("derives the same key pair from the same recovery code, and keys survive export", () => {
    const a = keyPairFromSecret("ABCDE12345", "teller");
    expect(keyPairFromSecret("ABCDE12345", "teller").publicKey.equals(a.publicKey)).toBe(true);
    expect(keyPairFromSecret("ABCDE12346", "teller").publicKey.equals(a.publicKey)).toBe(false);
    const box = seal(a.publicKey, Buffer.from("key"), "round key");
    expect(open(privateKeyFrom(rawPrivateKey(a.privateKey)), box, "round key")?.toString()).toBe("key");
  });
});
