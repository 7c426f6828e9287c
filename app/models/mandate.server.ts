/**
 * Mandates (docs/domain.md#mandates): for a council proposal, a member body decides how its
 * delegates must vote — support, oppose, abstain, or free — with instructions, by a
 * proposal of kind "mandate" under its own charter. Once passed, the mandate is in force.
 *
 * In the council's round each delegate's ballot is shown beside the mandate. Under an
 * imperative mandate (the body's charter: delegates.mandate), a ballot against it needs a
 * stated reason; it is flagged on the council proposal and reported to the home body.
 * Council rounds are open ballots, so delegates stay answerable to those who sent them.
 */
import { systemTitleText } from "~/i18n/system-title";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { attempt, db } from "~/db.server";
import { refuse, type Refusal } from "~/lib/refusal";
import { assemblies, ballots, delegateTerms, federationProposals, mandateFlags, proposals, roundElectorate, rounds, users } from "../../db/schema";
import { MANDATE_STANCES } from "../../db/schema/federation";
import { newId } from "~/lib/ids.server";
import { mandateIsImperative } from "~/lib/rules";
import { isOpenStatus } from "~/engine";
import { translate, type Locale } from "~/i18n";
import { charterVersion, getAssembly } from "./assembly.server";
import { appendRecord } from "./record.server";
import { isVoter } from "./membership.server";
import { createProposal, getProposalById, type Proposal } from "./proposal.server";
import { listRounds, type Round } from "./round.server";
import { getCouncil, insertLink, isActiveMember, isCouncil, liveLinkedProposal } from "./council.server";

export type Stance = (typeof MANDATE_STANCES)[number];

/**
 * Which ballot positions carry out each stance, whatever the council's method: support is
 * yes / agree (with or without a concern) / consent; oppose is no / block / objection;
 * abstain is abstain / stand aside. "Free" leaves the delegate to judge.
 */
export const CARRIES_OUT: Record<Exclude<Stance, "free">, readonly string[]> = {
  support: ["yes", "agree", "concern", "consent"],
  oppose: ["no", "block", "objection"],
  abstain: ["abstain", "stand_aside"],
};

export function contrary(stance: Stance, choice: string): boolean {
  if (stance === "free" || choice === "ranking") return false;
  return !CARRIES_OUT[stance].includes(choice);
}

/** A member proposes a mandate for their body's delegates on a council proposal. */
export function proposeMandate(input: {
  assemblyId: string;
  councilProposalId: string;
  stance: Stance;
  instructions: string;
  authorId: string;
  locale?: Locale;
  now: number;
}): { ok: true; proposal: Proposal } | Refusal {
  return attempt(() => {
    const cp = getProposalById(input.councilProposalId);
    const council = cp ? getCouncil(cp.assemblyId) : undefined;
    const body = getAssembly(input.assemblyId);
    if (!cp || !council || !body || !isActiveMember(council.id, body.id)) refuse("not_found", "federation.errors.councilProposalNotFound");
    if (!isVoter(body.id, input.authorId)) refuse("forbidden", "federation.errors.needsVoter");
    if (!isOpenStatus(cp.status)) refuse("conflict", "federation.errors.councilProposalDecided");
    if (!(MANDATE_STANCES as readonly string[]).includes(input.stance)) refuse("invalid", "errors.choice", { field: "stance" });
    if (liveLinkedProposal({ assemblyId: body.id, councilId: council.id, action: "mandate", councilProposalId: cp.id })) refuse("conflict", "federation.errors.mandateOpen");
    const locale = input.locale ?? "en";
    const stanceText = translate(locale, `federation.stance.${input.stance}`);
    const p = createProposal({
      assemblyId: body.id,
      authorId: input.authorId,
      kind: "mandate",
      title: systemTitleText(locale, { kind: "mandate", council: council.name, number: cp.number, stance: input.stance }),
      systemTitle: { kind: "mandate", council: council.name, number: cp.number, stance: input.stance },
      body: translate(locale, "federation.mandate.proposalBody", { council: council.name, number: cp.number, title: cp.title, stance: stanceText, instructions: input.instructions.trim() || "—" }),
      now: input.now,
    });
    insertLink({
      proposalId: p.id,
      action: "mandate",
      assemblyId: body.id,
      councilId: council.id,
      councilProposalId: cp.id,
      stance: input.stance,
      instructions: input.instructions.trim(),
      createdAt: input.now,
    });
    return { ok: true as const, proposal: p };
  });
}

