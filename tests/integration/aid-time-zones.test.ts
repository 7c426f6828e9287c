/**
 * Aid times are read in the assembly's zone, not the server's: a shift typed as "10:00" starts
 * at 10:00 where the assembly meets, and a request's window runs from midnight to 23:59 there,
 * on a server whose own clock is half a world away.
 */
// The server's zone for this file: far from the assembly's (Node applies TZ when it is set).
process.env.TZ = "Pacific/Auckland";

import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { aidPosts } from "../../db/schema";
import { defaultCharter } from "~/lib/charter";
import { fromWallClock, serverTimeZone, wallClock } from "~/lib/time-zones";
import { setAssemblyTimeZone } from "~/models/assembly.server";
import { addZone, categoriesOf, setAidCoordinator } from "~/models/aid.server";
import { upcomingShifts } from "~/models/aid-shift.server";
import * as ask from "~/routes/a.$slug.aid.ask";
import * as shifts from "~/routes/a.$slug.aid.shifts";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";

const ZONE = "America/Mexico_City";
const DAY = 86_400_000;

async function body() {
  const a = await assemblyWith({ members: 2, charter: { ...defaultCharter(), aid: { ladder: "peer", retentionDays: 90 } }, prefix: "aidtz" });
  setAssemblyTimeZone(a.assembly.id, ZONE, a.founder.id);
  const [coordinator, requester] = a.members;
  expect(setAidCoordinator(a.assembly.id, coordinator.id, true).ok).toBe(true);
  const zone = addZone(a.assembly.id, "North estate", Date.now());
  if (!zone.ok) throw new Error(zone.error);
  return { ...a, coordinator, requester, zoneId: zone.id, categoryId: categoriesOf(a.assembly.id)[0].id };
}

const ymd = (w: { year: number; month: number; day: number }) => `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;

describe("aid times in the assembly's zone", () => {
  it("the server's own zone really differs here", () => {
    expect(serverTimeZone()).toBe("Pacific/Auckland");
  });

  it("a shift series typed as Saturday-like 10:00 starts at 10:00 in the assembly's zone, each week", async () => {
    const b = await body();
    const day = wallClock(Date.now() + 3 * DAY, ZONE);
    const r = await call(shifts.action, `/a/${b.slug}/aid/shifts`, {
      cookie: b.coordinator.cookie,
      params: { slug: b.slug },
      form: { intent: "series", title: "Food distribution", place: "Hall", firstDate: ymd(day), startTime: "10:00", durationMinutes: "120", everyWeeks: "1", weeksAhead: "3", slots: "Packer, 2" },
    });
    expect(r.status).toBe(302);
    const list = upcomingShifts(b.assembly.id, b.requester.id, Date.now());
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list[0].startsAt).toBe(fromWallClock(day.year, day.month, day.day, 10, 0, ZONE));
    for (const s of list) expect([wallClock(s.startsAt, ZONE).hour, wallClock(s.startsAt, ZONE).minute]).toEqual([10, 0]);
    expect(list[1].startsAt - list[0].startsAt).toBe(7 * DAY);
  });

  it("a request's window runs from the first day's midnight to the last day's 23:59 in the assembly's zone", async () => {
    const b = await body();
    const r = await call(ask.action, `/a/${b.slug}/aid/ask`, {
      cookie: b.requester.cookie,
      params: { slug: b.slug },
      form: { categoryId: b.categoryId, zoneId: b.zoneId, title: "Pick up my kids", quantity: "", details: "", when: "window", from: "2030-01-10", until: "2030-01-12", urgency: "normal" },
    });
    expect(r.status).toBe(302);
    const id = r.location!.split("/posts/")[1].split("?")[0];
    const post = db.select().from(aidPosts).where(eq(aidPosts.id, id)).get()!;
    expect(post.windowStart).toBe(Date.UTC(2030, 0, 10, 6, 0)); // 00:00 at UTC−6
    expect(post.windowEnd).toBe(Date.UTC(2030, 0, 13, 5, 59)); // 23:59 on the 12th at UTC−6
  });
});
