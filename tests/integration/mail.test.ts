/**
 * Notices by email against a real SMTP server started here (smtp-server), sent through the
 * app's own outbox and transport (nodemailer): nothing without SMTP settings or without the
 * member asking; a vote opening, its reminder and the digest arrive once each; the
 * one-click link in the message stops them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { sqlite } from "~/db.server";
import { CHARTER_PRESETS } from "~/lib/charter";
import { createProposal } from "~/models/proposal.server";
import { castBallot, openRound } from "~/models/round.server";
import { queueDigests, queueNotices, sendOutbox } from "~/models/notify.server";
import { assemblyWith } from "../helpers/decisions";
import { call } from "../helpers/remix";
import * as account from "~/routes/account";
import * as unsub from "~/routes/unsubscribe.$token";

type Received = { from: string; to: string[]; raw: string };
const inbox: Received[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        inbox.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const unfold = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/\r?\n[ \t]+/g, " ");
const outbox = () => sqlite.prepare("select key, to_address as \"to\", sent_at as sentAt from mail_outbox order by id").all() as Array<{ key: string; to: string; sentAt: number | null }>;

describe("notices by email", () => {
  it("nothing is queued without SMTP settings; with them, opted-in members get the vote, the reminder and the digest once each, and one click stops them", async () => {
    const a = await assemblyWith({ members: 2, charter: CHARTER_PRESETS.simple_majority });
    const [ana, ben] = a.members;
    // Ana asks for notices; Ben gives an address but does not opt in. A notice needs an address.
    const bad = await call(account.action, "/account", { cookie: ana.cookie, form: { intent: "notices", email: "", notify: "on" } });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.email).toBe("errors.email.neededForNotices");
    expect((await call(account.action, "/account", { cookie: ana.cookie, form: { intent: "notices", email: "not-an-address", notify: "on" } })).status).toBe(400);
    expect((await call(account.action, "/account", { cookie: ana.cookie, form: { intent: "notices", email: "ana@example.org", notify: "on" } })).data).toEqual({ ok: true, done: "notices" });
    expect((await call(account.action, "/account", { cookie: ben.cookie, form: { intent: "notices", email: "ben@example.org" } })).status).toBe(200);

    const now = Date.now();
    const p = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Fix the boiler", body: "Now.", now: now - HOUR });
    const r = openRound({ proposalId: p.id, openedBy: null, mode: "online", deadline: now + 3 * DAY, now: now - HOUR });
    if (!r.ok) throw new Error(r.error);

    // No SMTP settings: nothing queued, nothing sent.
    delete process.env.SMTP_URL;
    queueNotices(now);
    queueDigests(now);
    expect(await sendOutbox(now)).toBe(0);
    expect(outbox()).toEqual([]);

    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    process.env.PUBLIC_URL = "http://plenary.test";
    queueNotices(now);
    queueNotices(now);
    expect(outbox().map((o) => [o.key, o.to])).toEqual([[`open:${r.round.id}:${ana.id}`, "ana@example.org"]]);
    expect(await sendOutbox(now)).toBe(1);
    expect(inbox).toHaveLength(1);
    const mail = unfold(inbox[0].raw);
    expect(inbox[0].to).toEqual(["ana@example.org"]);
    expect(mail).toContain("Subject: Vote open: #1 Fix the boiler");
    expect(mail).toContain(`http://plenary.test/a/${a.slug}/proposals/${p.id}#round`);
    const token = mail.match(/http:\/\/plenary\.test\/unsubscribe\/([A-Za-z0-9_-]+)/)![1];
    expect(mail).toContain(`List-Unsubscribe: <http://plenary.test/unsubscribe/${token}>`);
    // Sent once: a second run finds nothing to send.
    expect(await sendOutbox(now)).toBe(0);

    // A day before the close, not yet voted: the reminder; having voted, none.
    const later = now + 2 * DAY + HOUR;
    queueNotices(later);
    expect(await sendOutbox(later)).toBe(1);
    expect(unfold(inbox[1].raw)).toContain("Subject: Closes soon: #1 Fix the boiler");

    // The weekly digest lists what needs her (the open vote).
    queueDigests(later);
    queueDigests(later);
    expect(await sendOutbox(later)).toBe(1);
    const digest = unfold(inbox[2].raw);
    expect(digest).toContain("Subject: Plenary: this week (1)");
    expect(digest).toContain("Vote: #1 Fix the boiler");

    // One click on the link: no more notices, and anything still queued is not sent.
    const p2 = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Paint the hall", body: ".", now });
    const r2 = openRound({ proposalId: p2.id, openedBy: null, mode: "online", deadline: now + 3 * DAY, now });
    if (!r2.ok) throw new Error(r2.error);
    queueNotices(now + 1000);
    const page = await call(unsub.loader, `/unsubscribe/${token}`, { params: { token } });
    expect(page.status).toBe(200);
    expect(await sendOutbox(now + 2000)).toBe(0);
    queueNotices(now + 3000);
    expect(await sendOutbox(now + 3000)).toBe(0);
    expect(inbox).toHaveLength(3);
    // A wrong token answers the same and changes nothing.
    expect((await call(unsub.loader, "/unsubscribe/nope", { params: { token: "nope" } })).status).toBe(200);
    expect(castBallot({ roundId: r2.round.id, userId: ana.id, choice: "yes", now }).ok).toBe(true);
  });
});
