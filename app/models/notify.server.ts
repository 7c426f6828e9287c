/**
 * Notices by email (docs/decisions/016-needs-you-and-search.md), for members who gave an
 * address and asked for them, and only when the server has SMTP settings
 * (app/lib/mail.server.ts): a message when a vote they may cast opens, another a day before
 * it closes if they have not voted, and a weekly digest of what needs them. Each message is
 * written to the outbox once (its key) and sent by the server's background work, never by a
 * request; one not marked sent is tried again after a restart.
 */
import { registerJob } from "~/background.server";
import { sqlite } from "~/db.server";
import { formatDateTime, isLocale, translate, type Locale } from "~/i18n";
import { newId } from "~/lib/ids.server";
import { mailConfigured, publicUrl, sendMail } from "~/lib/mail.server";
import { titleFor } from "~/i18n/system-title";
import { needsYou } from "./needs-you.server";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** A vote opened longer ago than this is not announced any more (a server that was down). */
const ANNOUNCE_WITHIN = 2 * DAY;
const MAX_ATTEMPTS = 5;
const BATCH = 20;

type Recipient = { userId: string; email: string; locale: string | null; token: string | null };
type RoundRow = Recipient & { roundId: string; deadline: number | null; proposalId: string; number: number; title: string; systemTitle: string | null; slug: string; body: string };

const voted = `(exists (select 1 from ballots b where b.round_id = r.id and b.user_id = u.id)
  or exists (select 1 from round_participation rp where rp.round_id = r.id and rp.user_id = u.id))`;
const roundRecipients = `
  select r.id as roundId, r.deadline, p.id as proposalId, p.number, p.title, p.system_title as systemTitle, a.slug, a.name as body,
         u.id as userId, u.email, u.locale, u.unsubscribe_token as token
  from rounds r
  join proposals p on p.id = r.proposal_id
  join assemblies a on a.id = p.assembly_id
  join round_electorate e on e.round_id = r.id
  join users u on u.id = e.user_id and u.notify = 1 and u.email is not null
  join memberships m on m.assembly_id = p.assembly_id and m.user_id = u.id
  where r.closed_at is null and r.mode = 'online' and r.deadline > @now`;

const openedRounds = sqlite.prepare(`${roundRecipients} and r.opened_at > @now - ${ANNOUNCE_WITHIN}
  and not ${voted} and not exists (select 1 from mail_outbox o where o.key = 'open:' || r.id || ':' || u.id)`);
// Only rounds that ran longer than a day: a shorter one had its opening message already.
const closingRounds = sqlite.prepare(`${roundRecipients} and r.deadline <= @now + ${DAY} and r.deadline - r.opened_at > ${DAY}
  and not ${voted} and not exists (select 1 from mail_outbox o where o.key = 'closing:' || r.id || ':' || u.id)`);
const digestRecipients = sqlite.prepare(`
  select u.id as userId, u.email, u.locale, u.unsubscribe_token as token from users u
  where u.notify = 1 and u.email is not null and not exists (select 1 from mail_outbox o where o.key = 'digest:' || u.id || ':' || @week)`);
const insert = sqlite.prepare("insert or ignore into mail_outbox (key, user_id, to_address, subject, text, created_at) values (?, ?, ?, ?, ?, ?)");
const setToken = sqlite.prepare("update users set unsubscribe_token = ? where id = ? and unsubscribe_token is null");
const unsent = sqlite.prepare(`
  select o.id, o.to_address as "to", o.subject, o.text, u.notify, u.email, u.unsubscribe_token as token
  from mail_outbox o join users u on u.id = o.user_id
  where o.sent_at is null and o.attempts < ${MAX_ATTEMPTS} order by o.id limit ${BATCH}`);
const markSent = sqlite.prepare("update mail_outbox set sent_at = ?, attempts = attempts + 1, last_error = ? where id = ?");
const markFailed = sqlite.prepare("update mail_outbox set attempts = attempts + 1, last_error = ? where id = ?");

function tokenOf(r: Recipient): string {
  if (r.token) return r.token;
  const token = newId(24);
  setToken.run(token, r.userId);
  return (sqlite.prepare("select unsubscribe_token from users where id = ?").pluck().get(r.userId) as string) ?? token;
}

function letter(r: Recipient, key: string, subjectKey: string, subjectParams: Record<string, string | number>, lines: string[], now: number) {
  const locale: Locale = isLocale(r.locale) ? r.locale : "en";
  const t = (k: string, p?: Record<string, string | number>) => translate(locale, k, p);
  const unsubscribe = `${publicUrl()}/unsubscribe/${tokenOf(r)}`;
  const text = [...lines.map((l) => (l.startsWith("mail.") ? t(l) : l)), "", "—", t("mail.footer"), `${t("mail.unsubscribe")} ${unsubscribe}`].join("\n");
  insert.run(key, r.userId, r.email, t(subjectKey, subjectParams), text, now);
}

