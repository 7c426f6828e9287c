import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/db.server";
import { amendments, proposalRevisions, proposals } from "../../db/schema";
import * as list from "~/routes/a.$slug.proposals._index";
import * as create from "~/routes/a.$slug.proposals.new";
import * as page from "~/routes/a.$slug.proposals.$id._index";
import * as edit from "~/routes/a.$slug.proposals.$id.edit";
import * as revisions from "~/routes/a.$slug.proposals.$id.revisions";
import { flattenCharter, defaultCharter } from "~/lib/charter";
import { currentCharter } from "~/models/assembly.server";
import { getProposalById } from "~/models/proposal.server";
import { sha256 } from "~/lib/ids.server";
import { call } from "../helpers/remix";
import { assemblyWith, quickPerson } from "../helpers/decisions";

async function newProposal(slug: string, cookie: string, form: Record<string, string>) {
  const r = await call(create.action, `/a/${slug}/proposals/new`, { cookie, params: { slug }, form: { kind: "general", start: "discussion", ...form } });
  expect(r.status).toBe(302);
  const id = r.location!.split("/").pop()!;
  return id;
}

function post(slug: string, id: string, cookie: string, form: Record<string, string>) {
  return call(page.action, `/a/${slug}/proposals/${id}`, { cookie, params: { slug, id }, form });
}

function view(slug: string, id: string, cookie: string) {
  return call(page.loader, `/a/${slug}/proposals/${id}`, { cookie, params: { slug, id } });
}

describe("writing a proposal", () => {
  it("creates a proposal with its first revision and renders its Markdown safely", async () => {
    const { slug, founder } = await assemblyWith({ members: 1 });
    const body = "We ask for **repairs**.\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) ![x](https://tracker.example/p.png)";
    const id = await newProposal(slug, founder.cookie, { title: "Boiler repairs", body });
    const r = await view(slug, id, founder.cookie);
    expect(r.status).toBe(200);
    expect(r.data.proposal).toMatchObject({ number: 1, title: "Boiler repairs", status: "discussion", kind: "general", currentRevision: 1 });
    const html: string = r.data.revision.html;
    expect(html).toContain("<strong>repairs</strong>");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toContain("<img");
  });

  it("shows errors next to the fields and keeps the input", async () => {
    const { slug, founder } = await assemblyWith({ members: 1 });
    const r = await call(create.action, `/a/${slug}/proposals/new`, { cookie: founder.cookie, params: { slug }, form: { kind: "election", title: "x", body: "", candidates: "Ana\nana", seats: "1" } });
    expect(r.status).toBe(400);
    expect(r.data.errors).toMatchObject({ title: "proposal.errors.titleShort", body: "errors.required", candidates: "proposal.errors.candidatesDuplicate" });
    expect(r.data.values.candidates).toMatch(/^Ana\r?\nana$/);
  });

  it("an election carries its candidates and seats", async () => {
    const { slug, founder } = await assemblyWith({ members: 1 });
    const id = await newProposal(slug, founder.cookie, { kind: "election", title: "Two delegates", body: "For the council", candidates: "Ana\n\nBo\nCy\n", seats: "2" });
    const r = await view(slug, id, founder.cookie);
    expect(r.data.options.map((o: { name: string }) => o.name)).toEqual(["Ana", "Bo", "Cy"]);
    expect(r.data.proposal.seats).toBe(2);
  });

  it("observers read but cannot propose; non-members get 404", async () => {
    const { slug, founder, observers } = await assemblyWith({ members: 0, observers: 1 });
    const r = await call(create.action, `/a/${slug}/proposals/new`, { cookie: observers[0].cookie, params: { slug }, form: { kind: "general", title: "Hello there", body: "x" } });
    expect(r.status).toBe(403);
    const id = await newProposal(slug, founder.cookie, { title: "Visible", body: "x" });
    expect((await view(slug, id, observers[0].cookie)).status).toBe(200);
    const stranger = await quickPerson("stranger");
    expect((await view(slug, id, stranger.cookie)).status).toBe(404);
    expect((await post(slug, id, stranger.cookie, { intent: "comment", comment: "hi" })).status).toBe(404);
    // A proposal id from another assembly is not found here.
    const other = await assemblyWith({ members: 0, prefix: "oth" });
    expect((await view(other.slug, id, other.founder.cookie)).status).toBe(404);
  });

  it("lists proposals and filters them by status", async () => {
    const { slug, founder } = await assemblyWith({ members: 1 });
    await newProposal(slug, founder.cookie, { title: "First one", body: "x" });
    await newProposal(slug, founder.cookie, { title: "A draft", body: "x", start: "draft" });
    const all = await call(list.loader, `/a/${slug}/proposals`, { cookie: founder.cookie, params: { slug } });
    expect(all.data.proposals).toHaveLength(2);
    expect(all.data.counts).toEqual({ discussion: 1, draft: 1 });
    const drafts = await call(list.loader, `/a/${slug}/proposals?status=draft`, { cookie: founder.cookie, params: { slug } });
    expect(drafts.data.proposals.map((p: { title: string }) => p.title)).toEqual(["A draft"]);
  });
});

