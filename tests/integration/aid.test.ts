/**
 * Mutual aid (docs/domain.md#mutual-aid): the privacy ladder per setting (who sees what, by
 * page and by model), contacts only after acceptance, messages, retention purge, expiry and
 * renewal, deleting one's own posts, shifts and the calendar feed — through the real loaders
 * and actions against a real SQLite file.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { aidMatches, aidMessages, aidPosts } from "../../db/schema";
import { defaultCharter, type Charter } from "~/lib/charter";
import { DAY } from "~/lib/aid-fields";
import { removeMember } from "~/models/membership.server";
import { categoriesOf, createPost, expirePosts, postView, purgeClosed, setAidCoordinator, visiblePosts, addZone, renewPost, zonesOf } from "~/models/aid.server";
import { createSeries, shortShifts, signUp, upcomingShifts } from "~/models/aid-shift.server";
import { meetingCalendarEvents } from "~/models/meeting-calendar.server";
import { users } from "../../db/schema";
import * as overview from "~/routes/a.$slug.aid._index";
import * as ask from "~/routes/a.$slug.aid.ask";
import * as offer from "~/routes/a.$slug.aid.offer";
import * as postPage from "~/routes/a.$slug.aid.posts.$id";
import * as matchPage from "~/routes/a.$slug.aid.matches.$id";
import * as coordinate from "~/routes/a.$slug.aid.coordinate";
import * as shifts from "~/routes/a.$slug.aid.shifts";
import { call } from "../helpers/remix";
import { assemblyWith, type Member } from "../helpers/decisions";

function charterWith(ladder: "peer" | "assisted" | "coordinated", retentionDays = 90): Charter {
  return { ...defaultCharter(), aid: { ladder, retentionDays } };
}

/** An assembly with a coordinator, a requester, a volunteer and a bystander member. */
async function body(ladder: "peer" | "assisted" | "coordinated", retentionDays = 90) {
  const a = await assemblyWith({ members: 4, charter: charterWith(ladder, retentionDays), prefix: `aid${ladder}` });
  const [coordinator, requester, volunteer, bystander] = a.members;
  expect(setAidCoordinator(a.assembly.id, coordinator.id, true).ok).toBe(true);
  const cats = categoriesOf(a.assembly.id);
  const childcare = cats.find((c) => c.key === "childcare")!;
  const zone = addZone(a.assembly.id, "North estate", Date.now());
  if (!zone.ok) throw new Error(zone.error);
  return { ...a, coordinator, requester, volunteer, bystander, childcare, zoneId: zone.id };
}

const askForm = (categoryId: string, zoneId: string, extra: Record<string, string> = {}) => ({
  categoryId,
  zoneId,
  title: "Pick up my kids on Tuesdays",
  quantity: "2 children",
  details: "School ends at 15:30",
  when: "ongoing",
  urgency: "normal",
  ...extra,
});

async function askVia(b: Awaited<ReturnType<typeof body>>, who: Member, extra: Record<string, string> = {}) {
  const r = await call(ask.action, `/a/${b.slug}/aid/ask`, { cookie: who.cookie, params: { slug: b.slug }, form: askForm(b.childcare.id, b.zoneId, extra) });
  expect(r.status).toBe(302);
  return r.location!.split("/posts/")[1].split("?")[0];
}

const page = (b: { slug: string }, who: Member, id: string) => call(postPage.loader, `/a/${b.slug}/aid/posts/${id}`, { cookie: who.cookie, params: { slug: b.slug, id } });
const matchLoad = (b: { slug: string }, who: Member, id: string) => call(matchPage.loader, `/a/${b.slug}/aid/matches/${id}`, { cookie: who.cookie, params: { slug: b.slug, id } });
const postAct = (b: { slug: string }, who: Member, id: string, form: Record<string, string>) => call(postPage.action, `/a/${b.slug}/aid/posts/${id}`, { cookie: who.cookie, params: { slug: b.slug, id }, form });
const matchAct = (b: { slug: string }, who: Member, id: string, form: Record<string, string>) => call(matchPage.action, `/a/${b.slug}/aid/matches/${id}`, { cookie: who.cookie, params: { slug: b.slug, id }, form });

