/**
 * Recall (docs/domain.md#recall): any member of the home body starts a petition against one of
 * its delegates, with a reason; voting members sign. When the signatures reach the
 * charter's share — max(⌈petitionShare × voting members⌉, petitionMin), fixed when the
 * petition starts — a recall proposal opens with an online round (secret by default, the
 * charter's recall threshold). If it passes, the term ends at once, the seat is vacant in
 * the council, and the recall is written in both bodies' decision records.
 */
import { systemTitleText } from "~/i18n/system-title";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { attempt, db } from "~/db.server";
import { refuse, type Refusal } from "~/lib/refusal";
import { assemblies, delegateTerms, recallPetitions, recallSignatures, users } from "../../db/schema";
import { newId } from "~/lib/ids.server";
import { petitionSignaturesNeeded } from "~/lib/rules";
import { translate, type Locale } from "~/i18n";
import { currentCharter, getAssembly } from "./assembly.server";
import { appendRecord } from "./record.server";
import { isVoter, votingMemberIds } from "./membership.server";
import { createProposal, type Proposal } from "./proposal.server";
import { openRound, type Round } from "./round.server";
import { getCouncil, insertLink, type FederationLink } from "./council.server";
import { endTerm, getTerm } from "./delegate.server";

export type Petition = typeof recallPetitions.$inferSelect;
const DAY = 86_400_000;

export function getPetition(id: string): Petition | undefined {
  return db.select().from(recallPetitions).where(eq(recallPetitions.id, id)).get();
}

/** Signatures needed: the charter's share of voting members, rounded up, and never fewer than its minimum. */
export function signaturesNeeded(assemblyId: string): { needed: number; version: number } {
  const { version, charter } = currentCharter(assemblyId);
  return { needed: petitionSignaturesNeeded(charter, votingMemberIds(assemblyId).length), version };
}

export function signatureCount(petitionId: string): number {
  return db.select({ n: sql<number>`count(*)` }).from(recallSignatures).where(eq(recallSignatures.petitionId, petitionId)).get()?.n ?? 0;
}

/** Enough signatures: the recall proposal and its round open, in the same transaction as the last signature. */
function openRecallIfDue(pet: Petition, now: number, locale: Locale) {
  if (pet.status !== "collecting" || signatureCount(pet.id) < pet.needed) return;
  const term = getTerm(pet.termId)!;
  const council = getCouncil(term.councilId);
  const delegate = db.select({ name: users.displayName }).from(users).where(eq(users.id, term.userId)).get()?.name ?? "";
  const p = createProposal({
    assemblyId: pet.assemblyId,
    authorId: pet.startedBy ?? term.userId,
    kind: "recall",
    title: systemTitleText(locale, { kind: "recall", delegate, council: council?.name ?? "" }),
    systemTitle: { kind: "recall", delegate, council: council?.name ?? "" },
    body: translate(locale, "federation.recall.proposalBody", { delegate, council: council?.name ?? "", reason: pet.reason, signatures: signatureCount(pet.id) }),
    now,
  });
  insertLink({ proposalId: p.id, action: "recall", assemblyId: pet.assemblyId, councilId: term.councilId, termId: term.id, petitionId: pet.id, createdAt: now });
  const days = currentCharter(pet.assemblyId).charter.roundDays;
  const opened = openRound({ proposalId: p.id, openedBy: null, mode: "online", deadline: now + days * DAY, now });
  // The proposal was created a moment ago in this transaction: refusing here is a bug, so roll all back.
  if (!opened.ok) throw new Error(`recall round could not open: ${opened.error}`);
  db.update(recallPetitions).set({ status: "voting", recallProposalId: p.id }).where(eq(recallPetitions.id, pet.id)).run();
}

/** A member of the home body starts a petition against one of its delegates (and signs it). */
export function startPetition(input: { assemblyId: string; termId: string; userId: string; reason: string; locale?: Locale; now: number }): { ok: true; petition: Petition } | Refusal {
  return attempt(() => {
    const term = getTerm(input.termId);
    if (!term || term.assemblyId !== input.assemblyId) refuse("not_found", "federation.errors.termNotFound");
    if (term.status !== "active") refuse("conflict", "federation.errors.termNotActive");
    if (!isVoter(input.assemblyId, input.userId)) refuse("forbidden", "federation.errors.notVoterHere");
    const live = db
      .select({ id: recallPetitions.id })
      .from(recallPetitions)
      .where(and(eq(recallPetitions.termId, term.id), inArray(recallPetitions.status, ["collecting", "voting"])))
      .get();
    if (live) refuse("conflict", "federation.errors.petitionOpen");
    const { needed, version } = signaturesNeeded(input.assemblyId);
    const id = newId();
    db.insert(recallPetitions)
      .values({ id, termId: term.id, assemblyId: input.assemblyId, reason: input.reason, startedBy: input.userId, startedAt: input.now, needed, charterVersion: version, status: "collecting" })
      .run();
    db.insert(recallSignatures).values({ petitionId: id, userId: input.userId, signedAt: input.now }).run();
    openRecallIfDue(getPetition(id)!, input.now, input.locale ?? "en");
    return { ok: true as const, petition: getPetition(id)! };
  });
}

