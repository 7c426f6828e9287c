import { describe, expect, it } from "vitest";
import * as proposalPage from "~/routes/a.$slug.proposals.$id._index";
import * as ballotsRoute from "~/routes/a.$slug.proposals.$id.ballots";
import { createProposal } from "~/models/proposal.server";
import { castBallot, openRound } from "~/models/round.server";
import { defaultCharter } from "~/lib/charter";
import { call } from "../helpers/remix";
import { assemblyWith, quickPerson } from "../helpers/decisions";

describe("a round's ballots", () => {
  it("the proposal page shows the first 50 and the count; the ballots page lists them all, 200 a page", async () => {
    const charter = defaultCharter();
    charter.defaultMethod = "majority";
    const a = await assemblyWith({ members: 240, charter, prefix: "bp" });
    const now = Date.now();
    const p = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Paint the hall", body: "Green.", status: "discussion", now });
    const opened = openRound({ proposalId: p.id, openedBy: a.founder.id, mode: "online", deadline: now + 86_400_000, now });
    if (!opened.ok) throw new Error(opened.error);
    for (const m of a.members) expect(castBallot({ roundId: opened.round.id, userId: m.id, choice: "yes", now }).ok).toBe(true);

    const params = { slug: a.slug, id: p.id };
    const page = await call(proposalPage.loader, `/a/${a.slug}/proposals/${p.id}`, { cookie: a.founder.cookie, params });
    const round = page.data.rounds[0];
    expect(round.ballotCount).toBe(240);
    expect(round.ballots).toHaveLength(50);

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
