/**
 * Tables of the mutual-aid area (docs/domain.md#mutual-aid; docs/decisions/019-mutual-aid.md).
 *
 * Requests and offers are one table (`aid_posts`, `kind` says which): they share every
 * field a person fills in, every rule of who sees them and how they expire. A match joins a
 * post to the other person (the volunteer for a request, the recipient for an offer); the
 * contact each of the two chooses to share is stored on the match and shown only once it is
 * accepted. Closed posts lose their personal details after the body's retention period
 * (`purgedAt`); the rows stay, so reports can still count them.
 *
 * Shifts follow Karrot's model (a series by repeat rule, activities generated weeks ahead,
 * participants per slot). Programmes are adopted by a proposal; their fund's ledger entries
 * are also written to the body's decision record.
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { assemblies, users } from "./core";
import { proposals } from "./decisions";
import { meetings } from "./meetings";

export const AID_POST_KINDS = ["request", "offer"] as const;
export const AID_URGENCIES = ["low", "normal", "urgent"] as const;
export const AID_POST_STATUSES = ["open", "matched", "closed", "expired"] as const;
export const AID_MATCH_STATUSES = ["proposed", "accepted", "done", "partly", "cancelled"] as const;
export const AID_PROGRAMME_STATUSES = ["proposed", "adopted", "rejected", "withdrawn"] as const;
export const AID_LEDGER_DIRECTIONS = ["in", "out"] as const;
export const AID_SHARE_STATUSES = ["open", "offered", "matched", "met", "withdrawn"] as const;

/** A body's categories: the defaults (a `key`, named by the catalogue) and its own (a `name`). */
export const aidCategories = sqliteTable(
  "aid_categories",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    key: text("key"),
    name: text("name").notNull().default(""),
    expiryDays: integer("expiry_days").notNull(),
    position: integer("position").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("aid_categories_assembly_idx").on(t.assemblyId, t.position)],
);

/** Where, as the body names it: a neighbourhood, a building, cross-streets — never an address. */
export const aidZones = sqliteTable(
  "aid_zones",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("aid_zones_name_uq").on(t.assemblyId, t.name)],
);

export const aidPosts = sqliteTable(
  "aid_posts",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: AID_POST_KINDS }).notNull(),
    // Null once the personal details are purged (or the person's account is gone).
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    categoryId: text("category_id")
      .notNull()
      .references(() => aidCategories.id),
    zoneId: text("zone_id").references(() => aidZones.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    quantity: text("quantity").notNull().default(""),
    details: text("details").notNull().default(""),
    // A window (both set) or ongoing (both null).
    windowStart: integer("window_start"),
    windowEnd: integer("window_end"),
    urgency: text("urgency", { enum: AID_URGENCIES }).notNull().default("normal"),
    // Anonymous to everyone but the body's aid coordinators.
    anonymous: integer("anonymous", { mode: "boolean" }).notNull().default(false),
    // Offers the body's councils may see (zone and need only).
    shareable: integer("shareable", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: AID_POST_STATUSES }).notNull().default("open"),
    expiresAt: integer("expires_at").notNull(),
    closedAt: integer("closed_at"),
    purgedAt: integer("purged_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("aid_posts_assembly_idx").on(t.assemblyId, t.kind, t.status), index("aid_posts_author_idx").on(t.authorId), index("aid_posts_closed_idx").on(t.closedAt)],
);

