import { describe, expect, it } from "vitest";
import { addAgendaItem } from "~/models/agenda.server";
import { checkIn } from "~/models/attendance.server";
import { listMeetings, scheduleMeeting, startMeeting } from "~/models/meeting.server";
import { assemblyWith } from "../helpers/decisions";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 18, 0, 0);

describe("the meetings list", () => {
  it("counts each meeting's own agenda items and people present", async () => {
    const a = await assemblyWith({ members: 4, prefix: "ml" });
    const base = { assemblyId: a.assembly.id, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: a.founder.id, now: T0 };
    const first = scheduleMeeting({ ...base, title: "First", startsAt: T0 + 4 * DAY });
    const second = scheduleMeeting({ ...base, title: "Second", startsAt: T0 + 9 * DAY });
    if (!first.ok || !second.ok) throw new Error("could not schedule");
    for (const title of ["Report", "Discussion", "Announcements"]) addAgendaItem(first.meeting.id, { kind: "report", title, timeboxMinutes: 5 });
    addAgendaItem(second.meeting.id, { kind: "report", title: "Only item", timeboxMinutes: 5 });
    startMeeting(first.meeting.id, T0 + 4 * DAY);
    checkIn({ meetingId: first.meeting.id, userId: a.members[0].id, by: a.founder.id, method: "facilitator", now: T0 + 4 * DAY });
    checkIn({ meetingId: first.meeting.id, userId: a.members[1].id, by: a.founder.id, method: "facilitator", now: T0 + 4 * DAY });
    const { upcoming, past } = listMeetings(a.assembly.id);
    const all = [...upcoming, ...past];
    expect(all.find((m) => m.title === "First")).toMatchObject({ itemCount: 3, present: 2 });
    expect(all.find((m) => m.title === "Second")).toMatchObject({ itemCount: 1, present: 0 });
  });
});
