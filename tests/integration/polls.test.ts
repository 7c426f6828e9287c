import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { meetings, polls } from "../../db/schema";
import { defaultCharter } from "~/lib/charter";
import { closeDuePolls, closePoll, getPollById, openPollsAwaiting, pollResults, registerPollJobs, startPoll, answerPoll } from "~/models/poll.server";
import { listRecord, verifyRecord } from "~/models/record.server";
import { runJobs } from "~/background.server";
import * as newPoll from "~/routes/a.$slug.polls.new";
import * as pollPage from "~/routes/a.$slug.polls.$id";
import * as proposals from "~/routes/a.$slug.proposals._index";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";

const DAY = 86_400_000;

async function body(slug: string, cookie: string, form: Record<string, string | string[]>, id?: string) {
  return id
    ? call(pollPage.action, `/a/${slug}/polls/${id}`, { form, cookie, params: { slug, id } })
    : call(newPoll.action, `/a/${slug}/polls/new`, { form, cookie, params: { slug } });
}

function local(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

describe("choice polls through the pages", () => {
  it("a member starts a score poll; answers are validated beside their fields; results show as counts", async () => {
    const { slug, founder, members } = await assemblyWith({ members: 3, prefix: "pc" });
    const made = await body(slug, founder.cookie, { kind: "choice", title: "Where do we eat?", options: "Pizza\nTacos\nSoup", method: "score", days: "3" });
    expect(made.status).toBe(302);
    const id = made.location!.split("/").pop()!;

    // Bad answers: a score outside 0–5 is a 400 beside its field, nothing saved.
    const bad = await body(slug, members[0].cookie, { intent: "answer", score0: "9", score1: "1", score2: "1" }, id);
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ score0: "polls.errors.score" });

    for (const [m, s] of [
      [founder, ["5", "4", "0"]],
      [members[0], ["0", "4", "5"]],
      [members[1], ["3", "4", "5"]],
    ] as const) {
      const r = await body(slug, m.cookie, { intent: "answer", score0: s[0], score1: s[1], score2: s[2] }, id);
      expect(r.status).toBe(302);
    }
    const page = await call(pollPage.loader, `/a/${slug}/polls/${id}`, { cookie: members[2].cookie, params: { slug, id } });
    expect(page.data.result.count.tallies).toEqual([8, 12, 10]);
    expect(page.data.result.count.winners).toEqual([1]);
    expect(page.data.canAnswer).toBe(true);
    expect(page.data.canClose).toBe(false);

    // Only the author or a facilitator closes it; the result goes to the chained record.
    expect((await body(slug, members[2].cookie, { intent: "close" }, id)).status).toBe(403);
    expect((await body(slug, founder.cookie, { intent: "close" }, id)).status).toBe(302);
    const poll = getPollById(id)!;
    const entry = listRecord(poll.assemblyId, { limit: 1 })[0];
    expect(entry.kind).toBe("poll");
    expect(entry.summary).toBe("record.poll.advisory");
    expect(JSON.parse(entry.payload).params.winners).toBe("Tacos");
    expect(verifyRecord(poll.assemblyId).broken).toBeNull();

    // Closed: answers refused (409), results stay as stored.
    const late = await body(slug, members[2].cookie, { intent: "answer", score0: "5", score1: "0", score2: "0" }, id);
    expect(late.status).toBe(409);
    expect(pollResults(getPollById(id)!).result).toMatchObject({ kind: "choice", outcome: "advisory", count: { tallies: [8, 12, 10] } });
  });

  it("bad poll forms are 400s with the message beside the field; observers may not start one", async () => {
    const { slug, founder, observers } = await assemblyWith({ members: 1, observers: 1, prefix: "pv" });
    const one = await body(slug, founder.cookie, { kind: "choice", title: "Q", options: "Only one", days: "3" });
    expect(one.status).toBe(400);
    expect(one.data.errors.options).toBe("polls.errors.optionsTooFew");
    const same = await body(slug, founder.cookie, { kind: "choice", title: "Q", options: "A\na", days: "3" });
    expect(same.status).toBe(400);
    expect(same.data.errors.options).toBe("polls.errors.optionsRepeated");
    const method = await body(slug, founder.cookie, { kind: "choice", title: "Q", options: "A\nB", method: "borda", days: "3" });
    expect(method.data.errors.method).toBe("polls.errors.method");
    const days = await body(slug, founder.cookie, { kind: "choice", title: "Q", options: "A\nB", days: "0" });
    expect(days.data.errors.days).toBe("polls.errors.days");
    const noTime = await body(slug, founder.cookie, { kind: "time", title: "Q", days: "3" });
    expect(noTime.data.errors.time0).toBe("polls.errors.timesTooFew");
    expect((await body(slug, observers[0].cookie, { kind: "choice", title: "Q", options: "A\nB", days: "3" })).status).toBe(403);
  });

  it("a poll of another body is not found through this body's address", async () => {
    const a = await assemblyWith({ members: 1, prefix: "pa" });
    const b = await assemblyWith({ members: 1, prefix: "pb" });
    const r = startPoll({ assemblyId: b.assembly.id, authorId: b.founder.id, kind: "choice", title: "B's", body: "", hideResults: false, options: ["x", "y"], closesAt: Date.now() + DAY, now: Date.now() });
    if (!r.ok) throw new Error(r.error);
    const id = r.poll.id;
    expect((await call(pollPage.loader, `/a/${a.slug}/polls/${id}`, { cookie: a.founder.cookie, params: { slug: a.slug, id } })).status).toBe(404);
    expect((await body(a.slug, a.founder.cookie, { intent: "answer", choice: "0" }, id)).status).toBe(404);
  });

  it("hide results until closed: only the number who answered shows, then the count", async () => {
    const { slug, founder, members } = await assemblyWith({ members: 2, prefix: "ph" });
    const made = await body(slug, founder.cookie, { kind: "choice", title: "Secretary", options: "Ana\nBea", method: "approval", hideResults: "on", days: "2" });
    const id = made.location!.split("/").pop()!;
    expect((await body(slug, members[0].cookie, { intent: "answer", approved: ["0", "1"] }, id)).status).toBe(302);
    expect((await body(slug, members[1].cookie, { intent: "answer", approved: ["1"] }, id)).status).toBe(302);
    const empty = await body(slug, founder.cookie, { intent: "answer" }, id);
    expect(empty.status).toBe(400);
    expect(empty.data.errors.answer).toBe("polls.errors.pickSome");
    const open = await call(pollPage.loader, `/a/${slug}/polls/${id}`, { cookie: founder.cookie, params: { slug, id } });
    expect(open.data.hidden).toBe(true);
    expect(open.data.result).toBeNull();
    expect(open.data.answers).toBe(2);
    await body(slug, founder.cookie, { intent: "close" }, id);
    const closed = await call(pollPage.loader, `/a/${slug}/polls/${id}`, { cookie: founder.cookie, params: { slug, id } });
    expect(closed.data.result.count.tallies).toEqual([1, 2]);
  });

  it("a binding poll (charter) decides only with quorum and one winner", async () => {
    const charter = { ...defaultCharter(), polls: { method: "single" as const, binding: true } };
    const { assembly, founder, members } = await assemblyWith({ members: 4, charter, prefix: "pq" });
    const now = Date.now();
    const start = () => {
      const r = startPoll({ assemblyId: assembly.id, authorId: founder.id, kind: "choice", title: "Colour", body: "", hideResults: false, options: ["Red", "Green"], closesAt: now + DAY, now });
      if (!r.ok) throw new Error(r.error);
      expect(r.poll.binding).toBe(true);
      return r.poll.id;
    };
    // 5 voting members; quorum more than half = 3.
    const few = start();
    answerPoll({ pollId: few, userId: founder.id, answer: { choice: 0 }, now });
    answerPoll({ pollId: few, userId: members[0].id, answer: { choice: 0 }, now });
    closePoll({ pollId: few, by: founder.id, now });
    expect(JSON.parse(getPollById(few)!.result!)).toMatchObject({ outcome: "no_quorum", quorum: { required: 3, met: false, present: 2, members: 5 } });

    const enough = start();
    for (const [m, c] of [[founder, 1], [members[0], 1], [members[1], 0]] as const) answerPoll({ pollId: enough, userId: m.id, answer: { choice: c }, now });
    closePoll({ pollId: enough, by: founder.id, now });
    expect(JSON.parse(getPollById(enough)!.result!)).toMatchObject({ outcome: "decided", count: { winners: [1] } });
    expect(listRecord(assembly.id, { limit: 1 })[0].summary).toBe("record.poll.decided");

    const tied = start();
    for (const [m, c] of [[founder, 1], [members[0], 0], [members[1], 0], [members[2], 1]] as const) answerPoll({ pollId: tied, userId: m.id, answer: { choice: c }, now });
    closePoll({ pollId: tied, by: founder.id, now });
    expect(JSON.parse(getPollById(tied)!.result!).outcome).toBe("tied");
  });

  it("closes at its time with no visitor, once; lists with proposals and in what awaits a member", async () => {
    const { assembly, slug, founder, members } = await assemblyWith({ members: 1, prefix: "pj" });
    registerPollJobs();
    const now = Date.now();
    const r = startPoll({ assemblyId: assembly.id, authorId: founder.id, kind: "choice", title: "Soon", body: "", hideResults: false, options: ["a", "b"], closesAt: now + 1000, now });
    if (!r.ok) throw new Error(r.error);
    expect(openPollsAwaiting(members[0].id, { now }).map((p) => p.id)).toContain(r.poll.id);
    answerPoll({ pollId: r.poll.id, userId: members[0].id, answer: { choice: 1 }, now });
    expect(openPollsAwaiting(members[0].id, { now }).map((p) => p.id)).not.toContain(r.poll.id);
    const list = await call(proposals.loader, `/a/${slug}/proposals`, { cookie: founder.cookie, params: { slug } });
    expect(list.data.polls.map((p: { id: string }) => p.id)).toContain(r.poll.id);
    // The server was busy (or stopped) past the closing time: the poll still closes at its time.
    runJobs(now + 2000);
    expect(getPollById(r.poll.id)!.closedAt).toBe(now + 1000);
    expect(closeDuePolls(now + 5000)).toBe(0);
    const records = listRecord(assembly.id).filter((e) => e.subjectId === r.poll.id);
    expect(records).toHaveLength(1);
  });
});

