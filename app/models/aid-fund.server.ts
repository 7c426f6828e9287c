/**
 * Aid programmes and their funds (docs/domain.md#mutual-aid). A programme is adopted by a
 * proposal of kind "aid_programme" decided under the charter like any other: the round hook
 * below adopts it when the round passes it (docs/decisions/008-round-hooks.md). Its fund's
 * ledger takes money or hours in and grants out; a grant names the decision that allowed it —
 * within the programme's coordinator limit, or a proposal the assembly passed — the balance
 * never goes below zero, and every entry is written to the body's decision record (amounts and
 * purposes; a recipient's name only when they agreed).
 */
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { attempt, db } from "~/db.server";
import { refuse, type Result } from "~/lib/refusal";
import { newId } from "~/lib/ids.server";
import type { AidViewer } from "~/lib/aid-fields";
import { aidLedger, aidProgrammes, proposalRevisions, proposals } from "../../db/schema";
import { createProposal } from "./proposal.server";
import { appendRecord } from "./record.server";
import { registerRoundHooks } from "./round.server";

export const AID_PROGRAMME_KIND = "aid_programme";
export type Programme = typeof aidProgrammes.$inferSelect;

/** A voting member proposes a programme: its terms are the proposal's text, decided under the charter. */
export function proposeProgramme(input: { assemblyId: string; authorId: string; name: string; unit: string; coordinatorLimit: number; terms: string; now: number }): Result<{ id: string; proposalId: string }> {
  return attempt(() => {
    const p = createProposal({ assemblyId: input.assemblyId, authorId: input.authorId, kind: AID_PROGRAMME_KIND, title: input.name, body: input.terms, now: input.now });
    const id = newId();
    db.insert(aidProgrammes).values({ id, assemblyId: input.assemblyId, proposalId: p.id, name: input.name, unit: input.unit, coordinatorLimit: input.coordinatorLimit, status: "proposed", createdAt: input.now }).run();
    return { id, proposalId: p.id };
  });
}

/** The round hook: a passed "aid programme" proposal adopts its programme; a lost one rejects it. */
export function settleProgramme(proposal: { id: string; kind: string; status: string; decidedAt: number | null }) {
  if (proposal.kind !== AID_PROGRAMME_KIND) return;
  const prog = db.select().from(aidProgrammes).where(eq(aidProgrammes.proposalId, proposal.id)).get();
  if (!prog || prog.status !== "proposed") return;
  if (proposal.status === "passed") db.update(aidProgrammes).set({ status: "adopted", adoptedAt: proposal.decidedAt ?? Date.now() }).where(eq(aidProgrammes.id, prog.id)).run();
  else if (proposal.status === "failed" || proposal.status === "blocked") db.update(aidProgrammes).set({ status: "rejected" }).where(eq(aidProgrammes.id, prog.id)).run();
}

export function registerAidProgrammes() {
  registerRoundHooks("aid", { afterClose: (_r, p) => settleProgramme(p) });
}
// As the federation does (docs/decisions/008-round-hooks.md): registered on import too, so
// tests and the seed get the same rules as the server.
registerAidProgrammes();

const programmeColumns = {
  id: aidProgrammes.id,
  name: aidProgrammes.name,
  unit: aidProgrammes.unit,
  coordinatorLimit: aidProgrammes.coordinatorLimit,
  status: aidProgrammes.status,
  adoptedAt: aidProgrammes.adoptedAt,
  proposalId: aidProgrammes.proposalId,
  proposalNumber: proposals.number,
  proposalStatus: proposals.status,
  balance: sql<number>`coalesce((select l.balance_after from aid_ledger l where l.programme_id = ${aidProgrammes.id} order by l.seq desc limit 1), 0)`,
};

/** A programme's status: a withdrawn proposal withdraws it. */
function withStatus<T extends { status: string; proposalStatus: string }>(p: T): T {
  return p.status === "proposed" && p.proposalStatus === "withdrawn" ? { ...p, status: "withdrawn" } : p;
}

export function programmesOf(assemblyId: string) {
  return db
    .select(programmeColumns)
    .from(aidProgrammes)
    .innerJoin(proposals, eq(proposals.id, aidProgrammes.proposalId))
    .where(eq(aidProgrammes.assemblyId, assemblyId))
    .orderBy(desc(aidProgrammes.createdAt))
    .all()
    .map(withStatus);
}

export function programmeView(assemblyId: string, id: string) {
  const p = db
    .select(programmeColumns)
    .from(aidProgrammes)
    .innerJoin(proposals, eq(proposals.id, aidProgrammes.proposalId))
    .where(and(eq(aidProgrammes.id, id), eq(aidProgrammes.assemblyId, assemblyId)))
    .get();
  if (!p) return null;
  const terms =
    db
      .select({ body: proposalRevisions.body })
      .from(proposalRevisions)
      .innerJoin(proposals, and(eq(proposals.id, proposalRevisions.proposalId), eq(proposals.currentRevision, proposalRevisions.number)))
      .where(eq(proposals.id, p.proposalId))
      .get()?.body ?? "";
  const ledger = db
    .select({
      id: aidLedger.id,
      seq: aidLedger.seq,
      direction: aidLedger.direction,
      amount: aidLedger.amount,
      purpose: aidLedger.purpose,
      allowedBy: aidLedger.allowedBy,
      allowingProposalId: aidLedger.allowingProposalId,
      allowingNumber: proposals.number,
      recipientName: aidLedger.recipientName,
      balanceAfter: aidLedger.balanceAfter,
      recordSeq: aidLedger.recordSeq,
      createdAt: aidLedger.createdAt,
    })
    .from(aidLedger)
    .leftJoin(proposals, eq(proposals.id, aidLedger.allowingProposalId))
    .where(eq(aidLedger.programmeId, p.id))
    .orderBy(asc(aidLedger.seq))
    .all();
  return { programme: withStatus(p), terms, ledger };
}

