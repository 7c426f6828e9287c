/**
 * Wires the federation into rounds and the server's background work (docs/decisions/007-federation.md,
 * 008-round-hooks.md). Called once
 * by the server (entry.server.tsx) and on import, so tests and scripts get the same rules.
 */
import { registerJob } from "~/background.server";
import { refuse } from "~/lib/refusal";
import { isDecidedStatus } from "~/engine";
import { getAssembly } from "./assembly.server";
import { registerRoundHooks } from "./round.server";
import { applyMembershipDecision, councilsOf, getLink, isCouncil, markApplied } from "./council.server";
import { applyElection, checkElectionOpen, countElection, endExpiredTerms, endTermsOfBody, getTerm, openNominationsFor, seatsOf } from "./delegate.server";
import { checkCouncilBallot, flagsForBody, mandatesForDelegate, reportFlags } from "./mandate.server";
import { applyRatification, councilDoesNotVote, getRatification, ratifyAfterCouncilVote } from "./ratification.server";
import { applyRecall, petitionsOf } from "./recall.server";
import { askForReports, filedReports, overdueReports, owedReports, placeWaitingReports } from "./report-back.server";

/** Kinds a council may still decide by secret ballot: choosing people, not policy. */
const COUNCIL_SECRET_ALLOWED = ["election", "recall"];

export function registerFederation() {
  registerRoundHooks("federation", {
    beforeOpen(p, { secret }) {
      const body = getAssembly(p.assemblyId);
      // In a council each delegate's ballot is shown beside their mandate (docs/domain.md#mandates), so its
      // votes on policy are open ballots.
      if (isCouncil(body) && secret && !COUNCIL_SECRET_ALLOWED.includes(p.kind)) refuse("conflict", "federation.errors.councilOpenBallots");
      if (getRatification(p.id)) refuse("conflict", "federation.errors.underRatification");
      // The council's charter sends its general proposals straight to the member assemblies.
      if (councilDoesNotVote(p)) refuse("conflict", "federation.errors.councilDoesNotVote");
      const link = getLink(p.id);
      if (link?.action === "recall" && link.termId && getTerm(link.termId)?.status !== "active") refuse("conflict", "federation.errors.termNotActive");
      checkElectionOpen(p);
    },
    beforeBallot(b) {
      // Paper and phone ballots together are capped by the round model (countedSoFar).
      checkCouncilBallot(b);
    },
    countElection(r, p, e, method) {
      return countElection(r, p, e, method);
    },
    afterClose(r, p) {
      const now = r.closedAt ?? Date.now();
      reportFlags(r, p, now);
      // A council whose charter has it vote first: what it passed now goes to the assemblies.
      ratifyAfterCouncilVote(p, now);
      const link = getLink(p.id);
      if (!link || link.appliedAt !== null) return;
      // Nothing is applied until the proposal is decided (no quorum or tabled: another round follows).
      if (!isDecidedStatus(p.status)) return;
      switch (link.action) {
        case "join":
        case "leave":
          if (p.status === "passed") applyMembershipDecision(link, p, now, endTermsOfBody);
          break;
        case "election":
          applyElection(link, p, r, now);
          break;
        case "ratification":
          applyRatification(link, p, r, now);
          break;
        case "recall":
          applyRecall(link, p, r, now);
          break;
        case "mandate":
          // In force from now: mandateInForce reads the passed proposal.
          break;
      }
      markApplied(p.id, now);
    },
  });
  registerJob({
    name: "federation",
    run(now) {
      endExpiredTerms(now);
      askForReports(now);
      placeWaitingReports(now);
    },
  });
}

registerFederation();

/** What an assembly's overview shows of its councils: reports, late ones, ballots against mandates, petitions. */
export function federationOverview(body: { id: string; slug: string }, userId: string, now: number) {
  return {
    slug: body.slug,
    councils: councilsOf(body.id, ["active"]).length,
    flags: flagsForBody(body.id, { limit: 5 }),
    overdue: overdueReports({ assemblyId: body.id }, now).map((r) => ({ id: r.id, delegate: r.delegate, councilName: r.councilName, dueAt: r.dueAt })),
    reports: filedReports(body.id, now, { limit: 5 }).map((r) => ({ id: r.id, delegate: r.delegate, councilName: r.councilName, title: r.title, submittedAt: r.submittedAt, late: r.late, comments: r.comments })),
    owed: owedReports(userId, now, body.id).map((r) => ({ id: r.id, councilName: r.councilName, dueAt: r.dueAt, late: r.late })),
    petitions: petitionsOf(body.id, userId).map((p) => ({ id: p.id, delegate: p.delegate, signatures: p.signatures, needed: p.needed, status: p.status })),
    // What this member is told: nominations to answer, the seats they hold, and the
    // mandates home has set for them (docs/domain.md#delegates, #mandates).
    nominations: openNominationsFor(body.id, userId).map((n) => ({ proposalId: n.proposalId, councilName: n.councilName, by: n.nominatedBy === userId ? null : n.nominatedByName })),
    seats: seatsOf(body.id, userId).map((s) => ({ termId: s.termId, councilName: s.councilName, councilSlug: s.councilSlug, endsAt: s.endsAt })),
    mandates: mandatesForDelegate(body.id, userId).map((m) => ({ councilProposalId: m.councilProposalId, councilName: m.councilName, councilSlug: m.councilSlug, number: m.number, title: m.title, stance: m.stance, imperative: m.imperative, instructions: m.instructions })),
  };
}