describe("meeting-time polls", () => {
  it("members answer yes / if need be / no; the best time becomes a meeting in one step by a facilitator", async () => {
    const { assembly, slug, founder, members, observers } = await assemblyWith({ members: 2, observers: 1, prefix: "pt" });
    const t1 = Date.now() + 10 * DAY;
    const t2 = t1 + DAY;
    const made = await body(slug, members[0].cookie, { kind: "time", title: "Spring assembly", time0: local(t1), time1: local(t2), durationMinutes: "90", place: "Community hall", days: "3" });
    expect(made.status).toBe(302);
    const id = made.location!.split("/").pop()!;
    const answer = (cookie: string, a: string, b: string) => body(slug, cookie, { intent: "answer", time0: a, time1: b }, id);
    // Everyone answers per time; an answer missing for a time is a 400 beside that time.
    const missing = await body(slug, founder.cookie, { intent: "answer", time0: "yes" }, id);
    expect(missing.status).toBe(400);
    expect(missing.data.errors).toEqual({ time1: "polls.errors.answerEach" });
    expect((await answer(founder.cookie, "yes", "yes")).status).toBe(302);
    expect((await answer(members[0].cookie, "if_need_be", "yes")).status).toBe(302);
    expect((await answer(members[1].cookie, "yes", "no")).status).toBe(302);
    // Observers attend meetings, so they say when they can come.
    expect((await answer(observers[0].cookie, "no", "if_need_be")).status).toBe(302);

    const page = await call(pollPage.loader, `/a/${slug}/polls/${id}`, { cookie: founder.cookie, params: { slug, id } });
    // Both times: 2 yes and 1 if need be, a tie on both counts, so both are offered.
    expect(page.data.result.count.yes).toEqual([2, 2]);
    expect(page.data.result.count.ifNeedBe).toEqual([1, 1]);
    expect(page.data.result.count.best).toEqual([0, 1]);
    expect(page.data.canSchedule).toBe(true);

    // A member who is not a facilitator may not schedule.
    const optionId = page.data.options[1].id;
    expect((await body(slug, members[1].cookie, { intent: "schedule", optionId }, id)).status).toBe(403);
    // A time of another poll is refused.
    expect((await body(slug, founder.cookie, { intent: "schedule", optionId: "nope" }, id)).status).toBe(404);
    const scheduled = await body(slug, founder.cookie, { intent: "schedule", optionId }, id);
    expect(scheduled.status).toBe(302);
    const meetingId = scheduled.location!.split("/").pop()!;
    const m = db.select().from(meetings).where(eq(meetings.id, meetingId)).get()!;
    expect(m).toMatchObject({ assemblyId: assembly.id, title: "Spring assembly", startsAt: page.data.options[1].startsAt, durationMinutes: 90, place: "Community hall", status: "scheduled" });
    const poll = db.select().from(polls).where(eq(polls.id, id)).get()!;
    expect(poll.closedAt).not.toBeNull();
    expect(poll.meetingId).toBe(meetingId);
    // Twice is refused.
    expect((await body(slug, founder.cookie, { intent: "schedule", optionId }, id)).status).toBe(409);
    expect(listRecord(assembly.id, { limit: 2 }).map((e) => e.summary)).toEqual(["record.poll.scheduled", "record.poll.time"]);
  });
});
