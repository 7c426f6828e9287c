import { describe, expect, it } from "vitest";
import { sqlite } from "~/db.server";
import { sha256 } from "~/lib/ids.server";
import { defaultCharter } from "~/lib/charter";
import { createProposal } from "~/models/proposal.server";
import { castBallot, closeRound, liveTally, myBallot, openRound, publishedBallots } from "~/models/round.server";
import { listRecord } from "~/models/record.server";
import { assemblyWith } from "../helpers/decisions";

const T0 = Date.UTC(2026, 1, 1, 9);
const secretCharter = { ...defaultCharter(), defaultMethod: "majority" as const, secret: { ...defaultCharter().secret, general: true } };

async function secretRound(members: number) {
  const a = await assemblyWith({ members, charter: secretCharter });
  const p = createProposal({ assemblyId: a.assembly.id, authorId: a.founder.id, kind: "general", title: "Rent strike", body: "Withhold rent in March.", now: T0 });
  const r = openRound({ proposalId: p.id, openedBy: a.founder.id, mode: "online", deadline: T0 + 86_400_000, now: T0 });
  if (!r.ok) throw new Error(r.error);
  return { ...a, proposal: p, round: r.round };
}

function columns(table: string): string[] {
  return (sqlite.prepare(`select name from pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((c) => c.name);
}

describe("secret ballots", () => {
  it("gives the voter a receipt once; changing the ballot needs that receipt", async () => {
    const { round, members } = await secretRound(3);
    expect(round.secret).toBe(true);
    const first = castBallot({ roundId: round.id, userId: members[0].id, choice: "yes", now: T0 + 1 });
    if (!first.ok) throw new Error(first.error);
    expect(first.receipt).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    expect(castBallot({ roundId: round.id, userId: members[0].id, choice: "no", now: T0 + 2 })).toMatchObject({ ok: false, status: 409, error: "round.errors.receiptNeeded", field: "receipt" });
    expect(castBallot({ roundId: round.id, userId: members[0].id, choice: "no", receipt: "AAAA-BBBB-CCCC-DDDD", now: T0 + 2 })).toMatchObject({ ok: false, status: 400, error: "round.errors.receiptUnknown" });
    // Receipts are read forgivingly: case, spaces and dashes do not matter.
    const typed = first.receipt!.toLowerCase().replace(/-/g, " ");
    expect(castBallot({ roundId: round.id, userId: members[0].id, choice: "no", receipt: typed, now: T0 + 3 })).toMatchObject({ ok: true, changed: true, receipt: null });

    expect(myBallot(round.id, members[0].id)).toEqual({ eligible: true, participated: true, ballot: null });
    // Until it closes, only how many took part is shown.
    expect(liveTally(round.id)).toMatchObject({ participants: 1, counts: null });
    // Receipt hashes are published only once the round closes (a list growing with each vote
    // would tell an observer whose hash is new).
    expect(publishedBallots(round.id)).toEqual([]);
    closeRound({ roundId: round.id, by: null, now: T0 + 4 });
    expect(publishedBallots(round.id)).toEqual([{ receiptHash: sha256(first.receipt!.replace(/-/g, "")), choice: "no", reason: null, text: null, ranking: null }]);
  });

  it("publishes the receipt hashes sorted, with choices once closed, and records only counts", async () => {
    const { round, founder, members, assembly } = await secretRound(4);
    const voters = [founder, ...members];
    const choices = ["yes", "yes", "no", "yes", "abstain"];
    const receipts = voters.map((v, i) => {
      const r = castBallot({ roundId: round.id, userId: v.id, choice: choices[i], now: T0 + 10 + i });
      if (!r.ok) throw new Error(r.error);
      return r.receipt!;
    });
    const closed = closeRound({ roundId: round.id, by: founder.id, now: T0 + 1000 });
    if (!closed.ok) throw new Error();
    expect(closed.round.outcome).toBe("passed");
    const list = publishedBallots(round.id);
    const hashes = list.map((b) => b.receiptHash);
    expect(hashes).toEqual([...hashes].sort());
    expect(hashes.sort()).toEqual(receipts.map((r) => sha256(r.replace(/-/g, ""))).sort());
    expect(list.map((b) => b.choice).sort()).toEqual([...choices].sort());
    expect(liveTally(round.id)).toMatchObject({ counts: { yes: 3, no: 1, abstain: 1 } });

    const entry = listRecord(assembly.id)[0];
    expect(entry.payload).not.toContain(founder.id);
    for (const m of members) expect(entry.payload).not.toContain(m.id);
    for (const r of receipts) expect(entry.payload).not.toContain(sha256(r.replace(/-/g, "")));
  });

  it("no column, key, row order or time links a person to a choice", async () => {
    const { round, founder, members } = await secretRound(9);
    const voters = [founder, ...members];
    voters.forEach((v, i) => castBallot({ roundId: round.id, userId: v.id, choice: i % 3 === 0 ? "no" : "yes", now: T0 + i }));

    const participation = columns("round_participation");
    const secret = columns("secret_ballots");
    expect(participation.sort()).toEqual(["round_id", "user_id"]);
    expect(secret.sort()).toEqual(["choice", "ranking", "reason", "receipt_hash", "round_id", "text"]);
    // The only column the two tables share is the round.
    expect(participation.filter((c) => secret.includes(c))).toEqual(["round_id"]);
    // No rowid: rows carry no hidden insertion number that could be lined up.
    const tables = sqlite.prepare("select name, wr from pragma_table_list where name in ('round_participation', 'secret_ballots')").all() as Array<{ name: string; wr: number }>;
    expect(tables.map((t) => t.wr)).toEqual([1, 1]);
    expect(() => sqlite.prepare("select rowid from secret_ballots").all()).toThrow(/rowid/);
    // Rows are stored in key order: participation by user id, choices by receipt hash —
    // neither is the order people voted in.
    const storedParticipation = (sqlite.prepare("select user_id from round_participation where round_id = ?").all(round.id) as Array<{ user_id: string }>).map((r) => r.user_id);
    expect(storedParticipation).toEqual(voters.map((v) => v.id).sort());
    const storedChoices = (sqlite.prepare("select receipt_hash from secret_ballots where round_id = ?").all(round.id) as Array<{ receipt_hash: string }>).map((r) => r.receipt_hash);
    expect(storedChoices).toEqual([...storedChoices].sort());
    // And nothing about timing is stored anywhere in either table.
    for (const c of [...participation, ...secret]) expect(c).not.toMatch(/at$|time|date|seq|order/);
  });

  it("a secret round's ballot by someone outside the electorate is refused", async () => {
    const { round } = await secretRound(1);
    const outsider = (await assemblyWith({ members: 0, prefix: "other" })).founder;
    expect(castBallot({ roundId: round.id, userId: outsider.id, choice: "yes", now: T0 + 1 })).toMatchObject({ ok: false, status: 403 });
    expect(sqlite.prepare("select count(*) as n from round_participation where round_id = ?").get(round.id)).toEqual({ n: 0 });
    expect(sqlite.prepare("select count(*) as n from secret_ballots where round_id = ?").get(round.id)).toEqual({ n: 0 });
  });
});
