/**
 * Sending email, only when the server is given an SMTP server: `SMTP_URL`
 * (smtp://user:password@host:587, smtps://… for TLS from the start) and `MAIL_FROM` (the
 * sender, "Plenary <plenary@localhost>" unless set). Without SMTP_URL nothing is ever sent.
 * Links in messages start with `PUBLIC_URL` (the address members open, http://localhost:3000
 * unless set). nodemailer: the maintained SMTP client for Node.
 */
import nodemailer, { type Transporter } from "nodemailer";

/** `unsubscribeUrl`: for notices; account mail (a reset link) has none. */
export type Mail = { to: string; subject: string; text: string; unsubscribeUrl?: string };

let transport: Transporter | null = null;
let transportFor: string | null = null;

export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

export function publicUrl(): string {
  return (process.env.PUBLIC_URL || "http://localhost:3000").replace(/\/+$/, "");
}

export async function sendMail(mail: Mail): Promise<void> {
  const url = process.env.SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set");
  if (!transport || transportFor !== url) {
    transport = nodemailer.createTransport(url);
    transportFor = url;
  }
  await transport.sendMail({
    from: process.env.MAIL_FROM || "Plenary <plenary@localhost>",
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    // One-click unsubscribe (RFC 8058): mail apps show their own button for it.
    headers: mail.unsubscribeUrl ? { "List-Unsubscribe": `<${mail.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : undefined,
  });
}