describe("asking and offering", () => {
  it("a request is validated field by field (4xx with the message beside the field), then posted with its category's expiry", async () => {
    const b = await body("peer");
    const bad = await call(ask.action, `/a/${b.slug}/aid/ask`, { cookie: b.requester.cookie, params: { slug: b.slug }, form: askForm(b.childcare.id, b.zoneId, { title: "", when: "window", from: "2026-12-10", until: "2026-12-01" }) });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toMatchObject({ title: "errors.required", until: "aid.errors.windowOrder" });
    expect(bad.data.values.details).toBe("School ends at 15:30");
    // Another body's category or zone: refused beside the field.
    const other = await body("peer");
    const foreign = await call(ask.action, `/a/${b.slug}/aid/ask`, { cookie: b.requester.cookie, params: { slug: b.slug }, form: askForm(other.childcare.id, b.zoneId) });
    expect(foreign.status).toBe(400);
    expect(foreign.data.errors).toEqual({ categoryId: "aid.errors.category" });
    const foreignZone = await call(ask.action, `/a/${b.slug}/aid/ask`, { cookie: b.requester.cookie, params: { slug: b.slug }, form: askForm(b.childcare.id, other.zoneId) });
    expect(foreignZone.data.errors).toEqual({ zoneId: "aid.errors.zone" });
    const before = Date.now();
    const id = await askVia(b, b.requester);
    const row = db.select().from(aidPosts).where(eq(aidPosts.id, id)).get()!;
    expect(row).toMatchObject({ kind: "request", authorId: b.requester.id, status: "open", anonymous: false });
    expect(row.expiresAt - row.createdAt).toBe(14 * DAY);
    expect(row.createdAt).toBeGreaterThanOrEqual(before);
    // An offer is an offer: no anonymity; shareable is kept.
    const o = await call(offer.action, `/a/${b.slug}/aid/offer`, { cookie: b.volunteer.cookie, params: { slug: b.slug }, form: { ...askForm(b.childcare.id, b.zoneId), title: "After-school care", anonymous: "on", shareable: "on" } });
    expect(o.status).toBe(302);
    const offerId = o.location!.split("/posts/")[1].split("?")[0];
    expect(db.select().from(aidPosts).where(eq(aidPosts.id, offerId)).get()).toMatchObject({ kind: "offer", anonymous: false, shareable: true });
  });

  it("non-members get 404 on every aid page; another body's post or match ids are not found here", async () => {
    const b = await body("peer");
    const other = await body("peer");
    const id = await askVia(b, b.requester);
    const otherId = await askVia(other, other.requester);
    for (const [fn, path, params] of [
      [overview.loader, `/a/${b.slug}/aid`, { slug: b.slug }],
      [ask.loader, `/a/${b.slug}/aid/ask`, { slug: b.slug }],
      [coordinate.loader, `/a/${b.slug}/aid/coordinate`, { slug: b.slug }],
      [shifts.loader, `/a/${b.slug}/aid/shifts`, { slug: b.slug }],
      [postPage.loader, `/a/${b.slug}/aid/posts/${id}`, { slug: b.slug, id }],
    ] as const) {
      expect((await call(fn, path, { cookie: other.requester.cookie, params })).status).toBe(404);
    }
    expect((await call(ask.action, `/a/${b.slug}/aid/ask`, { cookie: other.requester.cookie, params: { slug: b.slug }, form: askForm(b.childcare.id, b.zoneId) })).status).toBe(404);
    // A member of b asking for other's post through b's address.
    expect((await page(b, b.bystander, otherId)).status).toBe(404);
    expect((await postAct(b, b.volunteer, otherId, { intent: "respond", contact: "x" })).status).toBe(404);
    // A member removed from the body sees nothing any more, not even their own request.
    expect(removeMember(b.assembly.id, b.requester.id).ok).toBe(true);
    expect((await page(b, b.requester, id)).status).toBe(404);
    expect((await call(overview.loader, `/a/${b.slug}/aid`, { cookie: b.requester.cookie, params: { slug: b.slug } })).status).toBe(404);
  });
});

