import { describe, expect, it } from "vitest";
import * as proposalPage from "~/routes/a.$slug.proposals.$id._index";
import * as ballotsRoute from "~/routes/a.$slug.proposals.$id.ballots";
import { createProposal } from "~/models/proposal.server";
import { castBallot, openRound } from "~/models/round.server";
import { defaultCharter } from "~/lib/charter";
import { call } from "../helpers/remix";
import { assemblyWith, quickPerson } from "../helpers/decisions";

describe("a round's ballots", () => {
  it("the proposal page shows the latest 50 (newest first) and the count; the ballots page lists them all, 200 a page", async () => {
    const charter = defaultCharter();
    charter.defaultMethod = "majority";
    const a = await assemblyWith({ members: 240, charter, prefix: "bp" });
    const now = Date.now();
    const p = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Paint the hall", body: "Green.", status: "discussion", now });
    const opened = openRound({ proposalId: p.id, openedBy: a.founder.id, mode: "online", deadline: now + 86_400_000, now });
    if (!opened.ok) throw new Error(opened.error);
    a.members.forEach((m, i) => expect(castBallot({ roundId: opened.round.id, userId: m.id, choice: i % 3 ? "yes" : "no", now: now + i }).ok).toBe(true));
    // The first voter changes their ballot last: it becomes the newest.
    expect(castBallot({ roundId: opened.round.id, userId: a.members[0].id, choice: "abstain", now: now + 1_000 })).toMatchObject({ ok: true, changed: true });

    const params = { slug: a.slug, id: p.id };
    const page = await call(proposalPage.loader, `/a/${a.slug}/proposals/${p.id}`, { cookie: a.founder.cookie, params });
    const round = page.data.rounds[0];
    expect(round.ballotCount).toBe(240);
    expect(round.ballots).toHaveLength(50);
    const newestFirst = [a.members[0], ...[...a.members].reverse().slice(0, 49)].map((m) => m.username.replace(/^(\D+)(\d+)$/, "$1 $2"));
    expect(round.ballots.map((b: { name: string }) => b.name)).toEqual(newestFirst);
    expect(round.ballots[0].choice).toBe("abstain");
    // Counted by choice: 80 of the 240 said no, the first of them changed to abstain.
    expect(round.tally).toMatchObject({ participants: 240, counts: { yes: 160, no: 79, abstain: 1 } });

    const first = await call(ballotsRoute.loader, `/a/${a.slug}/proposals/${p.id}/ballots?round=1`, { cookie: a.founder.cookie, params });
    expect(first.data).toMatchObject({ total: 240, page: 1, pages: 2 });
    expect(first.data.ballots).toHaveLength(200);
    const second = await call(ballotsRoute.loader, `/a/${a.slug}/proposals/${p.id}/ballots?round=1&page=2`, { cookie: a.founder.cookie, params });
    expect(second.data.ballots).toHaveLength(40);
    const names = new Set([...first.data.ballots, ...second.data.ballots].map((b: { name: string }) => b.name));
    expect(names.size).toBe(240);

    expect((await call(ballotsRoute.loader, `/a/${a.slug}/proposals/${p.id}/ballots?round=9`, { cookie: a.founder.cookie, params })).status).toBe(404);
    const outsider = await quickPerson("bpout");
    expect((await call(ballotsRoute.loader, `/a/${a.slug}/proposals/${p.id}/ballots?round=1`, { cookie: outsider.cookie, params })).status).toBe(404);
  });
});
