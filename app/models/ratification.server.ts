/**
 * Ratification (docs/domain.md#ratification: "councils administer; policy is made by the assemblies"): a
 * council proposal sent for ratification becomes a "ratification" proposal in each member
 * body, decided under that body's own charter. The council shows each result as it comes
 * in and decides by its charter's ratification rule, through the engine, as soon as the
 * result can no longer change ("Ratified: 5 of 7 member assemblies ≥ 2/3").
 */
import { systemTitleText, titleFor } from "~/i18n/system-title";
import { and, asc, eq } from "drizzle-orm";
import { attempt, db } from "~/db.server";
import { refuse, type Refusal } from "~/lib/refusal";
import { assemblies, proposals, ratificationResults, ratifications } from "../../db/schema";
import { ratificationThreshold } from "~/lib/rules";
import { decideRatification, isOpenForChanges, ratificationResultOf, statusAfterRatification, type Outcome } from "~/engine";
import { translate, type Locale } from "~/i18n";
import { currentCharter, getAssembly } from "./assembly.server";
import { appendRecord } from "./record.server";
import { createProposal, currentRevision, getProposalById, type Proposal } from "./proposal.server";
import { openRoundOf, type Round } from "./round.server";
import { councilRules, getCouncil, insertLink, memberBodies, type FederationLink } from "./council.server";

export type Ratification = typeof ratifications.$inferSelect;

export function getRatification(councilProposalId: string): Ratification | undefined {
  return db.select().from(ratifications).where(eq(ratifications.councilProposalId, councilProposalId)).get();
}

/**
 * A council facilitator sends a proposal in discussion straight to the member bodies: the
 * council's own vote is replaced by theirs, and the proposal is "voting" until the rule
 * settles it. Not under a charter that has the council vote first ("after_council").
 */
export function sendForRatification(input: { councilProposalId: string; by: string; locale?: Locale; now: number }): { ok: true; sent: number } | Refusal {
  return attempt(() => {
    const cp = getProposalById(input.councilProposalId);
    const council = cp ? getCouncil(cp.assemblyId) : undefined;
    if (!cp || !council) refuse("not_found", "federation.errors.councilProposalNotFound");
    if (getRatification(cp.id)) refuse("conflict", "federation.errors.alreadySent");
    if (councilRules(council.id).ratification.order === "after_council") refuse("conflict", "federation.errors.ratificationAfterCouncil");
    if (!isOpenForChanges(cp.status) || openRoundOf(cp.id)) refuse("conflict", "federation.errors.ratificationNotReady");
    if (cp.kind !== "general" && cp.kind !== "charter_amendment") refuse("invalid", "federation.errors.ratificationKind");
    if (memberBodies(council.id, ["active"]).length === 0) refuse("conflict", "federation.errors.noMemberBodies");
    return { sent: startRatification(cp, council, input.by, input.locale ?? "en", input.now) };
  });
}

/**
 * Under a charter whose council votes first ("after_council"), a general proposal the
 * council passed goes to the member bodies and takes effect only when ratified: it is
 * "voting" again until their results settle it. Runs inside the closing round's transaction.
 */
export function ratifyAfterCouncilVote(cp: Proposal, now: number): boolean {
  const council = getCouncil(cp.assemblyId);
  if (!council || cp.status !== "passed" || cp.kind !== "general" || getRatification(cp.id)) return false;
  if (councilRules(council.id).ratification.order !== "after_council") return false;
  // With no member assembly left to ask, what the council passed stands as it is.
  if (memberBodies(council.id, ["active"]).length === 0) return false;
  startRatification(cp, council, null, "en", now, true);
  return true;
}

/** Under "straight to the assemblies" the council does not vote on its general proposals. */
export function councilDoesNotVote(cp: Proposal): boolean {
  const council = getCouncil(cp.assemblyId);
  return Boolean(council) && cp.kind === "general" && councilRules(council!.id).ratification.order === "instead";
}

/** Asks every active member body (the callers checked there is one); returns how many. */
function startRatification(cp: Proposal, council: NonNullable<ReturnType<typeof getCouncil>>, by: string | null, locale: Locale, now: number, afterVote = false): number {
  const members = memberBodies(council.id, ["active"]);
  const rule = councilRules(council.id).ratification;
  db.insert(ratifications)
    .values({ councilProposalId: cp.id, councilId: council.id, threshold: rule.threshold, strict: rule.strict, charterVersion: currentCharter(council.id).version, startedBy: by, startedAt: now })
    .run();
  const text = currentRevision(cp);
  for (const m of members) {
    // The body's proposal is the council's, not one of its members': it has no author (its
    // page names the council), so no one there can edit or withdraw what they must decide.
    const p = createProposal({
      assemblyId: m.assemblyId,
      authorId: null,
      kind: "ratification",
      title: systemTitleText(locale, { kind: "ratification", council: council.name, number: cp.number, title: cp.title }),
      systemTitle: { kind: "ratification", council: council.name, number: cp.number, title: cp.title },
      body: `${translate(locale, afterVote ? "federation.ratification.proposalIntroAfterVote" : "federation.ratification.proposalIntro", { council: council.name, number: cp.number })}\n\n${text.body}`,
      now,
    });
    insertLink({ proposalId: p.id, action: "ratification", assemblyId: m.assemblyId, councilId: council.id, councilProposalId: cp.id, createdAt: now });
    db.insert(ratificationResults).values({ councilProposalId: cp.id, memberBodyId: m.assemblyId, proposalId: p.id, result: "pending" }).run();
  }
  db.update(proposals).set({ status: "voting", updatedAt: now }).where(eq(proposals.id, cp.id)).run();
  appendRecord({
    assemblyId: council.id,
    kind: "federation",
    subjectId: cp.id,
    summary: afterVote ? "record.federation.ratificationSentAfterVote" : "record.federation.ratificationSent",
    params: { number: cp.number, title: cp.title, bodies: members.length },
    payload: { councilProposalId: cp.id, rule, bodies: members.map((m) => m.assemblyId), afterCouncilVote: afterVote },
    at: now,
  });
  return members.length;
}