/**
 * Passed proposals of the body that can allow a grant from this programme: not the one that
 * adopted it (that allows only the coordinator limit), and each allows one grant.
 */
export function allowingProposals(assemblyId: string, programmeId: string) {
  const prog = db.select().from(aidProgrammes).where(eq(aidProgrammes.id, programmeId)).get();
  const used = db.select({ id: aidLedger.allowingProposalId }).from(aidLedger).where(sql`${aidLedger.allowingProposalId} is not null`).all().map((r) => r.id!);
  return db
    .select({ id: proposals.id, number: proposals.number, title: proposals.title })
    .from(proposals)
    .where(and(eq(proposals.assemblyId, assemblyId), eq(proposals.status, "passed"), prog ? ne(proposals.id, prog.proposalId) : undefined, used.length ? sql`${proposals.id} not in (${sql.join(used.map((u) => sql`${u}`), sql`, `)})` : undefined))
    .orderBy(desc(proposals.number))
    .all();
}

export type LedgerInput =
  | { direction: "in"; amount: number; purpose: string }
  | { direction: "out"; amount: number; purpose: string; allowedBy: "coordinator_limit" | "proposal"; allowingProposalId: string | null; recipientName: string | null; recipientAgreed: boolean };

/**
 * A coordinator writes one ledger entry. Grants: within the coordinator limit, or allowed by a
 * passed proposal of this body (one grant each); never more than the balance. The entry and its
 * decision-record entry are written in one transaction.
 */
export function addLedgerEntry(assemblyId: string, programmeId: string, viewer: AidViewer, input: LedgerInput, now: number): Result<{ id: string; balance: number }> {
  return attempt(() => {
    if (!viewer.coordinator) refuse("forbidden", "aid.errors.coordinatorsOnly");
    const prog = db.select().from(aidProgrammes).where(and(eq(aidProgrammes.id, programmeId), eq(aidProgrammes.assemblyId, assemblyId))).get();
    if (!prog) refuse("not_found", "aid.errors.notFound");
    if (prog.status !== "adopted") refuse("conflict", "aid.errors.notAdopted");
    if (!Number.isInteger(input.amount) || input.amount <= 0) refuse("invalid", "aid.errors.amount", { field: "amount" });
    const last = db.select().from(aidLedger).where(eq(aidLedger.programmeId, prog.id)).orderBy(desc(aidLedger.seq)).limit(1).get();
    const balance = last?.balanceAfter ?? 0;
    let allowedBy: "coordinator_limit" | "proposal" | null = null;
    let allowingProposalId: string | null = null;
    let recipientName: string | null = null;
    let allowingNumber: number | null = null;
    if (input.direction === "out") {
      // The balance can never go negative.
      if (input.amount > balance) refuse("conflict", "aid.errors.overdrawn", { field: "amount", params: { balance, unit: prog.unit } });
      allowedBy = input.allowedBy;
      if (allowedBy === "coordinator_limit") {
        if (input.amount > prog.coordinatorLimit) refuse("conflict", "aid.errors.overLimit", { field: "amount", params: { limit: prog.coordinatorLimit, unit: prog.unit } });
      } else {
        const p = input.allowingProposalId ? db.select().from(proposals).where(and(eq(proposals.id, input.allowingProposalId), eq(proposals.assemblyId, assemblyId))).get() : undefined;
        if (!p || p.status !== "passed" || p.id === prog.proposalId) refuse("invalid", "aid.errors.allowingProposal", { field: "allowingProposalId" });
        if (db.select().from(aidLedger).where(eq(aidLedger.allowingProposalId, p.id)).get()) refuse("conflict", "aid.errors.proposalUsed", { field: "allowingProposalId" });
        allowingProposalId = p.id;
        allowingNumber = p.number;
      }
      // A recipient is named only when they agreed to be.
      recipientName = input.recipientAgreed && input.recipientName ? input.recipientName : null;
    }
    const after = input.direction === "in" ? balance + input.amount : balance - input.amount;
    const rec = appendRecord({
      assemblyId,
      kind: "aid_ledger",
      subjectId: prog.id,
      summary: input.direction === "in" ? "record.aid.in" : allowedBy === "proposal" ? "record.aid.outByProposal" : "record.aid.outByLimit",
      params: { programme: prog.name, amount: input.amount, unit: prog.unit, purpose: input.purpose, balance: after, ...(allowingNumber !== null ? { number: allowingNumber } : {}) },
      payload: { programmeId: prog.id, direction: input.direction, amount: input.amount, balanceAfter: after, allowedBy, allowingProposalId, recipientName },
      at: now,
    });
    const id = newId();
    db.insert(aidLedger)
      .values({ id, programmeId: prog.id, seq: (last?.seq ?? 0) + 1, direction: input.direction, amount: input.amount, purpose: input.purpose, allowedBy, allowingProposalId, recipientName, balanceAfter: after, recordSeq: rec.seq, createdBy: viewer.userId, createdAt: now })
      .run();
    return { id, balance: after };
  });
}

/** Every adopted programme's balance, for the aid report. */
export function balances(assemblyId: string) {
  return programmesOf(assemblyId)
    .filter((p) => p.status === "adopted")
    .map((p) => ({ name: p.name, unit: p.unit, balance: p.balance }));
}

