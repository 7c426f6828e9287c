import { describe, expect, it } from "vitest";
import { passwordSchema, signupSchema, usernameSchema } from "./account-validation.server";

describe("username rules", () => {
  it.each(["ana", "maria.l", "jo_2", "x-y-z", "ABC"])("accepts %s", (u) => expect(usernameSchema.safeParse(u).success).toBe(true));
  it("lowercases and trims", () => expect(usernameSchema.parse("  Rosa ")).toBe("rosa"));
  it.each([
    ["ab", "errors.username.short"],
    ["a".repeat(33), "errors.username.long"],
    ["-lead", "errors.username.chars"],
    ["has space", "errors.username.chars"],
    ["ñandú", "errors.username.chars"],
    ["a@b.c", "errors.username.chars"],
  ])("refuses %s", (u, msg) => expect(usernameSchema.safeParse(u).error?.issues[0].message).toBe(msg));
});

describe("password rules", () => {
  it("needs 8 to 200 characters, no composition rules (NIST SP 800-63B)", () => {
    expect(passwordSchema.safeParse("1234567").error?.issues[0].message).toBe("errors.password.short");
    expect(passwordSchema.safeParse("12345678").success).toBe(true);
    expect(passwordSchema.safeParse("x".repeat(201)).error?.issues[0].message).toBe("errors.password.long");
  });
  it("must match its confirmation and not be the username", () => {
    const base = { username: "rosa", displayName: "Rosa" };
    expect(signupSchema.safeParse({ ...base, password: "long enough", confirm: "long enougH" }).error?.issues[0]).toMatchObject({ path: ["confirm"], message: "errors.password.mismatch" });
    expect(signupSchema.safeParse({ ...base, username: "rosalinda", password: "RosaLinda", confirm: "RosaLinda" }).error?.issues[0]).toMatchObject({ path: ["password"], message: "errors.password.isUsername" });
  });
});
