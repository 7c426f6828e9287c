/**
 * Tables of everyday polls and of proxies (docs/domain.md#polls, #proxies); see db/schema.ts.
 *
 * A poll is not a proposal: it asks the body's view (a choice among options, or the best time
 * for a meeting) and records the answer; it is advisory unless the charter makes choice polls
 * binding. A proxy is one member's vote carried by another for one meeting or one proposal's
 * rounds, as the charter allows; the proxies a round accepts are fixed when it opens.
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { assemblies, users } from "./core";
import { proposals, rounds } from "./decisions";
import { meetings } from "./meetings";

export const POLL_KINDS = ["choice", "time"] as const;

export const polls = sqliteTable(
  "polls",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    // Per-body running number, as for proposals ("poll 3").
    number: integer("number").notNull(),
    kind: text("kind", { enum: POLL_KINDS }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    // Choice polls: single, approval, schulze or score (app/engine/poll.ts).
    method: text("method"),
    // Counts stay hidden from everyone until the poll closes.
    hideResults: integer("hide_results", { mode: "boolean" }).notNull().default(false),
    // The charter's polls.binding when the poll started: a binding poll decides, under quorum.
    binding: integer("binding", { mode: "boolean" }).notNull().default(false),
    // Meeting-time polls: what the scheduled meeting will be.
    durationMinutes: integer("duration_minutes"),
    place: text("place").notNull().default(""),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
    closesAt: integer("closes_at").notNull(),
    closedAt: integer("closed_at"),
    closedBy: text("closed_by").references(() => users.id, { onDelete: "set null" }),
    // The engine's result at close (JSON), as the record has it.
    result: text("result"),
    // Meeting-time polls: the meeting scheduled from the winning time.
    meetingId: text("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("polls_assembly_number_uq").on(t.assemblyId, t.number), index("polls_due_idx").on(t.closedAt, t.closesAt)],
);

/** A choice poll's options, or a meeting-time poll's candidate times, in the order shown. */
export const pollOptions = sqliteTable(
  "poll_options",
  {
    id: text("id").primaryKey(),
    pollId: text("poll_id")
      .notNull()
      .references(() => polls.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    label: text("label").notNull().default(""),
    startsAt: integer("starts_at"),
  },
  (t) => [uniqueIndex("poll_options_uq").on(t.pollId, t.position)],
);

/** One answer per person per poll, changed in place until the poll closes (JSON as app/engine/poll.ts reads it). */
export const pollAnswers = sqliteTable(
  "poll_answers",
  {
    pollId: text("poll_id")
      .notNull()
      .references(() => polls.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answer: text("answer").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.userId] }), index("poll_answers_user_idx").on(t.userId)],
);

/**
 * A proxy: the giver's vote carried by the holder, for one meeting (every round opened in it)
 * or for one proposal (its online rounds). Given and revoked only before it can be used; a
 * revoked proxy is deleted. One per giver per meeting or proposal.
 */
export const proxies = sqliteTable(
  "proxies",
  {
    id: text("id").primaryKey(),
    assemblyId: text("assembly_id")
      .notNull()
      .references(() => assemblies.id, { onDelete: "cascade" }),
    giverId: text("giver_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    holderId: text("holder_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    meetingId: text("meeting_id").references(() => meetings.id, { onDelete: "cascade" }),
    proposalId: text("proposal_id").references(() => proposals.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("proxies_giver_meeting_uq").on(t.giverId, t.meetingId),
    uniqueIndex("proxies_giver_proposal_uq").on(t.giverId, t.proposalId),
    index("proxies_holder_idx").on(t.holderId),
  ],
);

/**
 * The proxies a round accepts, fixed when it opens. `cast`: the holder has cast the giver's
 * ballot (and the giver has not since voted in person). Who voted for whom, never what:
 * a secret round's choices stay apart (docs/decisions/009-secret-ballots.md).
 */
export const roundProxies = sqliteTable(
  "round_proxies",
  {
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    giverId: text("giver_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    holderId: text("holder_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    cast: integer("cast", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.giverId] }), index("round_proxies_holder_idx").on(t.roundId, t.holderId)],
);
