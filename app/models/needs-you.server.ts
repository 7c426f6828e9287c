/**
 * "Needs you": what waits for one member across their bodies — a vote they have not cast,
 * a ballot they may still change before the close, a meeting in the coming days, a
 * poll they have not answered (or may still change before it closes), a
 * nomination to answer, a council proposal their body has no mandate on yet, a report-back
 * they owe, a recall petition they may sign, amendments to their proposal, minutes to adopt.
 * A read model: each kind is one bounded query that starts from the member's memberships,
 * so a member removed from a body sees nothing of it, and an item goes as soon as what it
 * asks for is done (the rows it reads change).
 *
 * Secret rounds: whether the member voted comes from the voter roll (round_participation),
 * which says who took part and never how (docs/decisions/009-secret-ballots.md).
 */
import { sqlite } from "~/db.server";
import type { Locale } from "~/i18n";
import { titleFor } from "~/i18n/system-title";
import { shortShifts } from "./aid-shift.server";
import { mayAnswer } from "./poll.server";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A cast ballot (or a poll's answer) is offered for a second look when its round (or poll) closes within this. */
export const CHANGE_WINDOW = DAY;
/** Meetings this far ahead are listed. */
export const MEETING_WINDOW = 7 * DAY;
/** Each kind lists at most this many (the whole list stays one screen of work, not a feed). */
const LIMIT = 20;

export type NeedKind = "vote" | "change" | "poll" | "pollChange" | "meeting" | "shift" | "nomination" | "mandate" | "report" | "petition" | "amendment" | "minutes";

export type NeedItem = {
  kind: NeedKind;
  /** Unique within the list. */
  key: string;
  slug: string;
  body: string;
  title: string;
  /** The proposal number, when the item is about a proposal. */
  number: number | null;
  /** When it must be done by (a round's close, a meeting's start, a report's due date). */
  due: number | null;
  late: boolean;
  href: string;
  /** Kind-specific detail: open amendments or places still open on a shift (count), a running meeting (checking in), a secret round. */
  count?: number;
  running?: boolean;
  secret?: boolean;
  meetingId?: string;
  /** A poll's kind: a choice among options, or the best time for a meeting. */
  pollKind?: "choice" | "time";
};

type Scope = { u: string; a: string | null; now: number };

// Every query starts from the member's memberships (memberships_user_idx) and, with `a`, one body.
const MINE = "m.user_id = @u and (@a is null or m.assembly_id = @a)";

const roundsQuery = sqlite.prepare(`
  select r.id as roundId, r.deadline, r.mode, r.meeting_id as meetingId, r.secret, r.receipts,
         p.id as proposalId, p.number, p.title, p.system_title as systemTitle, a.slug, a.name as body,
         (exists (select 1 from ballots b where b.round_id = r.id and b.user_id = m.user_id)
          or exists (select 1 from round_participation rp where rp.round_id = r.id and rp.user_id = m.user_id)) as voted
  from memberships m
  join assemblies a on a.id = m.assembly_id
  join proposals p on p.assembly_id = m.assembly_id and p.status = 'voting'
  join rounds r on r.proposal_id = p.id and r.closed_at is null
  join round_electorate e on e.round_id = r.id and e.user_id = m.user_id
  where ${MINE} and (r.deadline is null or r.deadline > @now)
  order by r.deadline is null, r.deadline
  limit ${LIMIT * 2}`);

// Open polls of the member's bodies (docs/domain.md#polls); who may answer is the poll
// model's rule (`mayAnswer`), applied to the membership's role below.
const pollsQuery = sqlite.prepare(`
  select pl.id, pl.kind, pl.title, pl.closes_at as closesAt, m.role, a.slug, a.name as body,
         exists (select 1 from poll_answers pa where pa.poll_id = pl.id and pa.user_id = m.user_id) as answered
  from memberships m
  join assemblies a on a.id = m.assembly_id
  join polls pl on pl.assembly_id = m.assembly_id and pl.closed_at is null and pl.closes_at > @now
  where ${MINE}
  order by pl.closes_at
  limit ${LIMIT * 2}`);

const meetingsQuery = sqlite.prepare(`
  select mt.id, mt.title, mt.starts_at as startsAt, mt.status, a.slug, a.name as body,
         exists (select 1 from attendance at where at.meeting_id = mt.id and at.user_id = m.user_id and at.left_at is null) as present
  from memberships m
  join assemblies a on a.id = m.assembly_id
  join meetings mt on mt.assembly_id = m.assembly_id and mt.starts_at <= @now + ${MEETING_WINDOW} and mt.starts_at >= @now - ${DAY}
  where ${MINE} and (mt.status = 'scheduled' and mt.starts_at + mt.duration_minutes * 60000 > @now or mt.status = 'running')
  order by mt.starts_at
  limit ${LIMIT}`);

const nominationsQuery = sqlite.prepare(`
  select p.id as proposalId, p.number, p.title, p.system_title as systemTitle, a.slug, a.name as body
  from memberships m
  join assemblies a on a.id = m.assembly_id
  join proposals p on p.assembly_id = m.assembly_id and p.status in ('draft', 'discussion') and p.kind = 'election'
  join nominations n on n.proposal_id = p.id and n.user_id = m.user_id
  where ${MINE} and n.accepted_at is null and n.declined_at is null
  limit ${LIMIT}`);

// A council proposal under way on which the member's body has no mandate in force: the body
// decides one before its delegates vote (docs/domain.md#mandates). Voting members only.
const mandatesQuery = sqlite.prepare(`
  select cp.id as proposalId, cp.number, cp.title, cp.system_title as systemTitle, c.id as councilId, c.name as council, a.slug, a.name as body,
         (select r.deadline from rounds r where r.proposal_id = cp.id and r.closed_at is null) as deadline
  from memberships m
  join assemblies a on a.id = m.assembly_id
  join council_members cm on cm.member_body_id = m.assembly_id and cm.status = 'active'
  join assemblies c on c.id = cm.council_id
  join proposals cp on cp.assembly_id = cm.council_id and cp.status in ('discussion', 'voting', 'tabled') and cp.kind not in ('election', 'recall', 'join', 'leave')
  where ${MINE} and m.role = 'member'
    and not exists (
      select 1 from federation_proposals fp join proposals mp on mp.id = fp.proposal_id
      where fp.body_id = m.assembly_id and fp.action = 'mandate' and fp.council_proposal_id = cp.id and mp.status = 'passed')
  limit ${LIMIT}`);

const reportsQuery = sqlite.prepare(`
  select rb.id, rb.due_at as dueAt, c.name as council, a.slug, a.name as body
  from memberships m
  join assemblies a on a.id = m.assembly_id
  join report_backs rb on rb.assembly_id = m.assembly_id and rb.user_id = m.user_id and rb.submitted_at is null
  join assemblies c on c.id = rb.council_id
  where ${MINE}
  order by rb.due_at
  limit ${LIMIT}`);

const petitionsQuery = sqlite.prepare(`
  select rp.id, u.display_name as delegate, c.name as council, a.slug, a.name as body
  from memberships m
  join assemblies a on a.id = m.assembly_id
  join recall_petitions rp on rp.assembly_id = m.assembly_id and rp.status = 'collecting'
  join delegate_terms dt on dt.id = rp.term_id
  join users u on u.id = dt.user_id
  join assemblies c on c.id = dt.council_id
  where ${MINE} and m.role = 'member' and dt.user_id <> m.user_id
    and not exists (select 1 from recall_signatures s where s.petition_id = rp.id and s.user_id = m.user_id)
  limit ${LIMIT}`);

const amendmentsQuery = sqlite.prepare(`
  select p.id as proposalId, p.number, p.title, p.system_title as systemTitle, a.slug, a.name as body, count(*) as n
  from memberships m
  join assemblies a on a.id = m.assembly_id
  join proposals p on p.assembly_id = m.assembly_id and p.status in ('draft', 'discussion') and p.author_id = m.user_id
  join amendments am on am.proposal_id = p.id and am.status = 'open'
  where ${MINE}
  group by p.id
  limit ${LIMIT}`);

// The body's latest closed meeting, while its minutes wait to be adopted by the next one
// (Robert's Rules 41:9–41:12; app/models/minutes.server.ts): for the body's facilitators.
const minutesQuery = sqlite.prepare(`
  select mt.id, mt.title, mt.starts_at as startsAt, a.slug, a.name as body,
         (select min(n.starts_at) from meetings n where n.assembly_id = mt.assembly_id and n.status in ('scheduled', 'running') and n.starts_at > mt.starts_at) as nextAt
  from memberships m
  join assemblies a on a.id = m.assembly_id
  join meetings mt on mt.id = (select l.id from meetings l where l.assembly_id = m.assembly_id and l.status = 'closed' order by l.starts_at desc limit 1)
  where ${MINE} and m.facilitator = 1 and mt.minutes_adopted_at is null
  limit ${LIMIT}`);

const signedUpQuery = sqlite.prepare(`
  select 1 from aid_shift_signups su join aid_shift_slots sl on sl.id = su.slot_id
  where sl.shift_id = ? and su.user_id = ?`);

type RoundRow = { roundId: string; deadline: number | null; mode: string; meetingId: string | null; secret: number; receipts: number; proposalId: string; number: number; title: string; systemTitle: string | null; slug: string; body: string; voted: number };
type Row = Record<string, unknown> & { slug: string; body: string };
type Titled = { title: string; systemTitle: string | null };

type PollRow = { id: string; kind: "choice" | "time"; title: string; closesAt: number; role: "member" | "observer"; slug: string; body: string; answered: number };

const ORDER: NeedKind[] = ["vote", "change", "poll", "pollChange", "report", "meeting", "shift", "mandate", "nomination", "amendment", "petition", "minutes"];

/**
 * What needs the member, soonest deadline first (late and due items before those without a
 * date). With `assemblyId`, only that body's. Titles the system wrote are in `locale`
 * (app/i18n/system-title.ts).
 */
export function needsYou(userId: string, now: number, opts: { assemblyId?: string; locale?: Locale } = {}): NeedItem[] {
  const scope: Scope = { u: userId, a: opts.assemblyId ?? null, now };
  const items: NeedItem[] = [];
  const titleOf = (r: Titled) => titleFor(opts.locale ?? "en", r);
  const base = (r: Row) => ({ slug: r.slug, body: r.body, late: false });

  for (const r of roundsQuery.all(scope) as RoundRow[]) {
    const href = r.mode === "meeting" && r.meetingId ? `/a/${r.slug}/meetings/${r.meetingId}/phone` : `/a/${r.slug}/proposals/${r.proposalId}#round`;
    if (!r.voted) {
      items.push({ kind: "vote", key: `vote:${r.roundId}`, ...base(r), title: titleOf(r), number: r.number, due: r.deadline, href, secret: Boolean(r.secret) });
    } else if (r.deadline !== null && r.deadline - now <= CHANGE_WINDOW && r.mode === "online" && (!r.secret || r.receipts)) {
      // A secret ballot without receipts cannot be changed (round.server.ts: castBallot).
      items.push({ kind: "change", key: `change:${r.roundId}`, ...base(r), title: titleOf(r), number: r.number, due: r.deadline, href, secret: Boolean(r.secret) });
    }
  }
  for (const r of pollsQuery.all(scope) as PollRow[]) {
    if (!mayAnswer(r, r)) continue;
    const poll = { ...base(r), title: r.title, number: null, due: r.closesAt, href: `/a/${r.slug}/polls/${r.id}#answer`, pollKind: r.kind };
    // An answer can be changed until the poll closes (poll.server.ts: answerPoll), as an online ballot can.
    if (!r.answered) items.push({ kind: "poll", key: `poll:${r.id}`, ...poll });
    else if (r.closesAt - now <= CHANGE_WINDOW) items.push({ kind: "pollChange", key: `pollChange:${r.id}`, ...poll });
  }
  for (const r of meetingsQuery.all(scope) as Array<Row & { id: string; title: string; startsAt: number; status: string; present: number }>) {
    // Once checked in to a running meeting there is nothing left to do about it here.
    if (r.status === "running" && r.present) continue;
    const running = r.status === "running";
    items.push({ kind: "meeting", key: `meeting:${r.id}`, ...base(r), title: r.title, number: null, due: r.startsAt, href: running ? `/a/${r.slug}/meetings/${r.id}/phone` : `/a/${r.slug}/meetings/${r.id}`, running, meetingId: r.id });
  }
  // An aid shift short of people in the next two days, for every member of its body
  // (docs/domain.md#mutual-aid), until its places are filled; not for those already on it.
  for (const s of shortShifts({ userId, assemblyId: opts.assemblyId }, now)) {
    if (signedUpQuery.get(s.id, userId)) continue;
    items.push({ kind: "shift", key: `shift:${s.id}`, slug: s.slug, body: s.assemblyName, late: false, title: s.title, number: null, due: s.startsAt, href: `/a/${s.slug}/aid/shifts#s-${s.id}`, count: s.open });
  }
  for (const r of nominationsQuery.all(scope) as Array<Row & Titled & { proposalId: string; number: number }>) {
    items.push({ kind: "nomination", key: `nomination:${r.proposalId}`, ...base(r), title: titleOf(r), number: r.number, due: null, href: `/a/${r.slug}/delegates/elections/${r.proposalId}` });
  }
  for (const r of mandatesQuery.all(scope) as Array<Row & Titled & { proposalId: string; number: number; councilId: string; council: string; deadline: number | null }>) {
    items.push({ kind: "mandate", key: `mandate:${r.slug}:${r.proposalId}`, ...base(r), title: `${r.council}: ${titleOf(r)}`, number: r.number, due: r.deadline, href: `/a/${r.slug}/councils/${r.councilId}` });
  }
  for (const r of reportsQuery.all(scope) as Array<Row & { id: string; dueAt: number | null; council: string }>) {
    items.push({ kind: "report", key: `report:${r.id}`, ...base(r), title: r.council, number: null, due: r.dueAt, late: r.dueAt !== null && now > r.dueAt, href: `/a/${r.slug}/report-backs/${r.id}` });
  }
  for (const r of petitionsQuery.all(scope) as Array<Row & { id: string; delegate: string; council: string }>) {
    items.push({ kind: "petition", key: `petition:${r.id}`, ...base(r), title: `${r.delegate} (${r.council})`, number: null, due: null, href: `/a/${r.slug}/recalls` });
  }
  for (const r of amendmentsQuery.all(scope) as Array<Row & Titled & { proposalId: string; number: number; n: number }>) {
    items.push({ kind: "amendment", key: `amendment:${r.proposalId}`, ...base(r), title: titleOf(r), number: r.number, due: null, href: `/a/${r.slug}/proposals/${r.proposalId}#amendments`, count: r.n });
  }
  for (const r of minutesQuery.all(scope) as Array<Row & { id: string; title: string; nextAt: number | null }>) {
    items.push({ kind: "minutes", key: `minutes:${r.id}`, ...base(r), title: r.title, number: null, due: r.nextAt, href: `/a/${r.slug}/meetings/${r.id}/minutes` });
  }

  return items.sort((x, y) => {
    if (x.late !== y.late) return x.late ? -1 : 1;
    if (x.due !== y.due) return x.due === null ? 1 : y.due === null ? -1 : x.due - y.due;
    return ORDER.indexOf(x.kind) - ORDER.indexOf(y.kind);
  });
}
