/**
 * "Forgot password" by email, against a real SMTP server started here (smtp-server):
 * a member with an email address gets a one-time link; the answer is the same for an
 * account without one, and nothing is sent then.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import * as forgot from "~/routes/forgot";
import * as reset from "~/routes/reset.$token";
import * as login from "~/routes/login";
import { updateProfile } from "~/models/user.server";
import { call, person } from "../helpers/remix";

const inbox: Array<{ to: string; body: string }> = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (d) => (body += d));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as { port: number };
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("forgot password by email", () => {
  it("mails a one-time link to an account with an email address, and it works", async () => {
    const { user } = await person("mailme1");
    updateProfile(user.id, { displayName: "Mail Me", locale: "en", gender: null, email: "mailme1@example.org" });
    // Sent to another host: the link still points at the configured public address.
    const r = await call(forgot.action, "http://attacker.example/forgot", { form: { username: "mailme1" } });
    expect(r.status).toBe(200);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].to).toBe("mailme1@example.org");
    const body = inbox[0].body.replace(/=\r?\n/g, "");
    expect(body).not.toContain("attacker.example");
    expect(body).toContain("http://localhost:3000/reset/");
    const token = body.match(/\/reset\/([A-Za-z0-9_-]+)/)![1];
    const used = await call(reset.action, `/reset/${token}`, { params: { token }, form: { password: "mailed new passphrase", confirm: "mailed new passphrase" } });
    expect(used.status).toBe(302);
    expect((await call(login.action, "/login", { form: { username: "mailme1", password: "mailed new passphrase" } })).status).toBe(302);
  });

  it("answers alike for an account without email and for no such account, sending nothing", async () => {
    await person("nomail1");
    const before = inbox.length;
    const a = await call(forgot.action, "/forgot", { form: { username: "nomail1" } });
    const b = await call(forgot.action, "/forgot", { form: { username: "nobody-at-all" } });
    expect(a.status).toBe(200);
    expect({ status: b.status, data: b.data }).toEqual({ status: a.status, data: a.data });
    expect(inbox.length).toBe(before);
  });

  it("without SMTP_URL it says to ask a steward", async () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    const r = await call(forgot.action, "/forgot", { form: { username: "nomail1" } });
    process.env.SMTP_URL = saved;
    expect(r.status).toBe(400);
    expect(r.data.errors.form).toBe("recovery.noEmail");
  });
});
