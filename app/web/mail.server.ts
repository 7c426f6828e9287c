/**
 * Account mail ("forgot password"): sent through the one mailer (app/lib/mail.server.ts), only
 * when the server is given an SMTP server (SMTP_URL; sender MAIL_FROM; README, Operations).
 * Without it, nothing is sent and recovery goes through a steward.
 */
import { mailConfigured, publicUrl, sendMail as send } from "~/lib/mail.server";

export { mailConfigured, publicUrl };

export async function sendMail(to: string, subject: string, text: string) {
  await send({ to, subject, text });
}