export type MandateInForce = { proposalId: string; number: number; stance: Stance; instructions: string; imperative: boolean; decidedAt: number | null };

/**
 * The body's mandate on a council proposal: its latest passed mandate proposal. Whether it
 * binds is the body's charter setting (imperative or free) under which it was decided.
 */
export function mandateInForce(assemblyId: string, councilProposalId: string): MandateInForce | null {
  const row = db
    .select({ link: federationProposals, p: proposals })
    .from(federationProposals)
    .innerJoin(proposals, eq(proposals.id, federationProposals.proposalId))
    .where(and(eq(federationProposals.assemblyId, assemblyId), eq(federationProposals.action, "mandate"), eq(federationProposals.councilProposalId, councilProposalId), eq(proposals.status, "passed")))
    .orderBy(desc(proposals.decidedAt))
    .limit(1)
    .get();
  if (!row) return null;
  const passed = listRounds(row.p.id).filter((r) => r.outcome === "passed").pop();
  const charter = passed ? charterVersion(assemblyId, passed.charterVersion)?.charter : null;
  return {
    proposalId: row.p.id,
    number: row.p.number,
    stance: (row.link.stance ?? "free") as Stance,
    instructions: row.link.instructions ?? "",
    imperative: mandateIsImperative(charter),
    decidedAt: row.p.decidedAt,
  };
}

/** The term under which someone sits in a council now, or their last one. */
function seatOf(councilId: string, userId: string) {
  const terms = db
    .select()
    .from(delegateTerms)
    .where(and(eq(delegateTerms.councilId, councilId), eq(delegateTerms.userId, userId)))
    .orderBy(desc(delegateTerms.startsAt))
    .all();
  return { active: terms.find((t) => t.status === "active") ?? null, last: terms[0] ?? null };
}

/**
 * Every ballot in a council passes here first: only a seated delegate votes (a recalled
 * delegate's late ballot is refused), and a ballot against an imperative mandate needs a
 * reason and is flagged. Runs inside castBallot's transaction.
 */
export function checkCouncilBallot(b: { round: Round; proposal: Proposal; userId: string; choice: string; reason: string | null; now: number }) {
  const council = getAssembly(b.proposal.assemblyId);
  if (!isCouncil(council)) return;
  const seat = seatOf(council!.id, b.userId);
  if (!seat.active) {
    if (seat.last) refuse("forbidden", "federation.errors.termEnded", { params: { status: seat.last.status } });
    refuse("forbidden", "federation.errors.noSeat");
  }
  const mandate = mandateInForce(seat.active.assemblyId, b.proposal.id);
  const against = mandate && mandate.imperative && contrary(mandate.stance, b.choice);
  const existing = db
    .select()
    .from(mandateFlags)
    .where(and(eq(mandateFlags.roundId, b.round.id), eq(mandateFlags.userId, b.userId)))
    .get();
  if (!against) {
    if (existing) db.delete(mandateFlags).where(eq(mandateFlags.id, existing.id)).run();
    return;
  }
  // The council proposal's ballot has a reason box whenever a position departs from the
  // delegate's binding mandate, so the message goes beside it.
  if (!b.reason) refuse("invalid", "federation.errors.mandateReason", { field: "reason" });
  const values = { stance: mandate.stance, choice: b.choice, reason: b.reason, mandateProposalId: mandate.proposalId, createdAt: b.now };
  if (existing) db.update(mandateFlags).set(values).where(eq(mandateFlags.id, existing.id)).run();
  else
    db.insert(mandateFlags)
      .values({ id: newId(), roundId: b.round.id, councilProposalId: b.proposal.id, userId: b.userId, termId: seat.active.id, homeBodyId: seat.active.assemblyId, ...values })
      .run();
}

