import { describe, expect, it } from "vitest";
import { sqlite, transaction } from "~/db.server";
import { CHARTER_PRESETS } from "~/lib/charter";
import { addComment, createProposal, proposeAmendment, acceptAmendment } from "~/models/proposal.server";
import { removeMember } from "~/models/membership.server";
import { scheduleMeeting } from "~/models/meeting.server";
import { saveMinutes } from "~/models/minutes.server";
import { ftsQuery, search, segments } from "~/models/search.server";
import { assemblyWith } from "../helpers/decisions";
import { call } from "../helpers/remix";
import * as page from "~/routes/search";

const NOW = Date.now();
const text = (parts: Array<{ text: string }>) => parts.map((p) => p.text).join("");
const marked = (parts: Array<{ text: string; mark: boolean }>) => parts.filter((p) => p.mark).map((p) => p.text.toLowerCase());

describe("search", () => {
  it("ranks a title match first, marks the matching words, folds accents both ways", async () => {
    const a = await assemblyWith({ members: 1, charter: CHARTER_PRESETS.simple_majority });
    const [ana] = a.members;
    createProposal({ assemblyId: a.assembly.id, authorId: ana.id, kind: "general", title: "Calefacción en invierno", body: "Pedimos al casero que repare la caldera.", now: NOW });
    createProposal({ assemblyId: a.assembly.id, authorId: ana.id, kind: "general", title: "Garden rota", body: "Whoever waters also checks the calefaccion timer.", now: NOW });

    const hits = search(ana.id, "calefaccion");
    expect(hits.map((h) => text(h.title))).toEqual(["Calefacción en invierno", "Garden rota"]);
    expect(marked(hits[0].title)).toEqual(["calefacción"]);
    expect(marked(hits[1].snippet)).toEqual(["calefaccion"]);
    // And the other way: an accented query finds the plain word.
    expect(search(ana.id, "CALEFACCIÓN").length).toBe(2);
    // A prefix finds the whole word.
    expect(text(search(ana.id, "invier")[0].title)).toBe("Calefacción en invierno");
  });

  it("comments, minutes and the decision record are found, and kept in step as they are written", async () => {
    const a = await assemblyWith({ members: 1, facilitators: 1 });
    const [ana] = a.members;
    const p = createProposal({ assemblyId: a.assembly.id, authorId: ana.id, kind: "general", title: "Bike shed", body: "A shed for bikes.", now: NOW });
    const c = addComment({ proposalId: p.id, authorId: a.founder.id, body: "The landlord's <script>alert(1)</script> wrench is in the cellar.", now: NOW });
    if (!c.ok) throw new Error(c.error);
    const hit = search(ana.id, "wrench")[0];
    expect(hit).toMatchObject({ kind: "comment", href: `/a/${a.slug}/proposals/${p.id}#c-${c.id}` });
    expect(text(hit.title)).toBe("#1 Bike shed");
    // Text comes back as plain segments: the page renders them escaped, only <mark> is added.
    expect(text(hit.snippet)).toContain("<script>alert(1)</script>");
    expect(marked(hit.snippet)).toEqual(["wrench"]);

    // A new revision replaces the old words.
    const am = proposeAmendment({ proposalId: p.id, authorId: a.founder.id, baseRevision: 1, title: "Bike shelter", body: "A shelter for bicycles.", now: NOW });
    if (!am.ok) throw new Error(am.error);
    expect(acceptAmendment({ proposalId: p.id, amendmentId: am.amendment.id, byUserId: ana.id, now: NOW }).ok).toBe(true);
    expect(search(ana.id, "shed").filter((h) => h.kind === "proposal")).toEqual([]);
    expect(text(search(ana.id, "shelter")[0].title)).toBe("Bike shelter");

    const m = scheduleMeeting({ assemblyId: a.assembly.id, createdBy: a.founder.id, title: "Asamblea de otoño", startsAt: NOW + 86_400_000, durationMinutes: 60, place: "", link: "", shortNotice: true, now: NOW });
    if (!m.ok) throw new Error(m.error);
    const saved = saveMinutes({ meetingId: m.meeting.id, summary: "Acordamos pintar la escalera de verde.", notes: {}, expectedRev: 0 });
    expect(saved.ok).toBe(true);
    expect(search(ana.id, "escalera")).toMatchObject([{ kind: "minutes", href: `/a/${a.slug}/meetings/${m.meeting.id}/minutes` }]);

    // The record: entries written now are found by their words in either language.
    const rec = search(ana.id, "founded");
    expect(rec.some((h) => h.kind === "record")).toBe(true);
  });

  it("never shows another body's content, nor a removed member's former body; observers read their own", async () => {
    const a = await assemblyWith({ members: 1, observers: 1 });
    const b = await assemblyWith({ members: 1 });
    const [ana] = a.members;
    const [obs] = a.observers;
    const [bob] = b.members;
    createProposal({ assemblyId: a.assembly.id, authorId: ana.id, kind: "general", title: "Secret strike fund", body: "Only for us.", now: NOW });
    createProposal({ assemblyId: b.assembly.id, authorId: bob.id, kind: "general", title: "Strike fund too", body: "Theirs.", now: NOW });
    expect(search(ana.id, "strike").map((h) => h.slug)).toEqual([a.slug]);
    expect(search(bob.id, "strike").map((h) => h.slug)).toEqual([b.slug]);
    expect(search(obs.id, "strike").map((h) => h.slug)).toEqual([a.slug]);
    // Through the page, and scoped to a body the member is not in: nothing.
    const res = await call(page.loader, `/search?q=strike&in=${b.slug}`, { cookie: ana.cookie });
    expect(res.data.results.map((h: { slug: string }) => h.slug)).toEqual([a.slug]);
    expect(removeMember(a.assembly.id, ana.id).ok).toBe(true);
    expect(search(ana.id, "strike")).toEqual([]);
  });

  it("what a member types never reaches FTS5 as syntax", async () => {
    expect(ftsQuery('fund" OR title:* NEAR(')).toBe('"fund"* AND "OR"* AND "title"* AND "NEAR"*');
    expect(ftsQuery("  ¿¡…!?  ")).toBeNull();
    const a = await assemblyWith({ members: 1 });
    for (const q of ['"', "*", "a AND", "NEAR(a b)", "-x", "title:x", "^x"]) expect(() => search(a.founder.id, q)).not.toThrow();
    expect(segments("a\u0001b\u0002c")).toEqual([{ text: "a", mark: false }, { text: "b", mark: true }, { text: "c", mark: false }]);
    const anon = await call(page.loader, "/search?q=x");
    expect(anon.status).toBe(302);
  });
});