describe("discussion", () => {
  it("draft → discussion by the author only; withdraw not while voting, not after a decision", async () => {
    const { slug, founder, members } = await assemblyWith({ members: 1 });
    const id = await newProposal(slug, founder.cookie, { title: "Draft first", body: "x", start: "draft" });
    expect((await post(slug, id, members[0].cookie, { intent: "discuss" })).data.errors.form).toBe("proposal.errors.notAuthor");
    expect((await post(slug, id, founder.cookie, { intent: "discuss" })).location).toContain("done=discussion");
    expect((await post(slug, id, founder.cookie, { intent: "discuss" })).data.errors.form).toBe("proposal.errors.notDraft");
    await post(slug, id, founder.cookie, { intent: "open-round", days: "1", hours: "0" });
    const w = await post(slug, id, founder.cookie, { intent: "withdraw" });
    expect(w.status).toBe(409);
    expect(w.data.errors.form).toBe("proposal.errors.withdrawVoting");
  });

  it("comments and replies; a reply to a reply joins the thread", async () => {
    const { slug, founder, members } = await assemblyWith({ members: 1 });
    const id = await newProposal(slug, founder.cookie, { title: "Talk about it", body: "x" });
    const c1 = await post(slug, id, members[0].cookie, { intent: "comment", comment: "What does it cost?" });
    expect(c1.status).toBe(302);
    const rootId = c1.location!.split("#c-")[1];
    const c2 = await post(slug, id, founder.cookie, { intent: "comment", comment: "About 2000.", parentId: rootId });
    const replyId = c2.location!.split("#c-")[1];
    await post(slug, id, members[0].cookie, { intent: "comment", comment: "Thanks", parentId: replyId });
    const empty = await post(slug, id, members[0].cookie, { intent: "comment", comment: "  " });
    expect(empty.status).toBe(400);
    expect(empty.data).toMatchObject({ intent: "comment", errors: { comment: "errors.required" } });
    const r = await view(slug, id, founder.cookie);
    expect(r.data.comments).toHaveLength(1);
    expect(r.data.comments[0].replies.map((x: { body: string }) => x.body)).toEqual(["About 2000.", "Thanks"]);
  });

  it("amendments: accepting makes a new revision; a stale one is refused; all revisions are kept and compared", async () => {
    const { slug, founder, members } = await assemblyWith({ members: 2 });
    const id = await newProposal(slug, founder.cookie, { title: "Quiet hours", body: "Quiet after 22:00.\nNo parties." });
    const a1 = await post(slug, id, members[0].cookie, { intent: "amend", baseRevision: "1", title: "", body: "Quiet after 23:00.\nNo parties.", note: "Later is fairer" });
    const a2 = await post(slug, id, members[1].cookie, { intent: "amend", baseRevision: "1", title: "Quiet hours for all", body: "Quiet after 21:00.\nNo parties." });
    expect(a1.status).toBe(302);
    expect(a2.status).toBe(302);
    const [am1, am2] = db.select().from(amendments).where(eq(amendments.proposalId, id)).all().sort((x, y) => x.body.localeCompare(y.body)).reverse();
    expect(am1.body).toContain("23:00");

    // Only the author accepts.
    expect((await post(slug, id, members[1].cookie, { intent: "accept", amendmentId: am1.id })).status).toBe(403);
    expect((await post(slug, id, founder.cookie, { intent: "accept", amendmentId: am1.id })).location).toContain("done=accepted");
    expect(getProposalById(id)!.currentRevision).toBe(2);

    // The second amendment was written against revision 1: refused, nothing written.
    const stale = await post(slug, id, founder.cookie, { intent: "accept", amendmentId: am2.id });
    expect(stale.status).toBe(409);
    expect(stale.data.errors.form).toBe("proposal.errors.amendmentStale");
    expect(db.select().from(proposalRevisions).where(eq(proposalRevisions.proposalId, id)).all()).toHaveLength(2);
    // A new amendment based on a stale revision is refused when written, too.
    const late = await post(slug, id, members[1].cookie, { intent: "amend", baseRevision: "1", title: "", body: "x" });
    expect(late.data.errors.form).toBe("proposal.errors.staleRevision");
    expect((await post(slug, id, founder.cookie, { intent: "decline", amendmentId: am2.id })).location).toContain("done=declined");
    expect((await post(slug, id, founder.cookie, { intent: "decline", amendmentId: am2.id })).data.errors.form).toBe("proposal.errors.amendmentDecided");

    // The author edits directly: revision 3.
    const e = await call(edit.action, `/a/${slug}/proposals/${id}/edit`, { cookie: founder.cookie, params: { slug, id }, form: { title: "Quiet hours", body: "Quiet after 23:00.\nNo parties.\nExcept on holidays.", expectedRevision: "2" } });
    expect(e.status).toBe(302);
    const staleEdit = await call(edit.action, `/a/${slug}/proposals/${id}/edit`, { cookie: founder.cookie, params: { slug, id }, form: { title: "Quiet hours", body: "y", expectedRevision: "2" } });
    expect(staleEdit.status).toBe(409);
    expect((await call(edit.loader, `/a/${slug}/proposals/${id}/edit`, { cookie: members[0].cookie, params: { slug, id } })).status).toBe(403);

    const cmp = await call(revisions.loader, `/a/${slug}/proposals/${id}/revisions?from=1&to=3`, { cookie: members[1].cookie, params: { slug, id } });
    expect(cmp.data.revisions.map((r: { number: number; fromAmendment: boolean }) => [r.number, r.fromAmendment])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    // Word by word: the hour is what changed, not the line (forms send CRLF line ends).
    expect(cmp.data.body.map((p: { op: string; text: string }) => ({ ...p, text: p.text.replace(/\r\n/g, "\n") }))).toEqual([
      { op: "same", text: "Quiet after " },
      { op: "del", text: "22" },
      { op: "add", text: "23" },
      { op: "same", text: ":00.\nNo parties." },
      { op: "add", text: "\nExcept on holidays." },
    ]);
  });

  it("no amendments once voting has started", async () => {
    const { slug, founder, members } = await assemblyWith({ members: 1 });
    const id = await newProposal(slug, founder.cookie, { title: "Freeze", body: "x" });
    await post(slug, id, founder.cookie, { intent: "open-round", days: "2", hours: "0" });
    const r = await post(slug, id, members[0].cookie, { intent: "amend", baseRevision: "1", body: "y" });
    expect(r.status).toBe(409);
    expect(r.data.errors.form).toBe("proposal.errors.notOpenForChanges");
  });
});

describe("charter amendments", () => {
  it("carry the proposed settings, validated by the charter schema, and show what changes", async () => {
    const { slug, founder, members, assembly } = await assemblyWith({ members: 2 });
    const flat = flattenCharter(defaultCharter());
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(flat)) if (v !== "false") fields[k] = v === "true" ? "on" : v;

    const bad = await call(create.action, `/a/${slug}/proposals/new`, { cookie: founder.cookie, params: { slug }, form: { kind: "charter_amendment", title: "Bad fraction", body: "x", ...fields, "charter.supermajority": "5/3" } });
    expect(bad.status).toBe(400);
    expect(bad.data.errors["charter.supermajority"]).toBe("errors.fraction.range");
    const same = await call(create.action, `/a/${slug}/proposals/new`, { cookie: founder.cookie, params: { slug }, form: { kind: "charter_amendment", title: "Nothing", body: "x", ...fields } });
    expect(same.data.errors.form).toBe("proposal.errors.charterUnchanged");

    const id = await newProposal(slug, founder.cookie, { kind: "charter_amendment", title: "Ten-day rounds", body: "Give people time.", ...fields, "charter.roundDays": "10" });
    const r = await view(slug, id, founder.cookie);
    expect(r.data.charterChange.proposed.roundDays).toBe(10);
    expect(r.data.charterChange.current.roundDays).toBe(7);

    await post(slug, id, founder.cookie, { intent: "open-round", days: "3", hours: "0" });
    const roundId = (await view(slug, id, founder.cookie)).data.open.id;
    for (const m of [founder, members[0], members[1]]) expect((await post(slug, id, m.cookie, { intent: "vote", roundId, choice: "yes" })).status).toBe(302);
    expect((await post(slug, id, founder.cookie, { intent: "close-round", roundId })).location).toContain("done=closed");
    expect(currentCharter(assembly.id)).toMatchObject({ version: 2, charter: { roundDays: 10 } });
  });
});

