/**
 * Everything the proposal page shows, gathered from the proposal and round models so the
 * route stays thin. Nothing here decides; it reads what closing stored.
 */
import { titleFor } from "~/i18n/system-title";
import type { Locale } from "~/i18n";
import { can, type Membership } from "./membership.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { diffWords } from "~/lib/diff";
import { fallbackOf, roundRuleSummary, ruleFor, type BallotKind } from "~/lib/rules";
import { readCharter, type Charter } from "~/lib/charter";
import { isOpenForChanges, isReadyForRound, mayWithdraw, type RoundKind } from "~/engine";
import { currentCharter } from "./assembly.server";
import {
  AMENDABLE_KINDS,
  currentRevision,
  getRevision,
  listAmendments,
  listComments,
  listOptions,
  listRevisions,
  type Proposal,
} from "./proposal.server";
import { countBallots, latestBallots, liveTally, listOpenBallots, listRounds, myBallot, publishedBallots, roundRule, whoVoted, type Round } from "./round.server";
import { isLocked } from "./ballot-box.server";
import { getUserById } from "./user.server";

function roundView(r: Round, locale: Locale) {
  const rule = roundRule(r);
  return {
    id: r.id,
    number: r.number,
    kind: r.kind as RoundKind,
    method: r.method,
    ballotKind: r.ballotKind as BallotKind,
    secret: r.secret,
    mode: r.mode,
    revision: r.revision,
    openedAt: r.openedAt,
    deadline: r.deadline,
    closedAt: r.closedAt,
    charterVersion: r.charterVersion,
    electorateSize: r.electorateSize,
    outcome: r.outcome,
    figures: r.figures ? (JSON.parse(r.figures) as Record<string, unknown>) : null,
    explanation: locale === "es" ? r.explanationEs : r.explanationEn,
    rule: roundRuleSummary(rule),
    fallback: fallbackOf(rule, r.kind as RoundKind),
    // The page shows the latest ballots; the full list, by name, is paged on the round's
    // ballots page (a 2,000-ballot list on every view made the page slow on a phone and the
    // server, and sorting them all by name to show 50 cost most of the view).
    ballots: r.secret ? [] : latestBallots(r.id, BALLOT_PREVIEW).map(openBallotView),
    published: r.secret ? publishedBallots(r.id, { limit: BALLOT_PREVIEW }).map(publishedView) : [],
    ballotCount: countBallots(r.id),
    tally: liveTally(r.id),
    // docs/decisions/009-secret-ballots.md: after a secret round closes, who voted (not how).
    voted: r.secret && r.closedAt !== null ? whoVoted(r.id) : [],
    recountable: r.closedAt !== null && recountable(r),
    receipts: r.receipts,
    // After a restart mid-round the count waits for a teller's recovery code.
    locked: r.secret && r.closedAt === null && isLocked(r.id),
  };
}

export type RoundView = ReturnType<typeof roundView>;

/** Rounds whose ballots `npm run tally` can count (it has no consent rule). */
function recountable(r: Round): boolean {
  return roundRule(r).method !== "consent";
}

export const BALLOT_PREVIEW = 50;
export const BALLOT_PAGE = 200;

type OpenRow = Pick<ReturnType<typeof listOpenBallots>[number], "name" | "choice" | "reason" | "text" | "ranking">;
type PublishedRow = ReturnType<typeof publishedBallots>[number];

function openBallotView(b: OpenRow) {
  return { name: b.name, choice: b.choice, reason: b.reason, text: b.text, ranking: b.ranking ? (JSON.parse(b.ranking) as number[][]) : null };
}

function publishedView(b: PublishedRow) {
  return { ...b, ranking: b.ranking ? (JSON.parse(b.ranking) as number[][]) : null };
}