describe("the privacy ladder: who sees what", () => {
  it("peer-to-peer: members see requests with names (not an anonymous one's), respond, and the author accepts", async () => {
    const b = await body("peer");
    const named = await askVia(b, b.requester);
    const anon = await askVia(b, b.requester, { anonymous: "on", title: "Rent this month" });
    const seen = await page(b, b.bystander, named);
    expect(seen.status).toBe(200);
    expect(seen.data.post).toMatchObject({ authorName: expect.stringContaining("aidpeermem"), authorId: b.requester.id });
    const seenAnon = await page(b, b.bystander, anon);
    expect(seenAnon.data.post).toMatchObject({ authorName: null, authorId: null, anonymous: true });
    expect(JSON.stringify(seenAnon.data)).not.toContain(b.requester.id);
    // The coordinator sees the anonymous author's name.
    expect((await page(b, b.coordinator, anon)).data.post.authorId).toBe(b.requester.id);
    // The overview lists both; the anonymous one without a name.
    const list = await call(overview.loader, `/a/${b.slug}/aid`, { cookie: b.bystander.cookie, params: { slug: b.slug } });
    expect(list.data.requests.map((p: { id: string; authorName: string | null }) => [p.id, p.authorName === null])).toEqual(expect.arrayContaining([[named, false], [anon, true]]));
    // A volunteer responds; the author (not a bystander) may accept.
    const r = await postAct(b, b.volunteer, named, { intent: "respond", contact: "555-0101" });
    expect(r.status).toBe(302);
    const matchId = r.location!.split("/matches/")[1].split("?")[0];
    expect((await matchLoad(b, b.bystander, matchId)).status).toBe(404);
    expect((await matchAct(b, b.bystander, matchId, { intent: "accept", contact: "" })).status).toBe(404);
    const pv = await page(b, b.requester, named);
    expect(pv.data.matches).toEqual([expect.objectContaining({ id: matchId, mayAccept: true, otherName: expect.any(String) })]);
    expect((await matchAct(b, b.requester, matchId, { intent: "accept", contact: "555-0202" })).status).toBe(302);
  });

  it("coordinator-assisted: members see requests without names; a volunteer's offer waits for a coordinator, not the author", async () => {
    const b = await body("assisted");
    const id = await askVia(b, b.requester);
    const seen = await page(b, b.bystander, id);
    expect(seen.status).toBe(200);
    expect(seen.data.post).toMatchObject({ authorName: null, authorId: null });
    expect((await page(b, b.coordinator, id)).data.post.authorId).toBe(b.requester.id);
    const r = await postAct(b, b.volunteer, id, { intent: "respond", contact: "555-0101" });
    expect(r.status).toBe(302);
    const matchId = r.location!.split("/matches/")[1].split("?")[0];
    // The author does not see the volunteer's name before acceptance, and cannot accept alone.
    const mv = await matchLoad(b, b.requester, matchId);
    expect(mv.data.match.otherName).toBeNull();
    expect(mv.data.may.accept).toBe(false);
    const refused = await matchAct(b, b.requester, matchId, { intent: "accept", contact: "" });
    expect(refused.status).toBe(403);
    expect(refused.data.errors.form).toBe("aid.errors.cannotAccept");
    // The coordinator accepts; now the two see each other.
    expect((await matchAct(b, b.coordinator, matchId, { intent: "accept", contact: "" })).status).toBe(302);
    expect((await matchLoad(b, b.requester, matchId)).data).toMatchObject({ theirContact: "555-0101", match: { otherName: expect.any(String) } });
  });

  it("fully coordinated: members see only their own; they cannot respond; coordinators propose and the author accepts", async () => {
    const b = await body("coordinated");
    const id = await askVia(b, b.requester);
    expect((await page(b, b.bystander, id)).status).toBe(404);
    const list = await call(overview.loader, `/a/${b.slug}/aid`, { cookie: b.bystander.cookie, params: { slug: b.slug } });
    expect(list.data.requests).toEqual([]);
    expect((await call(overview.loader, `/a/${b.slug}/aid`, { cookie: b.requester.cookie, params: { slug: b.slug } })).data.mine.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await postAct(b, b.volunteer, id, { intent: "respond", contact: "" })).status).toBe(404);
    // Only a coordinator proposes; a member of another body cannot be chosen.
    expect((await postAct(b, b.requester, id, { intent: "propose", otherId: b.volunteer.id })).status).toBe(403);
    const other = await body("peer");
    const wrong = await postAct(b, b.coordinator, id, { intent: "propose", otherId: other.volunteer.id });
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toEqual({ otherId: "aid.errors.notMember" });
    const p = await postAct(b, b.coordinator, id, { intent: "propose", otherId: b.volunteer.id });
    expect(p.status).toBe(302);
    const matchId = p.location!.split("/matches/")[1].split("?")[0];
    // A coordinator-proposed match: the author may accept it.
    expect((await matchLoad(b, b.requester, matchId)).data.may.accept).toBe(true);
    expect(visiblePosts(b.assembly.id, { userId: b.bystander.id, coordinator: false })).toEqual([]);
    expect(visiblePosts(b.assembly.id, { userId: b.coordinator.id, coordinator: true }).map((x) => x.id)).toEqual([id]);
  });

  it("the coordinator page is for coordinators and stewards; only a steward grants the role", async () => {
    const b = await body("assisted");
    expect((await call(coordinate.loader, `/a/${b.slug}/aid/coordinate`, { cookie: b.bystander.cookie, params: { slug: b.slug } })).status).toBe(403);
    const c = await call(coordinate.loader, `/a/${b.slug}/aid/coordinate`, { cookie: b.coordinator.cookie, params: { slug: b.slug } });
    expect(c.status).toBe(200);
    expect(c.data.members).toEqual([]);
    expect((await call(coordinate.action, `/a/${b.slug}/aid/coordinate`, { cookie: b.coordinator.cookie, params: { slug: b.slug }, form: { intent: "coordinator", userId: b.bystander.id, on: "on" } })).status).toBe(403);
    const grant = await call(coordinate.action, `/a/${b.slug}/aid/coordinate`, { cookie: b.founder.cookie, params: { slug: b.slug }, form: { intent: "coordinator", userId: b.bystander.id, on: "on" } });
    expect(grant.status).toBe(302);
    expect((await call(coordinate.loader, `/a/${b.slug}/aid/coordinate`, { cookie: b.bystander.cookie, params: { slug: b.slug } })).status).toBe(200);
    const zone = await call(coordinate.action, `/a/${b.slug}/aid/coordinate`, { cookie: b.coordinator.cookie, params: { slug: b.slug }, form: { intent: "zone", name: "north estate" } });
    expect(zone.status).toBe(409);
    expect(zone.data.errors).toEqual({ name: "aid.errors.zoneTaken" });
    const cat = await call(coordinate.action, `/a/${b.slug}/aid/coordinate`, { cookie: b.coordinator.cookie, params: { slug: b.slug }, form: { intent: "category", name: "Pet care", expiryDays: "0" } });
    expect(cat.status).toBe(400);
    expect((await call(coordinate.action, `/a/${b.slug}/aid/coordinate`, { cookie: b.coordinator.cookie, params: { slug: b.slug }, form: { intent: "category", name: "Pet care", expiryDays: "10" } })).status).toBe(302);
    expect(categoriesOf(b.assembly.id).map((x) => x.name || x.key)).toContain("Pet care");
    expect((await call(coordinate.action, `/a/${b.slug}/aid/coordinate`, { cookie: b.coordinator.cookie, params: { slug: b.slug }, form: { intent: "nonsense" } })).status).toBe(400);
  });
});

