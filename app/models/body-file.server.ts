/**
 * What a body's file holds (docs/decisions/020-body-export-import.md): every table keyed to a
 * body, how its rows are chosen, which of their columns name other rows, and the zod schema
 * of the file, derived from the tables themselves so a column added to db/schema is either
 * in the file or named below as left out.
 *
 * Rows are named in the file by references that belong to the file, never by database ids:
 * `p3` is the body's third proposal in the order below, `u7` the seventh person by username,
 * `@` the body itself, `@elm-street` another body, `@elm-street:p3` that body's own `p3`.
 * An export from a server the file was imported into gives the same references, so two files
 * compare row for row (the round trip).
 */
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import * as schema from "../../db/schema";

export const BODY_FILE_FORMAT = "plenary-body";
export const BODY_FILE_VERSION = 1;

/** A column that names a person (`people`), a body (`body`: `@` or `@slug`), or a row of a table below. */
export type RefKind = "people" | "body" | TableKey;

export type TableSpec = {
  table: SQLiteTable;
  /** Reference prefix for tables whose rows have an `id`. */
  prefix?: string;
  /** The body's rows: SQL with `:b` for the body's id. */
  where: string;
  /** Column → what it names: "people", "body", or a key of TABLES (a RefKind). */
  refs: Record<string, string>;
  /** Values that belong to one server (a check-in code, a link's secret): made anew on import. */
  drop?: string[];
  /** Columns that order the rows (references translated first); ties keep the id's order. */
  order?: string[];
  /** For rows other bodies name: the body that owns a row with this id (`?`). */
  owner?: string;
};

const P = "select id from proposals where assembly_id = :b";
const R = `select id from rounds where proposal_id in (${P})`;
const M = "select id from meetings where assembly_id = :b";
const S = schema;

/**
 * Every table keyed to a body, parents first: the order rows are inserted in on import (the
 * search triggers of migration 0009 read a proposal when its revision arrives, a meeting when
 * its agenda does) and the order references are given in.
 */
