/**
 * Every form of the meeting pages posts an `intent`; this is where each is checked (who
 * may do it, never trusting the client) and handed to its model function. Routes pass the
 * intents their page offers, so the console, the phone, the plan and the minutes stay thin.
 */
import { data, redirect } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireMember, type MemberContext } from "./authz.server";
import { can } from "~/models/membership.server";
import { assemblyTimeZone } from "~/models/assembly.server";
import { requireUser } from "~/web/session.server";
import { failure, parseForm, type FormFailure } from "./forms";
import { invalid } from "./http.server";
import { refused } from "./refusal.server";
import { refusal, type Result } from "~/lib/refusal";
import { parseLocalDateTime } from "~/lib/meeting-fields";
import { daysEarly } from "~/lib/meeting-time";
import { actionItemSchema, codeSchema, itemSchema, meetingSchema, rolesSchema, stackOptionsSchema } from "~/lib/meeting-validation.server";
import { meetingBallotSchema } from "~/lib/ballot-validation.server";
import {
  cancelMeeting,
  deferItem,
  extendTime,
  getMeetingIn,
  nextItem,
  previousItem,
  setMeetingRoles,
  setStackOptions,
  startMeeting,
  takeUpItem,
  updateMeetingDetails,
  type Meeting,
} from "~/models/meeting.server";
import { addAgendaItem, answerSuggestion, moveAgendaItem, removeAgendaItem, reorderAgenda, suggestAgendaItem } from "~/models/agenda.server";
import { checkIn, checkInByCode, checkOut } from "~/models/attendance.server";
import { clearStack, lowerHand, moveOnStack, nextSpeaker, raiseHand, removeFromStack } from "~/models/stack.server";
import { durable } from "~/db.server";
import { castMeetingBallot, closeMeetingVote, openMeetingVote, recordMeetingHandCount } from "~/models/meeting-vote.server";
import { liveTally, myBallot } from "~/models/round.server";
import { addActionItem, adoptMinutes, finishMeeting, removeActionItem, saveItemNotes, saveMinutes } from "~/models/minutes.server";
import { lookupAllowed, lookupMissed } from "./rate-limit.server";
import { giveProxy, revokeProxy } from "~/models/proxy.server";
import { proxyHolderSchema } from "~/lib/ballot-validation.server";

export type MeetingRoles = { facilitator: boolean; noteTaker: boolean; timekeeper: boolean; voter: boolean };

/** Who someone is in this meeting: the assembly's facilitators and stewards run any meeting. */
export function rolesIn(ctx: MemberContext, m: Meeting): MeetingRoles {
  const facilitator = can(ctx.membership, "facilitator") || m.facilitatorId === ctx.user.id;
  return {
    facilitator,
    noteTaker: facilitator || m.noteTakerId === ctx.user.id,
    timekeeper: facilitator || m.timekeeperId === ctx.user.id,
    voter: can(ctx.membership, "voter"),
  };
}

/** A member of the assembly, and a meeting of that assembly; anything else is "not found". */
export async function requireMeeting(request: Request, params: Params) {
  const ctx = await requireMember(request, params.slug, "any");
  const meeting = getMeetingIn(ctx.assembly.id, params.id ?? "");
  if (!meeting) notFound();
  return { ...ctx, meeting, roles: rolesIn(ctx, meeting) };
}

export const INTENTS = {
  plan: ["details", "roles", "cancel", "addItem", "suggest", "accept", "decline", "move", "reorder", "removeItem", "defer", "giveProxy", "revokeProxy"],
  console: [
    "start",
    "next",
    "previous",
    "takeUp",
    "extend",
    "defer",
    "checkIn",
    "checkOut",
    "stackAdd",
    "stackNext",
    "stackRemove",
    "stackMove",
    "stackClear",
    "stackOptions",
    "openVote",
    "closeVote",
    "handCount",
    "notes",
    "addAction",
    "adopt",
    "close",
  ],
  phone: ["code", "leave", "raise", "lower", "vote"],
  minutes: ["saveMinutes", "addAction", "removeAction"],
} as const;

export type Done = {
  ok: true;
  intent: string;
  done: string;
  receipt?: string | null;
  /** A phone's own vote, answered in place (app/web/live-resilience.ts): its ballot and the round's turnout now. */
  inPlace?: true;
  ballot?: PhoneBallot;
  turnout?: { roundId: string; participants: number; handCounted: number; eligible: number };
};

/** What a phone shows of its member's own ballot in the open vote (the phone page's loader gives the same). */
export type PhoneBallot = { roundId: string; eligible: boolean; participated: boolean; choice: string | null; reason: string | null; text: string | null };

