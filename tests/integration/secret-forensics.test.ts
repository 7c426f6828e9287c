/**
 * The secret ballot against someone holding the server's files (a seized laptop, a copied
 * backup) and against an observer member watching the page. Twelve members vote in a secret
 * election through the proposal page's action; after each vote the database files are
 * copied; then every attack in tests/helpers/forensics.ts tries to link voters to ballots —
 * while the round is open and after it closed. See docs/decisions/009-secret-ballots.md.
 */
import { describe, expect, it } from "vitest";
import * as create from "~/routes/a.$slug.proposals.new";
import * as page from "~/routes/a.$slug.proposals.$id._index";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";
import { ballotTablesOf, cellOrderAttack, diffAttack, latestState, openImage, pageImageAttack, snapshot, statesInWal, type Finding, type Snapshot, type Truth } from "../helpers/forensics";

const dbPath = process.env.DATABASE_PATH!;

/** Twelve different rankings of four candidates: each ballot is its voter's alone. */
const RANKINGS = [
  [0, 1, 2, 3],
  [1, 0, 3, 2],
  [2, 3, 0, 1],
  [3, 2, 1, 0],
  [0, 2, 3, 1],
  [1, 3, 2, 0],
  [2, 0, 1, 3],
  [3, 1, 0, 2],
  [0, 3, 1, 2],
  [1, 2, 0, 3],
  [2, 1, 3, 0],
  [3, 0, 2, 1],
];

function post(slug: string, id: string, cookie: string, form: Record<string, string>) {
  return call(page.action, `/a/${slug}/proposals/${id}`, { cookie, params: { slug, id }, form });
}
function view(slug: string, id: string, cookie: string) {
  return call(page.loader, `/a/${slug}/proposals/${id}`, { cookie, params: { slug, id } });
}

function report(label: string, findings: Record<string, Finding>) {
  const parts = Object.entries(findings).map(([k, f]) => `${k} ${f.linked}/12 linked, ${f.narrowed}/12 narrowed`);
  console.log(`forensics (${label}): ${parts.join("; ")}`);
}