export const TABLES = {
  charters: { table: S.charters, prefix: "ch", where: "assembly_id = :b", refs: { assemblyId: "body", createdBy: "people", proposalId: "proposals" }, order: ["version"] },
  invitations: { table: S.invitations, prefix: "inv", where: "assembly_id = :b", refs: { assemblyId: "body", createdBy: "people" }, drop: ["tokenHash"], order: ["createdAt"] },
  memberships: { table: S.memberships, prefix: "ms", where: "assembly_id = :b", refs: { assemblyId: "body", userId: "people", invitationId: "invitations" }, order: ["userId"] },
  proposals: { table: S.proposals, prefix: "p", where: "assembly_id = :b", refs: { assemblyId: "body", authorId: "people" }, order: ["number"], owner: "select assembly_id from proposals where id = ?" },
  amendments: { table: S.amendments, prefix: "am", where: `proposal_id in (${P})`, refs: { proposalId: "proposals", authorId: "people" }, order: ["proposalId", "createdAt"] },
  proposalRevisions: { table: S.proposalRevisions, prefix: "rev", where: `proposal_id in (${P})`, refs: { proposalId: "proposals", authorId: "people", amendmentId: "amendments" }, order: ["proposalId", "number"] },
  proposalOptions: { table: S.proposalOptions, prefix: "opt", where: `proposal_id in (${P})`, refs: { proposalId: "proposals", userId: "people" }, order: ["proposalId", "position"] },
  comments: { table: S.comments, prefix: "c", where: `proposal_id in (${P})`, refs: { proposalId: "proposals", parentId: "comments", authorId: "people" }, order: ["proposalId", "createdAt"] },
  meetings: {
    table: S.meetings,
    prefix: "m",
    where: "assembly_id = :b",
    refs: { assemblyId: "body", facilitatorId: "people", noteTakerId: "people", timekeeperId: "people", createdBy: "people", currentItemId: "agendaItems", minutesAdoptedInMeetingId: "meetings" },
    drop: ["code"],
    order: ["startsAt", "createdAt"],
    owner: "select assembly_id from meetings where id = ?",
  },
  agendaItems: {
    table: S.agendaItems,
    prefix: "ai",
    where: `meeting_id in (${M})`,
    refs: { meetingId: "meetings", presenterUserId: "people", proposalId: "proposals", reportBackId: "reportBacks", suggestedBy: "people", carriedFromItemId: "agendaItems", carriedToMeetingId: "meetings" },
    order: ["meetingId", "position", "createdAt"],
    owner: "select m.assembly_id from agenda_items i join meetings m on m.id = i.meeting_id where i.id = ?",
  },
  rounds: { table: S.rounds, prefix: "r", where: `proposal_id in (${P})`, refs: { proposalId: "proposals", meetingId: "meetings", openedBy: "people", closedBy: "people" }, order: ["proposalId", "number"] },
  roundElectorate: { table: S.roundElectorate, where: `round_id in (${R})`, refs: { roundId: "rounds", userId: "people" } },
  ballots: { table: S.ballots, prefix: "b", where: `round_id in (${R})`, refs: { roundId: "rounds", userId: "people" }, order: ["roundId", "userId"] },
  // Secret rounds: who took part, and apart from it the anonymous ballots in receipt-hash order (docs/decisions/009-secret-ballots.md).
  roundParticipation: { table: S.roundParticipation, where: `round_id in (${R})`, refs: { roundId: "rounds", userId: "people" } },
  secretBallots: { table: S.secretBallots, where: `round_id in (${R})`, refs: { roundId: "rounds" }, order: ["roundId", "receiptHash"] },
  tellerKeys: { table: S.tellerKeys, where: "assembly_id = :b", refs: { assemblyId: "body", userId: "people" } },
  attendance: { table: S.attendance, prefix: "att", where: `meeting_id in (${M})`, refs: { meetingId: "meetings", userId: "people", checkedInBy: "people" }, order: ["meetingId", "userId"] },
  stackEntries: { table: S.stackEntries, prefix: "st", where: `meeting_id in (${M})`, refs: { meetingId: "meetings", userId: "people", itemId: "agendaItems", addedBy: "people" }, order: ["meetingId", "raisedAt", "position"] },
  actionItems: { table: S.actionItems, prefix: "act", where: `meeting_id in (${M})`, refs: { meetingId: "meetings", itemId: "agendaItems", ownerUserId: "people", createdBy: "people" }, order: ["meetingId", "createdAt"] },
  meetingRounds: { table: S.meetingRounds, prefix: "mr", where: `meeting_id in (${M})`, refs: { meetingId: "meetings", itemId: "agendaItems", roundId: "rounds" }, order: ["meetingId", "openedAt"] },
  polls: { table: S.polls, prefix: "poll", where: "assembly_id = :b", refs: { assemblyId: "body", authorId: "people", closedBy: "people", meetingId: "meetings" }, order: ["number"] },
  pollOptions: { table: S.pollOptions, prefix: "po", where: "poll_id in (select id from polls where assembly_id = :b)", refs: { pollId: "polls" }, order: ["pollId", "position"] },
  pollAnswers: { table: S.pollAnswers, where: "poll_id in (select id from polls where assembly_id = :b)", refs: { pollId: "polls", userId: "people" } },
  proxies: { table: S.proxies, prefix: "px", where: "assembly_id = :b", refs: { assemblyId: "body", giverId: "people", holderId: "people", meetingId: "meetings", proposalId: "proposals" }, order: ["createdAt", "giverId"] },
  roundProxies: { table: S.roundProxies, where: `round_id in (${R})`, refs: { roundId: "rounds", giverId: "people", holderId: "people" } },
  // A body's place in a council is the council's row; a delegate's term is the home body's.
  councilMembers: {
    table: S.councilMembers,
    prefix: "cm",
    where: "council_id = :b",
    refs: { councilId: "body", memberBodyId: "body", decidedBy: "people", joinProposalId: "proposals", leaveProposalId: "proposals" },
    order: ["requestedAt"],
  },
  delegateTerms: {
    table: S.delegateTerms,
    prefix: "dt",
    where: "assembly_id = :b",
    refs: { assemblyId: "body", councilId: "body", userId: "people", electionProposalId: "proposals" },
    order: ["startsAt", "createdAt"],
    owner: "select assembly_id from delegate_terms where id = ?",
  },
  recallPetitions: { table: S.recallPetitions, prefix: "rp", where: "assembly_id = :b", refs: { termId: "delegateTerms", assemblyId: "body", startedBy: "people", recallProposalId: "proposals" }, order: ["startedAt"] },
  recallSignatures: { table: S.recallSignatures, where: "petition_id in (select id from recall_petitions where assembly_id = :b)", refs: { petitionId: "recallPetitions", userId: "people" } },
  federationProposals: {
    table: S.federationProposals,
    where: `proposal_id in (${P})`,
    refs: { proposalId: "proposals", assemblyId: "body", councilId: "body", councilProposalId: "proposals", termId: "delegateTerms", petitionId: "recallPetitions" },
  },
  nominations: { table: S.nominations, prefix: "nom", where: `proposal_id in (${P})`, refs: { proposalId: "proposals", userId: "people", nominatedBy: "people" }, order: ["proposalId", "userId"] },
  paperBatches: { table: S.paperBatches, prefix: "pb", where: `round_id in (${R})`, refs: { roundId: "rounds", importedBy: "people" }, order: ["roundId", "importedAt"] },
  paperBallots: { table: S.paperBallots, where: `round_id in (${R})`, refs: { batchId: "paperBatches", roundId: "rounds" }, order: ["batchId", "line"] },
  mandateFlags: {
    table: S.mandateFlags,
    prefix: "mf",
    where: `round_id in (${R})`,
    refs: { roundId: "rounds", councilProposalId: "proposals", userId: "people", termId: "delegateTerms", homeBodyId: "body", mandateProposalId: "proposals" },
    order: ["roundId", "userId"],
  },
  reportBacks: {
    table: S.reportBacks,
    prefix: "rb",
    where: "assembly_id = :b",
    refs: { termId: "delegateTerms", assemblyId: "body", councilId: "body", userId: "people", councilMeetingId: "meetings", agendaItemId: "agendaItems", agendaMeetingId: "meetings" },
    order: ["createdAt"],
    owner: "select assembly_id from report_backs where id = ?",
  },
  reportBackComments: { table: S.reportBackComments, prefix: "rbc", where: "report_back_id in (select id from report_backs where assembly_id = :b)", refs: { reportBackId: "reportBacks", authorId: "people" }, order: ["reportBackId", "createdAt"] },
  councilMeetingReports: { table: S.councilMeetingReports, where: `meeting_id in (${M})`, refs: { meetingId: "meetings" } },
  ratifications: { table: S.ratifications, where: "council_id = :b", refs: { councilProposalId: "proposals", councilId: "body", startedBy: "people" } },
  ratificationResults: {
    table: S.ratificationResults,
    where: "council_proposal_id in (select council_proposal_id from ratifications where council_id = :b)",
    refs: { councilProposalId: "proposals", memberBodyId: "body", proposalId: "proposals" },
  },
  aidCategories: { table: S.aidCategories, prefix: "acat", where: "assembly_id = :b", refs: { assemblyId: "body" }, order: ["position", "createdAt"] },
  aidZones: { table: S.aidZones, prefix: "az", where: "assembly_id = :b", refs: { assemblyId: "body" }, order: ["name"] },
  aidPosts: { table: S.aidPosts, prefix: "apost", where: "assembly_id = :b", refs: { assemblyId: "body", authorId: "people", categoryId: "aidCategories", zoneId: "aidZones" }, order: ["createdAt"] },
  aidMatches: { table: S.aidMatches, prefix: "amatch", where: "assembly_id = :b", refs: { assemblyId: "body", postId: "aidPosts", otherId: "people", proposedBy: "people", acceptedBy: "people" }, order: ["createdAt"] },
  aidMessages: { table: S.aidMessages, prefix: "amsg", where: "match_id in (select id from aid_matches where assembly_id = :b)", refs: { matchId: "aidMatches", authorId: "people" }, order: ["matchId", "createdAt"] },
  aidShiftSeries: { table: S.aidShiftSeries, prefix: "aser", where: "assembly_id = :b", refs: { assemblyId: "body", createdBy: "people" }, order: ["createdAt"] },
  aidShifts: { table: S.aidShifts, prefix: "ash", where: "assembly_id = :b", refs: { seriesId: "aidShiftSeries", assemblyId: "body" }, order: ["seriesId", "startsAt"] },
  aidShiftSlots: { table: S.aidShiftSlots, prefix: "aslot", where: "shift_id in (select id from aid_shifts where assembly_id = :b)", refs: { shiftId: "aidShifts" }, order: ["shiftId", "role"] },
  aidShiftSignups: {
    table: S.aidShiftSignups,
    where: "slot_id in (select s.id from aid_shift_slots s join aid_shifts h on h.id = s.shift_id where h.assembly_id = :b)",
    refs: { slotId: "aidShiftSlots", userId: "people" },
  },
  aidProgrammes: { table: S.aidProgrammes, prefix: "aprog", where: "assembly_id = :b", refs: { assemblyId: "body", proposalId: "proposals" }, order: ["createdAt"] },
  aidLedger: { table: S.aidLedger, prefix: "aled", where: "programme_id in (select id from aid_programmes where assembly_id = :b)", refs: { programmeId: "aidProgrammes", allowingProposalId: "proposals", createdBy: "people" }, order: ["programmeId", "seq"] },
  aidReports: { table: S.aidReports, prefix: "arep", where: "assembly_id = :b", refs: { assemblyId: "body", meetingId: "meetings", agendaItemId: "agendaItems" }, order: ["createdAt"] },
  aidShares: {
    table: S.aidShares,
    prefix: "ashare",
    where: "from_assembly_id = :b",
    refs: { postId: "aidPosts", fromAssemblyId: "body", councilId: "body", sharedBy: "people", helperAssemblyId: "body", helperCoordinatorId: "people", helperPersonId: "people" },
    order: ["createdAt"],
  },
} satisfies Record<string, TableSpec>;