describe("matches", () => {
  it("contacts and messages are shown only to the two people and only after acceptance; the match ends done with a private note", async () => {
    const b = await body("assisted");
    const id = await askVia(b, b.requester, { anonymous: "on" });
    const p = await postAct(b, b.coordinator, id, { intent: "propose", otherId: b.volunteer.id });
    const matchId = p.location!.split("/matches/")[1].split("?")[0];
    // Before acceptance: each may set their contact, neither sees the other's; no messages.
    expect((await matchAct(b, b.volunteer, matchId, { intent: "contact", contact: "Volunteer phone 555-0303" })).status).toBe(302);
    const before = await matchLoad(b, b.volunteer, matchId);
    expect(before.data.theirContact).toBeNull();
    expect(before.data.match.ownerName).toBeNull();
    expect((await matchLoad(b, b.requester, matchId)).data.theirContact).toBeNull();
    const early = await matchAct(b, b.volunteer, matchId, { intent: "message", body: "hello?" });
    expect(early.status).toBe(403);
    // The author accepts with their contact.
    expect((await matchAct(b, b.requester, matchId, { intent: "accept", contact: "Requester phone 555-0404" })).status).toBe(302);
    const forVolunteer = await matchLoad(b, b.volunteer, matchId);
    expect(forVolunteer.data.theirContact).toBe("Requester phone 555-0404");
    expect(forVolunteer.data.match.ownerName).toEqual(expect.any(String));
    expect((await matchLoad(b, b.requester, matchId)).data.theirContact).toBe("Volunteer phone 555-0303");
    // The coordinator sees the match but not the contacts.
    const forCoordinator = await matchLoad(b, b.coordinator, matchId);
    expect(forCoordinator.status).toBe(200);
    expect(forCoordinator.data.theirContact).toBeNull();
    expect(JSON.stringify(forCoordinator.data)).not.toContain("555-0");
    // Messages between the two.
    expect((await matchAct(b, b.volunteer, matchId, { intent: "message", body: "See you Tuesday at the gate" })).status).toBe(302);
    expect((await matchAct(b, b.volunteer, matchId, { intent: "message", body: "" })).status).toBe(400);
    expect((await matchLoad(b, b.requester, matchId)).data.messages).toEqual([expect.objectContaining({ body: "See you Tuesday at the gate" })]);
    expect((await matchLoad(b, b.coordinator, matchId)).data.messages).toEqual([]);
    // Ending: validated; done closes the request.
    expect((await matchAct(b, b.volunteer, matchId, { intent: "end", ending: "great" })).status).toBe(400);
    expect((await matchAct(b, b.volunteer, matchId, { intent: "end", ending: "done", note: "Went well" })).status).toBe(302);
    expect(db.select().from(aidPosts).where(eq(aidPosts.id, id)).get()).toMatchObject({ status: "closed" });
    expect((await matchLoad(b, b.requester, matchId)).data.match).toMatchObject({ status: "done", note: "Went well" });
  });
});

