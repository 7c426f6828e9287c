import { describe, expect, it } from "vitest";
import { fromWallClock, isTimeZone, pageZoneOf, wallClock, zoneLabel } from "./time-zones";
import { parseLocalDateTime, toLocalInput } from "./meeting-fields";

describe("time zones", () => {
  it("knows IANA zone names (and UTC), nothing else", () => {
    expect(isTimeZone("America/Mexico_City")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("america/mexico_city")).toBe(false);
    expect(isTimeZone("GMT+5")).toBe(false);
    expect(zoneLabel("America/Mexico_City")).toBe("America/Mexico City");
  });

  it("reads a wall-clock time in a zone, also across daylight-saving changes (New York, 2026)", () => {
    expect(fromWallClock(2026, 7, 1, 19, 0, "America/New_York")).toBe(Date.UTC(2026, 6, 1, 23, 0));
    expect(fromWallClock(2026, 1, 15, 19, 0, "America/New_York")).toBe(Date.UTC(2026, 0, 16, 0, 0));
    // 02:30 on 8 March does not exist (clocks go 02:00 → 03:00): the instant an hour later.
    expect(fromWallClock(2026, 3, 8, 2, 30, "America/New_York")).toBe(Date.UTC(2026, 2, 8, 7, 30));
    // 01:30 on 1 November happens twice: the first.
    expect(fromWallClock(2026, 11, 1, 1, 30, "America/New_York")).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(wallClock(Date.UTC(2026, 10, 1, 6, 30), "America/New_York")).toMatchObject({ day: 1, hour: 1, minute: 30 });
    expect(fromWallClock(2026, 12, 31, 23, 45, "Asia/Kathmandu")).toBe(Date.UTC(2026, 11, 31, 18, 0));
  });

  it("gives a datetime field's value back as typed, in the zone", () => {
    for (const zone of ["Asia/Tokyo", "America/Mexico_City", "Europe/Madrid", "UTC"]) {
      const ms = parseLocalDateTime("2031-03-10T19:05", zone);
      expect(toLocalInput(ms, zone)).toBe("2031-03-10T19:05");
    }
    expect(parseLocalDateTime("2031-03-10T19:00", "Asia/Tokyo")).toBe(Date.UTC(2031, 2, 10, 10, 0));
  });

  it("takes a page's zone from its deepest route that names one", () => {
    expect(pageZoneOf([{ timeZone: "UTC" }, { timeZone: "Asia/Tokyo" }, { other: 1 }, null])).toBe("Asia/Tokyo");
    expect(pageZoneOf([{ timeZone: "UTC" }, undefined])).toBe("UTC");
    expect(pageZoneOf([])).toBeUndefined();
  });
});

describe("a shift series' weekly repeat (app/lib/aid-shifts.ts)", () => {
  it("keeps the wall-clock time in the assembly's zone across its daylight-saving change, whatever the server's zone", async () => {
    const { nextOccurrences } = await import("./aid-shifts");
    const { fromWallClock } = await import("./time-zones");
    // Saturday 10:00 in Madrid from 21 March 2026; Spain moves its clocks on 29 March (CET → CEST).
    const first = fromWallClock(2026, 3, 21, 10, 0, "Europe/Madrid");
    const got = nextOccurrences(first, 1, first - 1, first + 15 * 86_400_000, "Europe/Madrid");
    expect(got.map((t) => new Date(t).toISOString())).toEqual(["2026-03-21T09:00:00.000Z", "2026-03-28T09:00:00.000Z", "2026-04-04T08:00:00.000Z"]);
    // The same rule in New York, whose clocks moved on 8 March: an hour apart the whole time.
    const ny = fromWallClock(2026, 3, 21, 10, 0, "America/New_York");
    expect(nextOccurrences(ny, 1, ny - 1, ny + 15 * 86_400_000, "America/New_York").map((t) => new Date(t).toISOString())).toEqual(["2026-03-21T14:00:00.000Z", "2026-03-28T14:00:00.000Z", "2026-04-04T14:00:00.000Z"]);
    // Every two weeks across a month's end.
    const jan = fromWallClock(2026, 1, 24, 18, 30, "UTC");
    expect(nextOccurrences(jan, 2, jan - 1, jan + 30 * 86_400_000, "UTC").map((t) => new Date(t).toISOString())).toEqual(["2026-01-24T18:30:00.000Z", "2026-02-07T18:30:00.000Z", "2026-02-21T18:30:00.000Z"]);
  });
});
