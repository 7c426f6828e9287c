/**
 * Proposals (docs/domain.md#proposals): draft → discussion (comments, amendments the author may accept,
 * every revision kept) → voting → passed / failed / blocked / tabled / withdrawn.
 * Voting itself lives in round.server.ts.
 */
import type { SystemTitle } from "~/i18n/system-title";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { attempt, db, transaction } from "~/db.server";
import { refuse, type Refusal } from "~/lib/refusal";
import { amendments, comments, proposalOptions, proposalRevisions, proposals, users, type ProposalStatus } from "../../db/schema";
import { newId } from "~/lib/ids.server";
import type { ProposalSort } from "~/lib/proposal-fields";
import { charterSchema, type Charter } from "~/lib/charter";
import { isOpenForChanges, mayWithdraw, type START_STATUSES } from "~/engine";

export type Proposal = typeof proposals.$inferSelect;
export type Revision = typeof proposalRevisions.$inferSelect;
export type Amendment = typeof amendments.$inferSelect;


function validCharterJson(charter: Charter | null | undefined): string | null {
  return charter ? JSON.stringify(charterSchema.parse(charter)) : null;
}

export function createProposal(input: {
  assemblyId: string;
  /** null for a proposal the system makes (a council's ratification): no member wrote it. */
  authorId: string | null;
  kind: string;
  /** The title; for a title the system writes, the words in the language of whoever triggered it (kept for search and exports). */
  title: string;
  /** What a system-written title is, so each reader reads it in their language (app/i18n/system-title.ts). */
  systemTitle?: SystemTitle | null;
  body: string;
  charter?: Charter | null;
  options?: Array<{ name: string; userId?: string | null }>;
  seats?: number | null;
  status?: (typeof START_STATUSES)[number];
  now?: number;
}): Proposal {
  const now = input.now ?? Date.now();
  const charterJson = input.kind === "charter_amendment" ? validCharterJson(input.charter) : null;
  if (input.kind === "charter_amendment" && !charterJson) throw new Error("a charter amendment carries the proposed charter");
  return transaction(() => {
    const last = db
      .select({ n: sql<number>`coalesce(max(${proposals.number}), 0)` })
      .from(proposals)
      .where(eq(proposals.assemblyId, input.assemblyId))
      .get();
    const id = newId();
    db.insert(proposals)
      .values({
        id,
        assemblyId: input.assemblyId,
        number: (last?.n ?? 0) + 1,
        kind: input.kind,
        status: input.status ?? "discussion",
        authorId: input.authorId,
        title: input.title,
        systemTitle: input.systemTitle ? JSON.stringify(input.systemTitle) : null,
        currentRevision: 1,
        seats: input.kind === "election" ? (input.seats ?? 1) : null,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    db.insert(proposalRevisions)
      .values({ id: newId(), proposalId: id, number: 1, title: input.title, body: input.body, charter: charterJson, authorId: input.authorId, createdAt: now })
      .run();
    (input.options ?? []).forEach((o, position) => {
      db.insert(proposalOptions)
        .values({ id: newId(), proposalId: id, position, name: o.name, userId: o.userId ?? null })
        .run();
    });
    return db.select().from(proposals).where(eq(proposals.id, id)).get()!;
  });
}

// Prepared once: read on every proposal page and every ballot cast (bench/README.md).
const proposalById = db.select().from(proposals).where(eq(proposals.id, sql.placeholder("id"))).prepare();
const proposalIn = db
  .select()
  .from(proposals)
  .where(and(eq(proposals.id, sql.placeholder("id")), eq(proposals.assemblyId, sql.placeholder("assemblyId"))))
  .prepare();

export function getProposalById(id: string): Proposal | undefined {
  return proposalById.get({ id });
}

/** A proposal of this body only: an id from another body is "not found". */
export function getProposal(assemblyId: string, id: string): Proposal | undefined {
  return proposalIn.get({ id, assemblyId });
}

/** Proposals on one page of a body's list: the page's work does not grow with its history. */
export const PROPOSALS_PER_PAGE = 50;

/**
 * One page (1-based, clamped) of a body's proposals, newest change first or soonest closing
 * vote first. With `userId`, each proposal under a vote says whether that member may vote in
 * it and has (for a secret round from its voter roll, which says who voted and never how:
 * docs/decisions/009-secret-ballots.md).
 */
export function listProposals(assemblyId: string, opts: { status?: ProposalStatus | null; sort?: ProposalSort; userId?: string; page?: number } = {}) {
  const openRound = sql`(select r.id from rounds r where r.proposal_id = ${proposals.id} and r.closed_at is null)`;
  const deadline = sql<number | null>`(select r.deadline from rounds r where r.proposal_id = ${proposals.id} and r.closed_at is null)`;
  const me = opts.userId ?? "";
  const where = and(eq(proposals.assemblyId, assemblyId), opts.status ? eq(proposals.status, opts.status) : undefined);
  const total = db.select({ n: sql<number>`count(*)` }).from(proposals).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PROPOSALS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), pages);
  const rows = db
    .select({
      id: proposals.id,
      number: proposals.number,
      title: proposals.title,
      systemTitle: proposals.systemTitle,
      kind: proposals.kind,
      status: proposals.status,
      updatedAt: proposals.updatedAt,
      createdAt: proposals.createdAt,
      authorName: users.displayName,
      deadline,
      eligible: sql<number>`exists (select 1 from round_electorate e where e.round_id = ${openRound} and e.user_id = ${me})`,
      voted: sql<number>`(exists (select 1 from ballots b where b.round_id = ${openRound} and b.user_id = ${me}) or exists (select 1 from round_participation rp where rp.round_id = ${openRound} and rp.user_id = ${me}))`,
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.authorId))
    .where(where)
    .orderBy(...(opts.sort === "deadline" ? [sql`${deadline} is null`, sql`${deadline}`] : []), desc(proposals.updatedAt), desc(proposals.number))
    .limit(PROPOSALS_PER_PAGE)
    .offset((page - 1) * PROPOSALS_PER_PAGE)
    .all();
  return { proposals: rows.map((r) => ({ ...r, eligible: Boolean(r.eligible), voted: Boolean(r.voted) })), page, pages };
}