export type TableKey = keyof typeof TABLES;
export const TABLE_KEYS = Object.keys(TABLES) as TableKey[];

/**
 * Tables keyed to a body, or to people, that the file leaves out, and why (a test checks that
 * every table of db/schema is either in TABLES, here, or the body, people and record sections).
 */
export const LEFT_OUT = {
  users: "people: username, name and language only (no password, email, gender or tokens)",
  assemblies: "the body section",
  recordEntries: "the record section, entry by entry as hashed",
  sessions: "server-local: who is logged in here",
  passwordResets: "server-local secrets",
  mailOutbox: "server-local: messages waiting to be sent",
  roundKeys: "exists only while a secret round is open, which the export refuses",
  sealedBallots: "exists only while a secret round is open, which the export refuses",
} as const;

/** The drizzle columns of a table that the file carries, by their key. */
export function fileColumns(spec: TableSpec): Array<[string, SQLiteColumn]> {
  return Object.entries(getTableColumns(spec.table)).filter(([k]) => !(spec.drop ?? []).includes(k)) as Array<[string, SQLiteColumn]>;
}

/** A `where` with `:b` as the body's id, bound as a parameter. */
export function bodyWhere(spec: TableSpec, bodyId: string): SQL {
  const parts = spec.where.split(":b");
  const chunks: SQL[] = [];
  parts.forEach((p, i) => {
    chunks.push(sql.raw(p));
    if (i < parts.length - 1) chunks.push(sql`${bodyId}`);
  });
  return sql.join(chunks);
}