describe("expiry, renewal, deletion and retention", () => {
  it("posts expire after their category's days and can be renewed; a member deletes their own, not another's", async () => {
    const b = await body("peer");
    const now = Date.now();
    const r = createPost(b.assembly.id, b.requester.id, { kind: "request", categoryId: b.childcare.id, zoneId: null, title: "t", quantity: "", details: "", windowStart: null, windowEnd: null, urgency: "low", anonymous: false, shareable: false }, now);
    if (!r.ok) throw new Error(r.error);
    expirePosts(now + 14 * DAY - 1);
    expect(db.select().from(aidPosts).where(eq(aidPosts.id, r.id)).get()!.status).toBe("open");
    expect(expirePosts(now + 14 * DAY + 1)).toBeGreaterThanOrEqual(1);
    expect(db.select().from(aidPosts).where(eq(aidPosts.id, r.id)).get()!.status).toBe("expired");
    expect(renewPost(b.assembly.id, r.id, { userId: b.bystander.id, coordinator: false }, now + 15 * DAY)).toMatchObject({ ok: false, status: 403 });
    expect(renewPost(b.assembly.id, r.id, { userId: b.requester.id, coordinator: false }, now + 15 * DAY).ok).toBe(true);
    expect(db.select().from(aidPosts).where(eq(aidPosts.id, r.id)).get()).toMatchObject({ status: "open", expiresAt: now + 29 * DAY });
    expect((await postAct(b, b.bystander, r.id, { intent: "delete" })).status).toBe(403);
    expect((await postAct(b, b.requester, r.id, { intent: "delete" })).status).toBe(302);
    expect(db.select().from(aidPosts).where(eq(aidPosts.id, r.id)).get()).toBeUndefined();
  });

  it("closed requests lose their personal details after the body's retention days; the counts stay", async () => {
    const b = await body("peer", 30);
    const id = await askVia(b, b.requester, { title: "Secret need", details: "My flat number is 4B" });
    const r = await postAct(b, b.volunteer, id, { intent: "respond", contact: "555-0909" });
    const matchId = r.location!.split("/matches/")[1].split("?")[0];
    await matchAct(b, b.requester, matchId, { intent: "accept", contact: "555-0808" });
    await matchAct(b, b.volunteer, matchId, { intent: "message", body: "On my way" });
    await matchAct(b, b.requester, matchId, { intent: "end", ending: "done", note: "thanks" });
    const closedAt = db.select().from(aidPosts).where(eq(aidPosts.id, id)).get()!.closedAt!;
    expect(purgeClosed(closedAt + 30 * DAY - 1000)).toBe(0);
    expect(db.select().from(aidPosts).where(eq(aidPosts.id, id)).get()!.title).toBe("Secret need");
    expect(purgeClosed(closedAt + 30 * DAY + 1000)).toBe(1);
    const row = db.select().from(aidPosts).where(eq(aidPosts.id, id)).get()!;
    expect(row).toMatchObject({ authorId: null, title: "", details: "", quantity: "", status: "closed", kind: "request", categoryId: b.childcare.id });
    expect(db.select().from(aidMatches).where(eq(aidMatches.id, matchId)).get()).toMatchObject({ otherId: null, ownerContact: "", otherContact: "", note: "", status: "done" });
    expect(db.select().from(aidMessages).where(eq(aidMessages.matchId, matchId)).all()).toEqual([]);
    // Purged once: nothing more to do.
    expect(purgeClosed(closedAt + 31 * DAY)).toBe(0);
    expect(postView(b.assembly.id, id, { userId: b.requester.id, coordinator: false })!.post.mine).toBe(false);
  });
});

