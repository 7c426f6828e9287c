/**
 * Tables of the meetings area (docs/domain.md#meetings); see db/schema.ts.
 * A meeting has roles, an agenda of timeboxed items, attendance, a speakers' stack,
 * the voting rounds opened in it, action items, and minutes built from all of these.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { assemblies, users } from "./core";

export const MEETING_STATUSES = ["scheduled", "running", "closed", "cancelled"] as const;
export const AGENDA_KINDS = ["proposal", "report", "discussion", "report_back", "announcement", "break"] as const;
/** suggested → (accepted) open → done | deferred; or suggested → declined. */
export const AGENDA_STATUSES = ["suggested", "declined", "open", "done", "deferred"] as const;
export const STACK_STATUSES = ["waiting", "speaking", "done", "removed"] as const;

export const meetings = sqliteTable(
  "meetings",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    startsAt: integer("starts_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(120),
    place: text("place").notNull().default(""),
    link: text("link").notNull().default(""),
    // Called with less notice than the charter's notice.days (docs/domain.md#charter "notice").
    shortNotice: integer("short_notice", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: MEETING_STATUSES }).notNull().default("scheduled"),
    // Short code shown on the projector; members enter it on their phones to check in.
    code: text("code").notNull().unique(),
    facilitatorId: text("facilitator_id").references(() => users.id, { onDelete: "set null" }),
    noteTakerId: text("note_taker_id").references(() => users.id, { onDelete: "set null" }),
    timekeeperId: text("timekeeper_id").references(() => users.id, { onDelete: "set null" }),
    currentItemId: text("current_item_id"),
    // Server time the current item's clock started (shifted back by time already spent
    // on it), so every screen computes the same countdown.
    currentItemStartedAt: integer("current_item_started_at"),
    extendedSeconds: integer("extended_seconds").notNull().default(0),
    progressiveStack: integer("progressive_stack", { mode: "boolean" }).notNull().default(false),
    speakingLimitSeconds: integer("speaking_limit_seconds"),
    startedAt: integer("started_at"),
    closedAt: integer("closed_at"),
    minutesSummary: text("minutes_summary").notNull().default(""),
    // Bumped on every edit of notes, summary or action items: a stale edit is refused.
    minutesRev: integer("minutes_rev").notNull().default(0),
    minutesAdoptedAt: integer("minutes_adopted_at"),
    minutesAdoptedInMeetingId: text("minutes_adopted_in_meeting_id"),
    // Bumped on every change; live clients and the event stream order states by it.
    version: integer("version").notNull().default(1),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("meetings_assembly_starts_idx").on(t.assemblyId, t.startsAt)],
);

export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: AGENDA_KINDS }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    presenterUserId: text("presenter_user_id").references(() => users.id, { onDelete: "set null" }),
    timeboxMinutes: integer("timebox_minutes").notNull(),
    // Proposals and report-backs live in other areas; kept as plain ids so the agenda
    // survives their tables changing shape.
    proposalId: text("proposal_id"),
    reportBackId: text("report_back_id"),
    status: text("status", { enum: AGENDA_STATUSES }).notNull().default("open"),
    suggestedBy: text("suggested_by").references(() => users.id, { onDelete: "set null" }),
    notes: text("notes").notNull().default(""),
    spentMs: integer("spent_ms").notNull().default(0),
    extendedSeconds: integer("extended_seconds").notNull().default(0),
    startedAt: integer("started_at"),
    endedAt: integer("ended_at"),
    carriedFromItemId: text("carried_from_item_id"),
    carriedToMeetingId: text("carried_to_meeting_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("agenda_items_meeting_idx").on(t.meetingId, t.position)],
);

export const attendance = sqliteTable(
  "attendance",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    method: text("method", { enum: ["code", "facilitator"] }).notNull(),
    checkedInBy: text("checked_in_by").references(() => users.id, { onDelete: "set null" }),
    checkedInAt: integer("checked_in_at").notNull(),
    leftAt: integer("left_at"),
  },
  (t) => [uniqueIndex("attendance_meeting_user_uq").on(t.meetingId, t.userId)],
);

export const stackEntries = sqliteTable(
  "stack_entries",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    itemId: text("item_id"),
    status: text("status", { enum: STACK_STATUSES }).notNull().default("waiting"),
    position: integer("position").notNull(),
    addedBy: text("added_by").references(() => users.id, { onDelete: "set null" }),
    raisedAt: integer("raised_at").notNull(),
    startedAt: integer("started_at"),
    endedAt: integer("ended_at"),
  },
  (t) => [
    index("stack_meeting_idx").on(t.meetingId, t.status),
    // One raised hand per person: a double tap cannot put someone on the stack twice.
    uniqueIndex("stack_one_hand_uq").on(t.meetingId, t.userId).where(sql`status in ('waiting', 'speaking')`),
  ],
);

export const actionItems = sqliteTable(
  "action_items",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    itemId: text("item_id"),
    text: text("text").notNull(),
    ownerUserId: text("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    ownerName: text("owner_name").notNull().default(""),
    dueAt: integer("due_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("action_items_meeting_idx").on(t.meetingId)],
);

/** Voting rounds opened in a meeting, by agenda item (rounds themselves: decisions area). */
export const meetingRounds = sqliteTable(
  "meeting_rounds",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    roundId: text("round_id").notNull().unique(),
    openedAt: integer("opened_at").notNull(),
    closedAt: integer("closed_at"),
  },
  (t) => [index("meeting_rounds_meeting_idx").on(t.meetingId)],
);
