/**
 * Generates the benchmark's data set into a fresh SQLite file: a council of 50 assemblies,
 * 20,000 members, 5,000 proposals with their discussion, rounds and 500,000 ballots,
 * 2,000 meetings with minutes, and the hash-chained decision record of each body
 * (`--quick`: a tenth of it). Rows go in through better-sqlite3 prepared statements inside
 * big transactions — never through HTTP — but every outcome is decided by the real engine
 * (`decide`, `countRanked`) under the real charter → rule mapping, so pages show what the
 * app itself would have stored.
 *
 * The objects the benchmark measures have a fixed size in both modes, so quick and full
 * figures compare: the largest assembly (2,600 members, 2,500 of them voting), a proposal
 * page with 2,000 ballots and its discussion, ten open rounds to cast ballots in, and a
 * running meeting with 1,100 members checked in.
 *
 * The council's federation rows (council_members, delegate_terms) are written too, when
 * those tables exist.
 *
 * Usage: tsx bench/generate.ts --db /tmp/x.db [--quick] [--out dataset.json]
 */
import fs from "node:fs";
import path from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { checkQuorum, countRanked, decide, type Counts, type RoundKind } from "../app/engine";
import { CHARTER_PRESETS, type Charter } from "../app/lib/charter";
import { ballotKindFor, ruleFor, type BallotKind, type RoundRule } from "../app/lib/rules";
import { code, comment, paragraphs, personName, proposalBody, Rng, sha256, topic } from "./lib/random";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export type Voter = { userId: string; sessionId: string; name: string };
export type Dataset = {
  dbPath: string;
  quick: boolean;
  now: number;
  seconds: number;
  counts: Record<string, number>;
  /** Sizes of the generated bodies, for the report. */
  largest: { id: string; slug: string; name: string; members: number; voting: number; recordEntries: number };
  council: { id: string; slug: string };
  /** The proposal page measured: an open round with exactly `ballots` ballots and a discussion. */
  page: { proposalId: string; roundId: string; ballots: number; comments: number };
  /** Open rounds members cast and change ballots in; about half of each electorate has voted already. */
  load: { rounds: Array<{ proposalId: string; roundId: string }>; choices: string[] };
  /** Voting members of the largest assembly, each with a live session. */
  voters: Voter[];
  /** A running meeting with a vote open on its current item; `present` voters are checked in. */
  meeting: { id: string; code: string; proposalId: string; roundId: string; itemId: string; present: number; choices: string[] };
  /** The largest assembly's founder: steward and facilitator. */
  steward: Voter;
};

export const FULL = { users: 20_000, proposals: 5_000, ballots: 500_000, meetings: 2_000 };
const LARGEST_MEMBERS = 2_600;
const LARGEST_VOTING = 2_500;
const PAGE_BALLOTS = 2_000;
const LOAD_ROUNDS = 10;
const MEETING_PRESENT = 1_100;

type Member = { userId: string; role: "member" | "observer"; steward: boolean; facilitator: boolean };
type Body = {
  id: string;
  slug: string;
  name: string;
  kind: string;
  createdAt: number;
  members: Member[];
  voters: string[];
  facilitators: string[];
  charters: Array<{ version: number; at: number; charter: Charter }>;
  proposalCount: number;
  meetingCount: number;
  events: RecordEvent[];
};
type RecordEvent = { at: number; kind: string; subjectId: string | null; summary: string; params: Record<string, string | number>; payload: Record<string, unknown> };
type MeetingPlan = {
  id: string;
  startsAt: number;
  startedAt: number;
  closedAt: number;
  attendees: string[];
  votingAttendees: string[];
  items: Array<{ id: string; kind: string; title: string; proposalId: string | null; startedAt: number; endedAt: number }>;
  decisions: Array<{ roundId: string; proposalId: string; outcome: string | null }>;
  roundsOpenedAt: number;
};

function parseArgs(argv: string[]) {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return { db: get("--db"), out: get("--out"), quick: argv.includes("--quick"), seed: Number(get("--seed") ?? 20261125) };
}

/** Zipf-like sizes that add up to `total`: a few big assemblies, many small ones. */
function zipfSizes(n: number, total: number, min: number): number[] {
  const w = Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, 0.8));
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => Math.max(min, Math.round((x / sum) * total)));
}

/** Spreads `total` over bodies by weight, at least `min` each. */
function spread(weights: number[], total: number, min: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.max(min, Math.floor((w / sum) * total)));
  let diff = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0 && i < 100_000; i++) {
    const k = i % out.length;
    if (diff > 0) {
      out[k]++;
      diff--;
    } else if (out[k] > min) {
      out[k]--;
      diff++;
    }
  }
  return out;
}

const BENCH_CHARTER_QUORUM = { kind: "fraction" as const, fraction: "1/10", strict: false, minCount: 3 };

function benchCharter(i: number): Charter {
  const preset = (["modified_consensus", "two_thirds", "simple_majority"] as const)[i % 3];
  const c = structuredClone(CHARTER_PRESETS[preset]) as Charter;
  // Large bodies voting online set a lower quorum than the Robert's Rules default (docs/domain.md#quorum).
  c.quorum = { ...BENCH_CHARTER_QUORUM };
  return c;
}

function title(r: Rng, kind: string): string {
  const t = topic(r);
  switch (kind) {
    case "election":
      return `Election: delegates to the council (${t})`;
    case "recall":
      return `Recall of the delegate for ${t}`;
    case "charter_amendment":
      return `Charter amendment: voting period for ${t}`;
    case "mandate":
      return `Mandate for our delegates on ${t}`;
    case "ratification":
      return `Ratify the council's decision on ${t}`;
    case "join_council":
      return `Join the federation council`;
    default:
      return r.pick(["Decide on", "Agree", "Approve", "Adopt a plan for", "Fund", "Start"]) + ` ${t}`;
  }
}