function tally(councilProposalId: string) {
  const rows = db.select().from(ratificationResults).where(eq(ratificationResults.councilProposalId, councilProposalId)).all();
  return { rows, ratified: rows.filter((r) => r.result === "ratified").length, rejected: rows.filter((r) => r.result === "rejected").length, members: rows.length };
}

/** The rule applied to the results so far (used live on the page, and to settle it). */
export function ratificationStatus(councilProposalId: string) {
  const rat = getRatification(councilProposalId);
  if (!rat) return null;
  const t = tally(councilProposalId);
  const d = decideRatification({ ratified: t.ratified, rejected: t.rejected, members: t.members, threshold: ratificationThreshold(rat) });
  return { ratification: rat, ...t, decision: d };
}

/** After a member body's ratification round: its result counts, and the council decides once it is settled. */
export function applyRatification(link: FederationLink, p: Proposal, r: Round, now: number) {
  if (!link.councilProposalId) return;
  const result = ratificationResultOf(r.outcome as Outcome | null);
  if (!result) return;
  db.update(ratificationResults)
    .set({ result, decidedAt: now })
    .where(and(eq(ratificationResults.councilProposalId, link.councilProposalId), eq(ratificationResults.memberBodyId, link.assemblyId), eq(ratificationResults.result, "pending")))
    .run();
  const s = ratificationStatus(link.councilProposalId);
  if (!s || s.ratification.outcome || s.decision.outcome === "pending") return;
  const cp = getProposalById(link.councilProposalId)!;
  const outcome = s.decision.outcome;
  db.update(ratifications)
    .set({ outcome, decidedAt: now, explanationEn: s.decision.explanation.en, explanationEs: s.decision.explanation.es })
    .where(eq(ratifications.councilProposalId, cp.id))
    .run();
  db.update(proposals)
    .set({ status: statusAfterRatification(outcome), decidedAt: now, updatedAt: now })
    .where(eq(proposals.id, cp.id))
    .run();
  appendRecord({
    assemblyId: cp.assemblyId,
    kind: "federation",
    subjectId: cp.id,
    summary: outcome === "ratified" ? "record.federation.ratified" : "record.federation.notRatified",
    params: { number: cp.number, title: cp.title, ratified: s.ratified, members: s.members },
    payload: {
      councilProposalId: cp.id,
      outcome,
      rule: { threshold: s.ratification.threshold, strict: s.ratification.strict },
      charterVersion: s.ratification.charterVersion,
      results: s.rows.map((x) => ({ assemblyId: x.memberBodyId, proposalId: x.proposalId, result: x.result })),
      explanation: s.decision.explanation,
    },
    at: now,
  });
}

/** Each member body's result, for the council's page and the member's. */
export function ratificationResultsView(councilProposalId: string) {
  return db
    .select({
      assemblyId: ratificationResults.memberBodyId,
      name: assemblies.name,
      slug: assemblies.slug,
      proposalId: ratificationResults.proposalId,
      number: proposals.number,
      status: proposals.status,
      result: ratificationResults.result,
      decidedAt: ratificationResults.decidedAt,
    })
    .from(ratificationResults)
    .innerJoin(assemblies, eq(assemblies.id, ratificationResults.memberBodyId))
    .innerJoin(proposals, eq(proposals.id, ratificationResults.proposalId))
    .where(eq(ratificationResults.councilProposalId, councilProposalId))
    .orderBy(asc(assemblies.name))
    .all();
}

/** A council's proposals sent for ratification, with where each stands, titled in the reader's language. */
export function ratificationsOf(councilId: string, locale: Locale) {
  return db
    .select({ councilProposalId: ratifications.councilProposalId, number: proposals.number, title: proposals.title, systemTitle: proposals.systemTitle, outcome: ratifications.outcome, startedAt: ratifications.startedAt })
    .from(ratifications)
    .innerJoin(proposals, eq(proposals.id, ratifications.councilProposalId))
    .where(eq(ratifications.councilId, councilId))
    .all()
    .map(({ systemTitle, ...r }) => ({ ...r, title: titleFor(locale, { title: r.title, systemTitle }), status: ratificationStatus(r.councilProposalId) }));
}

export function bodyName(id: string) {
  return getAssembly(id)?.name ?? "";
}
