/**
 * An assembly's time zone: chosen at founding (the server's by default), validated against the
 * zones the runtime knows, changed by a steward only; meeting times typed in a form are read in
 * it, and the minutes are written in it.
 */
import { describe, expect, it } from "vitest";
import * as found from "~/routes/assemblies.new";
import * as layout from "~/routes/a.$slug";
import * as overview from "~/routes/a.$slug._index";
import * as schedule from "~/routes/a.$slug.meetings.new";
import * as plan from "~/routes/a.$slug.meetings.$id._index";
import { acceptInvitation, createInvitation } from "~/models/invitation.server";
import { getAssemblyBySlug } from "~/models/assembly.server";
import { getMeeting } from "~/models/meeting.server";
import { recordForDisplay } from "~/models/record.server";
import { serverTimeZone } from "~/lib/time-zones";
import { call, person } from "../helpers/remix";

const form = (slug: string, extra: Record<string, string> = {}) => ({ name: `Assembly ${slug}`, kind: "tenant_union", slug, description: "", preset: "simple_majority", ...extra });

describe("an assembly's time zone", () => {
  it("is chosen at founding, the server's when none is given, and must be a zone the runtime knows", async () => {
    const founder = await person("tz-founder", "Founder");
    const page = await call(found.loader, "/assemblies/new", { cookie: founder.cookie });
    expect(page.data.defaultZone).toBe(serverTimeZone());
    expect(page.data.zones).toContain("America/Mexico_City");
    expect(page.data.zones).toContain("UTC");

    for (const bad of ["Mars/Olympus_Mons", "", "europe/madrid", "<script>"]) {
      const r = await call(found.action, "/assemblies/new", { cookie: founder.cookie, form: form("tz-bad", { timeZone: bad }) });
      expect([bad, r.status]).toEqual([bad, 400]);
      expect(r.data.errors.timeZone).toBe("errors.timeZone");
    }
    expect(getAssemblyBySlug("tz-bad")).toBeUndefined();

    expect((await call(found.action, "/assemblies/new", { cookie: founder.cookie, form: form("tz-tokyo", { timeZone: "Asia/Tokyo" }) })).status).toBe(302);
    expect(getAssemblyBySlug("tz-tokyo")!.timeZone).toBe("Asia/Tokyo");
    expect((await call(found.action, "/assemblies/new", { cookie: founder.cookie, form: form("tz-default") })).status).toBe(302);
    expect(getAssemblyBySlug("tz-default")!.timeZone).toBe(serverTimeZone());
    // Every page inside the assembly is written in its zone (the layout names it for root.tsx).
    expect((await call(layout.loader, "/a/tz-tokyo", { cookie: founder.cookie, params: { slug: "tz-tokyo" } })).data.timeZone).toBe("Asia/Tokyo");
  });

  it("is changed by a steward only, with a clear 400 for a zone that does not exist, and the change is on the record", async () => {
    const steward = await person("tz-steward", "Steward");
    expect((await call(found.action, "/assemblies/new", { cookie: steward.cookie, form: form("tz-change", { timeZone: "Europe/Madrid" }) })).status).toBe(302);
    const a = getAssemblyBySlug("tz-change")!;
    const member = await person("tz-member", "Member");
    const { token } = createInvitation({ assemblyId: a.id, role: "member", label: "", expiresInDays: 7, maxUses: 1, createdBy: steward.user.id });
    expect(acceptInvitation(token, member.user.id).ok).toBe(true);
    const params = { slug: "tz-change" };

    const asMember = await call(overview.action, "/a/tz-change", { cookie: member.cookie, params, form: { intent: "timeZone", timeZone: "UTC" } });
    expect(asMember.status).toBe(403);
    expect((await call(overview.loader, "/a/tz-change", { cookie: member.cookie, params })).data.zones).toBeNull();
    const bad = await call(overview.action, "/a/tz-change", { cookie: steward.cookie, params, form: { intent: "timeZone", timeZone: "Nowhere/Atlantis" } });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.timeZone).toBe("errors.timeZone");
    expect(bad.data.values.timeZone).toBe("Nowhere/Atlantis");
    expect((await call(overview.action, "/a/tz-change", { cookie: steward.cookie, params, form: { intent: "nothing" } })).status).toBe(400);
    expect(getAssemblyBySlug("tz-change")!.timeZone).toBe("Europe/Madrid");

    const ok = await call(overview.action, "/a/tz-change", { cookie: steward.cookie, params, form: { intent: "timeZone", timeZone: "America/Mexico_City" } });
    expect(ok.data).toEqual({ ok: true, done: "timeZone", zone: "America/Mexico_City" });
    expect(getAssemblyBySlug("tz-change")!.timeZone).toBe("America/Mexico_City");
    expect((await call(overview.loader, "/a/tz-change", { cookie: member.cookie, params })).data.timeZone).toBe("America/Mexico_City");
    expect(recordForDisplay(a.id, { limit: 1 })[0]).toMatchObject({ summary: "record.timeZone", params: { zone: "America/Mexico City" } });
  });

  it("reads a meeting's time as typed in the assembly's zone, and shows it back the same", async () => {
    const steward = await person("tz-meet", "Steward");
    expect((await call(found.action, "/assemblies/new", { cookie: steward.cookie, form: form("tz-meet", { timeZone: "Asia/Tokyo" }) })).status).toBe(302);
    const params = { slug: "tz-meet" };
    const page = await call(schedule.loader, "/a/tz-meet/meetings/new", { cookie: steward.cookie, params });
    expect(page.data.suggested).toMatch(/T19:00$/);
    expect(page.data.zone).toBe("Asia/Tokyo");
    const r = await call(schedule.action, "/a/tz-meet/meetings/new", { cookie: steward.cookie, params, form: { title: "Tokyo evening", startsAt: "2031-03-10T19:00", durationMinutes: "60", place: "", link: "", shortNotice: "on" } });
    expect(r.status).toBe(302);
    const id = r.location!.split("/").pop()!;
    // 19:00 in Tokyo (UTC+9) is 10:00 UTC, whatever zone the server runs in.
    expect(getMeeting(id)!.startsAt).toBe(Date.UTC(2031, 2, 10, 10, 0));
    const shown = await call(plan.loader, `/a/tz-meet/meetings/${id}`, { cookie: steward.cookie, params: { slug: "tz-meet", id } });
    expect(shown.data.meeting.startsAtInput).toBe("2031-03-10T19:00");
  });
});
