/**
 * A long discussion is paged by whole threads, so a proposal page's work does not grow with
 * the number of comments; and comments are limited per member.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { comments } from "../../db/schema";
import * as create from "~/routes/a.$slug.proposals.new";
import * as page from "~/routes/a.$slug.proposals.$id._index";
import { THREADS_PER_PAGE } from "~/models/proposal.server";
import { newId } from "~/lib/ids.server";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";

async function proposal() {
  const a = await assemblyWith({ members: 2, prefix: "pc" });
  const r = await call(create.action, `/a/${a.slug}/proposals/new`, { cookie: a.founder.cookie, params: { slug: a.slug }, form: { kind: "general", start: "discussion", title: "Long talk", body: "Text" } });
  return { ...a, id: r.location!.split("/").pop()! };
}

describe("comments", () => {
  it("a proposal with 10,000 comments shows one page of whole threads", async () => {
    const a = await proposal();
    const t0 = Date.now() - 1_000_000;
    const rows: Array<typeof comments.$inferInsert> = [];
    // 2,000 threads of a comment and four replies each.
    for (let i = 0; i < 2_000; i++) {
      const id = newId();
      rows.push({ id, proposalId: a.id, parentId: null, authorId: a.founder.id, body: `Thread ${i}`, createdAt: t0 + i * 10 });
      for (let j = 0; j < 4; j++) rows.push({ id: newId(), proposalId: a.id, parentId: id, authorId: a.members[0].id, body: `Reply ${i}.${j}`, createdAt: t0 + i * 10 + j + 1 });
    }
    for (let i = 0; i < rows.length; i += 500) db.insert(comments).values(rows.slice(i, i + 500)).run();
    const view = (q = "") => call(page.loader, `/a/${a.slug}/proposals/${a.id}${q}`, { cookie: a.members[1].cookie, params: { slug: a.slug, id: a.id } });
    const first = await view();
    expect(first.data.commentPages).toEqual({ page: 1, pages: 2_000 / THREADS_PER_PAGE, total: 10_000 });
    expect(first.data.comments).toHaveLength(THREADS_PER_PAGE);
    expect(first.data.comments[0].body).toBe("Thread 0");
    for (const c of first.data.comments) expect(c.replies).toHaveLength(4);
    const later = await view("?comments=3");
    expect(later.data.comments[0].body).toBe(`Thread ${2 * THREADS_PER_PAGE}`);
    expect(later.data.comments[0].replies.map((r: { body: string }) => r.body)).toEqual([0, 1, 2, 3].map((j) => `Reply ${2 * THREADS_PER_PAGE}.${j}`));
    // Out of range is clamped, not an error.
    expect((await view("?comments=99999")).data.commentPages.page).toBe(2_000 / THREADS_PER_PAGE);
    // A reply goes to its thread's page.
    const thread = later.data.comments[1];
    const r = await call(page.action, `/a/${a.slug}/proposals/${a.id}`, { cookie: a.members[1].cookie, params: { slug: a.slug, id: a.id }, form: { intent: "comment", comment: "Me too", parentId: thread.id } });
    expect(r.location).toMatch(/[?&]comments=3#c-/);
  });

  it("limits comments per member: the eleventh in a minute waits, others can still write", async () => {
    const a = await proposal();
    const post = (cookie: string, n: number) => call(page.action, `/a/${a.slug}/proposals/${a.id}`, { cookie, params: { slug: a.slug, id: a.id }, form: { intent: "comment", comment: `Comment ${n}` } });
    for (let i = 0; i < 10; i++) expect((await post(a.members[0].cookie, i)).status).toBe(302);
    const eleventh = await post(a.members[0].cookie, 10);
    expect(eleventh.status).toBe(429);
    expect(eleventh.data.errors.form).toBe("errors.rateLimited");
    expect((await post(a.members[1].cookie, 0)).status).toBe(302);
  });
});