/**
 * A voting member of the home body signs. Members of another body (the delegate's council
 * colleagues included) cannot: a recall belongs to those who sent the delegate.
 */
export function signPetition(input: { petitionId: string; userId: string; locale?: Locale; now: number }): { ok: true; signatures: number; opened: boolean } | Refusal {
  return attempt(() => {
    const pet = getPetition(input.petitionId);
    if (!pet) refuse("not_found", "federation.errors.petitionNotFound");
    if (!isVoter(pet.assemblyId, input.userId)) refuse("forbidden", "federation.errors.notVoterHere");
    if (pet.status !== "collecting") refuse("conflict", "federation.errors.petitionClosed");
    const inserted = db.insert(recallSignatures).values({ petitionId: pet.id, userId: input.userId, signedAt: input.now }).onConflictDoNothing().run();
    if (inserted.changes !== 1) refuse("conflict", "federation.errors.alreadySigned");
    openRecallIfDue(pet, input.now, input.locale ?? "en");
    const after = getPetition(pet.id)!;
    return { ok: true as const, signatures: signatureCount(pet.id), opened: after.status === "voting" };
  });
}

/** After the recall round: a passed recall ends the term at once; the seat is vacant. */
export function applyRecall(link: FederationLink, p: Proposal, r: Round, now: number) {
  const pet = link.petitionId ? getPetition(link.petitionId) : undefined;
  const term = link.termId ? getTerm(link.termId) : undefined;
  if (!pet || !term) return;
  if (r.outcome !== "passed") {
    db.update(recallPetitions).set({ status: "retained", closedAt: now }).where(eq(recallPetitions.id, pet.id)).run();
    return;
  }
  db.update(recallPetitions).set({ status: "recalled", closedAt: now }).where(eq(recallPetitions.id, pet.id)).run();
  if (term.status !== "active") return;
  endTerm(term, "recalled", "recall", now);
  const council = getCouncil(term.councilId);
  const body = getAssembly(term.assemblyId);
  const delegate = db.select({ name: users.displayName }).from(users).where(eq(users.id, term.userId)).get()?.name ?? "";
  const params = { delegate, council: council?.name ?? "", body: body?.name ?? "", number: p.number };
  const payload = { termId: term.id, recallProposalId: p.id, roundId: r.id, petitionId: pet.id, explanation: { en: r.explanationEn, es: r.explanationEs } };
  appendRecord({ assemblyId: term.assemblyId, kind: "federation", subjectId: term.id, summary: "record.federation.recalled", params, payload, at: now });
  appendRecord({ assemblyId: term.councilId, kind: "federation", subjectId: term.id, summary: "record.federation.recalled", params, payload, at: now });
}

/** A body's petitions (newest first), with signatures and whether this person signed. */
export function petitionsOf(assemblyId: string, userId: string) {
  const rows = db
    .select({
      id: recallPetitions.id,
      termId: recallPetitions.termId,
      reason: recallPetitions.reason,
      startedAt: recallPetitions.startedAt,
      needed: recallPetitions.needed,
      status: recallPetitions.status,
      recallProposalId: recallPetitions.recallProposalId,
      delegate: users.displayName,
      delegateId: delegateTerms.userId,
      councilName: assemblies.name,
      signatures: sql<number>`(select count(*) from recall_signatures s where s.petition_id = ${recallPetitions.id})`,
      signed: sql<number>`(select count(*) from recall_signatures s where s.petition_id = ${recallPetitions.id} and s.user_id = ${userId})`,
    })
    .from(recallPetitions)
    .innerJoin(delegateTerms, eq(delegateTerms.id, recallPetitions.termId))
    .innerJoin(users, eq(users.id, delegateTerms.userId))
    .innerJoin(assemblies, eq(assemblies.id, delegateTerms.councilId))
    .where(eq(recallPetitions.assemblyId, assemblyId))
    .orderBy(desc(recallPetitions.startedAt))
    .all();
  return rows.map((r) => ({ ...r, signed: r.signed > 0 }));
}

export function petitionSigners(petitionId: string) {
  return db
    .select({ name: users.displayName, signedAt: recallSignatures.signedAt })
    .from(recallSignatures)
    .innerJoin(users, eq(users.id, recallSignatures.userId))
    .where(eq(recallSignatures.petitionId, petitionId))
    .orderBy(asc(recallSignatures.signedAt))
    .all();
}