describe("a secret ballot against the database files and an observer", () => {
  it("links no voter to a ballot, while the round is open or after it closed", async () => {
    const a = await assemblyWith({ members: 11, observers: 1, prefix: "forensic" });
    const voters = [a.founder, ...a.members];
    const observer = a.observers[0];
    const created = await call(create.action, `/a/${a.slug}/proposals/new`, {
      cookie: a.founder.cookie,
      params: { slug: a.slug },
      form: { kind: "election", start: "discussion", title: "Treasurer", body: "One seat", candidates: "Ana\nBo\nCy\nDi", seats: "1" },
    });
    expect(created.status).toBe(302);
    const id = created.location!.split("/").pop()!;
    expect((await post(a.slug, id, a.founder.cookie, { intent: "open-round", days: "1", hours: "0" })).status).toBe(302);
    const opened = (await view(a.slug, id, a.founder.cookie)).data.open;
    expect(opened.secret).toBe(true);
    const roundId: string = opened.id;

    const truth: Truth = { voters: voters.map((v) => v.id), ballotOf: new Map() };
    const snaps: Snapshot[] = [snapshot(dbPath)];
    // What the observer saw appear on the page after each vote (receipt hashes, anything listed).
    const seen = new Map<string, Set<string>>();
    let shown = new Set<string>((await view(a.slug, id, observer.cookie)).data.open.published.map((b: { receiptHash: string }) => b.receiptHash));
    for (const [i, v] of voters.entries()) {
      const ranking = RANKINGS[i];
      const form: Record<string, string> = { intent: "vote", roundId };
      ranking.forEach((c, pos) => (form[`rank.${c}`] = String(pos + 1)));
      const r = await post(a.slug, id, v.cookie, form);
      expect(r.status).toBeLessThan(400);
      truth.ballotOf.set(v.id, JSON.stringify(ranking.map((c) => [c])));
      snaps.push(snapshot(dbPath));
      const now = new Set<string>((await view(a.slug, id, observer.cookie)).data.open.published.map((b: { receiptHash: string }) => b.receiptHash));
      seen.set(v.id, new Set([...now].filter((h) => !shown.has(h))));
      shown = now;
    }

    // While the round is open.
    const participation = "round_participation";
    const openStates = snaps.map(latestState);
    const whileOpen = {
      "diff of copies": diffAttack(openStates, truth),
      "WAL history": diffAttack(statesInWal(snaps[snaps.length - 1]), truth),
      "old page images": pageImageAttack(snaps, truth),
      "cell order": cellOrderAttack(openStates[openStates.length - 1], truth, participation, ballotTablesOf(openStates[openStates.length - 1])),
    };

    expect((await post(a.slug, id, a.founder.cookie, { intent: "close-round", roundId })).status).toBe(302);
    const closed = snapshot(dbPath);
    const closedState = latestState(closed);
    // The observer now reads the published ballots and lines them up with what appeared after each vote.
    const closedView = (await view(a.slug, id, observer.cookie)).data;
    const round = closedView.rounds.find((r: { id: string }) => r.id === roundId);
    const byHash = new Map<string, string>(round.published.map((b: { receiptHash: string; ranking: number[][] }) => [b.receiptHash, JSON.stringify(b.ranking)]));
    const observed = new Map<string, Set<string>>();
    for (const [voter, hashes] of seen) observed.set(voter, new Set([...hashes].map((h) => byHash.get(h)).filter((b): b is string => Boolean(b))));
    const observerLinked = [...observed].filter(([v, b]) => b.size === 1 && b.has(truth.ballotOf.get(v)!)).length;

    const cells = cellOrderAttack(closedState, truth, participation, ballotTablesOf(closedState));
    const afterClose = {
      "WAL history": diffAttack(statesInWal(closed), truth),
      "old page images": pageImageAttack([closed], truth),
      "old page images with the copies taken while open": pageImageAttack([...snaps, closed], truth),
      "cell order": cells,
    };
    report("while open", { ...whileOpen, observer: { linked: observerLinked, narrowed: observerLinked } });
    report("after close", afterClose);

    // The count is there to be checked: all twelve ballots are published once closed.
    expect([...byHash.values()].sort()).toEqual([...truth.ballotOf.values()].sort());

    for (const f of Object.values(whileOpen)) expect(f).toMatchObject({ linked: 0, narrowed: 0 });
    expect(observerLinked).toBe(0);
    expect(afterClose["WAL history"]).toMatchObject({ linked: 0, narrowed: 0 });
    expect(afterClose["old page images"]).toMatchObject({ linked: 0, narrowed: 0 });
    expect(afterClose["old page images with the copies taken while open"]).toMatchObject({ linked: 0, narrowed: 0 });
    // The sealed ballots themselves are gone from every byte of the files (so not even a key
    // found later could open them), and so is the round's key.
    const { db: copy, dispose } = openImage(openStates[openStates.length - 1]);
    const boxes = (copy.prepare("select box from sealed_ballots").all() as Array<{ box: Buffer }>).map((r) => r.box);
    const sealedKey = copy.prepare("select sealed from round_keys").all() as Array<{ sealed: string }>;
    dispose();
    expect(boxes).toHaveLength(12);
    expect(sealedKey).toHaveLength(1);
    const files = Buffer.concat([closed.db, closed.wal ?? Buffer.alloc(0)]);
    for (const box of boxes) for (const at of [0, 60, 1000, 4000]) expect(files.indexOf(box.subarray(at, at + 32))).toBe(-1);
    expect(files.indexOf(Buffer.from(JSON.parse(sealedKey[0].sealed)[0].box, "base64").subarray(0, 32))).toBe(-1);
    // Lining up the two tables' cells can only match by chance: the ballots sit in the order
    // of keys drawn at random when the round closed, whatever order people voted in.
    expect(cells.ballotsInKeyOrder).toBe(true);
  });
});