export const aidMatches = sqliteTable(
  "aid_matches",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    postId: text("post_id")
      .notNull()
      .references(() => aidPosts.id, { onDelete: "cascade" }),
    // The other person: the volunteer for a request, the recipient for an offer.
    otherId: text("other_id").references(() => users.id, { onDelete: "set null" }),
    proposedBy: text("proposed_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: AID_MATCH_STATUSES }).notNull().default("proposed"),
    // What each chooses to share (phone, a street address…), shown to the other once accepted.
    ownerContact: text("owner_contact").notNull().default(""),
    otherContact: text("other_contact").notNull().default(""),
    // A private note on how it ended: seen by the two and the coordinators, never rated publicly.
    note: text("note").notNull().default(""),
    acceptedAt: integer("accepted_at"),
    acceptedBy: text("accepted_by").references(() => users.id, { onDelete: "set null" }),
    closedAt: integer("closed_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("aid_matches_post_idx").on(t.postId), index("aid_matches_other_idx").on(t.otherId)],
);

export const aidMessages = sqliteTable(
  "aid_messages",
  {
    id: text("id").primaryKey(),
    matchId: text("match_id")
      .notNull()
      .references(() => aidMatches.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("aid_messages_match_idx").on(t.matchId, t.createdAt)],
);

/** A recurring activity: the first occurrence, its length, every how many weeks, its slots. */
export const aidShiftSeries = sqliteTable("aid_shift_series", {
  id: text("id").primaryKey(),
  assemblyId: text("assembly_id")
    .notNull()
    .references(() => assemblies.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  place: text("place").notNull().default(""),
  firstStartsAt: integer("first_starts_at").notNull(),
  durationMinutes: integer("duration_minutes").notNull(),
  everyWeeks: integer("every_weeks").notNull().default(1),
  weeksAhead: integer("weeks_ahead").notNull().default(4),
  // JSON [{ role, max }]
  slots: text("slots").notNull(),
  endedAt: integer("ended_at"),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: integer("created_at").notNull(),
});

export const aidShifts = sqliteTable(
  "aid_shifts",
  {
    id: text("id").primaryKey(),
    seriesId: text("series_id")
      .notNull()
      .references(() => aidShiftSeries.id, { onDelete: "cascade" }),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
  },
  (t) => [uniqueIndex("aid_shifts_series_start_uq").on(t.seriesId, t.startsAt), index("aid_shifts_assembly_idx").on(t.assemblyId, t.startsAt)],
);

export const aidShiftSlots = sqliteTable(
  "aid_shift_slots",
  {
    id: text("id").primaryKey(),
    shiftId: text("shift_id")
      .notNull()
      .references(() => aidShifts.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    max: integer("max").notNull(),
  },
  (t) => [index("aid_shift_slots_shift_idx").on(t.shiftId)],
);

export const aidShiftSignups = sqliteTable(
  "aid_shift_signups",
  {
    slotId: text("slot_id")
      .notNull()
      .references(() => aidShiftSlots.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.slotId, t.userId] }), index("aid_shift_signups_user_idx").on(t.userId)],
);

/** A programme the assembly adopts by a proposal of kind "aid_programme"; its terms are the proposal's text. */
export const aidProgrammes = sqliteTable(
  "aid_programmes",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    proposalId: text("proposal_id")
      .notNull()
      .unique()
      .references(() => proposals.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    // What one coordinator may grant alone; larger grants need a proposal the assembly passed.
    coordinatorLimit: integer("coordinator_limit").notNull(),
    status: text("status", { enum: AID_PROGRAMME_STATUSES }).notNull().default("proposed"),
    adoptedAt: integer("adopted_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("aid_programmes_assembly_idx").on(t.assemblyId)],
);

export const aidLedger = sqliteTable(
  "aid_ledger",
  {
    id: text("id").primaryKey(),
    programmeId: text("programme_id")
      .notNull()
      .references(() => aidProgrammes.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    direction: text("direction", { enum: AID_LEDGER_DIRECTIONS }).notNull(),
    amount: integer("amount").notNull(),
    purpose: text("purpose").notNull(),
    // Out-entries: the decision that allowed it — a coordinator's limit, or a passed proposal.
    allowedBy: text("allowed_by", { enum: ["coordinator_limit", "proposal"] }),
    allowingProposalId: text("allowing_proposal_id").references(() => proposals.id),
    // Only when the recipient agreed to be named.
    recipientName: text("recipient_name"),
    balanceAfter: integer("balance_after").notNull(),
    recordSeq: integer("record_seq").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("aid_ledger_seq_uq").on(t.programmeId, t.seq)],
);

/** An aid report put on a meeting's agenda: the figures it was generated from. */
export const aidReports = sqliteTable("aid_reports", {
  id: text("id").primaryKey(),
  assemblyId: text("assembly_id")
    .notNull()
    .references(() => assemblies.id, { onDelete: "cascade" }),
  meetingId: text("meeting_id")
    .notNull()
    .references(() => meetings.id, { onDelete: "cascade" }),
  agendaItemId: text("agenda_item_id"),
  since: integer("since").notNull(),
  figures: text("figures").notNull(),
  createdAt: integer("created_at").notNull(),
});

/**
 * A request an assembly passes to one of its councils: the zone and the need, never the person.
 * Another member assembly's coordinator offers to meet it; the match reveals contacts to the two
 * coordinators, and to the two people only when both coordinators agree.
 */
export const aidShares = sqliteTable(
  "aid_shares",
  {
    id: text("id").primaryKey(),
    postId: text("post_id")
      .notNull()
      .references(() => aidPosts.id, { onDelete: "cascade" }),
    fromAssemblyId: text("from_assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    councilId: text("council_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    sharedBy: text("shared_by").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: AID_SHARE_STATUSES }).notNull().default("open"),
    // The assembly and coordinator that offered to meet it.
    helperAssemblyId: text("helper_assembly_id").references(() => assemblies.id, { onDelete: "set null" }),
    helperCoordinatorId: text("helper_coordinator_id").references(() => users.id, { onDelete: "set null" }),
    // The helping assembly's member who will meet the need, once the coordinators connect them.
    helperPersonId: text("helper_person_id").references(() => users.id, { onDelete: "set null" }),
    offerNote: text("offer_note").notNull().default(""),
    fromContact: text("from_contact").notNull().default(""),
    helperContact: text("helper_contact").notNull().default(""),
    fromAgreed: integer("from_agreed", { mode: "boolean" }).notNull().default(false),
    helperAgreed: integer("helper_agreed", { mode: "boolean" }).notNull().default(false),
    // Contacts of the two people, passed on once both coordinators agree.
    fromPersonContact: text("from_person_contact").notNull().default(""),
    helperPersonContact: text("helper_person_contact").notNull().default(""),
    createdAt: integer("created_at").notNull(),
    matchedAt: integer("matched_at"),
    metAt: integer("met_at"),
  },
  (t) => [index("aid_shares_council_idx").on(t.councilId, t.status), index("aid_shares_post_idx").on(t.postId)],
);
