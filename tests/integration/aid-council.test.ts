/**
 * Mutual aid across a council (docs/domain.md#mutual-aid): a request passed to a council shows
 * other member assemblies' coordinators the zone and the need, never the person; one offers to
 * meet it; accepting reveals the two coordinators' contacts to each other; the two people see
 * each other's contact only when both coordinators agreed; met, it counts as met. The council's
 * page shows shared needs and shareable offers, and nothing of a body outside the council.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { aidPosts } from "../../db/schema";
import { defaultCharter } from "~/lib/charter";
import { addZone, categoriesOf, createPost, setAidCoordinator } from "~/models/aid.server";
import { requestFigures } from "~/models/aid-report.server";
import * as postPage from "~/routes/a.$slug.aid.posts.$id";
import * as councilAid from "~/routes/a.$slug.aid.council";
import * as sharedAid from "~/routes/a.$slug.shared-aid";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";
import { council, memberBody } from "../helpers/federation";

const charter = () => ({ ...defaultCharter(), aid: { ladder: "assisted" as const, retentionDays: 90 } });

async function setup() {
  const { council: c, steward } = await council();
  const a = await memberBody(c.id, steward.id, { members: 3, charter: charter(), prefix: "caida" });
  const b = await memberBody(c.id, steward.id, { members: 3, charter: charter(), prefix: "caidb" });
  const outside = await assemblyWith({ members: 1, charter: charter(), prefix: "caidx" });
  const [coordA, requester] = a.members;
  const [coordB, helper, bystanderB] = b.members;
  setAidCoordinator(a.assembly.id, coordA.id, true);
  setAidCoordinator(b.assembly.id, coordB.id, true);
  setAidCoordinator(outside.assembly.id, outside.members[0].id, true);
  const zone = addZone(a.assembly.id, "Riverside", Date.now());
  if (!zone.ok) throw new Error(zone.error);
  const cat = categoriesOf(a.assembly.id).find((x) => x.key === "housing")!;
  const post = createPost(a.assembly.id, requester.id, { kind: "request", categoryId: cat.id, zoneId: zone.id, title: "A room for two weeks", quantity: "1 adult", details: "I am at Flat 12, Mill Street", windowStart: null, windowEnd: null, urgency: "urgent", anonymous: false, shareable: false }, Date.now());
  if (!post.ok) throw new Error(post.error);
  return { c, steward, a, b, outside, coordA, requester, coordB, helper, bystanderB, postId: post.id };
}

describe("sharing a request with a council", () => {
  it("is met by another assembly: zone and need only, contacts to the coordinators, then to the two people when both agree", async () => {
    const s = await setup();
    const A = s.a.slug, B = s.b.slug;
    const postAct = (who: { cookie: string }, form: Record<string, string>) => call(postPage.action, `/a/${A}/aid/posts/${s.postId}`, { cookie: who.cookie, params: { slug: A, id: s.postId }, form });
    const councilAct = (who: { cookie: string }, form: Record<string, string>) => call(councilAid.action, `/a/${B}/aid/council`, { cookie: who.cookie, params: { slug: B }, form });
    const councilLoad = (who: { cookie: string }) => call(councilAid.loader, `/a/${B}/aid/council`, { cookie: who.cookie, params: { slug: B } });
    // Only a coordinator passes it on, and only to a council the body is in.
    expect((await postAct(s.requester, { intent: "share", councilId: s.c.id })).status).toBe(403);
    const wrong = await postAct(s.coordA, { intent: "share", councilId: s.outside.assembly.id });
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toEqual({ councilId: "aid.errors.council" });
    expect((await postAct(s.coordA, { intent: "share", councilId: s.c.id })).status).toBe(302);
    expect((await postAct(s.coordA, { intent: "share", councilId: s.c.id })).status).toBe(409);
    // B's coordinator sees the zone and the need — never the person or the details.
    const seen = await councilLoad(s.coordB);
    expect(seen.data.needs).toEqual([expect.objectContaining({ title: "A room for two weeks", zoneName: "Riverside", categoryKey: "housing", fromAssemblyName: s.a.assembly.name })]);
    const text = JSON.stringify(seen.data);
    expect(text).not.toContain("Mill Street");
    expect(text).not.toContain(s.requester.id);
    expect(text).not.toContain(s.requester.username);
    // B's plain members do not see shared needs; the council's page does (zone and need only); an outsider gets 404.
    expect((await councilLoad(s.bystanderB)).data.needs).toEqual([]);
    const councilPage = await call(sharedAid.loader, `/a/${s.c.slug}/shared-aid`, { cookie: s.steward.cookie, params: { slug: s.c.slug } });
    expect(councilPage.data.needs.map((n: { title: string }) => n.title)).toEqual(["A room for two weeks"]);
    expect(JSON.stringify(councilPage.data)).not.toContain("Mill Street");
    expect((await call(sharedAid.loader, `/a/${s.c.slug}/shared-aid`, { cookie: s.outside.members[0].cookie, params: { slug: s.c.slug } })).status).toBe(404);
    expect((await call(sharedAid.loader, `/a/${A}/shared-aid`, { cookie: s.coordA.cookie, params: { slug: A } })).status).toBe(404);
    const shareId = seen.data.needs[0].id as string;
    // An assembly outside the council cannot offer through its own page; the sharing body cannot offer to itself.
    expect((await call(councilAid.action, `/a/${s.outside.slug}/aid/council`, { cookie: s.outside.members[0].cookie, params: { slug: s.outside.slug }, form: { intent: "offer", shareId, note: "", contact: "" } })).status).toBe(404);
    expect((await call(councilAid.action, `/a/${A}/aid/council`, { cookie: s.coordA.cookie, params: { slug: A }, form: { intent: "offer", shareId, note: "", contact: "" } })).status).toBe(404);
    expect((await councilAct(s.bystanderB, { intent: "offer", shareId, note: "", contact: "" })).status).toBe(403);
    expect((await councilAct(s.coordB, { intent: "offer", shareId, note: "We have a spare room in the co-op", contact: "Coord B 555-1111" })).status).toBe(302);
    // Before A accepts, neither coordinator sees the other's contact.
    const before = await call(postPage.loader, `/a/${A}/aid/posts/${s.postId}`, { cookie: s.coordA.cookie, params: { slug: A, id: s.postId } });
    expect(before.data.shares).toEqual([expect.objectContaining({ status: "offered", helperContact: null, helperAssembly: s.b.assembly.name })]);
    expect((await councilLoad(s.coordB)).data.helping).toEqual([expect.objectContaining({ status: "offered", fromContact: null })]);
    // A accepts: the two coordinators see each other's contact; the people do not yet.
    expect((await postAct(s.coordA, { intent: "answer", shareId, decision: "accept", contact: "Coord A 555-2222" })).status).toBe(302);
    expect((await call(postPage.loader, `/a/${A}/aid/posts/${s.postId}`, { cookie: s.coordA.cookie, params: { slug: A, id: s.postId } })).data.shares[0]).toMatchObject({ status: "matched", helperContact: "Coord B 555-1111", helperPersonContact: null });
    expect((await councilLoad(s.coordB)).data.helping[0]).toMatchObject({ fromContact: "Coord A 555-2222", fromPersonContact: null });
    expect((await call(postPage.loader, `/a/${A}/aid/posts/${s.postId}`, { cookie: s.requester.cookie, params: { slug: A, id: s.postId } })).data.shares[0]).toMatchObject({ helperPersonContact: null, helperContact: null });
    // B names its member; A agrees with the requester's contact: now the two people see each other's.
    const bad = await councilAct(s.coordB, { intent: "connect", shareId, helperPersonId: s.requester.id, personContact: "x" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ helperPersonId: "aid.errors.notMember" });
    expect((await councilAct(s.coordB, { intent: "connect", shareId, helperPersonId: s.helper.id, personContact: "Helper 555-3333" })).status).toBe(302);
    expect((await councilLoad(s.helper)).data.helping).toEqual([]);
    expect((await postAct(s.coordA, { intent: "connect", shareId, personContact: "Requester 555-4444" })).status).toBe(302);
    expect((await call(postPage.loader, `/a/${A}/aid/posts/${s.postId}`, { cookie: s.requester.cookie, params: { slug: A, id: s.postId } })).data.shares[0]).toMatchObject({ helperPersonContact: "Helper 555-3333" });
    expect((await councilLoad(s.helper)).data.helping).toEqual([expect.objectContaining({ fromPersonContact: "Requester 555-4444" })]);
    expect((await councilLoad(s.bystanderB)).data.helping).toEqual([]);
    // Met: the request closes and counts as met.
    expect((await postAct(s.coordA, { intent: "met", shareId })).status).toBe(302);
    expect(db.select().from(aidPosts).where(eq(aidPosts.id, s.postId)).get()!.status).toBe("closed");
    expect(requestFigures(s.a.assembly.id, 0).find((f) => f.key === "housing")).toMatchObject({ met: 1, unmet: 0 });
    expect((await call(sharedAid.loader, `/a/${s.c.slug}/shared-aid`, { cookie: s.steward.cookie, params: { slug: s.c.slug } })).data.needs).toEqual([]);
  });

  it("the council page shows its member assemblies' shareable offers, and no one else's", async () => {
    const s = await setup();
    const cat = categoriesOf(s.b.assembly.id).find((x) => x.key === "transport")!;
    const mk = (assemblyId: string, authorId: string, shareable: boolean, title: string) => createPost(assemblyId, authorId, { kind: "offer", categoryId: cat.id, zoneId: null, title, quantity: "", details: "secret detail", windowStart: null, windowEnd: null, urgency: "normal", anonymous: false, shareable }, Date.now());
    expect(mk(s.b.assembly.id, s.helper.id, true, "Van on Saturdays").ok).toBe(true);
    expect(mk(s.b.assembly.id, s.helper.id, false, "Not shared").ok).toBe(true);
    const outCat = categoriesOf(s.outside.assembly.id)[0];
    createPost(s.outside.assembly.id, s.outside.members[0].id, { kind: "offer", categoryId: outCat.id, zoneId: null, title: "Outside offer", quantity: "", details: "", windowStart: null, windowEnd: null, urgency: "normal", anonymous: false, shareable: true }, Date.now());
    const page = await call(sharedAid.loader, `/a/${s.c.slug}/shared-aid`, { cookie: s.steward.cookie, params: { slug: s.c.slug } });
    expect(page.data.offers.map((o: { title: string }) => o.title)).toEqual(["Van on Saturdays"]);
    expect(JSON.stringify(page.data)).not.toContain("secret detail");
    expect(JSON.stringify(page.data)).not.toContain(s.helper.id);
    // A's members see B's shareable offers on their council aid page.
    const fromA = await call(councilAid.loader, `/a/${s.a.slug}/aid/council`, { cookie: s.requester.cookie, params: { slug: s.a.slug } });
    expect(fromA.data.councils[0].offers.map((o: { title: string }) => o.title)).toEqual(["Van on Saturdays"]);
  });

  it("the passing body's coordinator or steward takes a shared request back; nobody else can; it leaves the council and the other assemblies' lists", async () => {
    const s = await setup();
    const A = s.a.slug, B = s.b.slug;
    const postAct = (who: { cookie: string }, form: Record<string, string>, slug = A, id = s.postId) => call(postPage.action, `/a/${slug}/aid/posts/${id}`, { cookie: who.cookie, params: { slug, id }, form });
    const councilLoad = () => call(councilAid.loader, `/a/${B}/aid/council`, { cookie: s.coordB.cookie, params: { slug: B } });
    expect((await postAct(s.coordA, { intent: "share", councilId: s.c.id })).status).toBe(302);
    const shareId = (await councilLoad()).data.needs[0].id as string;

    // The page offers it to the coordinator (and a steward), not to a plain member or the requester.
    const page = (who: { cookie: string }) => call(postPage.loader, `/a/${A}/aid/posts/${s.postId}`, { cookie: who.cookie, params: { slug: A, id: s.postId } });
    expect((await page(s.coordA)).data.shares).toEqual([expect.objectContaining({ id: shareId, status: "open", withdrawable: true })]);
    expect((await page(s.a.founder)).data.shares).toEqual([expect.objectContaining({ id: shareId, status: "open", withdrawable: true, helperContact: null, helperPersonContact: null })]);
    expect((await page(s.requester)).data.shares).toEqual([expect.objectContaining({ withdrawable: false })]);

    // Refused: bad input (beside the field), a plain member or the requester, the helping body's coordinator, a share id under another post.
    const bad = await postAct(s.coordA, { intent: "withdrawShare", shareId: "" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.data.errors)).toEqual(["shareId"]);
    const plain = await postAct(s.requester, { intent: "withdrawShare", shareId });
    expect(plain.status).toBe(403);
    expect(plain.data.errors.form).toBe("aid.errors.withdrawShareWho");
    expect((await postAct(s.a.members[2], { intent: "withdrawShare", shareId })).status).toBe(403);
    expect((await postAct(s.coordB, { intent: "withdrawShare", shareId })).status).toBe(404);
    const cat = categoriesOf(s.a.assembly.id)[0];
    const other = createPost(s.a.assembly.id, s.requester.id, { kind: "request", categoryId: cat.id, zoneId: null, title: "Another need", quantity: "", details: "", windowStart: null, windowEnd: null, urgency: "normal", anonymous: false, shareable: false }, Date.now());
    if (!other.ok) throw new Error(other.error);
    expect((await postAct(s.coordA, { intent: "withdrawShare", shareId }, A, other.id)).status).toBe(404);
    expect((await councilLoad()).data.needs.map((n: { id: string }) => n.id)).toEqual([shareId]);

    // A steward who does not coordinate takes it back (after an offer came in): gone from the council's lists.
    expect((await call(councilAid.action, `/a/${B}/aid/council`, { cookie: s.coordB.cookie, params: { slug: B }, form: { intent: "offer", shareId, note: "We can help", contact: "555" } })).status).toBe(302);
    const done = await postAct(s.a.founder, { intent: "withdrawShare", shareId });
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/a/${A}/aid/posts/${s.postId}?done=shareWithdrawn`);
    expect((await page(s.coordA)).data.shares).toEqual([expect.objectContaining({ id: shareId, status: "withdrawn", withdrawable: false })]);
    const after = await councilLoad();
    expect(after.data.needs).toEqual([]);
    expect(after.data.helping).toEqual([]);
    expect((await call(sharedAid.loader, `/a/${s.c.slug}/shared-aid`, { cookie: s.steward.cookie, params: { slug: s.c.slug } })).data.needs).toEqual([]);
    // Twice is refused; passing it on again is allowed.
    expect((await postAct(s.coordA, { intent: "withdrawShare", shareId })).status).toBe(409);
    expect((await postAct(s.coordA, { intent: "share", councilId: s.c.id })).status).toBe(302);
  });
});
