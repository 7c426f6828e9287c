/**
 * A server process that dies in the middle of a secret round (tests/integration/secret-tellers.test.ts).
 * `vote`: found a body with a teller, open a secret round, cast ballots, wait for each to be
 * durable as the server does before answering, print what the test needs, and kill itself
 * with SIGKILL — no clean shutdown, the key only ever in this process's memory.
 * `count`: a fresh process on the same files closes the round (locked), unlocks it with the
 * teller's code and closes it, printing the counts.
 * `stop`: what the server does on a clean shutdown (entry.server.tsx's shutdown).
 */
import { closeDatabase, durable } from "~/db.server";
import { defaultCharter } from "~/lib/charter";
import { foundAssembly } from "~/models/assembly.server";
import { addMember } from "~/models/membership.server";
import { insertUser } from "~/models/user.server";
import { createProposal } from "~/models/proposal.server";
import { castBallot, closeRound, liveTally, openRound } from "~/models/round.server";
import { registerTeller, unlockRound } from "~/models/ballot-box.server";

const T0 = Date.UTC(2026, 1, 1, 9);
const mode = process.argv[2];

if (mode === "vote") {
  const founder = insertUser({ username: "crashfounder", displayName: "Founder", passwordHash: "x" })!;
  const charter = { ...defaultCharter(), defaultMethod: "majority" as const, secret: { ...defaultCharter().secret, general: true } };
  const a = foundAssembly({ name: "Crash tenants", kind: "tenant_union", slug: "crash", description: "", charter, founderId: founder.id })!;
  const members = Array.from({ length: 6 }, (_, i) => {
    const u = insertUser({ username: `crash${i}`, displayName: `Member ${i}`, passwordHash: "x" })!;
    addMember(a.id, u.id, "member");
    return u;
  });
  const { code } = registerTeller(a.id, founder.id, T0);
  const p = createProposal({ assemblyId: a.id, authorId: founder.id, kind: "general", title: "Rent strike", body: "x", now: T0 });
  const r = openRound({ proposalId: p.id, openedBy: founder.id, mode: "online", deadline: T0 + 86_400_000, now: T0 });
  if (!r.ok) throw new Error(r.error);
  const choices = ["yes", "yes", "no", "yes", "abstain", "yes", "no"];
  const voters = [founder, ...members];
  for (const [i, v] of voters.entries()) {
    const b = castBallot({ roundId: r.round.id, userId: v.id, choice: choices[i], now: T0 + i + 1 });
    if (!b.ok) throw new Error(b.error);
    await durable();
  }
  process.stdout.write(JSON.stringify({ roundId: r.round.id, code }) + "\n", () => process.kill(process.pid, "SIGKILL"));
} else if (mode === "count") {
  const [roundId, code] = process.argv.slice(3);
  const before = closeRound({ roundId, by: null, now: T0 + 1000 });
  const wrong = unlockRound(roundId, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE");
  const right = unlockRound(roundId, code);
  const after = closeRound({ roundId, by: null, now: T0 + 1000 });
  console.log(JSON.stringify({ before, wrong, right, outcome: after.ok ? after.round.outcome : after, counts: liveTally(roundId)?.counts }));
}
else if (mode === "stop") {
  insertUser({ username: "cleanstop", displayName: "Clean", passwordHash: "x" });
  await durable();
  closeDatabase();
}