export function phoneBallot(roundId: string, userId: string): PhoneBallot | null {
  const mine = myBallot(roundId, userId);
  return mine ? { roundId, eligible: mine.eligible, participated: mine.participated, choice: mine.ballot?.choice ?? null, reason: mine.ballot?.reason ?? null, text: mine.ballot?.text ?? null } : null;
}
type Outcome = Done | (FormFailure & { intent: string });

const idField = z.object({ itemId: z.string().min(1) });
const fromItem = (form: FormData) => {
  const v = form.get("fromItemId");
  return typeof v === "string" && v ? v : null;
};


function ok(intent: string, done = "saved", extra: Partial<Done> = {}) {
  return data({ ok: true as const, intent, done, ...extra } satisfies Done);
}

function numberField(form: FormData, name: string): number | null {
  const v = form.get(name);
  if (typeof v !== "string" || !/^-?\d+$/.test(v)) return null;
  return Number(v);
}

/** Handles one posted form of a meeting page. `allowed`: the intents this page offers. */
/** Every change made in a meeting (ballots, counts, check-ins) is on disk before it is acknowledged. */
export async function handleMeetingAction(request: Request, params: Params, allowed: readonly string[]) {
  const answer = await meetingAction(request, params, allowed);
  await durable();
  return answer;
}

