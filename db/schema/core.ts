/**
 * Plenary's schema. One table per concept, named as organisers name them.
 * Times are integer milliseconds since the epoch (UTC); ids are random text.
 * Generate migrations with `npm run db:generate`; they are applied at start.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  locale: text("locale"),
  // Stated only by the member; used only for council gender rules (docs/domain.md#delegates).
  gender: text("gender"),
  // Secret for the per-member iCalendar feed URL.
  calendarToken: text("calendar_token").notNull(),
  createdAt: integer("created_at").notNull(),
  // Optional (docs/decisions/016-needs-you-and-search.md): an address (also for "forgot
  // password" when the server can send mail), and whether the member asked for notices by email; the token is the secret of the one-click unsubscribe link.
  email: text("email"),
  notify: integer("notify", { mode: "boolean" }).notNull().default(false),
  unsubscribeToken: text("unsubscribe_token"),
});

/**
 * Messages waiting to be sent, written in the transaction that decides to send them and sent
 * by the server's background work afterwards, so a request never waits for the mail server
 * and a crash loses nothing (a message is sent again unless marked sent). `key` makes each
 * notice once only (a vote opening, its reminder, one digest a week).
 */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("mail_outbox_unsent_idx").on(t.sentAt, t.id)],
);

/**
 * One-time password reset links (docs/decisions/012-security.md). Only the link's
 * hash is kept; a steward's account waits (no hash yet) for a second steward to issue it.
 */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").unique(),
    // The body whose steward issued it; null when the person asked by email.
    assemblyId: text("assembly_id"),
    requestedBy: text("requested_by"),
    approvedBy: text("approved_by"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

// Shape required by @lucia-auth/adapter-drizzle (id, user_id, expires_at in seconds);
// the extra columns let a person recognise and end their other sessions.
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** A body: an assembly, or a council (a federation of assemblies). */
export const assemblies = sqliteTable("assemblies", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  kind: text("kind").notNull(),
  description: text("description").notNull().default(""),
  /** IANA zone every date of the assembly is written in; null: the server's (app/lib/time-zones.ts). */
  timeZone: text("time_zone"),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: integer("created_at").notNull(),
});

/** Versioned charter: settings JSON validated by app/lib/charter.ts. */
export const charters = sqliteTable(
  "charters",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    settings: text("settings").notNull(),
    note: text("note").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    proposalId: text("proposal_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("charters_assembly_version_uq").on(t.assemblyId, t.version)],
);

/**
 * Membership of a person in a body. `role` says whether they vote (member) or only read
 * (observer); stewards manage members and invitations, facilitators run meetings and rounds.
 */
export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["member", "observer"] }).notNull(),
    steward: integer("steward", { mode: "boolean" }).notNull().default(false),
    facilitator: integer("facilitator", { mode: "boolean" }).notNull().default(false),
    // Sees the body's aid requests with names and makes matches (docs/domain.md#mutual-aid); a steward grants it.
    aidCoordinator: integer("aid_coordinator", { mode: "boolean" }).notNull().default(false),
    joinedAt: integer("joined_at").notNull(),
    invitationId: text("invitation_id"),
  },
  (t) => [
    uniqueIndex("memberships_assembly_user_uq").on(t.assemblyId, t.userId),
    index("memberships_user_idx").on(t.userId),
    // Covers member counts and the voting-member list without reading rows (bench: 0.5 ms → 0.05 ms per page on 2,600 members).
    index("memberships_assembly_role_idx").on(t.assemblyId, t.role),
  ],
);

/** Invitation link: only a hash of the secret token is stored (docs/domain.md#bodies). */
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    role: text("role", { enum: ["member", "observer", "facilitator", "steward"] }).notNull(),
    label: text("label").notNull().default(""),
    expiresAt: integer("expires_at").notNull(),
    maxUses: integer("max_uses").notNull(),
    uses: integer("uses").notNull().default(0),
    revokedAt: integer("revoked_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("invitations_assembly_idx").on(t.assemblyId)],
);

/**
 * The decision record: an append-only, hash-chained log per body (docs/domain.md#decision-record).
 * Each entry's hash covers the previous hash and its own canonical payload.
 * Never holds secret choices.
 */
export const recordEntries = sqliteTable(
  "record_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    kind: text("kind").notNull(),
    subjectId: text("subject_id"),
    summary: text("summary").notNull(),
    payload: text("payload").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("record_assembly_seq_uq").on(t.assemblyId, t.seq)],
);