describe("shifts", () => {
  it("a weekly series generates its shifts ahead; members sign up within the maximum and drop out; short shifts are flagged two days ahead; the calendar feed lists the member's shifts", async () => {
    const b = await body("peer");
    const now = Date.now();
    const first = now + 1 * DAY;
    const viewer = { userId: b.coordinator.id, coordinator: true };
    expect(createSeries(b.assembly.id, { userId: b.volunteer.id, coordinator: false }, { title: "x", place: "", firstStartsAt: first, durationMinutes: 120, everyWeeks: 1, weeksAhead: 3, slots: [{ role: "Packer", max: 1 }] }, now)).toMatchObject({ ok: false, status: 403 });
    const s = createSeries(b.assembly.id, viewer, { title: "Food distribution", place: "Community hall", firstStartsAt: first, durationMinutes: 120, everyWeeks: 1, weeksAhead: 3, slots: [{ role: "Packer", max: 2 }, { role: "Driver", max: 1 }] }, now);
    expect(s.ok).toBe(true);
    const list = upcomingShifts(b.assembly.id, b.volunteer.id, now);
    expect(list).toHaveLength(3);
    expect(list[0].slots.map((x) => [x.role, x.max, x.taken])).toEqual([["Driver", 1, 0], ["Packer", 2, 0]]);
    const driver = list[0].slots.find((x) => x.role === "Driver")!;
    const packer = list[0].slots.find((x) => x.role === "Packer")!;
    // Sign up through the page; full slots and a second slot on the same shift are refused.
    const signup = (who: Member, slotId: string) => call(shifts.action, `/a/${b.slug}/aid/shifts`, { cookie: who.cookie, params: { slug: b.slug }, form: { intent: "signup", slotId } });
    expect((await signup(b.volunteer, driver.id)).status).toBe(302);
    const full = await signup(b.bystander, driver.id);
    expect(full.status).toBe(409);
    expect(full.data.errors.form).toBe("aid.errors.slotFull");
    expect((await signup(b.volunteer, packer.id)).status).toBe(409);
    // Another body's slot id is not found here.
    const other = await body("peer");
    expect((await call(shifts.action, `/a/${other.slug}/aid/shifts`, { cookie: other.volunteer.cookie, params: { slug: other.slug }, form: { intent: "signup", slotId: packer.id } })).status).toBe(404);
    // Short of people: the first shift starts within two days and has open places.
    expect(shortShifts({ assemblyId: b.assembly.id }, now).map((x) => [x.id, x.open])).toEqual([[list[0].id, 2]]);
    expect(shortShifts({ userId: b.bystander.id }, now).map((x) => x.id)).toEqual([list[0].id]);
    expect(shortShifts({ userId: other.volunteer.id }, now)).toEqual([]);
    expect(signUp(b.assembly.id, packer.id, b.bystander.id, now).ok).toBe(true);
    expect(signUp(b.assembly.id, packer.id, b.requester.id, now).ok).toBe(true);
    expect(shortShifts({ assemblyId: b.assembly.id }, now)).toEqual([]);
    // Dropping out opens the place again.
    expect((await call(shifts.action, `/a/${b.slug}/aid/shifts`, { cookie: b.requester.cookie, params: { slug: b.slug }, form: { intent: "dropout", slotId: packer.id } })).status).toBe(302);
    expect(shortShifts({ assemblyId: b.assembly.id }, now).map((x) => x.open)).toEqual([1]);
    // The calendar feed shows the volunteer's shift.
    const token = db.select().from(users).where(eq(users.id, b.volunteer.id)).get()!.calendarToken;
    const feed = meetingCalendarEvents(token, "http://x", now)!;
    expect(feed.events.filter((e) => e.summary.includes("Food distribution"))).toEqual([expect.objectContaining({ start: first, end: first + 120 * 60_000, location: "Community hall" })]);
    // A bad series form: 400 beside the field.
    const bad = await call(shifts.action, `/a/${b.slug}/aid/shifts`, { cookie: b.coordinator.cookie, params: { slug: b.slug }, form: { intent: "series", title: "Rota", firstDate: "2026-12-05", startTime: "10:00", durationMinutes: "120", everyWeeks: "1", weeksAhead: "4", slots: "Driver two" } });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ slots: "aid.errors.slots" });
  });
});