export async function generate(opts: { dbPath: string; quick: boolean; seed?: number; now?: number }): Promise<Dataset> {
  const started = performance.now();
  const scale = opts.quick ? 0.1 : 1;
  const r = new Rng(opts.seed ?? 20261125);
  const now = opts.now ?? Date.now();
  const target = {
    users: Math.max(LARGEST_MEMBERS, Math.round(FULL.users * scale)),
    proposals: Math.round(FULL.proposals * scale),
    ballots: Math.round(FULL.ballots * scale),
    meetings: Math.round(FULL.meetings * scale),
  };

  // The app's own connection module applies the migrations, exactly as the server will.
  fs.mkdirSync(path.dirname(opts.dbPath), { recursive: true });
  process.env.DATABASE_PATH = opts.dbPath;
  const { sqlite } = (await import("../app/db.server")) as { sqlite: BetterSqlite3.Database };
  const { entryHash, canonical, GENESIS } = await import("../app/models/record.server");
  const { hashPassword } = await import("../app/lib/password.server");
  sqlite.pragma("synchronous = OFF");
  // Rows are written parent-last in places (a proposal after its history); the whole set is
  // checked with foreign_key_check at the end instead.
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("cache_size = -200000");

  const st = {
    user: sqlite.prepare(
      "insert into users (id, username, display_name, password_hash, locale, gender, calendar_token, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    assembly: sqlite.prepare("insert into assemblies (id, slug, name, kind, description, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?)"),
    charter: sqlite.prepare(
      "insert into charters (id, assembly_id, version, settings, note, created_by, proposal_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    membership: sqlite.prepare(
      "insert into memberships (id, assembly_id, user_id, role, steward, facilitator, joined_at, invitation_id) values (?, ?, ?, ?, ?, ?, ?, null)",
    ),
    session: sqlite.prepare("insert into sessions (id, user_id, expires_at, created_at, user_agent) values (?, ?, ?, ?, ?)"),
    proposal: sqlite.prepare(
      "insert into proposals (id, assembly_id, number, kind, status, author_id, title, current_revision, seats, created_at, updated_at, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    revision: sqlite.prepare(
      "insert into proposal_revisions (id, proposal_id, number, title, body, charter, author_id, amendment_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    option: sqlite.prepare("insert into proposal_options (id, proposal_id, position, name, user_id) values (?, ?, ?, ?, ?)"),
    amendment: sqlite.prepare(
      "insert into amendments (id, proposal_id, base_revision, author_id, title, body, charter, note, status, created_at, decided_at, result_revision) values (?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?)",
    ),
    comment: sqlite.prepare("insert into comments (id, proposal_id, parent_id, author_id, body, created_at) values (?, ?, ?, ?, ?, ?)"),
    round: sqlite.prepare(
      `insert into rounds (id, proposal_id, number, revision, kind, method, rule, ballot_kind, secret, mode, meeting_id, opened_by, opened_at, deadline,
        closed_at, closed_by, charter_version, electorate_size, present_count, hand_count, outcome, figures, explanation_en, explanation_es)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?)`,
    ),
    electorate: sqlite.prepare("insert into round_electorate (round_id, user_id) values (?, ?)"),
    ballot: sqlite.prepare("insert into ballots (id, round_id, user_id, choice, reason, text, ranking, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)"),
    participation: sqlite.prepare("insert into round_participation (round_id, user_id) values (?, ?)"),
    secretBallot: sqlite.prepare("insert into secret_ballots (round_id, receipt_hash, choice, reason, text, ranking) values (?, ?, ?, ?, ?, ?)"),
    meeting: sqlite.prepare(
      `insert into meetings (id, assembly_id, title, starts_at, duration_minutes, place, link, short_notice, status, code, facilitator_id, note_taker_id,
        timekeeper_id, current_item_id, current_item_started_at, extended_seconds, progressive_stack, speaking_limit_seconds, started_at, closed_at,
        minutes_summary, minutes_rev, minutes_adopted_at, minutes_adopted_in_meeting_id, version, created_by, created_at)
       values (?, ?, ?, ?, ?, ?, '', 0, ?, ?, ?, ?, ?, ?, ?, 0, 0, null, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    agendaItem: sqlite.prepare(
      `insert into agenda_items (id, meeting_id, position, kind, title, description, presenter_user_id, timebox_minutes, proposal_id, report_back_id,
        status, suggested_by, notes, spent_ms, extended_seconds, started_at, ended_at, carried_from_item_id, carried_to_meeting_id, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, null, ?, ?, 0, ?, ?, null, null, ?)`,
    ),
    attendance: sqlite.prepare(
      "insert into attendance (id, meeting_id, user_id, method, checked_in_by, checked_in_at, left_at) values (?, ?, ?, ?, ?, ?, null)",
    ),
    stack: sqlite.prepare(
      "insert into stack_entries (id, meeting_id, user_id, item_id, status, position, added_by, raised_at, started_at, ended_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    actionItem: sqlite.prepare(
      "insert into action_items (id, meeting_id, item_id, text, owner_user_id, owner_name, due_at, created_by, created_at) values (?, ?, ?, ?, ?, '', ?, ?, ?)",
    ),
    meetingRound: sqlite.prepare("insert into meeting_rounds (id, meeting_id, item_id, round_id, opened_at, closed_at) values (?, ?, ?, ?, ?, ?)"),
    record: sqlite.prepare(
      "insert into record_entries (assembly_id, seq, kind, subject_id, summary, payload, prev_hash, hash, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
  };
  const counts: Record<string, number> = {};
  const bump = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);
  const tx = <T>(fn: () => T): T => sqlite.transaction(fn).immediate();

  // ---- people -------------------------------------------------------------------------
  // One real scrypt hash shared by every generated account: nobody logs in with a password
  // during the benchmark (sessions are inserted below), so 20,000 hashes would only cost time.
  const passwordHash = await hashPassword("plenary-bench");
  const userIds: string[] = [];
  const names = new Map<string, string>();
  tx(() => {
    for (let i = 0; i < target.users; i++) {
      const id = r.id();
      const name = personName(r);
      userIds.push(id);
      names.set(id, name);
      st.user.run(id, `m${String(i).padStart(5, "0")}`, name, passwordHash, r.chance(0.3) ? "es" : null, r.pick(["woman", "man", "nonbinary", null]), r.id(), now - 800 * DAY + i * 1000);
      bump("users");
    }
  });

  // ---- bodies ---------------------------------------------------------------------------
  const bodies: Body[] = [];
  const restTotal = Math.round((target.users - LARGEST_MEMBERS) * 1.1 + (opts.quick ? target.users * 0.5 : 0));
  const sizes = [LARGEST_MEMBERS, ...zipfSizes(49, restTotal, opts.quick ? 12 : 60)];
  let offset = LARGEST_MEMBERS;
  const kinds = ["tenant_union", "neighborhood_assembly", "worker_coop", "commune", "mutual_aid"];
  for (let i = 0; i < 50; i++) {
    const size = Math.min(sizes[i], userIds.length);
    let ids: string[];
    if (i === 0) ids = userIds.slice(0, LARGEST_MEMBERS);
    else {
      // Contiguous slices of the pool, wrapping round: some people belong to two bodies, as in life.
      ids = [];
      for (let k = 0; k < size; k++) ids.push(userIds[(offset + k) % userIds.length]);
      offset = (offset + size) % userIds.length;
      ids = [...new Set(ids)];
    }
    const kind = i === 0 ? "tenant_union" : kinds[i % kinds.length];
    const name = i === 0 ? "Eastside Tenants' Union" : `${["North", "South", "River", "Hill", "Harbour", "Park", "Mill", "Bridge", "Market", "Station"][i % 10]} ${kind.replace(/_/g, " ")} ${Math.floor(i / 10) + 1}`;
    const slug = i === 0 ? "eastside" : `body-${String(i).padStart(2, "0")}`;
    const members: Member[] = ids.map((userId, k) => {
      // The largest body: exactly LARGEST_VOTING voting members, the rest observers.
      const observer = i === 0 ? k >= LARGEST_VOTING : k > 0 && r.chance(0.04);
      const steward = k === 0 || (!observer && r.chance(0.01));
      return { userId, role: observer ? "observer" : "member", steward, facilitator: steward || (!observer && r.chance(0.03)) };
    });
    bodies.push({
      id: r.id(),
      slug,
      name,
      kind,
      createdAt: now - 760 * DAY + i * HOUR,
      members,
      voters: members.filter((m) => m.role === "member").map((m) => m.userId),
      facilitators: members.filter((m) => m.facilitator).map((m) => m.userId),
      charters: [{ version: 1, at: now - 760 * DAY + i * HOUR, charter: benchCharter(i) }],
      proposalCount: 0,
      meetingCount: 0,
      events: [],
    });
  }
  // Proposals and meetings grow with a body's size, but much less than in proportion.
  const weights = bodies.map((b) => Math.pow(b.voters.length, 0.3));
  const fixedInLargest = 1 + LOAD_ROUNDS + 1;
  spread(weights, target.proposals - fixedInLargest, 2).forEach((n, i) => (bodies[i].proposalCount = n));
  spread(weights, target.meetings - 1, 1).forEach((n, i) => (bodies[i].meetingCount = n));

  // The council: a body of the 50 assemblies, seated through two delegates each (docs/domain.md#federation).
  const councilBody: Body = {
    id: r.id(),
    slug: "council",
    name: "City Federation Council",
    kind: "council",
    createdAt: now - 700 * DAY,
    members: [],
    voters: [],
    facilitators: [],
    charters: [{ version: 1, at: now - 700 * DAY, charter: benchCharter(1) }],
    proposalCount: 0,
    meetingCount: 0,
    events: [],
  };
  const seats: Array<{ bodyId: string; userId: string }> = [];
  {
    const seen = new Set<string>();
    for (const b of bodies) {
      for (const d of b.voters.slice(1, 3)) {
        if (seen.has(d)) continue;
        seen.add(d);
        seats.push({ bodyId: b.id, userId: d });
        councilBody.members.push({ userId: d, role: "member", steward: councilBody.members.length === 0, facilitator: councilBody.members.length < 3 });
      }
    }
    councilBody.voters = councilBody.members.map((m) => m.userId);
    councilBody.facilitators = councilBody.members.filter((m) => m.facilitator).map((m) => m.userId);
  }

  tx(() => {
    for (const b of [...bodies, councilBody]) {
      const founder = b.members[0]?.userId ?? null;
      st.assembly.run(b.id, b.slug, b.name, b.kind, `${b.name}: ${paragraphs(r, 1)}`, founder, b.createdAt);
      st.charter.run(r.id(), b.id, 1, JSON.stringify(b.charters[0].charter), "founding", founder, null, b.createdAt);
      for (const m of b.members) {
        st.membership.run(r.id(), b.id, m.userId, m.role, m.steward ? 1 : 0, m.facilitator ? 1 : 0, b.createdAt + r.int(0, 300) * DAY);
        bump("memberships");
      }
      b.events.push({ at: b.createdAt, kind: "founded", subjectId: b.id, summary: "record.founded", params: { name: b.name }, payload: { charterVersion: 1, charter: b.charters[0].charter } });
      bump("assemblies");
    }
  });

  // The federation's own tables: each assembly an active member of the council, its two
  // delegates seated for a term (db/schema/federation.ts).
  const hasTable = (name: string) => Boolean(sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name));
  if (hasTable("council_members") && hasTable("delegate_terms")) {
    const member = sqlite.prepare(
      "insert into council_members (id, council_id, member_body_id, status, requested_at, joined_at, left_at, decided_by, join_proposal_id, leave_proposal_id) values (?, ?, ?, 'active', ?, ?, null, ?, null, null)",
    );
    const term = sqlite.prepare(
      "insert into delegate_terms (id, assembly_id, council_id, user_id, starts_at, ends_at, mandate_text, status, election_proposal_id, ended_at, end_reason, created_at) values (?, ?, ?, ?, ?, ?, ?, 'active', null, null, null, ?)",
    );
    tx(() => {
      for (const b of bodies) {
        member.run(r.id(), councilBody.id, b.id, councilBody.createdAt + DAY, councilBody.createdAt + 8 * DAY, councilBody.members[0]?.userId ?? null);
        bump("council_members");
      }
      for (const seat of seats) {
        term.run(r.id(), seat.bodyId, councilBody.id, seat.userId, now - 100 * DAY, now + 265 * DAY, "Support the rent-control campaign; report back after every council meeting.", now - 100 * DAY);
        bump("delegate_terms");
      }
    });
  }

  // ---- rounds and ballots ---------------------------------------------------------------
  const charterAt = (b: Body, at: number) => {
    let c = b.charters[0];
    for (const x of b.charters) if (x.at <= at) c = x;
    return c;
  };
  const reasonText = () => comment(r);

  type BallotSpec = { choice: string; reason: string | null; text: string | null; ranking: string | null };
  /** A round's ballots, drawn so outcomes vary the way they do in real bodies. */
  function drawBallots(kind: BallotKind, n: number, candidates: number): BallotSpec[] {
    const out: BallotSpec[] = [];
    if (kind === "ranked") {
      const strength = Array.from({ length: candidates }, () => 0.2 + r.next() * 2);
      for (let i = 0; i < n; i++) {
        const left = strength.map((s, c) => [c, s] as const);
        const len = r.int(1, candidates);
        const ranking: number[][] = [];
        for (let k = 0; k < len; k++) {
          const c = r.pickWeighted(left);
          ranking.push([c]);
          left.splice(
            left.findIndex(([x]) => x === c),
            1,
          );
        }
        out.push({ choice: "ranking", reason: null, text: null, ranking: JSON.stringify(ranking) });
      }
      return out;
    }
    if (kind === "vote") {
      const yes = 0.3 + r.next() * 0.6;
      for (let i = 0; i < n; i++) {
        const x = r.next();
        out.push({ choice: x < 0.05 ? "abstain" : x < 0.05 + yes * 0.95 ? "yes" : "no", reason: null, text: null, ranking: null });
      }
      return out;
    }
    if (kind === "consensus") {
      const blocks = r.chance(0.12) ? 1 : r.chance(0.03) ? 2 : 0;
      for (let i = 0; i < n; i++) {
        if (i < blocks) out.push({ choice: "block", reason: reasonText(), text: null, ranking: null });
        else {
          const x = r.next();
          if (x < 0.08) out.push({ choice: "concern", reason: null, text: reasonText(), ranking: null });
          else if (x < 0.13) out.push({ choice: "stand_aside", reason: null, text: null, ranking: null });
          else out.push({ choice: "agree", reason: null, text: null, ranking: null });
        }
      }
      return r.shuffle(out);
    }
    const objections = r.chance(0.1) ? r.int(1, 2) : 0;
    for (let i = 0; i < n; i++) out.push(i < objections ? { choice: "objection", reason: reasonText(), text: null, ranking: null } : { choice: "consent", reason: null, text: null, ranking: null });
    return r.shuffle(out);
  }

  function engineCounts(kind: BallotKind, c: Record<string, number>): Counts {
    if (kind === "consensus") return { kind: "consensus", agree: c.agree ?? 0, concern: c.concern ?? 0, standAside: c.stand_aside ?? 0, block: c.block ?? 0 };
    if (kind === "consent") return { kind: "consent", consent: c.consent ?? 0, objection: c.objection ?? 0 };
    return { kind: "vote", yes: c.yes ?? 0, no: c.no ?? 0, abstain: c.abstain ?? 0 };
  }

  type RoundInput = {
    b: Body;
    proposalId: string;
    proposalNumber: number;
    proposalTitle: string;
    kind: string;
    seats: number | null;
    options: string[];
    revision: number;
    number: number;
    roundKind: RoundKind;
    openedAt: number;
    closedAt: number | null;
    deadline: number | null;
    electorate: string[];
    voters: string[];
    mode: "online" | "meeting";
    meetingId: string | null;
    presentCount: number | null;
    openedBy: string | null;
  };
  /** Writes one round with its electorate and ballots; a closed round is decided as closeRound does. */
  function writeRound(x: RoundInput): { roundId: string; outcome: string | null; tabled: boolean; elected: string[] | null; ballotKind: BallotKind } {
    const { version, charter } = charterAt(x.b, x.openedAt);
    const rule: RoundRule = ruleFor(charter, x.kind, { seats: x.seats });
    const ballotKind = ballotKindFor(rule, x.roundKind);
    const secret = Boolean((charter.secret as Record<string, boolean>)[x.kind]);
    const roundId = r.id();
    for (const u of x.electorate) st.electorate.run(roundId, u);
    bump("round_electorate", x.electorate.length);
    const ballots = drawBallots(ballotKind, x.voters.length, x.options.length);
    const byChoice: Record<string, number> = {};
    const rankings: number[][][] = [];
    ballots.forEach((bl, i) => {
      byChoice[bl.choice] = (byChoice[bl.choice] ?? 0) + 1;
      if (bl.ranking) rankings.push(JSON.parse(bl.ranking) as number[][]);
      if (secret) {
        // Participation and choices apart, nothing in common but the round (docs/domain.md#secret-ballots).
        st.participation.run(roundId, x.voters[i]);
        st.secretBallot.run(roundId, sha256(r.hex(10)), bl.choice, bl.reason, bl.text, bl.ranking);
      } else {
        st.ballot.run(r.id(), roundId, x.voters[i], bl.choice, bl.reason, bl.text, bl.ranking, x.openedAt + r.int(1, 60) * MIN);
      }
    });
    bump("ballots", ballots.length);
    let outcome: string | null = null;
    let tabled = false;
    let figures: Record<string, unknown> | null = null;
    let explanation: { en: string; es: string } | null = null;
    let elected: string[] | null = null;
    if (x.closedAt !== null) {
      const present = x.mode === "meeting" && x.presentCount !== null ? x.presentCount : ballots.length;
      const electorateSize = x.b.voters.length;
      if (rule.method === "ranked") {
        const q = checkQuorum(rule.quorum, { members: electorateSize, present });
        const base = { method: rule.ranked, seats: rule.seats, ballots: rankings.length, quorumRequired: q.required, quorumMet: q.met, present, members: electorateSize };
        if (!q.met || rankings.length === 0) {
          outcome = q.met ? "failed" : "no_quorum";
          figures = base;
          explanation = { en: `Not decided: ${q.explanation.en}`, es: `No decidida: ${q.explanation.es}` };
        } else {
          const res = countRanked({ candidates: x.options, seats: rule.seats, withdrawn: [], ballots: rankings.map((ranking) => ({ weight: 1, ranking })) }, rule.ranked);
          outcome = res.elected.length > 0 ? "passed" : "failed";
          elected = res.elected;
          figures = { ...base, elected: res.elected, quota: res.quota ?? null, totalValid: res.totalValid, invalid: res.invalid, ranking: res.ranking ?? null, stages: res.rounds, scale: res.scale, lots: res.lots };
          explanation = { en: `${res.explanation.en} ${q.explanation.en}`, es: `${res.explanation.es} ${q.explanation.es}` };
        }
      } else {
        const d = decide(rule, { members: electorateSize, present }, engineCounts(ballotKind, byChoice), { roundKind: x.roundKind });
        outcome = d.outcome;
        tabled = d.tabled;
        figures = { ...d.figures, nextRound: d.nextRound ? "fallback" : null };
        explanation = d.explanation;
      }
      figures = { ...figures, counts: rule.method === "ranked" ? null : byChoice, participants: ballots.length, handCounted: 0, electorateSize, roundKind: x.roundKind, secret, deadline: x.deadline };
      const summary = elected && outcome === "passed" ? "record.election" : `record.round.${tabled ? "tabled" : outcome}`;
      x.b.events.push({
        at: x.closedAt,
        kind: "round",
        subjectId: x.proposalId,
        summary,
        params: { number: x.proposalNumber, title: x.proposalTitle, round: x.number, ...(elected ? { elected: elected.join(", ") } : {}) },
        payload: {
          proposalId: x.proposalId,
          proposalNumber: x.proposalNumber,
          proposalKind: x.kind,
          roundId,
          roundNumber: x.number,
          roundKind: x.roundKind,
          revision: x.revision,
          method: rule.method === "ranked" ? rule.ranked : rule.method,
          outcome,
          tabled,
          charterVersion: version,
          figures,
          explanation,
        },
      });
    }
    st.round.run(
      roundId,
      x.proposalId,
      x.number,
      x.revision,
      x.roundKind,
      rule.method === "ranked" ? rule.ranked : rule.method,
      JSON.stringify(rule),
      ballotKind,
      secret ? 1 : 0,
      x.mode,
      x.meetingId,
      x.openedBy,
      x.openedAt,
      x.deadline,
      x.closedAt,
      x.closedAt !== null ? x.openedBy : null,
      version,
      x.b.voters.length,
      x.presentCount,
      outcome,
      figures ? JSON.stringify(figures) : null,
      explanation?.en ?? null,
      explanation?.es ?? null,
    );
    bump("rounds");
    return { roundId, outcome, tabled, elected, ballotKind };
  }

  // ---- meetings (planned first, so proposals can be decided in them) --------------------
  const meetingsOf = new Map<Body, MeetingPlan[]>();
  for (const b of bodies) {
    const list: MeetingPlan[] = [];
    for (let k = 0; k < b.meetingCount; k++) {
      const startsAt = now - r.int(2, 720) * DAY + r.int(17, 20) * HOUR - (now % DAY);
      const pool = b.members.map((m) => m.userId);
      const attendees = r.sample(pool, Math.min(pool.length, r.int(8, Math.max(10, Math.round(Math.sqrt(pool.length) * 2.5)))));
      const voting = new Set(b.voters);
      list.push({ id: r.id(), startsAt, startedAt: startsAt + 5 * MIN, closedAt: startsAt + 115 * MIN, attendees, votingAttendees: attendees.filter((u) => voting.has(u)), items: [], decisions: [], roundsOpenedAt: 0 });
    }
    list.sort((a, c) => a.startsAt - c.startsAt);
    meetingsOf.set(b, list);
  }

  // ---- proposals --------------------------------------------------------------------------
  // Ballots per round are scaled so the whole data set holds the target number of ballots.
  const totalElectorate = bodies.reduce((a, b) => a + b.proposalCount * b.voters.length, 0);
  const pageAndLoad = PAGE_BALLOTS + LOAD_ROUNDS * Math.round(LARGEST_VOTING / 2);
  const turnout = Math.min(0.95, Math.max(0.05, (target.ballots - pageAndLoad) / (totalElectorate * 0.7)));

  const KINDS: Array<readonly [string, number]> = [
    ["general", 74],
    ["mandate", 6],
    ["ratification", 4],
    ["charter_amendment", 3],
    ["recall", 2],
    ["election", 6],
    ["join_council", 1],
  ];

  type ProposalSpec = {
    kind?: string;
    status?: "voting-open";
    createdAt?: number;
    comments?: number;
    replies?: number;
    presetBallots?: number;
    electorate?: string[];
    mode?: "online" | "meeting";
    meeting?: MeetingPlan;
    title?: string;
  };
  const numbers = new Map<Body, number>();

  /** Writes one proposal and its whole history; returns its id and, if left open, its round. */
  function writeProposal(b: Body, spec: ProposalSpec = {}): { id: string; roundId: string | null; ballotKind: BallotKind | null } {
    const number = (numbers.get(b) ?? 0) + 1;
    numbers.set(b, number);
    const id = r.id();
    const kind = spec.kind ?? r.pickWeighted(KINDS);
    const t = spec.title ?? title(r, kind);
    const author = r.pick(b.voters);
    const createdAt = spec.createdAt ?? now - r.int(30, 700) * DAY;
    let status: string;
    const roll = r.next();
    if (spec.status === "voting-open") status = "voting";
    else if (roll < 0.04) status = "draft";
    else if (roll < 0.12) status = "discussion";
    else if (roll < 0.15) status = "withdrawn";
    else if (roll < 0.17) status = "voting";
    else status = "decided";

    // Revisions: the text as written, then changes from accepted amendments.
    const revisions = status === "draft" ? 1 : r.chance(0.2) ? r.int(2, 3) : 1;
    const charterJson = (rev: number) => {
      if (kind !== "charter_amendment") return null;
      const c = structuredClone(charterAt(b, createdAt).charter);
      c.roundDays = 3 + ((number + rev) % 12);
      return JSON.stringify(c);
    };
    let body = proposalBody(r, t);
    st.revision.run(r.id(), id, 1, t, body, charterJson(1), author, null, createdAt);
    for (let k = 2; k <= revisions; k++) {
      const amendmentId = r.id();
      const at = createdAt + k * DAY;
      const amender = r.pick(b.voters);
      body = `${body}\n\n${paragraphs(r, 1)}`;
      st.amendment.run(amendmentId, id, k - 1, amender, null, body, "Adds what the working group asked for.", "accepted", at - HOUR, at, k);
      st.revision.run(r.id(), id, k, t, body, charterJson(k), amender, amendmentId, at);
      bump("amendments");
    }
    if (status !== "draft" && r.chance(0.15)) {
      st.amendment.run(r.id(), id, revisions, r.pick(b.voters), null, `${body}\n\n${paragraphs(r, 1)}`, "", "declined", createdAt + 3 * DAY, createdAt + 4 * DAY, null);
      bump("amendments");
    }
    bump("revisions", revisions);

    // Discussion: comments and one level of replies.
    const nComments = spec.comments ?? (status === "draft" ? 0 : Math.floor(r.next() * r.next() * 16));
    const tops: string[] = [];
    for (let k = 0; k < nComments; k++) {
      const cid = r.id();
      tops.push(cid);
      st.comment.run(cid, id, null, r.pick(b.members).userId, comment(r), createdAt + HOUR + k * 17 * MIN);
    }
    const nReplies = spec.replies ?? Math.floor(nComments * 0.3);
    for (let k = 0; k < nReplies && tops.length > 0; k++) {
      st.comment.run(r.id(), id, r.pick(tops), r.pick(b.members).userId, comment(r), createdAt + 2 * HOUR + k * 23 * MIN);
    }
    bump("comments", nComments + nReplies);

    // Elections: candidates are members, in ballot order.
    let options: string[] = [];
    let seats: number | null = null;
    if (kind === "election") {
      const n = r.int(3, 12);
      options = r.sample(b.voters, n).map((u) => names.get(u)!);
      seats = Math.min(n - 1, r.int(1, 5));
      options.forEach((name, position) => st.option.run(r.id(), id, position, name, null));
    }

    let roundId: string | null = null;
    let ballotKind: BallotKind | null = null;
    let finalStatus = status;
    let decidedAt: number | null = null;
    let updatedAt = createdAt + revisions * DAY;
    if (status === "voting") {
      // An online round open now, its deadline days away (never during the benchmark).
      const openedAt = spec.mode === "meeting" ? now - 2 * MIN : spec.status === "voting-open" ? now - r.int(1, 3) * DAY : now - r.int(1, 5) * DAY;
      const electorate = spec.electorate ?? b.voters;
      const n = spec.presetBallots ?? Math.round(electorate.length * turnout);
      const w = writeRound({
        b,
        proposalId: id,
        proposalNumber: number,
        proposalTitle: t,
        kind,
        seats,
        options,
        revision: revisions,
        number: 1,
        roundKind: "normal",
        openedAt,
        closedAt: null,
        deadline: spec.mode === "meeting" ? null : openedAt + 7 * DAY,
        electorate,
        voters: r.sample(electorate, n),
        mode: spec.mode ?? "online",
        meetingId: spec.meeting?.id ?? null,
        presentCount: spec.mode === "meeting" ? electorate.length : null,
        openedBy: r.pick(b.facilitators.length ? b.facilitators : b.voters),
      });
      roundId = w.roundId;
      ballotKind = w.ballotKind;
      updatedAt = openedAt;
    } else if (status === "decided") {
      // Decided online, or at one of the body's meetings after the discussion.
      const meetings = (meetingsOf.get(b) ?? []).filter((m) => m.startsAt > createdAt + 5 * DAY && m.votingAttendees.length >= 3);
      const inMeeting = meetings.length > 0 && r.chance(0.25);
      let at = createdAt + r.int(5, 14) * DAY;
      let roundKind: RoundKind = "normal";
      for (let n = 1; n <= 3; n++) {
        const m = inMeeting ? r.pick(meetings) : null;
        if (m) at = m.startedAt + 20 * MIN + m.decisions.length * 15 * MIN;
        const electorate = m ? m.votingAttendees : b.voters;
        const turn = m ? 0.85 + r.next() * 0.15 : Math.min(1, turnout * (0.5 + r.next()));
        const closedAt = at + (m ? 10 * MIN : 7 * DAY);
        const w = writeRound({
          b,
          proposalId: id,
          proposalNumber: number,
          proposalTitle: t,
          kind,
          seats,
          options,
          revision: revisions,
          number: n,
          roundKind,
          openedAt: at,
          closedAt,
          deadline: m ? null : closedAt,
          electorate,
          voters: r.sample(electorate, Math.max(1, Math.round(electorate.length * turn))),
          mode: m ? "meeting" : "online",
          meetingId: m?.id ?? null,
          presentCount: m ? electorate.length : null,
          openedBy: r.pick(b.facilitators.length ? b.facilitators : b.voters),
        });
        if (m) {
          const itemId = r.id();
          m.items.push({ id: itemId, kind: "proposal", title: `#${number} ${t}`, proposalId: id, startedAt: at - 10 * MIN, endedAt: closedAt + MIN });
          m.decisions.push({ roundId: w.roundId, proposalId: id, outcome: w.outcome });
          st.meetingRound.run(r.id(), m.id, itemId, w.roundId, at, closedAt);
        }
        updatedAt = closedAt;
        // The proposal moves as closeRound moves it (round.server.ts).
        const o = w.outcome;
        finalStatus = o === "passed" ? "passed" : o === "failed" ? "failed" : o === "blocked" ? (w.tabled ? "tabled" : "blocked") : roundKind === "fallback" ? "tabled" : "discussion";
        if (finalStatus === "passed" || finalStatus === "failed" || finalStatus === "blocked") decidedAt = closedAt;
        if (finalStatus === "passed" && kind === "charter_amendment") {
          const version = b.charters[b.charters.length - 1].version + 1;
          const c = JSON.parse(charterJson(revisions)!) as Charter;
          b.charters.push({ version, at: closedAt, charter: c });
          st.charter.run(r.id(), b.id, version, JSON.stringify(c), `#${number} ${t}`, null, id, closedAt);
          b.events.push({ at: closedAt, kind: "charter", subjectId: id, summary: "record.charter", params: { version, note: `#${number} ${t}` }, payload: { version, charter: c } });
          bump("charters");
        }
        // Tabled after a block: the next round is the fallback (docs/domain.md#modified-consensus); no quorum: try again.
        if (finalStatus === "tabled" && roundKind === "normal" && r.chance(0.7)) roundKind = "fallback";
        else if (!(finalStatus === "discussion" && r.chance(0.5))) break;
        at = closedAt + r.int(7, 21) * DAY;
        if (at > now - 8 * DAY) break;
      }
    }
    st.proposal.run(id, b.id, number, kind, finalStatus, author, t, revisions, seats, createdAt, updatedAt, decidedAt);
    bump("proposals");
    return { id, roundId, ballotKind };
  }

  const largest = bodies[0];
  let page!: { id: string; roundId: string };
  const load: Array<{ proposalId: string; roundId: string }> = [];
  let loadKind: BallotKind = "consensus";
  tx(() => {
    for (const b of bodies) {
      // Proposals in the order they were written, so numbers follow time as in the app.
      const n = b.proposalCount;
      const times = Array.from({ length: n }, () => now - r.int(30, 700) * DAY).sort((a, c) => a - c);
      for (const createdAt of times) writeProposal(b, { createdAt });
      if (b === largest) {
        // The measured proposal page: 2,000 ballots on an open round, and a long discussion.
        const p = writeProposal(b, { kind: "general", status: "voting-open", createdAt: now - 12 * DAY, comments: 60, replies: 25, presetBallots: PAGE_BALLOTS, title: "Adopt the rent strike plan for the winter" });
        page = { id: p.id, roundId: p.roundId! };
        for (let k = 0; k < LOAD_ROUNDS; k++) {
          const q = writeProposal(b, { kind: "general", status: "voting-open", createdAt: now - 10 * DAY, presetBallots: Math.round(LARGEST_VOTING / 2) });
          load.push({ proposalId: q.id, roundId: q.roundId! });
          loadKind = q.ballotKind!;
        }
      }
    }
  });

  // ---- meetings, written with their agenda, attendance, stack, minutes ------------------
  tx(() => {
    for (const b of bodies) {
      const list = meetingsOf.get(b)!;
      list.forEach((m, k) => {
        const next = list[k + 1];
        const fac = r.pick(b.facilitators.length ? b.facilitators : b.voters);
        const noteTaker = r.pick(m.attendees);
        const items = [
          { id: r.id(), kind: "announcement", title: "Welcome and agenda", proposalId: null, startedAt: m.startedAt, endedAt: m.startedAt + 5 * MIN },
          { id: r.id(), kind: "report", title: `Working group report: ${topic(r)}`, proposalId: null, startedAt: m.startedAt + 5 * MIN, endedAt: m.startedAt + 20 * MIN },
          ...m.items,
          { id: r.id(), kind: "discussion", title: `Discussion: ${topic(r)}`, proposalId: null, startedAt: m.closedAt - 40 * MIN, endedAt: m.closedAt - 10 * MIN },
          ...(r.chance(0.5) ? [{ id: r.id(), kind: "report_back", title: "Delegate report-back from the council", proposalId: null, startedAt: m.closedAt - 10 * MIN, endedAt: m.closedAt }] : []),
        ];
        const adopted = next ? next.startedAt + 8 * MIN : null;
        const meetingTitle = `${["General assembly", "Monthly meeting", "Special meeting", "Open assembly"][k % 4]} ${new Date(m.startsAt).toISOString().slice(0, 10)}`;
        st.meeting.run(
          m.id,
          b.id,
          meetingTitle,
          m.startsAt,
          120,
          r.pick(["Community room, ground floor", "Courtyard", "Library meeting room", "Union hall, 2nd floor"]),
          "closed",
          code(r, 8),
          fac,
          noteTaker,
          r.pick(m.attendees),
          null,
          null,
          m.startedAt,
          m.closedAt,
          paragraphs(r, 2),
          r.int(1, 12),
          adopted,
          next?.id ?? null,
          20 + items.length * 3,
          fac,
          m.startsAt - 10 * DAY,
        );
        items.forEach((it, pos) => {
          st.agendaItem.run(
            it.id,
            m.id,
            pos + 1,
            it.kind,
            it.title,
            it.kind === "proposal" ? "" : paragraphs(r, 1),
            r.pick(m.attendees),
            it.kind === "announcement" ? 5 : 15,
            it.proposalId,
            "done",
            paragraphs(r, r.int(1, 2)),
            it.endedAt - it.startedAt,
            it.startedAt,
            it.endedAt,
            m.startsAt - 10 * DAY,
          );
          bump("agenda_items");
        });
        for (const u of m.attendees) st.attendance.run(r.id(), m.id, u, r.chance(0.8) ? "code" : "facilitator", fac, m.startsAt + r.int(0, 20) * MIN);
        bump("attendance", m.attendees.length);
        const speakers = r.int(3, 15);
        for (let s = 0; s < speakers; s++) {
          const at = m.startedAt + s * 6 * MIN;
          st.stack.run(r.id(), m.id, r.pick(m.attendees), items[Math.min(items.length - 1, 1 + (s % (items.length - 1)))].id, "done", s + 1, null, at, at + MIN, at + 3 * MIN);
        }
        bump("stack_entries", speakers);
        const actions = r.int(1, 5);
        for (let s = 0; s < actions; s++) st.actionItem.run(r.id(), m.id, r.pick(items).id, `Follow up: ${topic(r)}`, r.pick(m.attendees), m.closedAt + r.int(7, 30) * DAY, noteTaker, m.closedAt - 5 * MIN);
        bump("action_items", actions);
        b.events.push({
          at: m.closedAt,
          kind: "meeting",
          subjectId: m.id,
          summary: "record.meeting.closed",
          params: { title: meetingTitle, present: m.attendees.length, members: b.members.length, decisions: m.decisions.length },
          payload: { meetingId: m.id, startedAt: m.startedAt, closedAt: m.closedAt, attendance: { present: m.attendees.length }, decisions: m.decisions },
        });
        if (adopted && next) {
          b.events.push({ at: adopted, kind: "minutes", subjectId: m.id, summary: "record.meeting.minutesAdopted", params: { title: meetingTitle, date: new Date(m.startsAt).toISOString().slice(0, 10) }, payload: { meetingId: m.id, adoptedInMeetingId: next.id } });
        }
        bump("meetings");
      });
    }
  });

  // ---- the live meeting: running now, a vote open on its current item -------------------
  const live = { id: r.id(), code: code(r, 6), itemId: r.id(), proposalId: "", roundId: "" };
  const present = largest.voters.slice(0, MEETING_PRESENT);
  let meetingKind: BallotKind = "consensus";
  tx(() => {
    const fac = largest.members[0].userId;
    const startedAt = now - 25 * MIN;
    st.meeting.run(live.id, largest.id, "General assembly (live)", now - 30 * MIN, 120, "Community room, ground floor", "running", live.code, fac, largest.voters[1], largest.voters[2], live.itemId, now - 5 * MIN, startedAt, null, "", 0, null, null, 40, fac, now - 5 * DAY);
    const p = writeProposal(largest, { kind: "general", status: "voting-open", createdAt: now - 9 * DAY, presetBallots: 0, electorate: present, mode: "meeting", meeting: { id: live.id } as MeetingPlan, title: "Adopt the budget for next year" });
    live.proposalId = p.id;
    live.roundId = p.roundId!;
    meetingKind = p.ballotKind!;
    const items = [
      { id: r.id(), kind: "announcement", title: "Welcome and agenda", proposalId: null as string | null, status: "done", startedAt: startedAt, endedAt: startedAt + 5 * MIN },
      { id: r.id(), kind: "report", title: "Treasurer's report", proposalId: null, status: "done", startedAt: startedAt + 5 * MIN, endedAt: now - 5 * MIN },
      { id: live.itemId, kind: "proposal", title: "Adopt the budget for next year", proposalId: p.id, status: "open", startedAt: now - 5 * MIN, endedAt: null as number | null },
      { id: r.id(), kind: "discussion", title: "Heating complaints", proposalId: null, status: "open", startedAt: null as number | null, endedAt: null },
    ];
    items.forEach((it, pos) =>
      st.agendaItem.run(it.id, live.id, pos + 1, it.kind, it.title, "", null, 20, it.proposalId, it.status, "", it.endedAt && it.startedAt ? it.endedAt - it.startedAt : 0, it.startedAt, it.endedAt, now - 5 * DAY),
    );
    present.forEach((u, k) => st.attendance.run(r.id(), live.id, u, "code", null, startedAt - 10 * MIN + k * 100));
    st.meetingRound.run(r.id(), live.id, live.itemId, live.roundId, now - 2 * MIN, null);
    bump("meetings");
  });

  // ---- decision records: each body's events in time order, hash-chained -----------------
  tx(() => {
    for (const b of [...bodies, councilBody]) {
      b.events.sort((a, c) => a.at - c.at);
      let prevHash = GENESIS;
      b.events.forEach((e, k) => {
        const entry = { seq: k + 1, kind: e.kind, subjectId: e.subjectId, summary: e.summary, payload: canonical({ ...e.payload, params: e.params }), createdAt: e.at };
        const hash = entryHash(prevHash, entry);
        st.record.run(b.id, entry.seq, entry.kind, entry.subjectId, entry.summary, entry.payload, prevHash, hash, entry.createdAt);
        prevHash = hash;
      });
      bump("record_entries", b.events.length);
    }
  });

  // ---- sessions: the lucia row shape, a cookie each; 30 days left so lucia never extends them during the run
  const voters: Voter[] = [];
  tx(() => {
    for (const userId of largest.voters) {
      const sessionId = r.hex(20);
      st.session.run(sessionId, userId, Math.floor(now / 1000) + 30 * 86_400, now, "plenary-bench");
      voters.push({ userId, sessionId, name: names.get(userId)! });
    }
    bump("sessions", voters.length);
  });

  const broken = sqlite.prepare("pragma foreign_key_check").all();
  if (broken.length > 0) throw new Error(`generated data breaks ${broken.length} foreign keys, e.g. ${JSON.stringify(broken[0])}`);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  (globalThis as { __plenaryDb?: unknown }).__plenaryDb = undefined;

  const recordEntries = largest.events.length;
  const choicesFor = (k: BallotKind) => (k === "consensus" ? ["agree", "stand_aside"] : k === "consent" ? ["consent"] : ["yes", "no", "abstain"]);
  return {
    dbPath: opts.dbPath,
    quick: opts.quick,
    now,
    seconds: (performance.now() - started) / 1000,
    counts,
    largest: { id: largest.id, slug: largest.slug, name: largest.name, members: largest.members.length, voting: largest.voters.length, recordEntries },
    council: { id: councilBody.id, slug: councilBody.slug },
    page: { proposalId: page.id, roundId: page.roundId, ballots: PAGE_BALLOTS, comments: 85 },
    load: { rounds: load, choices: choicesFor(loadKind) },
    voters,
    meeting: { id: live.id, code: live.code, proposalId: live.proposalId, roundId: live.roundId, itemId: live.itemId, present: present.length, choices: choicesFor(meetingKind) },
    steward: voters[0],
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const args = parseArgs(process.argv.slice(2));
  if (!args.db) {
    console.error("usage: tsx bench/generate.ts --db FILE [--quick] [--out dataset.json]");
    process.exit(2);
  }
  if (fs.existsSync(args.db)) {
    console.error(`${args.db} exists; the generator only fills a new file.`);
    process.exit(2);
  }
  const ds = await generate({ dbPath: args.db, quick: args.quick, seed: args.seed });
  if (args.out) fs.writeFileSync(args.out, JSON.stringify(ds));
  const { voters: _v, ...summary } = ds;
  console.log(JSON.stringify({ ...summary, voters: ds.voters.length }, null, 2));
}