/** When a council round closes, each ballot against a mandate goes in the home body's decision record. */
export function reportFlags(r: Round, p: Proposal, now: number) {
  const council = getAssembly(p.assemblyId);
  if (!isCouncil(council)) return;
  const flags = db
    .select({ flag: mandateFlags, name: users.displayName })
    .from(mandateFlags)
    .innerJoin(users, eq(users.id, mandateFlags.userId))
    .where(and(eq(mandateFlags.roundId, r.id), isNull(mandateFlags.reportedAt)))
    .all();
  for (const { flag, name } of flags) {
    appendRecord({
      assemblyId: flag.homeBodyId,
      kind: "federation",
      subjectId: flag.id,
      summary: "record.federation.mandateBreach",
      params: { delegate: name, council: council!.name, number: p.number, title: p.title, stance: flag.stance, choice: flag.choice },
      payload: { councilProposalId: p.id, roundId: r.id, termId: flag.termId, mandateProposalId: flag.mandateProposalId, reason: flag.reason },
      at: now,
    });
    db.update(mandateFlags).set({ reportedAt: now }).where(eq(mandateFlags.id, flag.id)).run();
  }
}

/** Flags reported to a body (its feed and overview), newest first. */
export function flagsForBody(assemblyId: string, opts: { limit?: number } = {}) {
  return db
    .select({
      id: mandateFlags.id,
      delegate: users.displayName,
      userId: mandateFlags.userId,
      councilName: assemblies.name,
      councilSlug: assemblies.slug,
      councilProposalId: mandateFlags.councilProposalId,
      number: proposals.number,
      title: proposals.title,
      stance: mandateFlags.stance,
      choice: mandateFlags.choice,
      reason: mandateFlags.reason,
      createdAt: mandateFlags.createdAt,
      reportedAt: mandateFlags.reportedAt,
    })
    .from(mandateFlags)
    .innerJoin(users, eq(users.id, mandateFlags.userId))
    .innerJoin(proposals, eq(proposals.id, mandateFlags.councilProposalId))
    .innerJoin(assemblies, eq(assemblies.id, proposals.assemblyId))
    .where(eq(mandateFlags.homeBodyId, assemblyId))
    .orderBy(desc(mandateFlags.createdAt))
    .limit(opts.limit ?? 20)
    .all();
}

/**
 * The council proposal's mandate panel: for its latest round, each seated delegate with
 * their home body, that body's mandate, their ballot (open rounds) and any flag.
 */
