import { z } from "zod";
import { LOCALES } from "~/i18n";
import { formBoolean } from "./bool";

// Usernames are what people say aloud at a meeting: short, lowercase, no email needed.
export const usernameSchema = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(3, "errors.username.short")
  .max(32, "errors.username.long")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "errors.username.chars");

// NIST SP 800-63B: at least 8 characters, long passphrases allowed, no composition rules.
export const passwordSchema = z
  .string({ error: "errors.required" })
  .min(8, "errors.password.short")
  .max(200, "errors.password.long");

export const displayNameSchema = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(80, "errors.tooLong");

export const signupSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    password: passwordSchema,
    confirm: z.string({ error: "errors.required" }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "errors.password.mismatch" })
  .refine((v) => v.password.toLowerCase() !== v.username, { path: ["password"], message: "errors.password.isUsername" });

export const loginSchema = z.object({
  username: z.string({ error: "errors.required" }).trim().toLowerCase().min(1, "errors.required"),
  password: z.string({ error: "errors.required" }).min(1, "errors.required"),
});

export const changePasswordSchema = z
  .object({
    current: z.string({ error: "errors.required" }).min(1, "errors.required"),
    password: passwordSchema,
    confirm: z.string({ error: "errors.required" }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "errors.password.mismatch" });

export const profileSchema = z.object({
  displayName: displayNameSchema,
  locale: z.enum(LOCALES, { error: "errors.choice" }),
  gender: z.enum(["", "woman", "man", "nonbinary", "other"], { error: "errors.choice" }).transform((g) => g || null),
});

export const endSessionSchema = z.object({ sessionId: z.string().min(1) });

// Email is optional everywhere; it is asked for only to send notices the member asks for.
export const noticesSchema = z
  .object({
    email: z
      .string()
      .trim()
      .max(254, "errors.tooLong")
      .optional()
      .transform((v) => v || null)
      .pipe(z.email("errors.email.invalid").nullable()),
    notify: formBoolean,
  })
  .refine((v) => !v.notify || v.email !== null, { path: ["email"], message: "errors.email.neededForNotices" });

/** "Forgot password": the account's username (app/routes/forgot.tsx). */
export const forgotSchema = z.object({ username: usernameSchema });

/** A new password from a one-time reset link, typed twice (app/routes/reset.$token.tsx). */
export const resetSchema = z
  .object({ password: passwordSchema, confirm: z.string({ error: "errors.required" }) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "errors.password.mismatch" });