describe("rounds through the page", () => {
  it("only a facilitator opens and closes a round; a second open gets a clear 409", async () => {
    const { slug, founder, members } = await assemblyWith({ members: 1 });
    const id = await newProposal(slug, members[0].cookie, { title: "Open me", body: "x" });
    expect((await post(slug, id, members[0].cookie, { intent: "open-round", days: "1", hours: "0" })).status).toBe(403);
    const bad = await post(slug, id, founder.cookie, { intent: "open-round", days: "0", hours: "0" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.days).toBe("round.errors.durationShort");
    expect((await post(slug, id, founder.cookie, { intent: "open-round", days: "1", hours: "0" })).location).toContain("done=opened");
    const again = await post(slug, id, founder.cookie, { intent: "open-round", days: "1", hours: "0" });
    expect(again.status).toBe(409);
    expect(again.data.errors.form).toBe("round.errors.alreadyOpen");
    const roundId = (await view(slug, id, founder.cookie)).data.open.id;
    expect((await post(slug, id, members[0].cookie, { intent: "close-round", roundId })).status).toBe(403);
    expect((await post(slug, id, founder.cookie, { intent: "close-round", roundId })).location).toContain("done=closed");
    // A stale "close" form: already closed, no second decision.
    expect((await post(slug, id, founder.cookie, { intent: "close-round", roundId })).location).toContain("done=alreadyClosed");
  });

  it("a block without a reason is refused with the message next to the field; the page says the next round is the fallback", async () => {
    const { slug, founder, members } = await assemblyWith({ members: 2 });
    const id = await newProposal(slug, founder.cookie, { title: "Paint the hall", body: "Yellow." });
    await post(slug, id, founder.cookie, { intent: "open-round", days: "1", hours: "0" });
    const roundId = (await view(slug, id, founder.cookie)).data.open.id;
    const noReason = await post(slug, id, members[0].cookie, { intent: "vote", roundId, choice: "block", reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.data).toMatchObject({ intent: "vote", errors: { reason: "round.errors.blockReason" }, values: { choice: "block" } });
    expect((await post(slug, id, members[0].cookie, { intent: "vote", roundId, choice: "block", reason: "Yellow is awful" })).status).toBe(302);
    await post(slug, id, founder.cookie, { intent: "vote", roundId, choice: "agree" });
    await post(slug, id, members[1].cookie, { intent: "vote", roundId, choice: "agree" });
    await post(slug, id, founder.cookie, { intent: "close-round", roundId });
    const after = await view(slug, id, members[1].cookie);
    expect(after.data.proposal.status).toBe("tabled");
    expect(after.data.tabledAfter).toMatchObject({ round: 1, fallback: { threshold: "3/4", base: "cast" } });
    expect(after.data.rounds[0].explanation).toMatch(/^Blocked by 1 member/);
    expect(after.data.rounds[0].ballots.find((b: { choice: string }) => b.choice === "block").reason).toBe("Yellow is awful");
    await post(slug, id, founder.cookie, { intent: "open-round", days: "1", hours: "0" });
    const fb = await view(slug, id, members[1].cookie);
    expect(fb.data.open).toMatchObject({ kind: "fallback", ballotKind: "vote", fallback: { threshold: "3/4", base: "cast" } });
    expect(fb.data.open.fallback.describe.en).toBe("at least 3/4");
  });

  it("a ballot after closing and a ballot by a non-member get clear refusals", async () => {
    const { slug, founder, members } = await assemblyWith({ members: 1 });
    const id = await newProposal(slug, founder.cookie, { title: "Close it", body: "x" });
    await post(slug, id, founder.cookie, { intent: "open-round", days: "1", hours: "0" });
    const roundId = (await view(slug, id, founder.cookie)).data.open.id;
    await post(slug, id, founder.cookie, { intent: "close-round", roundId });
    const late = await post(slug, id, members[0].cookie, { intent: "vote", roundId, choice: "agree" });
    expect(late.status).toBe(409);
    expect(late.data.errors.form).toBe("round.errors.closed");
    const stranger = await quickPerson("outsider");
    expect((await post(slug, id, stranger.cookie, { intent: "vote", roundId, choice: "agree" })).status).toBe(404);
    // A round id from another proposal is not found on this page.
    const other = await newProposal(slug, founder.cookie, { title: "Other", body: "x" });
    expect((await post(slug, other, founder.cookie, { intent: "vote", roundId, choice: "agree" })).status).toBe(404);
  });

  it("a secret ballot shows its receipt once and changes only with it", async () => {
    const { slug, founder, members } = await assemblyWith({ members: 2 });
    const id = await newProposal(slug, founder.cookie, { kind: "election", title: "Treasurer", body: "One seat", candidates: "Ana\nBo\nCy", seats: "1" });
    await post(slug, id, founder.cookie, { intent: "open-round", days: "1", hours: "0" });
    const roundId = (await view(slug, id, founder.cookie)).data.open.id;
    const empty = await post(slug, id, members[0].cookie, { intent: "vote", roundId });
    expect(empty.data.errors.ranking).toBe("round.errors.rankingInvalid");
    const v = await post(slug, id, members[0].cookie, { intent: "vote", roundId, "rank.0": "2", "rank.1": "1", "rank.2": "" });
    expect(v.status).toBe(200);
    expect(v.data).toMatchObject({ ok: true, intent: "vote" });
    const receipt: string = v.data.receipt;
    expect(v.data.receiptHash).toBe(sha256(receipt.replace(/-/g, "")));
    // No receipt hash is shown before the round closes.
    expect((await view(slug, id, members[1].cookie)).data.open.published).toEqual([]);
    const again = await post(slug, id, members[0].cookie, { intent: "vote", roundId, "rank.2": "1" });
    expect(again.status).toBe(409);
    expect(again.data.errors.receipt).toBe("round.errors.receiptNeeded");
    // Someone else who got hold of the receipt cannot change the ballot from their own session.
    await post(slug, id, members[1].cookie, { intent: "vote", roundId, "rank.0": "1" });
    const stolen = await post(slug, id, members[1].cookie, { intent: "vote", roundId, "rank.1": "1", receipt });
    expect(stolen.status).toBe(400);
    expect(stolen.data.errors.receipt).toBe("round.errors.receiptUnknown");
    expect((await post(slug, id, members[0].cookie, { intent: "vote", roundId, "rank.2": "1", receipt })).location).toContain("done=changed");
    const page1 = await view(slug, id, members[0].cookie);
    expect(page1.data.mine).toEqual({ eligible: true, participated: true, ballot: null });
    expect(page1.data.open.tally).toMatchObject({ participants: 2, counts: null });
    expect(JSON.stringify(page1.data)).not.toContain(receipt);
  });

  it("200 members casting at the same moment leave exactly 200 ballots", async () => {
    const { slug, founder, members } = await assemblyWith({ members: 199, prefix: "crowd" });
    const id = await newProposal(slug, founder.cookie, { title: "Everyone votes", body: "x" });
    await post(slug, id, founder.cookie, { intent: "open-round", days: "1", hours: "0" });
    const roundId = (await view(slug, id, founder.cookie)).data.open.id;
    const voters = [founder, ...members];
    const results = await Promise.all(voters.map((m, i) => post(slug, id, m.cookie, { intent: "vote", roundId, choice: i % 10 === 0 ? "stand_aside" : "agree" })));
    expect(results.map((r) => r.status)).toEqual(voters.map(() => 302));
    const tally = (await view(slug, id, founder.cookie)).data.open.tally;
    expect(tally).toMatchObject({ participants: 200, counts: { agree: 180, stand_aside: 20, concern: 0, block: 0 } });
    // And the same 200 again at once (changing their ballots) still leaves 200.
    await Promise.all(voters.map((m) => post(slug, id, m.cookie, { intent: "vote", roundId, choice: "agree" })));
    expect((await view(slug, id, founder.cookie)).data.open.tally).toMatchObject({ participants: 200, counts: { agree: 200 } });
  });

  it("two facilitators opening a round at the same moment leave exactly one open round", async () => {
    const { slug, founder, facilitators } = await assemblyWith({ members: 0, facilitators: 3 });
    const id = await newProposal(slug, founder.cookie, { title: "Race", body: "x" });
    const openers = [founder, ...facilitators];
    const results = await Promise.all(openers.map((m) => post(slug, id, m.cookie, { intent: "open-round", days: "1", hours: "0" })));
    expect(results.filter((r) => r.status === 302)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.data.errors.form === "round.errors.alreadyOpen")).toBe(true);
    expect((await view(slug, id, founder.cookie)).data.rounds).toHaveLength(1);
    expect(db.select().from(proposals).where(eq(proposals.id, id)).get()!.status).toBe("voting");
  });
});