describe("renaming categories and zones", () => {
  it("a coordinator or a steward renames a category or a zone; names stay unique within the body; anyone else, bad input and another body's ids are refused", async () => {
    const b = await body("peer");
    const other = await body("peer");
    const act = (who: Member, form: Record<string, string>, slug = b.slug) => call(coordinate.action, `/a/${slug}/aid/coordinate`, { cookie: who.cookie, params: { slug }, form });
    const mine = await act(b.coordinator, { intent: "category", name: "Pet care", expiryDays: "14" });
    expect(mine.status).toBe(302);
    const cats = () => categoriesOf(b.assembly.id);
    const pet = cats().find((c) => c.name === "Pet care")!;

    // Only coordinators and stewards.
    expect((await act(b.bystander, { intent: "renameCategory", categoryId: pet.id, name: "Animals" })).status).toBe(403);
    expect((await act(b.requester, { intent: "renameZone", zoneId: b.zoneId, name: "South" })).status).toBe(403);
    // Checked beside the field: empty, too long, the same as another category (its name, or a built-in one's words in any language), whatever the case.
    const empty = await act(b.coordinator, { intent: "renameCategory", categoryId: pet.id, name: "  " });
    expect([empty.status, empty.data.errors]).toEqual([400, { name: "errors.required" }]);
    expect((await act(b.coordinator, { intent: "renameCategory", categoryId: pet.id, name: "x".repeat(61) })).data.errors).toEqual({ name: "errors.tooLong" });
    expect((await act(b.coordinator, { intent: "renameCategory", categoryId: "", name: "Animals" })).data.errors).toEqual({ categoryId: "errors.required" });
    for (const taken of ["food", "COMIDA", "Childcare"]) {
      const r = await act(b.coordinator, { intent: "renameCategory", categoryId: pet.id, name: taken });
      expect([taken, r.status, r.data.errors]).toEqual([taken, 409, { name: "aid.errors.categoryTaken" }]);
    }
    // Another body's category or zone is not found here.
    const foreign = categoriesOf(other.assembly.id)[0];
    expect((await act(b.coordinator, { intent: "renameCategory", categoryId: foreign.id, name: "Mine now" })).status).toBe(404);
    expect((await act(b.coordinator, { intent: "renameZone", zoneId: other.zoneId, name: "Mine now" })).status).toBe(404);
    expect(categoriesOf(other.assembly.id)[0].name).toBe(foreign.name);

    // Done: by the coordinator, by a steward who does not coordinate, a change of case of its own name.
    expect((await act(b.coordinator, { intent: "renameCategory", categoryId: pet.id, name: "Animals" })).location).toBe(`/a/${b.slug}/aid/coordinate?done=renameCategory`);
    expect((await act(b.founder, { intent: "renameCategory", categoryId: pet.id, name: "ANIMALS" })).status).toBe(302);
    expect(cats().find((c) => c.id === pet.id)!.name).toBe("ANIMALS");
    // A built-in category takes the body's own words.
    expect((await act(b.founder, { intent: "renameCategory", categoryId: b.childcare.id, name: "Kids after school" })).status).toBe(302);
    const page = await call(coordinate.loader, `/a/${b.slug}/aid/coordinate`, { cookie: b.coordinator.cookie, params: { slug: b.slug } });
    expect(page.data.categories.find((c: { id: string }) => c.id === b.childcare.id)).toMatchObject({ key: "childcare", name: "Kids after school" });
    // Now "Childcare" is free again; "kids after school" is not.
    expect((await act(b.coordinator, { intent: "renameCategory", categoryId: pet.id, name: "kids after school" })).status).toBe(409);

    // Zones: unique whatever the case; renamed by a steward too.
    expect((await act(b.coordinator, { intent: "zone", name: "Mill estate" })).status).toBe(302);
    const clash = await act(b.coordinator, { intent: "renameZone", zoneId: b.zoneId, name: "MILL ESTATE" });
    expect([clash.status, clash.data.errors]).toEqual([409, { name: "aid.errors.zoneTaken" }]);
    expect((await act(b.coordinator, { intent: "renameZone", zoneId: b.zoneId, name: "" })).data.errors).toEqual({ name: "errors.required" });
    expect((await act(b.founder, { intent: "renameZone", zoneId: b.zoneId, name: "North estate, blocks A–C" })).location).toBe(`/a/${b.slug}/aid/coordinate?done=renameZone`);
    expect(zonesOf(b.assembly.id).map((z) => z.name).sort()).toEqual(["Mill estate", "North estate, blocks A–C"]);
  });
});
