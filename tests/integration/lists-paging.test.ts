/**
 * A body's lists that grow with its history are paged, so a page's work does not grow with
 * the body: its proposals (50 a page) and its past meetings (20 a page).
 */
import { describe, expect, it } from "vitest";
import * as proposalsList from "~/routes/a.$slug.proposals._index";
import * as meetingsList from "~/routes/a.$slug.meetings._index";
import { createProposal, PROPOSALS_PER_PAGE } from "~/models/proposal.server";
import { cancelMeeting, PAST_MEETINGS_PER_PAGE, scheduleMeeting } from "~/models/meeting.server";
import { transaction } from "~/db.server";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";

describe("long lists", () => {
  it("a body with 130 proposals lists them 50 a page, newest first; a page past the end shows the last", async () => {
    const a = await assemblyWith({ members: 1, prefix: "lp" });
    const t0 = Date.now() - 10_000_000;
    transaction(() => {
      for (let i = 0; i < 130; i++) createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: `Proposal ${i}`, body: "Text", now: t0 + i * 1000 });
    });
    const list = (q = "") => call(proposalsList.loader, `/a/${a.slug}/proposals${q}`, { cookie: a.members[0].cookie, params: { slug: a.slug } });
    const first = await list();
    expect(first.data.proposals).toHaveLength(PROPOSALS_PER_PAGE);
    expect(first.data.proposals[0].title).toBe("Proposal 129");
    expect({ page: first.data.page, pages: first.data.pages }).toEqual({ page: 1, pages: 3 });
    const last = await list("?page=3");
    expect(last.data.proposals.map((p: { title: string }) => p.title)).toEqual(Array.from({ length: 30 }, (_, i) => `Proposal ${29 - i}`));
    expect((await list("?page=999")).data.page).toBe(3);
    expect((await list("?page=x")).data.page).toBe(1);
  });

  it("a body with 45 past meetings lists 20 a page, latest first, and every upcoming one", async () => {
    const a = await assemblyWith({ members: 1, prefix: "lm" });
    const now = Date.now();
    const base = { assemblyId: a.assembly.id, durationMinutes: 60, place: "", link: "", shortNotice: false, createdBy: a.founder.id, now };
    for (let i = 0; i < 47; i++) {
      const r = scheduleMeeting({ ...base, title: `Meeting ${i}`, startsAt: now + (10 + i) * 86_400_000 });
      if (!r.ok) throw new Error("schedule");
      if (i < 45) cancelMeeting(r.meeting.id);
    }
    const list = (q = "") => call(meetingsList.loader, `/a/${a.slug}/meetings${q}`, { cookie: a.members[0].cookie, params: { slug: a.slug } });
    const first = await list();
    expect(first.data.upcoming.map((m: { title: string }) => m.title)).toEqual(["Meeting 45", "Meeting 46"]);
    expect(first.data.past).toHaveLength(PAST_MEETINGS_PER_PAGE);
    expect(first.data.past[0].title).toBe("Meeting 44");
    expect({ page: first.data.pastPage, pages: first.data.pastPages }).toEqual({ page: 1, pages: 3 });
    const last = await list("?past=3");
    expect(last.data.past.map((m: { title: string }) => m.title)).toEqual(["Meeting 4", "Meeting 3", "Meeting 2", "Meeting 1", "Meeting 0"]);
  });
});