/** One page of a round's ballots (named for open rounds, by receipt hash for secret ones). */
export function ballotsPage(round: Round, page: number) {
  const total = countBallots(round.id);
  const pages = Math.max(1, Math.ceil(total / BALLOT_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const window = { limit: BALLOT_PAGE, offset: (current - 1) * BALLOT_PAGE };
  return {
    total,
    page: current,
    pages,
    secret: round.secret,
    ballots: round.secret ? [] : listOpenBallots(round.id, window).map(openBallotView),
    published: round.secret ? publishedBallots(round.id, window).map(publishedView) : [],
  };
}

export function proposalPage(p: Proposal, me: { userId: string; membership: Membership }, locale: Locale, now = Date.now(), commentPage = 1) {
  const rev = currentRevision(p);
  const { charter: nowCharter, version: charterVersionNow } = currentCharter(p.assemblyId);
  const rounds = listRounds(p.id).map((r) => roundView(r, locale));
  const open = rounds.find((r) => r.closedAt === null) ?? null;
  const lastClosed = [...rounds].reverse().find((r) => r.closedAt !== null) ?? null;
  const mine = open ? myBallot(open.id, me.userId) : null;
  // Past its deadline a round takes no ballot (isOpen) even before the job closes it, or
  // while a locked secret count waits for a teller: no page offers the form.
  const pastDeadline = open !== null && open.deadline !== null && open.deadline <= now;
  const author = p.authorId ? getUserById(p.authorId) : undefined;
  const isAuthor = p.authorId === me.userId;
  const voter = can(me.membership, "voter");
  const openForChanges = isOpenForChanges(p.status);
  const amendments = listAmendments(p.id).map((a) => {
    const base = getRevision(p.id, a.baseRevision);
    return {
      id: a.id,
      baseRevision: a.baseRevision,
      title: a.title,
      note: a.note,
      status: a.status,
      createdAt: a.createdAt,
      resultRevision: a.resultRevision,
      authorName: a.authorName,
      stale: a.status === "open" && a.baseRevision !== p.currentRevision,
      diff: base ? diffWords(base.body, a.body) : [],
    };
  });
  return {
    proposal: {
      id: p.id,
      number: p.number,
      title: titleFor(locale, p),
      kind: p.kind,
      status: p.status,
      seats: p.seats,
      createdAt: p.createdAt,
      decidedAt: p.decidedAt,
      authorName: author?.displayName ?? null,
      currentRevision: p.currentRevision,
    },
    revision: { number: rev.number, title: rev.title, html: renderMarkdown(rev.body), body: rev.body, createdAt: rev.createdAt },
    charterChange: p.kind === "charter_amendment" && rev.charter ? { current: nowCharter, proposed: readCharterSafe(rev.charter), currentVersion: charterVersionNow } : null,
    revisions: listRevisions(p.id).map((r) => ({ number: r.number, title: r.title, authorName: r.authorName, createdAt: r.createdAt, fromAmendment: Boolean(r.amendmentId) })),
    options: listOptions(p.id).map((o) => ({ position: o.position, name: o.name })),
    amendments,
    ...(({ threads, page, pages, total }) => ({
      comments: threads.map((c) => ({ ...c, html: renderMarkdown(c.body), replies: c.replies.map((r) => ({ ...r, html: renderMarkdown(r.body) })) })),
      commentPages: { page, pages, total },
    }))(listComments(p.id, commentPage)),
    rounds,
    open,
    mine,
    pastDeadline,
    // docs/domain.md#modified-consensus: a tabled proposal's page says, before anyone votes, that the next round is the fallback.
    tabledAfter: p.status === "tabled" && lastClosed ? { round: lastClosed.number, fallback: fallbackOf(ruleFor(nowCharter, p.kind, { seats: p.seats }), "fallback") } : null,
    roundDays: nowCharter.roundDays,
    can: {
      vote: voter && Boolean(mine?.eligible) && !pastDeadline,
      amend: voter && openForChanges && AMENDABLE_KINDS.includes(p.kind),
      comment: true,
      edit: isAuthor && openForChanges && AMENDABLE_KINDS.includes(p.kind),
      discuss: isAuthor && p.status === "draft",
      withdraw: isAuthor && mayWithdraw(p.status),
      decideAmendments: isAuthor && openForChanges,
      openRound: can(me.membership, "facilitator") && isReadyForRound(p.status),
      closeRound: can(me.membership, "facilitator") && Boolean(open),
    },
  };
}

function readCharterSafe(json: string): Charter | null {
  try {
    return readCharter(json);
  } catch {
    return null;
  }
}