export function statusCounts(assemblyId: string): Record<string, number> {
  const rows = db
    .select({ status: proposals.status, n: sql<number>`count(*)` })
    .from(proposals)
    .where(eq(proposals.assemblyId, assemblyId))
    .groupBy(proposals.status)
    .all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export function listRevisions(proposalId: string) {
  return db
    .select({
      number: proposalRevisions.number,
      title: proposalRevisions.title,
      body: proposalRevisions.body,
      charter: proposalRevisions.charter,
      amendmentId: proposalRevisions.amendmentId,
      createdAt: proposalRevisions.createdAt,
      authorName: users.displayName,
    })
    .from(proposalRevisions)
    .leftJoin(users, eq(users.id, proposalRevisions.authorId))
    .where(eq(proposalRevisions.proposalId, proposalId))
    .orderBy(asc(proposalRevisions.number))
    .all();
}

export function getRevision(proposalId: string, number: number): Revision | undefined {
  return db
    .select()
    .from(proposalRevisions)
    .where(and(eq(proposalRevisions.proposalId, proposalId), eq(proposalRevisions.number, number)))
    .get();
}

export function currentRevision(p: Pick<Proposal, "id" | "currentRevision">): Revision {
  return getRevision(p.id, p.currentRevision)!;
}

/** The proposed charter of a revision, or null when it is missing or no longer valid. */
export function revisionCharter(r: Pick<Revision, "charter">): Charter | null {
  if (!r.charter) return null;
  const parsed = charterSchema.safeParse(JSON.parse(r.charter));
  return parsed.success ? parsed.data : null;
}

export function listOptions(proposalId: string) {
  return db
    .select({ position: proposalOptions.position, name: proposalOptions.name, userId: proposalOptions.userId })
    .from(proposalOptions)
    .where(eq(proposalOptions.proposalId, proposalId))
    .orderBy(asc(proposalOptions.position))
    .all();
}

function insertRevision(p: Proposal, r: { title: string; body: string; charter: string | null; authorId: string | null; amendmentId?: string | null; now: number }) {
  const number = p.currentRevision + 1;
  db.insert(proposalRevisions)
    .values({ id: newId(), proposalId: p.id, number, title: r.title, body: r.body, charter: r.charter, authorId: r.authorId, amendmentId: r.amendmentId ?? null, createdAt: r.now })
    .run();
  // A title a person changes becomes theirs: the system's words no longer stand for it.
  db.update(proposals)
    .set({ currentRevision: number, title: r.title, systemTitle: r.title === p.title ? p.systemTitle : null, updatedAt: r.now })
    .where(eq(proposals.id, p.id))
    .run();
  return number;
}

/** The author rewrites the text (a new revision; the old one is kept). */
export function reviseProposal(input: {
  proposalId: string;
  byUserId: string;
  title: string;
  body: string;
  charter?: Charter | null;
  expectedRevision: number;
  now?: number;
}): { ok: true; revision: number } | Refusal {
  const now = input.now ?? Date.now();
  return attempt(() => {
    const p = getProposalById(input.proposalId);
    if (!p) refuse("not_found", "proposal.errors.notFound");
    if (p.authorId !== input.byUserId) refuse("forbidden", "proposal.errors.notAuthor");
    if (!isOpenForChanges(p.status)) refuse("conflict", "proposal.errors.notOpenForChanges");
    if (p.currentRevision !== input.expectedRevision) refuse("conflict", "proposal.errors.staleRevision");
    const cur = currentRevision(p);
    const charter = p.kind === "charter_amendment" ? (input.charter ? validCharterJson(input.charter) : cur.charter) : null;
    const revision = insertRevision(p, { title: input.title, body: input.body, charter, authorId: input.byUserId, now });
    return { ok: true as const, revision };
  });
}

/** Draft → discussion, by the author. */
export function startDiscussion(input: { proposalId: string; byUserId: string; now?: number }): { ok: true } | Refusal {
  const now = input.now ?? Date.now();
  return attempt(() => {
    const p = getProposalById(input.proposalId);
    if (!p) refuse("not_found", "proposal.errors.notFound");
    if (p.authorId !== input.byUserId) refuse("forbidden", "proposal.errors.notAuthor");
    if (p.status !== "draft") refuse("conflict", "proposal.errors.notDraft");
    db.update(proposals).set({ status: "discussion", updatedAt: now }).where(eq(proposals.id, p.id)).run();
    return { ok: true as const };
  });
}

/** The author withdraws it; not while a round is open, and not once it has been decided. */
export function withdrawProposal(input: { proposalId: string; byUserId: string; now?: number }): { ok: true } | Refusal {
  const now = input.now ?? Date.now();
  return attempt(() => {
    const p = getProposalById(input.proposalId);
    if (!p) refuse("not_found", "proposal.errors.notFound");
    if (p.authorId !== input.byUserId) refuse("forbidden", "proposal.errors.notAuthor");
    if (p.status === "voting") refuse("conflict", "proposal.errors.withdrawVoting");
    if (!mayWithdraw(p.status)) refuse("conflict", "proposal.errors.alreadyDecided");
    db.update(proposals).set({ status: "withdrawn", updatedAt: now, decidedAt: now }).where(eq(proposals.id, p.id)).run();
    return { ok: true as const };
  });
}

/**
 * Kinds whose text members may amend. A federation proposal decides a fixed question whose
 * effect is set when it is made (the council proposal to ratify, the delegate to recall,
 * the mandate's stance, the council to join, the seats to fill): amending its text could
 * change nothing it does, so it is not offered (RONR 12th ed. §12: an amendment must be
 * germane and able to change what is decided).
 */
export const AMENDABLE_KINDS: readonly string[] = ["general", "charter_amendment"];

/** Any voting member proposes new wording, based on the revision they read. */
export function proposeAmendment(input: {
  proposalId: string;
  authorId: string;
  baseRevision: number;
  title?: string | null;
  body: string;
  charter?: Charter | null;
  note?: string;
  now?: number;
}): { ok: true; amendment: Amendment } | Refusal {
  const now = input.now ?? Date.now();
  return attempt(() => {
    const p = getProposalById(input.proposalId);
    if (!p) refuse("not_found", "proposal.errors.notFound");
    if (!AMENDABLE_KINDS.includes(p.kind)) refuse("conflict", "proposal.errors.notAmendable");
    if (!isOpenForChanges(p.status)) refuse("conflict", "proposal.errors.notOpenForChanges");
    if (input.baseRevision !== p.currentRevision) refuse("conflict", "proposal.errors.staleRevision");
    const id = newId();
    db.insert(amendments)
      .values({
        id,
        proposalId: p.id,
        baseRevision: input.baseRevision,
        authorId: input.authorId,
        title: input.title?.trim() ? input.title.trim() : null,
        body: input.body,
        charter: p.kind === "charter_amendment" && input.charter ? validCharterJson(input.charter) : null,
        note: input.note ?? "",
        status: "open",
        createdAt: now,
      })
      .run();
    return { ok: true as const, amendment: db.select().from(amendments).where(eq(amendments.id, id)).get()! };
  });
}

/**
 * The author accepts an amendment: it becomes the next revision. An amendment written
 * against an older revision is refused, so no one's change silently overwrites another's.
 */
export function acceptAmendment(input: { proposalId: string; amendmentId: string; byUserId: string; now?: number }): { ok: true; revision: number } | Refusal {
  const now = input.now ?? Date.now();
  return attempt(() => {
    // Only an amendment to the proposal in the URL: an id from elsewhere is not found here.
    const a = db.select().from(amendments).where(and(eq(amendments.id, input.amendmentId), eq(amendments.proposalId, input.proposalId))).get();
    if (!a) refuse("not_found", "proposal.errors.amendmentNotFound");
    const p = getProposalById(a.proposalId)!;
    if (p.authorId !== input.byUserId) refuse("forbidden", "proposal.errors.notAuthor");
    if (a.status !== "open") refuse("conflict", "proposal.errors.amendmentDecided");
    if (!isOpenForChanges(p.status)) refuse("conflict", "proposal.errors.notOpenForChanges");
    if (a.baseRevision !== p.currentRevision) refuse("conflict", "proposal.errors.amendmentStale");
    const cur = currentRevision(p);
    const revision = insertRevision(p, {
      title: a.title ?? cur.title,
      body: a.body,
      charter: a.charter ?? cur.charter,
      authorId: a.authorId,
      amendmentId: a.id,
      now,
    });
    db.update(amendments).set({ status: "accepted", decidedAt: now, resultRevision: revision }).where(eq(amendments.id, a.id)).run();
    return { ok: true as const, revision };
  });
}

export function declineAmendment(input: { proposalId: string; amendmentId: string; byUserId: string; now?: number }): { ok: true } | Refusal {
  const now = input.now ?? Date.now();
  return attempt(() => {
    // Only an amendment to the proposal in the URL: an id from elsewhere is not found here.
    const a = db.select().from(amendments).where(and(eq(amendments.id, input.amendmentId), eq(amendments.proposalId, input.proposalId))).get();
    if (!a) refuse("not_found", "proposal.errors.amendmentNotFound");
    const p = getProposalById(a.proposalId)!;
    if (p.authorId !== input.byUserId) refuse("forbidden", "proposal.errors.notAuthor");
    if (a.status !== "open") refuse("conflict", "proposal.errors.amendmentDecided");
    db.update(amendments).set({ status: "declined", decidedAt: now }).where(eq(amendments.id, a.id)).run();
    return { ok: true as const };
  });
}

export function getAmendment(id: string): Amendment | undefined {
  return db.select().from(amendments).where(eq(amendments.id, id)).get();
}

export function listAmendments(proposalId: string) {
  return db
    .select({
      id: amendments.id,
      baseRevision: amendments.baseRevision,
      title: amendments.title,
      body: amendments.body,
      charter: amendments.charter,
      note: amendments.note,
      status: amendments.status,
      createdAt: amendments.createdAt,
      resultRevision: amendments.resultRevision,
      authorName: users.displayName,
    })
    .from(amendments)
    .leftJoin(users, eq(users.id, amendments.authorId))
    .where(eq(amendments.proposalId, proposalId))
    .orderBy(asc(amendments.createdAt))
    .all();
}

/** Comments and replies; a reply to a reply joins its thread (one level, as in a room). */
export function addComment(input: { proposalId: string; authorId: string; body: string; parentId?: string | null; now?: number }): { ok: true; id: string } | Refusal {
  const now = input.now ?? Date.now();
  return attempt(() => {
    const p = getProposalById(input.proposalId);
    if (!p) refuse("not_found", "proposal.errors.notFound");
    let parentId: string | null = null;
    if (input.parentId) {
      const parent = db.select().from(comments).where(and(eq(comments.id, input.parentId), eq(comments.proposalId, p.id))).get();
      if (!parent) refuse("not_found", "proposal.errors.commentNotFound");
      parentId = parent.parentId ?? parent.id;
    }
    const id = newId();
    db.insert(comments).values({ id, proposalId: p.id, parentId, authorId: input.authorId, body: input.body, createdAt: now }).run();
    return { ok: true as const, id };
  });
}

/** Threads per page of comments: a thread (a comment and its replies) is never split. */
export const THREADS_PER_PAGE = 25;

/**
 * One page of comment threads, oldest first; `page` is 1-based and clamped. The page's
 * work is bounded by THREADS_PER_PAGE, not by how much a proposal has been discussed.
 */
export function listComments(proposalId: string, page = 1) {
  const counts = db
    .select({ threads: sql<number>`sum(case when ${comments.parentId} is null then 1 else 0 end)`, all: sql<number>`count(*)` })
    .from(comments)
    .where(eq(comments.proposalId, proposalId))
    .get();
  const threads = counts?.threads ?? 0;
  const pages = Math.max(1, Math.ceil(threads / THREADS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const cols = { id: comments.id, parentId: comments.parentId, body: comments.body, createdAt: comments.createdAt, authorName: users.displayName };
  const top = db
    .select(cols)
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.proposalId, proposalId), isNull(comments.parentId)))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(THREADS_PER_PAGE)
    .offset((current - 1) * THREADS_PER_PAGE)
    .all();
  type Row = (typeof top)[number];
  const replies: Row[] = top.length
    ? db
        .select(cols)
        .from(comments)
        .leftJoin(users, eq(users.id, comments.authorId))
        .where(and(eq(comments.proposalId, proposalId), inArray(comments.parentId, top.map((t) => t.id))))
        .orderBy(asc(comments.createdAt), asc(comments.id))
        .all()
    : [];
  const list = top.map((r) => ({ ...r, replies: [] as Row[] }));
  const byId = new Map(list.map((r) => [r.id, r]));
  for (const r of replies) byId.get(r.parentId!)?.replies.push(r);
  return { threads: list, page: current, pages, total: counts?.all ?? 0 };
}