export function mandatePanel(councilProposalId: string) {
  const p = getProposalById(councilProposalId);
  if (!p) return null;
  const round = db.select().from(rounds).where(eq(rounds.proposalId, p.id)).orderBy(desc(rounds.number)).limit(1).get() ?? null;
  const seated = db
    .select({ termId: delegateTerms.id, userId: delegateTerms.userId, assemblyId: delegateTerms.assemblyId, status: delegateTerms.status, name: users.displayName, bodyName: assemblies.name })
    .from(delegateTerms)
    .innerJoin(users, eq(users.id, delegateTerms.userId))
    .innerJoin(assemblies, eq(assemblies.id, delegateTerms.assemblyId))
    .where(and(eq(delegateTerms.councilId, p.assemblyId), eq(delegateTerms.status, "active")))
    .orderBy(asc(assemblies.name), asc(users.displayName))
    .all();
  const electorate = round ? new Set(db.select({ u: roundElectorate.userId }).from(roundElectorate).where(eq(roundElectorate.roundId, round.id)).all().map((r) => r.u)) : new Set<string>();
  const cast = round && !round.secret ? db.select({ userId: ballots.userId, choice: ballots.choice }).from(ballots).where(eq(ballots.roundId, round.id)).all() : [];
  const flags = round ? db.select().from(mandateFlags).where(eq(mandateFlags.roundId, round.id)).all() : [];
  // Delegates who voted in this round but whose seat has since ended still appear with their ballot.
  const gone = cast.filter((c) => !seated.some((s) => s.userId === c.userId));
  const goneRows = gone.length
    ? db
        .select({ termId: delegateTerms.id, userId: delegateTerms.userId, assemblyId: delegateTerms.assemblyId, status: delegateTerms.status, name: users.displayName, bodyName: assemblies.name })
        .from(delegateTerms)
        .innerJoin(users, eq(users.id, delegateTerms.userId))
        .innerJoin(assemblies, eq(assemblies.id, delegateTerms.assemblyId))
        .where(and(eq(delegateTerms.councilId, p.assemblyId), inArray(delegateTerms.userId, gone.map((g) => g.userId))))
        .orderBy(desc(delegateTerms.startsAt))
        .all()
        .filter((row, i, all) => all.findIndex((x) => x.userId === row.userId) === i)
    : [];
  const rows = [...seated, ...goneRows].map((s) => {
    const mandate = mandateInForce(s.assemblyId, p.id);
    const ballot = cast.find((c) => c.userId === s.userId) ?? null;
    const flag = flags.find((f) => f.userId === s.userId) ?? null;
    return {
      userId: s.userId,
      name: s.name,
      body: s.bodyName,
      seated: s.status === "active",
      termStatus: s.status,
      eligible: electorate.has(s.userId),
      mandate,
      choice: ballot?.choice ?? null,
      against: Boolean(mandate && ballot && mandate.imperative && contrary(mandate.stance, ballot.choice)),
      flag: flag ? { reason: flag.reason, reportedAt: flag.reportedAt } : null,
    };
  });
  return { proposal: p, round, rows };
}

/** Mandate proposals a body has made on one council proposal (any status), newest first. */
export function mandatesOfBody(assemblyId: string, councilProposalId: string) {
  return db
    .select({ proposalId: proposals.id, number: proposals.number, status: proposals.status, stance: federationProposals.stance, instructions: federationProposals.instructions })
    .from(federationProposals)
    .innerJoin(proposals, eq(proposals.id, federationProposals.proposalId))
    .where(and(eq(federationProposals.assemblyId, assemblyId), eq(federationProposals.action, "mandate"), eq(federationProposals.councilProposalId, councilProposalId)))
    .orderBy(desc(proposals.createdAt))
    .all();
}

/**
 * What a delegate is told at home: the mandates their body has in force on the council's
 * proposals still under way, newest first, each to open on the council proposal's page.
 */
export function mandatesForDelegate(bodyId: string, userId: string) {
  const terms = db
    .select({ councilId: delegateTerms.councilId, councilName: assemblies.name, councilSlug: assemblies.slug })
    .from(delegateTerms)
    .innerJoin(assemblies, eq(assemblies.id, delegateTerms.councilId))
    .where(and(eq(delegateTerms.assemblyId, bodyId), eq(delegateTerms.userId, userId), eq(delegateTerms.status, "active")))
    .all();
  const out: Array<{ councilProposalId: string; councilName: string; councilSlug: string; number: number; title: string; stance: Stance; imperative: boolean; instructions: string; decidedAt: number | null }> = [];
  for (const t of terms) {
    const open = db.select().from(proposals).where(eq(proposals.assemblyId, t.councilId)).all().filter((p) => isOpenStatus(p.status));
    for (const cp of open) {
      const m = mandateInForce(bodyId, cp.id);
      if (m) out.push({ councilProposalId: cp.id, councilName: t.councilName, councilSlug: t.councilSlug, number: cp.number, title: cp.title, stance: m.stance, imperative: m.imperative, instructions: m.instructions, decidedAt: m.decidedAt });
    }
  }
  return out.sort((a, b) => (b.decidedAt ?? 0) - (a.decidedAt ?? 0));
}