/** Writes the notices now due into the outbox (each once). Nothing without SMTP settings. */
export function queueNotices(now: number) {
  if (!mailConfigured()) return;
  // Immediate, as every transaction here that reads before it writes: with several server
  // processes, another's commit between the read and the write would fail it at once
  // (SQLITE_BUSY, no waiting) instead of queueing (docs/decisions/022-http-and-processes.md).
  sqlite.transaction(() => {
    for (const r of openedRounds.all({ now }) as RoundRow[]) {
      const locale: Locale = isLocale(r.locale) ? r.locale : "en";
      const url = `${publicUrl()}/a/${r.slug}/proposals/${r.proposalId}#round`;
      const params = { number: r.number, title: titleFor(locale, r), body: r.body, date: formatDateTime(locale, r.deadline!) };
      letter(r, `open:${r.roundId}:${r.userId}`, "mail.open.subject", params, [translate(locale, "mail.open.text", params), "", url], now);
    }
    for (const r of closingRounds.all({ now }) as RoundRow[]) {
      const locale: Locale = isLocale(r.locale) ? r.locale : "en";
      const url = `${publicUrl()}/a/${r.slug}/proposals/${r.proposalId}#round`;
      const params = { number: r.number, title: titleFor(locale, r), body: r.body, date: formatDateTime(locale, r.deadline!) };
      letter(r, `closing:${r.roundId}:${r.userId}`, "mail.closing.subject", params, [translate(locale, "mail.closing.text", params), "", url], now);
    }
  }).immediate();
}

/** The weekly digest: what needs each member, once a week (weeks counted from the epoch), if anything does. */
export function queueDigests(now: number) {
  if (!mailConfigured()) return;
  const week = Math.floor(now / WEEK);
  sqlite.transaction(() => {
    for (const r of digestRecipients.all({ week: String(week) }) as Recipient[]) {
      const locale: Locale = isLocale(r.locale) ? r.locale : "en";
      const items = needsYou(r.userId, now, { locale });
      if (items.length === 0) continue;
      const t = (k: string, p?: Record<string, string | number>) => translate(locale, k, p);
      const lines = items.map((i) => `• ${t(`needs.kind.${i.kind}`)}: ${i.number !== null ? `#${i.number} ` : ""}${i.title} (${i.body})${i.due !== null ? ` — ${formatDateTime(locale, i.due)}` : ""}\n  ${publicUrl()}${i.href}`);
      letter(r, `digest:${r.userId}:${week}`, "mail.digest.subject", { count: items.length }, [t("mail.digest.text"), "", ...lines, "", `${publicUrl()}/`], now);
    }
  }).immediate();
}

let sending: Promise<number> | null = null;

/**
 * Sends what waits in the outbox, oldest first; a failure is tried again on the next run (up
 * to five times). A member who unsubscribed or changed their address meanwhile gets nothing.
 */
export function sendOutbox(now = Date.now()): Promise<number> {
  if (!mailConfigured()) return Promise.resolve(0);
  if (!sending) sending = drain(now).finally(() => (sending = null));
  return sending;
}

async function drain(now: number): Promise<number> {
  let sent = 0;
  for (const m of unsent.all() as Array<{ id: number; to: string; subject: string; text: string; notify: number; email: string | null; token: string | null }>) {
    if (!m.notify || m.email !== m.to) {
      markSent.run(now, "not sent: unsubscribed or address changed", m.id);
      continue;
    }
    try {
      await sendMail({ to: m.to, subject: m.subject, text: m.text, unsubscribeUrl: `${publicUrl()}/unsubscribe/${m.token}` });
      markSent.run(Date.now(), null, m.id);
      sent++;
    } catch (e) {
      markFailed.run(String((e as Error).message ?? e).slice(0, 500), m.id);
    }
  }
  return sent;
}

/** The member's email settings; a token for the unsubscribe link is made when they opt in. */
export function setNotices(userId: string, s: { email: string | null; notify: boolean }) {
  sqlite.transaction(() => {
    sqlite.prepare("update users set email = ?, notify = ? where id = ?").run(s.email, s.notify ? 1 : 0, userId);
    if (s.notify) setToken.run(newId(24), userId);
  }).immediate();
}

/** The one-click unsubscribe: true when the token named someone (who now gets no email). */
export function unsubscribe(token: string): boolean {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return false;
  return sqlite.prepare("update users set notify = 0 where unsubscribe_token = ?").run(token).changes > 0;
}

let lastDigestCheck = 0;

export function registerNotices() {
  registerJob({
    name: "mail",
    run(now) {
      if (!mailConfigured()) return;
      queueNotices(now);
      if (now - lastDigestCheck > HOUR) {
        lastDigestCheck = now;
        queueDigests(now);
      }
      void sendOutbox(now);
    },
  });
}

registerNotices();
