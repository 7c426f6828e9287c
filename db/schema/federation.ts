/**
 * Tables of the federation area (docs/domain.md#federation); see db/schema.ts.
 *
 * A council is a body (`assemblies.kind = "council"`) whose members are other bodies
 * (`council_members`, an assembly or a council: councils of councils). Its people are the
 * delegates those bodies elect (`delegate_terms`); a term that starts gives the delegate a
 * membership in the council, a term that ends takes it away, so the council decides with
 * the same proposals and rounds as any assembly and only seated delegates vote.
 *
 * Proposals of the federation kinds (join/leave a council, election, mandate, ratification,
 * recall) are ordinary proposals; `federation_proposals` says what each one is about, and
 * what happens when it is decided is applied once (`appliedAt`) in the round's transaction.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { assemblies, users } from "./core";
import { proposals, rounds } from "./decisions";
import { meetings } from "./meetings";

export const COUNCIL_MEMBER_STATUSES = ["pending", "active", "declined", "left"] as const;
export const FEDERATION_ACTIONS = ["join", "leave", "election", "mandate", "ratification", "recall"] as const;
export const TERM_STATUSES = ["active", "recalled", "resigned", "ended"] as const;
export const MANDATE_STANCES = ["support", "oppose", "abstain", "free"] as const;
export const PETITION_STATUSES = ["collecting", "voting", "recalled", "retained", "closed"] as const;
export const RATIFICATION_RESULTS = ["pending", "ratified", "rejected"] as const;

/** A body's membership in a council: requested by the body's own decision, accepted by the council. */
export const councilMembers = sqliteTable(
  "council_members",
  {
    id: text("id").primaryKey(),
    councilId: text("council_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    memberBodyId: text("member_body_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    status: text("status", { enum: COUNCIL_MEMBER_STATUSES }).notNull(),
    requestedAt: integer("requested_at").notNull(),
    joinedAt: integer("joined_at"),
    leftAt: integer("left_at"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    joinProposalId: text("join_proposal_id"),
    leaveProposalId: text("leave_proposal_id"),
  },
  (t) => [
    // One live request or membership per body and council; history rows (declined, left) stay.
    uniqueIndex("council_members_live_uq").on(t.councilId, t.memberBodyId).where(sql`status in ('pending', 'active')`),
    index("council_members_body_idx").on(t.memberBodyId, t.status),
  ],
);

/** What a proposal of a federation kind is about; applied once when its round decides it. */
export const federationProposals = sqliteTable(
  "federation_proposals",
  {
    proposalId: text("proposal_id")
      .primaryKey()
      .references(() => proposals.id, { onDelete: "cascade" }),
    action: text("action", { enum: FEDERATION_ACTIONS }).notNull(),
    // The body the proposal was made in (the home assembly, or a member council).
    assemblyId: text("body_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    councilId: text("council_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    // Mandates and ratifications: the council proposal they answer.
    councilProposalId: text("council_proposal_id").references(() => proposals.id, { onDelete: "cascade" }),
    stance: text("stance", { enum: MANDATE_STANCES }),
    instructions: text("instructions"),
    // Recalls: the term and the petition that opened the vote.
    termId: text("term_id"),
    petitionId: text("petition_id"),
    appliedAt: integer("applied_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("federation_proposals_council_idx").on(t.councilId, t.action), index("federation_proposals_cp_idx").on(t.councilProposalId)],
);

/** Candidates of an election are members who were nominated and accepted (docs/domain.md#elections). */
export const nominations = sqliteTable(
  "nominations",
  {
    id: text("id").primaryKey(),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    nominatedBy: text("nominated_by").references(() => users.id, { onDelete: "set null" }),
    nominatedAt: integer("nominated_at").notNull(),
    acceptedAt: integer("accepted_at"),
    declinedAt: integer("declined_at"),
  },
  (t) => [uniqueIndex("nominations_uq").on(t.proposalId, t.userId)],
);

/** A delegate's term: a seat of the home body in a council, with its mandate text. */
export const delegateTerms = sqliteTable(
  "delegate_terms",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    councilId: text("council_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    mandateText: text("mandate_text").notNull().default(""),
    status: text("status", { enum: TERM_STATUSES }).notNull(),
    electionProposalId: text("election_proposal_id"),
    endedAt: integer("ended_at"),
    endReason: text("end_reason"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("delegate_terms_council_idx").on(t.councilId, t.status), index("delegate_terms_body_user_idx").on(t.assemblyId, t.userId)],
);

/** Paper ballots added to an open election round from a BLT file: no voter, only rankings. */
export const paperBatches = sqliteTable(
  "paper_batches",
  {
    id: text("id").primaryKey(),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    title: text("title").notNull().default(""),
    ballots: integer("ballots").notNull(),
    importedBy: text("imported_by").references(() => users.id, { onDelete: "set null" }),
    importedAt: integer("imported_at").notNull(),
  },
  (t) => [index("paper_batches_round_idx").on(t.roundId)],
);

export const paperBallots = sqliteTable(
  "paper_ballots",
  {
    batchId: text("batch_id")
      .notNull()
      .references(() => paperBatches.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    // How many identical papers this row stands for (a BLT ballot group).
    weight: integer("weight").notNull(),
    // Candidate positions (proposal_options.position), rank by rank.
    ranking: text("ranking").notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.line] }), index("paper_ballots_round_idx").on(t.roundId)],
);

/**
 * A delegate's ballot against their body's imperative mandate (docs/domain.md#mandates): the reason they
 * gave, shown on the council proposal and reported to the home body.
 */
export const mandateFlags = sqliteTable(
  "mandate_flags",
  {
    id: text("id").primaryKey(),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    councilProposalId: text("council_proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    termId: text("term_id")
      .notNull()
      .references(() => delegateTerms.id, { onDelete: "cascade" }),
    homeBodyId: text("home_body_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    mandateProposalId: text("mandate_proposal_id").notNull(),
    stance: text("stance", { enum: MANDATE_STANCES }).notNull(),
    choice: text("choice").notNull(),
    reason: text("reason").notNull(),
    createdAt: integer("created_at").notNull(),
    reportedAt: integer("reported_at"),
  },
  (t) => [uniqueIndex("mandate_flags_round_user_uq").on(t.roundId, t.userId), index("mandate_flags_home_idx").on(t.homeBodyId, t.createdAt)],
);

/**
 * A report a delegate owes (after a council meeting) or files (docs/domain.md#report-backs). Written once:
 * `body` and `submittedAt` are set together and never changed.
 */
export const reportBacks = sqliteTable(
  "report_backs",
  {
    id: text("id").primaryKey(),
    termId: text("term_id")
      .notNull()
      .references(() => delegateTerms.id, { onDelete: "cascade" }),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    councilId: text("council_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    councilMeetingId: text("council_meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    dueAt: integer("due_at"),
    title: text("title"),
    body: text("body"),
    submittedAt: integer("submitted_at"),
    agendaItemId: text("agenda_item_id"),
    agendaMeetingId: text("agenda_meeting_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("report_backs_term_meeting_uq").on(t.termId, t.councilMeetingId),
    index("report_backs_assembly_idx").on(t.assemblyId, t.submittedAt),
    index("report_backs_due_idx").on(t.submittedAt, t.dueAt),
  ],
);

export const reportBackComments = sqliteTable(
  "report_back_comments",
  {
    id: text("id").primaryKey(),
    reportBackId: text("report_back_id")
      .notNull()
      .references(() => reportBacks.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("report_back_comments_idx").on(t.reportBackId, t.createdAt)],
);

/** Council meetings whose report-backs have been asked for (so each is handled once). */
export const councilMeetingReports = sqliteTable("council_meeting_reports", {
  meetingId: text("meeting_id")
    .primaryKey()
    .references(() => meetings.id, { onDelete: "cascade" }),
  handledAt: integer("handled_at").notNull(),
});

export const recallPetitions = sqliteTable(
  "recall_petitions",
  {
    id: text("id").primaryKey(),
    termId: text("term_id")
      .notNull()
      .references(() => delegateTerms.id, { onDelete: "cascade" }),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    startedBy: text("started_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: integer("started_at").notNull(),
    // Signatures needed, fixed when the petition starts (charter's recall share and minimum).
    needed: integer("needed").notNull(),
    charterVersion: integer("charter_version").notNull(),
    status: text("status", { enum: PETITION_STATUSES }).notNull(),
    recallProposalId: text("recall_proposal_id"),
    closedAt: integer("closed_at"),
  },
  (t) => [
    // One petition at a time against a term.
    uniqueIndex("recall_petitions_live_uq").on(t.termId).where(sql`status in ('collecting', 'voting')`),
    index("recall_petitions_assembly_idx").on(t.assemblyId, t.status),
  ],
);

export const recallSignatures = sqliteTable(
  "recall_signatures",
  {
    petitionId: text("petition_id")
      .notNull()
      .references(() => recallPetitions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    signedAt: integer("signed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.userId] })],
);

/** A council proposal sent to the member bodies for ratification, with the rule snapshotted. */
export const ratifications = sqliteTable("ratifications", {
  councilProposalId: text("council_proposal_id")
    .primaryKey()
    .references(() => proposals.id, { onDelete: "cascade" }),
  councilId: text("council_id")
    .notNull()
    .references(() => assemblies.id, { onDelete: "cascade" }),
  threshold: text("threshold").notNull(),
  strict: integer("strict", { mode: "boolean" }).notNull(),
  charterVersion: integer("charter_version").notNull(),
  startedBy: text("started_by").references(() => users.id, { onDelete: "set null" }),
  startedAt: integer("started_at").notNull(),
  outcome: text("outcome", { enum: ["ratified", "rejected"] }),
  decidedAt: integer("decided_at"),
  explanationEn: text("explanation_en"),
  explanationEs: text("explanation_es"),
});

export const ratificationResults = sqliteTable(
  "ratification_results",
  {
    councilProposalId: text("council_proposal_id")
      .notNull()
      .references(() => ratifications.councilProposalId, { onDelete: "cascade" }),
    memberBodyId: text("member_body_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    result: text("result", { enum: RATIFICATION_RESULTS }).notNull(),
    decidedAt: integer("decided_at"),
  },
  (t) => [primaryKey({ columns: [t.councilProposalId, t.memberBodyId] })],
);
