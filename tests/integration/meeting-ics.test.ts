/**
 * "Add to calendar" on one meeting: its own iCalendar file (RFC 5545), for members of its
 * body only, the same event (UID) as in the member's feed.
 */
import { describe, expect, it } from "vitest";
import { scheduleMeeting } from "~/models/meeting.server";
import { setAssemblyTimeZone } from "~/models/assembly.server";
import * as ics from "~/routes/a.$slug.meetings.$id.calendar[.]ics";
import { assemblyWith, quickPerson } from "../helpers/decisions";
import { call } from "../helpers/remix";

const DAY = 86_400_000;

async function setup() {
  const a = await assemblyWith({ members: 1, observers: 1 });
  const b = await assemblyWith({ members: 1, prefix: "b" });
  setAssemblyTimeZone(a.assembly.id, "America/Mexico_City", a.founder.id);
  const now = Date.now();
  // 20 March 2030, 18:30 in Mexico City (UTC−6, no daylight saving there since 2022) = 00:30 UTC the next day.
  const startsAt = Date.UTC(2030, 2, 21, 0, 30);
  const m = scheduleMeeting({ assemblyId: a.assembly.id, createdBy: a.founder.id, title: "General meeting, spring", startsAt, durationMinutes: 90, place: "Hall; back room", link: "", shortNotice: false, now });
  const other = scheduleMeeting({ assemblyId: b.assembly.id, createdBy: b.founder.id, title: "B's meeting", startsAt: now + 20 * DAY, durationMinutes: 60, place: "", link: "", shortNotice: true, now });
  if (!m.ok || !other.ok) throw new Error("schedule");
  return { a, b, meeting: m.meeting, other: other.meeting };
}

const get = (slug: string, id: string, cookie?: string) => call(ics.loader, `/a/${slug}/meetings/${id}/calendar.ics`, { cookie, params: { slug, id } });

describe("a meeting's calendar file", () => {
  it("a member (an observer too) gets one VEVENT with the meeting's stable UID, UTC times, a DTSTAMP and the assembly's zone", async () => {
    const { a, meeting } = await setup();
    const r = await get(a.slug, meeting.id, a.members[0].cookie);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = r.data as string;
    expect(text.split("\r\n")).toEqual(expect.arrayContaining(["BEGIN:VCALENDAR", "X-WR-TIMEZONE:America/Mexico_City", `UID:${meeting.id}@plenary`, "DTSTART:20300321T003000Z", "DTEND:20300321T020000Z", "SUMMARY:" + `${a.assembly.name}: General meeting\\, spring`, "LOCATION:Hall\\; back room", "STATUS:CONFIRMED", "END:VCALENDAR"]));
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(text).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    // The same UID the next time: a calendar updates the event rather than adding a second.
    expect(((await get(a.slug, meeting.id, a.observers[0].cookie)).data as string)).toContain(`UID:${meeting.id}@plenary`);
  });

  it("is not found for someone outside the body, without a session, or for another body's meeting under this body", async () => {
    const { a, b, meeting, other } = await setup();
    const stranger = await quickPerson("stranger");
    expect((await get(a.slug, meeting.id, stranger.cookie)).status).toBe(404);
    expect((await get(a.slug, meeting.id, b.founder.cookie)).status).toBe(404);
    expect((await get(a.slug, other.id, a.founder.cookie)).status).toBe(404);
    const anonymous = await get(a.slug, meeting.id);
    expect([302, 303]).toContain(anonymous.status);
    expect(anonymous.location).toMatch(/^\/login/);
  });
});