function columnSchema(key: string, col: SQLiteColumn, spec: TableSpec): z.ZodType {
  let s: z.ZodType;
  if (key in spec.refs || key === "id") s = z.string().min(1).max(200);
  else if (col.dataType === "boolean") s = z.boolean();
  else if (col.dataType === "number") s = z.number().int();
  else if (col.dataType === "buffer") s = z.base64();
  else if (col.enumValues?.length) s = z.enum(col.enumValues as [string, ...string[]]);
  else s = z.string();
  return col.notNull ? s : s.nullable();
}

const tableSchemas = Object.fromEntries(
  TABLE_KEYS.map((k) => {
    const spec: TableSpec = TABLES[k];
    const shape = Object.fromEntries(fileColumns(spec).map(([key, col]) => [key, columnSchema(key, col, spec)]));
    return [k, z.array(z.object(shape).strict()).default([])];
  }),
) as Record<TableKey, z.ZodDefault<z.ZodArray<z.ZodObject<Record<string, z.ZodType>>>>>;

export const personSchema = z
  .object({
    ref: z.string().regex(/^u\d+$/),
    username: z.string().min(1).max(100),
    displayName: z.string().max(200),
    locale: z.string().max(20).nullable(),
  })
  .strict();

export const recordEntrySchema = z
  .object({
    seq: z.number().int().min(1),
    kind: z.string().min(1),
    subjectId: z.string().nullable(),
    summary: z.string(),
    payload: z.record(z.string(), z.unknown()),
    createdAt: z.number().int(),
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

/** The file: a format name and version first, so a reader knows what it holds before anything else. */
export const bodyFileSchema = z
  .object({
    format: z.literal(BODY_FILE_FORMAT),
    version: z.literal(BODY_FILE_VERSION),
    exportedAt: z.number().int(),
    body: z
      .object({
        slug: z.string().min(1).max(80),
        name: z.string().min(1),
        kind: z.string().min(1),
        description: z.string(),
        timeZone: z.string().nullable(),
        createdBy: z.string().nullable(),
        createdAt: z.number().int(),
      })
      .strict(),
    people: z.array(personSchema),
    tables: z.object(tableSchemas).strict(),
    record: z.array(recordEntrySchema),
  })
  .strict();

export type BodyFile = z.infer<typeof bodyFileSchema>;
export type FileRow = Record<string, unknown>;
