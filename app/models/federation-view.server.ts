/**
 * Everything the federation pages show, gathered from the council, delegate, mandate,
 * ratification, proposal and round models so the routes stay thin (as proposal-view.server.ts
 * does for the proposal page). Nothing here decides; it reads what the models stored.
 */
import { titleFor } from "~/i18n/system-title";
import type { Locale } from "~/i18n";
import { checkComposition } from "~/engine";
import { isClosedStatus, isOpenForChanges, isOpenStatus } from "~/engine/lifecycle";
import { compositionRuleOf, hasGenderRule, type BallotKind } from "~/lib/rules";
import type { Assembly } from "./assembly.server";
import { councilProposalsFor, councilRules, councilSeats, getCouncil, getLink, liveLinkedProposal, memberBodies, type CouncilMember } from "./council.server";
import { activeTerms, electionRules, listNominations, paperBatchesOf, termsOfBody, vacancies } from "./delegate.server";
import { flagsForBody, mandateInForce, mandatePanel, mandatesOfBody } from "./mandate.server";
import { can, listMembers, mayVote, type Membership } from "./membership.server";
import { currentRevision, getProposalById, listOptions, type Proposal } from "./proposal.server";
import { ratificationResultsView, ratificationsOf, ratificationStatus } from "./ratification.server";
import { isOpen, listRounds, myBallot, openRoundOf } from "./round.server";

/** The council's own page: its rules and seats, its member bodies and their requests, what it sent for ratification, its proposals. */
export function councilPage(council: Assembly, membership: Membership, locale: Locale) {
  const rules = councilRules(council.id);
  const seats = councilSeats(council.id);
  // The council-wide composition, stated only where a gender rule needs it.
  const composition = hasGenderRule(rules)
    ? checkComposition(
        seats.seats.flatMap((s) => s.held.map((h) => h.gender)),
        seats.total,
        compositionRuleOf(rules),
      ).explanation[locale]
    : null;
  const proposals = councilProposalsFor(council.id, locale);
  return {
    name: council.name,
    rules,
    seats,
    composition,
    members: memberBodies(council.id, ["active"]),
    requests: memberBodies(council.id, ["pending"]),
    ratifications: ratificationsOf(council.id, locale).map((r) => ({
      councilProposalId: r.councilProposalId,
      number: r.number,
      title: r.title,
      outcome: r.outcome,
      explanation: r.status ? r.status.decision.explanation[locale] : "",
      results: ratificationResultsView(r.councilProposalId),
    })),
    proposals: proposals.filter((p) => p.kind !== "election"),
    sendable: proposals.filter((p) => isOpenForChanges(p.status) && (p.kind === "general" || p.kind === "charter_amendment")),
    me: { steward: membership.steward, facilitator: can(membership, "facilitator") },
  };
}

/** What a member body has to say about each proposal its council is deciding: its text, the mandate in force, mandates under way, its ratification. */
function openCouncilProposalsFor(bodyId: string, councilId: string, locale: Locale) {
  return councilProposalsFor(councilId, locale)
    .filter((p) => isOpenStatus(p.status) && p.kind !== "election")
    .map((p) => {
      const full = getProposalById(p.id)!;
      const ours = ratificationResultsView(p.id).find((r) => r.assemblyId === bodyId) ?? null;
      return {
        ...p,
        body: currentRevision(full).body,
        inForce: mandateInForce(bodyId, p.id),
        mandatesUnderWay: mandatesOfBody(bodyId, p.id).filter((m) => !isClosedStatus(m.status)),
        ratification: ours ? { proposalId: ours.proposalId, number: ours.number, result: ours.result } : null,
      };
    });
}

