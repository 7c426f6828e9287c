/** A member makes a new private calendar address; the old one stops working at once. */
import { describe, expect, it } from "vitest";
import * as calendar from "~/routes/calendar.$token";
import * as meetings from "~/routes/a.$slug.meetings._index";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";

describe("the private calendar address", () => {
  it("can be reset: the old address answers 404, the new one the feed", async () => {
    const a = await assemblyWith({ members: 1, prefix: "cal" });
    const m = a.members[0];
    const page = async () => (await call(meetings.loader, `/a/${a.slug}/meetings`, { cookie: m.cookie, params: { slug: a.slug } })).data.calendarUrl as string;
    const tokenOf = (url: string) => url.split("/calendar/")[1];
    const before = await page();
    expect((await call(calendar.loader, `/calendar/${tokenOf(before)}`, { params: { token: tokenOf(before) } })).status).toBe(200);
    const r = await call(meetings.action, `/a/${a.slug}/meetings`, { cookie: m.cookie, params: { slug: a.slug }, form: { intent: "reset-calendar" } });
    expect(r.status).toBe(302);
    expect(r.location).toContain("calendar=reset");
    const after = await page();
    expect(after).not.toBe(before);
    expect((await call(calendar.loader, `/calendar/${tokenOf(before)}`, { params: { token: tokenOf(before) } })).status).toBe(404);
    expect((await call(calendar.loader, `/calendar/${tokenOf(after)}`, { params: { token: tokenOf(after) } })).status).toBe(200);
    // Someone else's address is untouched.
    const f = await call(meetings.loader, `/a/${a.slug}/meetings`, { cookie: a.founder.cookie, params: { slug: a.slug } });
    expect((await call(calendar.loader, `/calendar/${tokenOf(f.data.calendarUrl)}`, { params: { token: tokenOf(f.data.calendarUrl) } })).status).toBe(200);
  });
});
