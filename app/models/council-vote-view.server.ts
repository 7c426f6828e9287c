/**
 * What a council proposal's own page shows on top of any proposal's (docs/domain.md#mandates,
 * #ratification): one page per council vote. A delegate sees their home assembly's mandate
 * beside the ballot and which positions would depart from it; every delegate's mandate is
 * shown beside their vote; a proposal sent to the member assemblies shows which of them have
 * decided, how, and the council's rule and result as it stands; and the page says, from the
 * council's charter, whether the council votes, and whether its decision then goes to the
 * assemblies. Nothing here decides: it reads the mandate, ratification and round models.
 */
import type { Locale } from "~/i18n";
import { CHOICES, type BallotKind } from "~/lib/rules";
import { isOpenForChanges } from "~/engine";
import { can, getMembership, type Membership } from "./membership.server";
import { councilProposalsFor, councilRules, getCouncil, getLink, memberBodies } from "./council.server";
import { getPetition, signatureCount } from "./recall.server";
import { getUserById } from "./user.server";
import { activeTerms } from "./delegate.server";
import { contrary, mandateInForce, mandatePanel } from "./mandate.server";
import { getRatification, ratificationResultsView, ratificationsOf, ratificationStatus } from "./ratification.server";
import { listRounds, openRoundOf } from "./round.server";
import { getAssembly } from "./assembly.server";
import { getProposalById, type Proposal } from "./proposal.server";

export function councilVoteView(p: Proposal, me: { userId: string; membership: Membership }, locale: Locale) {
  const council = getCouncil(p.assemblyId);
  if (!council) return null;
  const rules = councilRules(council.id);
  const order = rules.ratification.order;
  const policy = p.kind === "general" || p.kind === "charter_amendment";
  const panel = mandatePanel(p.id);
  const [myTerm] = activeTerms({ councilId: council.id, userId: me.userId });
  const mandate = myTerm ? mandateInForce(myTerm.assemblyId, p.id) : null;
  const open = openRoundOf(p.id);
  const ballotKind = (open?.ballotKind ?? null) as BallotKind | null;
  const rat = ratificationStatus(p.id);
  return {
    councilName: council.name,
    order,
    rule: { threshold: rules.ratification.threshold, strict: rules.ratification.strict },
    // What happens to this proposal under the council's charter.
    path: !policy ? ("council" as const) : order === "instead" && p.kind === "general" ? ("instead" as const) : order === "after_council" && p.kind === "general" ? ("after" as const) : ("council" as const),
    canSend:
      can(me.membership, "facilitator") && policy && order !== "after_council" && !getRatification(p.id) && isOpenForChanges(p.status) && !open,
    myMandate: mandate
      ? {
          ...mandate,
          body: getAssembly(myTerm!.assemblyId)?.name ?? "",
          // The positions that depart from a binding mandate: the ballot asks for a reason on these.
          departing: mandate.imperative && ballotKind ? CHOICES[ballotKind].filter((c) => contrary(mandate.stance, c)) : [],
        }
      : null,
    delegates: (panel?.rows ?? []).map((r) => ({
      userId: r.userId,
      name: r.name,
      body: r.body,
      seated: r.seated,
      termStatus: r.termStatus,
      mandate: r.mandate ? { stance: r.mandate.stance, imperative: r.mandate.imperative, instructions: r.mandate.instructions } : null,
      choice: panel?.round?.secret ? null : r.choice,
      flag: r.flag ? { reason: r.flag.reason } : null,
    })),
    panelRound: panel?.round ? { number: panel.round.number, secret: panel.round.secret, closed: panel.round.closedAt !== null } : null,
    ratification: rat
      ? {
          outcome: rat.ratification.outcome,
          explanation: rat.decision.explanation[locale],
          needed: rat.decision.needed,
          members: rat.members,
          rule: { threshold: rat.ratification.threshold, strict: rat.ratification.strict },
          startedAt: rat.ratification.startedAt,
          decidedAt: rat.ratification.decidedAt,
          results: ratificationResultsView(p.id).map((x) => {
            const closed = listRounds(x.proposalId).filter((r) => r.closedAt !== null);
            const last = closed[closed.length - 1];
            return {
              assemblyId: x.assemblyId,
              name: x.name,
              result: x.result,
              decidedAt: x.decidedAt,
              status: x.status,
              // How that assembly decided: its own round's explanation, under its own charter.
              how: last ? (locale === "es" ? last.explanationEs : last.explanationEn) : null,
              // A link only for those who can open that assembly's page.
              href: getMembership(x.assemblyId, me.userId) ? `/a/${x.slug}/proposals/${x.proposalId}` : null,
            };
          }),
        }
      : null,
  };
}

export type CouncilVoteView = NonNullable<ReturnType<typeof councilVoteView>>;

/**
 * Who or what started a proposal the federation made, for its byline: a ratification was
 * sent by the council (after its own vote, or straight), a recall was opened by a petition
 * when its signatures reached the threshold. Null for a proposal a member wrote.
 */
export function federationOrigin(p: Proposal): { key: string; params: Record<string, string | number> } | null {
  const link = getLink(p.id);
  if (!link) return null;
  if (link.action === "ratification" && link.councilProposalId) {
    const council = getCouncil(link.councilId);
    const cp = getProposalById(link.councilProposalId);
    const afterVote = cp ? listRounds(cp.id).some((r) => r.outcome === "passed") : false;
    return {
      key: afterVote ? "federation.origin.ratificationAfterVote" : "federation.origin.ratification",
      params: { council: council?.name ?? "", number: cp?.number ?? 0 },
    };
  }
  if (link.action === "recall" && link.petitionId) {
    const pet = getPetition(link.petitionId);
    const starter = pet?.startedBy ? getUserById(pet.startedBy)?.displayName : null;
    return { key: "federation.origin.recall", params: { name: starter ?? "—", signatures: pet ? signatureCount(pet.id) : 0 } };
  }
  return null;
}

/**
 * The council's overview for those who run it: requests to join waiting for an answer, the
 * proposals a facilitator can send to the member assemblies, those the assemblies are
 * deciding, and (for stewards) the invitation link. Nothing here is only on a tab.
 */
export function councilDesk(councilId: string, membership: Membership, origin: string, locale: Locale) {
  const council = getCouncil(councilId);
  if (!council) return null;
  const order = councilRules(council.id).ratification.order;
  const facilitator = can(membership, "facilitator");
  const open = councilProposalsFor(council.id, locale, { limit: 200 });
  return {
    steward: membership.steward,
    requests: memberBodies(council.id, ["pending"]).map((r) => ({ id: r.id, name: r.name, requestedAt: r.requestedAt })),
    sendable:
      facilitator && order !== "after_council"
        ? open.filter((p) => (p.kind === "general" || p.kind === "charter_amendment") && isOpenForChanges(p.status) && !getRatification(p.id)).map((p) => ({ id: p.id, number: p.number, title: p.title }))
        : [],
    ratifying: ratificationsOf(council.id, locale)
      .filter((r) => !r.outcome)
      .map((r) => ({ id: r.councilProposalId, number: r.number, title: r.title, ratified: r.status?.ratified ?? 0, members: r.status?.members ?? 0 })),
    invitation: membership.steward ? `${origin}/councils/${council.slug}/join` : null,
  };
}
