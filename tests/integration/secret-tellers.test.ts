/**
 * Secret rounds that survive a crash (a teller unlocks the count), a charter without
 * receipts, who voted published after close, backups, and the recount file counted by
 * `npm run tally` (docs/decisions/009-secret-ballots.md).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sqlite } from "~/db.server";
import { defaultCharter, type Charter } from "~/lib/charter";
import * as create from "~/routes/a.$slug.proposals.new";
import * as page from "~/routes/a.$slug.proposals.$id._index";
import * as tellers from "~/routes/a.$slug.tellers";
import * as recount from "~/routes/a.$slug.proposals.$id_.recount.$number";
import { forgetRoundKeys } from "~/models/ballot-box.server";
import { call } from "../helpers/remix";
import { assemblyWith } from "../helpers/decisions";
import { ballotTablesOf, cellOrderAttack, diffAttack, latestState, openImage, pageImageAttack, snapshot, type Truth } from "../helpers/forensics";

const root = path.resolve(__dirname, "..", "..");
const secretGeneral = (over: Partial<Charter> = {}): Charter => ({ ...defaultCharter(), defaultMethod: "majority", secret: { ...defaultCharter().secret, general: true }, ...over });

function post(slug: string, id: string, cookie: string, form: Record<string, string>) {
  return call(page.action, `/a/${slug}/proposals/${id}`, { cookie, params: { slug, id }, form });
}
function view(slug: string, id: string, cookie: string) {
  return call(page.loader, `/a/${slug}/proposals/${id}`, { cookie, params: { slug, id } });
}
async function newProposal(slug: string, cookie: string, form: Record<string, string>) {
  const r = await call(create.action, `/a/${slug}/proposals/new`, { cookie, params: { slug }, form: { kind: "general", start: "discussion", ...form } });
  expect(r.status).toBe(302);
  return r.location!.split("/").pop()!;
}
async function openSecretRound(slug: string, cookie: string, form: Record<string, string> = { title: "Rent strike", body: "Withhold rent in March." }) {
  const id = await newProposal(slug, cookie, form);
  expect((await post(slug, id, cookie, { intent: "open-round", days: "1", hours: "0" })).status).toBe(302);
  const open = (await view(slug, id, cookie)).data.open;
  expect(open.secret).toBe(true);
  return { id, roundId: open.id as string };
}

function tally(file: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "app", "bin", "tally.ts"), file], { cwd: root, encoding: "utf8" });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe("tellers", () => {
  it("a facilitator becomes a teller and gets a recovery code once; members cannot", async () => {
    const a = await assemblyWith({ members: 1 });
    const r = await call(tellers.action, `/a/${a.slug}/tellers`, { cookie: a.founder.cookie, params: { slug: a.slug }, form: { intent: "become" } });
    expect(r.status).toBe(200);
    expect(r.data.code).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){4}$/);
    const list = await call(tellers.loader, `/a/${a.slug}/tellers`, { cookie: a.members[0].cookie, params: { slug: a.slug } });
    expect(list.data.tellers).toHaveLength(1);
    expect(JSON.stringify(list.data)).not.toContain(r.data.code);
    expect(list.data.me).toEqual({ isTeller: false, mayBe: false });
    expect((await call(tellers.action, `/a/${a.slug}/tellers`, { cookie: a.members[0].cookie, params: { slug: a.slug }, form: { intent: "become" } })).status).toBe(403);
    expect((await call(tellers.action, `/a/${a.slug}/tellers`, { cookie: a.founder.cookie, params: { slug: a.slug }, form: { intent: "nonsense" } })).status).toBe(400);
  });

  it("after the server forgets the round's key, the count is locked until a teller's code unlocks it", async () => {
    const a = await assemblyWith({ members: 3, charter: secretGeneral() });
    const code: string = (await call(tellers.action, `/a/${a.slug}/tellers`, { cookie: a.founder.cookie, params: { slug: a.slug }, form: { intent: "become" } })).data.code;
    const { id, roundId } = await openSecretRound(a.slug, a.founder.cookie);
    const voters = [a.founder, ...a.members];
    for (const v of voters.slice(0, 3)) expect((await post(a.slug, id, v.cookie, { intent: "vote", roundId, choice: "yes" })).status).toBe(200);
    forgetRoundKeys();
    // Voting goes on meanwhile: sealing a ballot needs only the round's public key.
    expect((await post(a.slug, id, voters[3].cookie, { intent: "vote", roundId, choice: "no" })).status).toBe(200);
    expect((await view(a.slug, id, a.founder.cookie)).data.open.locked).toBe(true);
    const refused = await post(a.slug, id, a.founder.cookie, { intent: "close-round", roundId });
    expect(refused.status).toBe(409);
    expect(refused.data.errors.form).toBe("round.errors.locked");
    expect((await post(a.slug, id, a.members[0].cookie, { intent: "unlock", roundId, code })).status).toBe(403);
    expect((await post(a.slug, id, a.founder.cookie, { intent: "unlock", roundId, code: "" })).data.errors.code).toBe("errors.required");
    const wrong = await post(a.slug, id, a.founder.cookie, { intent: "unlock", roundId, code: "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE" });
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.code).toBe("teller.errors.wrongCode");
    expect((await post(a.slug, id, a.founder.cookie, { intent: "unlock", roundId, code: code.toLowerCase() })).location).toContain("done=unlocked");
    expect((await post(a.slug, id, a.founder.cookie, { intent: "close-round", roundId })).status).toBe(302);
    const closed = (await view(a.slug, id, a.founder.cookie)).data.rounds[0];
    expect(closed.tally.counts).toEqual({ yes: 3, no: 1, abstain: 0 });
  });

  it("a server killed (SIGKILL) in the middle of a secret round loses no ballot; a teller unlocks the count after the restart", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-crash-"));
    const env = { ...process.env, DATABASE_PATH: path.join(dir, "crash.db"), PLENARY_NO_BACKGROUND: "1" };
    const run = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", path.join(root, "tests", "helpers", "crash-child.ts"), ...args], { cwd: root, env, encoding: "utf8" });
    const voting = run(["vote"]);
    expect(voting.signal).toBe("SIGKILL");
    const { roundId, code } = JSON.parse(voting.stdout) as { roundId: string; code: string };
    // With a teller, no key file was written beside the database: only the teller's code opens the count.
    expect(fs.existsSync(path.join(dir, "crash.db.key"))).toBe(false);
    const counting = run(["count", roundId, code]);
    expect(counting.stderr).toBe("");
    expect(JSON.parse(counting.stdout)).toEqual({
      before: { ok: false, error: "round.errors.locked", status: 409 },
      wrong: { ok: false, error: "teller.errors.wrongCode", status: 400 },
      right: { ok: true },
      outcome: "passed",
      counts: { yes: 4, no: 2, abstain: 1 },
    });
  });

  it("a clean shutdown empties the WAL into the database file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-stop-"));
    const file = path.join(dir, "stop.db");
    const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "tests", "helpers", "crash-child.ts"), "stop"], { cwd: root, env: { ...process.env, DATABASE_PATH: file, PLENARY_NO_BACKGROUND: "1" }, encoding: "utf8" });
    expect(r.status).toBe(0);
    // No WAL left behind (or an empty one): no page images of recent commits outside the file.
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    expect(fs.readFileSync(file).includes(Buffer.from("cleanstop"))).toBe(true);
  });

  it("a body without tellers has its round keys sealed to a key beside the database, which unlocks by itself", async () => {
    const a = await assemblyWith({ members: 1, charter: secretGeneral() });
    const { id, roundId } = await openSecretRound(a.slug, a.founder.cookie);
    expect((await post(a.slug, id, a.members[0].cookie, { intent: "vote", roundId, choice: "yes" })).status).toBe(200);
    forgetRoundKeys();
    expect(fs.existsSync(`${process.env.DATABASE_PATH}.key`)).toBe(true);
    expect((await view(a.slug, id, a.founder.cookie)).data.open.locked).toBe(false);
    expect((await post(a.slug, id, a.founder.cookie, { intent: "close-round", roundId })).status).toBe(302);
  });
});

describe("publishing a secret round", () => {
  it("without receipts a voter gets none and cannot change their ballot; the count is published as usual", async () => {
    const a = await assemblyWith({ members: 2, charter: secretGeneral({ receipts: false }) });
    const { id, roundId } = await openSecretRound(a.slug, a.founder.cookie);
    const first = await post(a.slug, id, a.members[0].cookie, { intent: "vote", roundId, choice: "yes" });
    expect(first.location).toContain("done=voted");
    const again = await post(a.slug, id, a.members[0].cookie, { intent: "vote", roundId, choice: "no" });
    expect(again.status).toBe(409);
    expect(again.data.errors.form).toBe("round.errors.noChangeWithoutReceipts");
    expect((await view(a.slug, id, a.members[0].cookie)).data.open.receipts).toBe(false);
    await post(a.slug, id, a.members[1].cookie, { intent: "vote", roundId, choice: "no" });
    await post(a.slug, id, a.founder.cookie, { intent: "close-round", roundId });
    const round = (await view(a.slug, id, a.founder.cookie)).data.rounds[0];
    expect(round.published.map((b: { choice: string }) => b.choice).sort()).toEqual(["no", "yes"]);
  });

  it("who voted (not how) is shown to members only once the round has closed", async () => {
    const a = await assemblyWith({ members: 3, observers: 1, charter: secretGeneral() });
    const { id, roundId } = await openSecretRound(a.slug, a.founder.cookie);
    for (const v of a.members.slice(0, 2)) await post(a.slug, id, v.cookie, { intent: "vote", roundId, choice: "yes" });
    const observer = a.observers[0];
    expect((await view(a.slug, id, observer.cookie)).data.open.voted).toEqual([]);
    await post(a.slug, id, a.founder.cookie, { intent: "close-round", roundId });
    const round = (await view(a.slug, id, observer.cookie)).data.rounds[0];
    const names = (sqlite.prepare("select display_name as n from users where id in (?, ?) order by display_name").all(a.members[0].id, a.members[1].id) as Array<{ n: string }>).map((r) => r.n);
    expect(round.voted).toEqual(names);
    expect(JSON.stringify(round.voted)).not.toMatch(/yes/);
  });

  it("the recount file of a closed round counts with npm run tally to the stored result", async () => {
    const a = await assemblyWith({ members: 6, charter: secretGeneral() });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-recount-"));
    const voters = [a.founder, ...a.members];

    const vote = await openSecretRound(a.slug, a.founder.cookie);
    const choices = ["yes", "no", "yes", "abstain", "yes", "no", "yes"];
    for (const [i, v] of voters.entries()) await post(a.slug, vote.id, v.cookie, { intent: "vote", roundId: vote.roundId, choice: choices[i] });
    await post(a.slug, vote.id, a.founder.cookie, { intent: "close-round", roundId: vote.roundId });
    // Not before it closes, and not for another body's members.
    const file = await call(recount.loader, `/a/${a.slug}/proposals/${vote.id}/recount/1`, { cookie: a.members[0].cookie, params: { slug: a.slug, id: vote.id, number: "1" } });
    expect(file.headers.get("content-disposition")).toContain("proposal-1-round-1.json");
    expect(JSON.stringify(file.data)).not.toContain(a.members[0].id);
    fs.writeFileSync(path.join(dir, "vote.json"), JSON.stringify(file.data));
    const stored = (await view(a.slug, vote.id, a.founder.cookie)).data.rounds[0];
    expect(tally(path.join(dir, "vote.json"))).toMatchObject({ outcome: stored.outcome, yes: 4, no: 2 });

    const election = await openSecretRound(a.slug, a.founder.cookie, { kind: "election", title: "Treasurer", body: "One seat", candidates: "Ana\nBo\nCy", seats: "1" });
    const rankings = [[0, 1], [1, 0], [2, 1, 0], [1], [2, 0], [1, 2], [0, 2, 1]];
    for (const [i, v] of voters.entries()) {
      const form: Record<string, string> = { intent: "vote", roundId: election.roundId };
      rankings[i].forEach((c, pos) => (form[`rank.${c}`] = String(pos + 1)));
      await post(a.slug, election.id, v.cookie, form);
    }
    await post(a.slug, election.id, a.founder.cookie, { intent: "close-round", roundId: election.roundId });
    const blt = await call(recount.loader, `/a/${a.slug}/proposals/${election.id}/recount/1`, { cookie: a.founder.cookie, params: { slug: a.slug, id: election.id, number: "1" } });
    fs.writeFileSync(path.join(dir, "election.blt"), String(blt.data));
    const stored2 = (await view(a.slug, election.id, a.founder.cookie)).data.rounds[0];
    expect(stored2.figures.elected).toHaveLength(1);
    expect(tally(path.join(dir, "election.blt"))).toMatchObject({ elected: stored2.figures.elected, validVotes: 7 });
    const missing = await call(recount.loader, `/a/${a.slug}/proposals/${election.id}/recount/9`, { cookie: a.founder.cookie, params: { slug: a.slug, id: election.id, number: "9" } });
    expect(missing.status).toBe(404);
  });

  it("a backup taken while the round is open, restored after it closed, links nobody", async () => {
    const a = await assemblyWith({ members: 7, charter: secretGeneral() });
    const { id, roundId } = await openSecretRound(a.slug, a.founder.cookie, { kind: "election", title: "Chair", body: "One seat", candidates: "Ana\nBo\nCy\nDi", seats: "1" });
    const voters = [a.founder, ...a.members];
    const truth: Truth = { voters: voters.map((v) => v.id), ballotOf: new Map() };
    const perms = [[0, 1, 2, 3], [1, 0, 2, 3], [2, 3, 1, 0], [3, 2, 0, 1], [0, 3, 2, 1], [1, 2, 3, 0], [2, 0, 3, 1], [3, 1, 2, 0]];
    for (const [i, v] of voters.entries()) {
      const form: Record<string, string> = { intent: "vote", roundId };
      perms[i].forEach((c, pos) => (form[`rank.${c}`] = String(pos + 1)));
      await post(a.slug, id, v.cookie, form);
      truth.ballotOf.set(v.id, JSON.stringify(perms[i].map((c) => [c])));
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-backup-"));
    const backup = path.join(dir, "backup.db");
    await sqlite.backup(backup);
    await post(a.slug, id, a.founder.cookie, { intent: "close-round", roundId });
    const restored = { db: fs.readFileSync(backup), wal: null };
    const closed = snapshot(process.env.DATABASE_PATH!);
    const closedState = latestState(closed);
    // The backup holds who voted and sealed boxes; the closed file holds the ballots in random order.
    const { db: copy, dispose } = openImage(restored.db);
    expect(copy.prepare("select count(*) as n from sealed_ballots where round_id = ?").get(roundId)).toEqual({ n: 8 });
    expect(copy.prepare("select count(*) as n from secret_ballots where round_id = ?").get(roundId)).toEqual({ n: 0 });
    dispose();
    expect(diffAttack([restored.db, closedState], truth)).toEqual({ linked: 0, narrowed: 0 });
    expect(pageImageAttack([restored, closed], truth)).toEqual({ linked: 0, narrowed: 0 });
    expect(cellOrderAttack(restored.db, truth, "round_participation", ballotTablesOf(restored.db))).toMatchObject({ linked: 0, narrowed: 0 });
  });
});