/** The page of comments a thread is on (a new comment goes to the last page). */
export function commentPageOf(proposalId: string, commentId: string) {
  const c = db.select({ id: comments.id, parentId: comments.parentId, createdAt: comments.createdAt }).from(comments).where(and(eq(comments.id, commentId), eq(comments.proposalId, proposalId))).get();
  if (!c) return 1;
  const head = c.parentId ? db.select({ id: comments.id, createdAt: comments.createdAt }).from(comments).where(eq(comments.id, c.parentId)).get()! : c;
  const before = db
    .select({ n: sql<number>`count(*)` })
    .from(comments)
    .where(and(eq(comments.proposalId, proposalId), isNull(comments.parentId), sql`(${comments.createdAt} < ${head.createdAt} or (${comments.createdAt} = ${head.createdAt} and ${comments.id} < ${head.id}))`))
    .get()!.n;
  return Math.floor(before / THREADS_PER_PAGE) + 1;
}

/** Proposals by id for the decision record's links (only this body's). */
export function proposalTitles(assemblyId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { number: number; title: string; systemTitle: string | null }>();
  const rows = db
    .select({ id: proposals.id, number: proposals.number, title: proposals.title, systemTitle: proposals.systemTitle })
    .from(proposals)
    .where(and(eq(proposals.assemblyId, assemblyId), inArray(proposals.id, ids)))
    .all();
  return new Map(rows.map((r) => [r.id, { number: r.number, title: r.title, systemTitle: r.systemTitle }]));
}