/** A member body's page about one council it belongs to. */
export function councilFromBodyPage(body: Assembly, council: Assembly, link: CouncilMember, me: { userId: string; membership: Membership }, locale: Locale) {
  const election = liveLinkedProposal({ assemblyId: body.id, councilId: council.id, action: "election" });
  const leaving = liveLinkedProposal({ assemblyId: body.id, councilId: council.id, action: "leave" });
  return {
    body: { name: body.name },
    council: { id: council.id, name: council.name, description: council.description },
    status: link.status,
    rules: councilRules(council.id),
    seats: councilSeats(council.id),
    ourTerms: termsOfBody(body.id, { councilId: council.id, limit: 20 }),
    vacant: vacancies(body.id, council.id),
    election: election?.proposalId ?? null,
    leaving: leaving?.proposalId ?? null,
    proposals: openCouncilProposalsFor(body.id, council.id, locale),
    flags: flagsForBody(body.id).filter((f) => f.councilSlug === council.slug),
    canPropose: can(me.membership, "voter"),
    me: me.userId,
  };
}

/** An election of delegates: its council, rules, nominations, paper batches and result. */
export function electionPage(p: Proposal, bodyId: string, me: { userId: string; membership: Membership }, locale: Locale) {
  const link = getLink(p.id);
  const council = link ? getCouncil(link.councilId) : undefined;
  const nominations = listNominations(p.id);
  const nominated = new Set(nominations.filter((n) => !n.declinedAt).map((n) => n.userId));
  const open = openRoundOf(p.id) ?? null;
  const closed = listRounds(p.id).filter((r) => r.closedAt !== null && r.outcome !== "no_quorum").pop() ?? null;
  // The rules as they bind this election now; once decided, its result states the rules it applied.
  const decided = isClosedStatus(p.status);
  const rules = decided ? null : electionRules(p.id);
  return {
    proposal: { id: p.id, number: p.number, title: titleFor(locale, p), status: p.status, seats: p.seats ?? 1 },
    council: council ? { name: council.name, id: council.id } : null,
    rules: rules ? rules.map((r) => r[locale]) : [],
    nominations: nominations.map((n) => ({ userId: n.userId, name: n.name, accepted: n.acceptedAt !== null, declined: n.declinedAt !== null })),
    candidates: listOptions(p.id).map((o) => o.name),
    myNomination: nominations.find((n) => n.userId === me.userId && !n.declinedAt) ?? null,
    nominees: listMembers(bodyId)
      .filter((m) => mayVote(m) && !nominated.has(m.userId))
      .map((m) => ({ value: m.userId, label: m.displayName })),
    nominationsOpen: isOpenForChanges(p.status) && !open,
    open: open ? { id: open.id, deadline: open.deadline, secret: open.secret } : null,
    batches: paperBatchesOf(p.id),
    result: closed
      ? {
          outcome: closed.outcome,
          explanation: locale === "es" ? closed.explanationEs : closed.explanationEn,
          figures: JSON.parse(closed.figures ?? "{}") as Record<string, unknown>,
          elected: (JSON.parse(closed.figures ?? "{}") as { elected?: string[] }).elected ?? [],
        }
      : null,
    me: { voter: can(me.membership, "voter"), facilitator: can(me.membership, "facilitator"), id: me.userId },
  };
}

/** A council proposal as a delegate sees it: the round, their ballot, the mandate that binds them, every body's mandate and the ratifications. */
export function councilProposalPage(panel: NonNullable<ReturnType<typeof mandatePanel>>, councilId: string, userId: string, locale: Locale, now = Date.now()) {
  const p = panel.proposal;
  const round = panel.round;
  const open = round && isOpen(round, now) ? round : null;
  const [myTerm] = activeTerms({ councilId, userId });
  const rat = ratificationStatus(p.id);
  return {
    proposal: { id: p.id, number: p.number, title: titleFor(locale, p), status: p.status, kind: p.kind, body: currentRevision(p).body },
    round: round ? { id: round.id, number: round.number, closed: round.closedAt !== null, secret: round.secret, outcome: round.outcome, explanation: locale === "es" ? round.explanationEs : round.explanationEn } : null,
    open: open ? { id: open.id, ballotKind: open.ballotKind as BallotKind } : null,
    mine: open ? myBallot(open.id, userId) : null,
    myMandate: myTerm ? mandateInForce(myTerm.assemblyId, p.id) : null,
    rows: panel.rows,
    ratification: rat ? { explanation: rat.decision.explanation[locale], outcome: rat.ratification.outcome, results: ratificationResultsView(p.id) } : null,
  };
}