async function meetingAction(request: Request, params: Params, allowed: readonly string[]) {
  const { user, meeting, roles, assembly: ctxAssembly } = await requireMeeting(request, params);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const answer = { intent };
  if (!allowed.includes(intent)) return refused(refusal("invalid", "errors.unknownAction"), form, answer);
  const now = Date.now();
  const id = meeting.id;
  const facilitatorOnly = () => (roles.facilitator ? null : refused(refusal("forbidden", "meetings.errors.notFacilitator"), form, answer));
  const noteTakerOnly = () => (roles.noteTaker ? null : refused(refusal("forbidden", "meetings.errors.notNoteTaker"), form, answer));
  const settle = (r: Result, done = "saved") => (r.ok ? ok(intent, done) : refused(r, form, answer));
  const withIntent = (f: FormFailure) => invalid({ ...f, intent } as FormFailure);

  switch (intent) {
    // ---- plan ----
    case "details": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      const p = parseForm(meetingSchema, form);
      if (!p.ok) return withIntent(p);
      const startsAt = parseLocalDateTime(p.data.startsAt, assemblyTimeZone(ctxAssembly));
      return settle(updateMeetingDetails(id, { ...p.data, startsAt, now }));
    }
    case "roles": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      const p = parseForm(rolesSchema, form);
      if (!p.ok) return withIntent(p);
      return settle(setMeetingRoles(id, p.data));
    }
    case "cancel": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      return settle(cancelMeeting(id), "cancelled");
    }
    case "addItem":
    case "suggest": {
      if (intent === "addItem") {
        const deny = facilitatorOnly();
        if (deny) return deny;
      }
      const p = parseForm(itemSchema, form);
      if (!p.ok) return withIntent(p);
      const r = intent === "addItem" ? addAgendaItem(id, p.data, { now }) : suggestAgendaItem(id, p.data, user.id, now);
      if (!r.ok) return refused(r, form, answer);
      return ok(intent, intent === "addItem" ? "added" : "suggested");
    }
    case "accept":
    case "decline": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      const p = parseForm(idField, form);
      if (!p.ok) return withIntent(p);
      return settle(answerSuggestion(id, p.data.itemId, intent === "accept"));
    }
    case "move": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      const p = parseForm(idField.extend({ direction: z.enum(["up", "down"]) }), form);
      if (!p.ok) return withIntent(p);
      return settle(moveAgendaItem(id, p.data.itemId, p.data.direction));
    }
    case "reorder": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      const order = String(form.get("order") ?? "")
        .split(",")
        .filter(Boolean);
      return settle(reorderAgenda(id, order), "reordered");
    }
    case "removeItem": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      const p = parseForm(idField, form);
      if (!p.ok) return withIntent(p);
      return settle(removeAgendaItem(id, p.data.itemId));
    }
    case "defer": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      const p = parseForm(idField, form);
      if (!p.ok) return withIntent(p);
      return settle(deferItem(id, p.data.itemId, now));
    }

    // ---- console ----
    case "start":
    case "next":
    case "previous":
    case "takeUp":
    case "close":
    case "adopt": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      // Days early: only when the console said so and the facilitator confirmed (`early`).
      if (intent === "start" && daysEarly(meeting.startsAt, now) > 0 && form.get("early") !== "1") return refused(refusal("conflict", "meetings.errors.startEarly"), form, answer);
      if (intent === "start") return settle(startMeeting(id, now));
      if (intent === "next") return settle(nextItem(id, fromItem(form), now));
      if (intent === "previous") return settle(previousItem(id, fromItem(form), now));
      if (intent === "close") return settle(finishMeeting(id, now), "closed");
      if (intent === "adopt") return settle(adoptMinutes({ meetingId: String(form.get("meetingId") ?? ""), inMeetingId: id, now }), "adopted");
      return settle(takeUpItem(id, String(form.get("itemId") ?? ""), fromItem(form), now));
    }
    case "extend": {
      if (!roles.timekeeper) return refused(refusal("forbidden", "meetings.errors.notFacilitator"), form, answer);
      const seconds = numberField(form, "seconds") ?? 120;
      const from = numberField(form, "fromSeconds") ?? 0;
      if (Math.abs(seconds) > 3600) return refused(refusal("invalid", "meetings.errors.extendRange"), form, answer);
      return settle(extendTime(id, String(form.get("itemId") ?? ""), seconds, from));
    }
    case "checkIn":
    case "checkOut": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      const userId = String(form.get("userId") ?? "");
      if (!userId) return withIntent(failure({ userId: "errors.required" }, form));
      if (intent === "checkIn") return settle(checkIn({ meetingId: id, userId, by: user.id, method: "facilitator", now }));
      return settle(checkOut({ meetingId: id, userId, now }));
    }
    case "stackAdd": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      const userId = String(form.get("userId") ?? "");
      if (!userId) return withIntent(failure({ userId: "errors.required" }, form));
      return settle(raiseHand({ meetingId: id, userId, by: user.id, now }));
    }
    case "stackNext":
    case "stackRemove":
    case "stackMove":
    case "stackClear":
    case "stackOptions": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      const entryId = String(form.get("entryId") ?? "");
      if (intent === "stackNext") return settle(nextSpeaker({ meetingId: id, fromEntryId: String(form.get("fromEntryId") ?? "") || null, now }));
      if (intent === "stackRemove") return settle(removeFromStack({ meetingId: id, entryId, now }));
      if (intent === "stackClear") return settle(clearStack({ meetingId: id, now }));
      if (intent === "stackMove") return settle(moveOnStack({ meetingId: id, entryId, direction: form.get("direction") === "down" ? "down" : "up" }));
      const p = parseForm(stackOptionsSchema, form);
      if (!p.ok) return withIntent(p);
      return settle(setStackOptions(id, p.data));
    }
    case "openVote":
    case "closeVote":
    case "handCount": {
      const deny = facilitatorOnly();
      if (deny) return deny;
      if (intent === "openVote") return settle(openMeetingVote({ meetingId: id, itemId: String(form.get("itemId") ?? ""), by: user.id, now }), "voteOpened");
      const roundId = String(form.get("roundId") ?? "");
      if (intent === "closeVote") return settle(closeMeetingVote({ meetingId: id, roundId, by: user.id, now }), "voteClosed");
      const counts: Record<string, number> = {};
      for (const [k, v] of form.entries()) {
        if (!k.startsWith("count.")) continue;
        const s = String(v).trim();
        if (s === "") continue;
        if (!/^\d{1,6}$/.test(s)) return withIntent(failure({ [k]: "meetings.errors.handCount" }, form));
        counts[k.slice(6)] = Number(s);
      }
      const proxyHands = String(form.get("proxies") ?? "").trim();
      if (proxyHands !== "" && !/^\d{1,6}$/.test(proxyHands)) return withIntent(failure({ proxies: "proxies.errors.handCount" }, form));
      return settle(recordMeetingHandCount({ meetingId: id, roundId, counts, by: user.id, now, proxies: proxyHands === "" ? 0 : Number(proxyHands) }), "handCounted");
    }
    case "giveProxy":
    case "revokeProxy": {
      if (!roles.voter) return refused(refusal("forbidden", "error.403.needs.voter"), form, answer);
      if (intent === "revokeProxy") return settle(revokeProxy({ assemblyId: meeting.assemblyId, giverId: user.id, meetingId: id }), "proxyRevoked");
      const p = parseForm(proxyHolderSchema, form);
      if (!p.ok) return withIntent(p);
      return settle(giveProxy({ assemblyId: meeting.assemblyId, giverId: user.id, holderId: p.data.holderId, meetingId: id, now }), "proxyGiven");
    }
    case "notes": {
      const deny = noteTakerOnly();
      if (deny) return deny;
      return settle(saveItemNotes({ meetingId: id, itemId: String(form.get("itemId") ?? ""), notes: String(form.get("notes") ?? "").slice(0, 20_000), expectedRev: numberField(form, "rev") ?? -1 }), "notesSaved");
    }
    case "addAction": {
      const deny = noteTakerOnly();
      if (deny) return deny;
      const p = parseForm(actionItemSchema, form);
      if (!p.ok) return withIntent(p);
      const dueAt = p.data.dueDate ? parseLocalDateTime(`${p.data.dueDate}T12:00`, assemblyTimeZone(ctxAssembly)) : null;
      return settle(addActionItem({ meetingId: id, itemId: p.data.itemId, text: p.data.text, ownerUserId: p.data.ownerUserId, ownerName: p.data.ownerName, dueAt, by: user.id, now }), "actionAdded");
    }
    case "removeAction": {
      const deny = noteTakerOnly();
      if (deny) return deny;
      return settle(removeActionItem({ meetingId: id, actionId: String(form.get("actionId") ?? "") }));
    }
    case "saveMinutes": {
      const deny = noteTakerOnly();
      if (deny) return deny;
      const notes: Record<string, string> = {};
      for (const [k, v] of form.entries()) if (k.startsWith("notes.")) notes[k.slice(6)] = String(v).slice(0, 20_000);
      return settle(saveMinutes({ meetingId: id, summary: String(form.get("summary") ?? "").slice(0, 20_000), notes, expectedRev: numberField(form, "rev") ?? -1 }), "minutesSaved");
    }

    // ---- phone ----
    case "code": {
      const p = parseForm(codeSchema, form);
      if (!p.ok) return withIntent(p);
      const r = checkInByCode(p.data.code, user.id, now);
      if (!r.ok) return refused({ ...r, field: "code" }, form, answer);
      // The code of another meeting the person may attend: that meeting's phone page.
      if (r.meetingId !== id) return redirect(`/a/${r.slug}/meetings/${r.meetingId}/phone`);
      return ok(intent, r.already ? "alreadyIn" : "checkedIn");
    }
    case "leave":
      return settle(checkOut({ meetingId: id, userId: user.id, now }));
    case "raise":
      return settle(raiseHand({ meetingId: id, userId: user.id, by: user.id, now }));
    case "lower":
      return settle(lowerHand({ meetingId: id, userId: user.id, now }));
    case "vote": {
      if (!roles.voter) return refused(refusal("forbidden", "error.403.needs.voter"), form, answer);
      const p = parseForm(meetingBallotSchema, form);
      if (!p.ok) return withIntent(p);
      const r = castMeetingBallot({ meetingId: id, userId: user.id, ...p.data, now });
      if (!r.ok) return refused(r, form, answer);
      // The phone's own ballot and the turnout, so a phone with JavaScript reloads nothing;
      // a ballot carried for someone else changes the holder's list, which the reload brings.
      if (form.get("answer") === "inPlace" && !p.data.onBehalfOf) {
        const t = liveTally(p.data.roundId);
        const turnout = t ? { roundId: t.roundId, participants: t.participants, handCounted: t.handCounted, eligible: t.eligible } : undefined;
        return ok(intent, "voted", { receipt: r.receipt, inPlace: true, ballot: phoneBallot(p.data.roundId, user.id) ?? undefined, turnout });
      }
      return ok(intent, "voted", { receipt: r.receipt });
    }
  }
  return refused(refusal("invalid", "errors.unknownAction"), form, answer);
}

export type MeetingActionData = Outcome;

/** Meeting codes are short: wrong ones count per person, so nobody can try them all. */
export const codeLookupAllowed = (userId: string) => lookupAllowed(`code:${userId}`);
export const codeLookupMissed = (userId: string) => lookupMissed(`code:${userId}`);

/**
 * The short join (/m, /m/CODE): the signed-in person checks in with a code and lands on
 * the meeting's phone page. A code of another body's meeting answers as no such code.
 */
export async function joinByCode(request: Request, code: string) {
  const user = await requireUser(request);
  if (!(await codeLookupAllowed(user.id))) return data({ ok: false as const, errors: { code: "errors.rateLimited" }, values: { code } }, { status: 429 });
  const r = checkInByCode(code, user.id, Date.now());
  if (!r.ok && r.error === "meetings.errors.badCode") await codeLookupMissed(user.id);
  if (!r.ok) return data({ ok: false as const, errors: { code: r.error }, values: { code } }, { status: r.status });
  return redirect(`/a/${r.slug}/meetings/${r.meetingId}/phone`);
}
