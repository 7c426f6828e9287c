/**
 * Tables of the decisions area (docs/domain.md#proposals, #rounds): proposals with their kept revisions,
 * amendments, comments, voting rounds and ballots. See db/schema.ts.
 *
 * Secret ballots (docs/domain.md#secret-ballots): who took part (`round_participation`) and what was chosen
 * (`secret_ballots`) live in two tables with nothing in common but the round: no user
 * column beside a choice, no timestamps, and both tables are WITHOUT ROWID with keys that
 * carry no insertion order (the migration adds WITHOUT ROWID by hand; drizzle cannot say it).
 */
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { assemblies, users } from "./core";
import { PROPOSAL_STATUSES, type ProposalStatus } from "../../app/engine/lifecycle";

export { PROPOSAL_STATUSES, type ProposalStatus };

export const proposals = sqliteTable(
  "proposals",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    // Per-body running number, as organisers say "proposal 12".
    number: integer("number").notNull(),
    kind: text("kind").notNull(),
    status: text("status", { enum: PROPOSAL_STATUSES }).notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    // Title of the current revision, kept here for lists.
    title: text("title").notNull(),
    // A title the system wrote (joining a council, a mandate, a recall…), stored as what it is:
    // kind + parameters as JSON, written in each reader's language (app/i18n/system-title.ts).
    // `title` keeps the words in the language of whoever triggered it, for search and exports;
    // null once a person gives the proposal a title of their own.
    systemTitle: text("system_title"),
    currentRevision: integer("current_revision").notNull(),
    // Elections: how many seats are filled (candidates are proposal_options).
    seats: integer("seats"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    decidedAt: integer("decided_at"),
  },
  (t) => [uniqueIndex("proposals_assembly_number_uq").on(t.assemblyId, t.number), index("proposals_assembly_status_idx").on(t.assemblyId, t.status)],
);

/** Every revision is kept, so they can be compared (docs/domain.md#proposals). */
export const proposalRevisions = sqliteTable(
  "proposal_revisions",
  {
    id: text("id").primaryKey(),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    // Charter amendments: the whole proposed charter (validated by the charter schema).
    charter: text("charter"),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    amendmentId: text("amendment_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("proposal_revisions_uq").on(t.proposalId, t.number)],
);

/** Candidates of an election (or options of a ranked choice), in ballot order. */
export const proposalOptions = sqliteTable(
  "proposal_options",
  {
    id: text("id").primaryKey(),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("proposal_options_uq").on(t.proposalId, t.position)],
);

export const amendments = sqliteTable(
  "amendments",
  {
    id: text("id").primaryKey(),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    // The revision the amendment was written against; accepting it on a newer one is refused.
    baseRevision: integer("base_revision").notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title"),
    body: text("body").notNull(),
    charter: text("charter"),
    note: text("note").notNull().default(""),
    status: text("status", { enum: ["open", "accepted", "declined"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    decidedAt: integer("decided_at"),
    resultRevision: integer("result_revision"),
  },
  (t) => [index("amendments_proposal_idx").on(t.proposalId)],
);

export const comments = sqliteTable(
  "comments",
  {
    id: text("id").primaryKey(),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    // Replies hang off a top-level comment (one level of threading, as in a room).
    parentId: text("parent_id"),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("comments_proposal_idx").on(t.proposalId, t.createdAt)],
);

/**
 * A voting round. The rule is snapshotted at opening so closing decides under the charter
 * version the round was opened with, however the charter changes meanwhile.
 */
export const rounds = sqliteTable(
  "rounds",
  {
    id: text("id").primaryKey(),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    // The revision of the proposal members vote on (amendments stop while a round is open).
    revision: integer("revision").notNull().default(1),
    kind: text("kind", { enum: ["normal", "fallback"] }).notNull(),
    method: text("method").notNull(),
    rule: text("rule").notNull(),
    ballotKind: text("ballot_kind", { enum: ["vote", "consensus", "consent", "ranked"] }).notNull(),
    secret: integer("secret", { mode: "boolean" }).notNull(),
    // Secret rounds: whether voters get a receipt (the charter's setting at opening).
    receipts: integer("receipts", { mode: "boolean" }).notNull().default(true),
    mode: text("mode", { enum: ["online", "meeting"] }).notNull(),
    meetingId: text("meeting_id"),
    openedBy: text("opened_by").references(() => users.id, { onDelete: "set null" }),
    openedAt: integer("opened_at").notNull(),
    deadline: integer("deadline"),
    closedAt: integer("closed_at"),
    closedBy: text("closed_by").references(() => users.id, { onDelete: "set null" }),
    charterVersion: integer("charter_version").notNull(),
    // Voting members at opening: the quorum's "members".
    electorateSize: integer("electorate_size").notNull(),
    // Meetings: members present, set by the facilitator; online rounds count participants.
    presentCount: integer("present_count"),
    // Counted by hand in a meeting for people without a phone (never the same people twice).
    handCount: text("hand_count"),
    outcome: text("outcome"),
    figures: text("figures"),
    explanationEn: text("explanation_en"),
    explanationEs: text("explanation_es"),
  },
  (t) => [
    uniqueIndex("rounds_proposal_number_uq").on(t.proposalId, t.number),
    // At most one open round per proposal, enforced by the database itself.
    uniqueIndex("rounds_one_open_uq").on(t.proposalId).where(sql`closed_at IS NULL`),
    index("rounds_due_idx").on(t.closedAt, t.deadline),
  ],
);

/** Who may vote in a round, fixed at opening (eligibility is not a choice, so secret rounds keep it too). */
export const roundElectorate = sqliteTable(
  "round_electorate",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] })],
);

/** Open ballots: one per member per round, changed in place until the round closes. */
export const ballots = sqliteTable(
  "ballots",
  {
    id: text("id").primaryKey(),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    choice: text("choice").notNull(),
    reason: text("reason"),
    text: text("text"),
    ranking: text("ranking"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("ballots_round_user_uq").on(t.roundId, t.userId),
    // Counts by choice walk this index (a GROUP BY, no row read) and the page's preview of
    // the latest ballots walks the second (docs/decisions/021-scale-path.md).
    index("ballots_round_choice_idx").on(t.roundId, t.choice),
    index("ballots_round_updated_idx").on(t.roundId, t.updatedAt),
  ],
);

/** Secret rounds: that someone took part, and nothing else (no time, no choice). */
export const roundParticipation = sqliteTable(
  "round_participation",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] })],
);

/**
 * Secret rounds: the choices, written when the round closes (until then they are sealed in
 * sealed_ballots), keyed by the hash of the voter's receipt. Written and listed in
 * receipt-hash order, which is random, so no order ties a row to a voter.
 */
export const secretBallots = sqliteTable(
  "secret_ballots",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    receiptHash: text("receipt_hash").notNull(),
    choice: text("choice").notNull(),
    reason: text("reason"),
    text: text("text"),
    ranking: text("ranking"),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.receiptHash] })],
);

/**
 * A secret round's key (docs/decisions/009-secret-ballots.md): ballots are sealed to its
 * public key while the round is open; its private key lives in the server's memory and,
 * here, only sealed to each teller's public key, so that after a crash a teller can unlock
 * the count. Deleted when the round closes.
 */
export const roundKeys = sqliteTable("round_keys", {
  roundId: text("round_id")
    .primaryKey()
    .references(() => rounds.id, { onDelete: "cascade" }),
  publicKey: blob("public_key", { mode: "buffer" }).notNull(),
  // JSON: [{ teller: user id (or "server"), key: teller public key (base64), box: sealed private key (base64) }]
  sealed: text("sealed").notNull(),
});

/**
 * An open secret round's ballots, each sealed to the round's key (padded to one size) under
 * a random id. The change tag is a hash of the voter's receipt together with their user id
 * and the round: it finds the box to replace when that voter changes their ballot, and
 * cannot be matched to the published receipt hash without the receipt. At close the boxes
 * are opened, their ballots written to secret_ballots in random order, and these rows deleted.
 * WITHOUT ROWID (added to the migration by hand).
 */
export const sealedBallots = sqliteTable(
  "sealed_ballots",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    changeTag: text("change_tag"),
    box: blob("box", { mode: "buffer" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.id] }), uniqueIndex("sealed_ballots_change_uq").on(t.roundId, t.changeTag)],
);

/** A teller's public key for a body; the private key is derived from a recovery code only the teller holds. */
export const tellerKeys = sqliteTable(
  "teller_keys",
  {
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    publicKey: blob("public_key", { mode: "buffer" }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.assemblyId, t.userId] })],
);
