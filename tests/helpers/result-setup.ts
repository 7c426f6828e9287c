/**
 * A decided election for the result-page browser tests, made through the app's models in the
 * test's own database: 14 members elect 2 of 5 candidates by STV from 13 ranked ballots, so
 * the count has a surplus (fractional transfer values), two exclusions and a candidate
 * reaching the quota on transfers (ballots below; the same count is worked in the e2e test).
 * Usage: DATABASE_PATH=… tsx tests/helpers/result-setup.ts → one JSON line.
 */
import { defaultCharter } from "~/lib/charter";
import { foundAssembly } from "~/models/assembly.server";
import { addMember } from "~/models/membership.server";
import { hashPassword, insertUser } from "~/models/user.server";
import { createProposal } from "~/models/proposal.server";
import { castBallot, closeRound, openRound } from "~/models/round.server";
import { lucia } from "~/web/session.server";
import { closeDatabase } from "~/db.server";

export type ResultRoom = { slug: string; proposalId: string; session: string; sessionEs: string };

// Candidates by index: Ana 0, Bea 1, Carlos 2, Dana 3, Eli 4. [how many, ranking]
const BALLOTS: Array<[number, number[]]> = [
  [6, [0, 1]],
  [1, [1, 2]],
  [3, [2, 3]],
  [2, [3, 2]],
  [1, [4, 1]],
];

async function main() {
  const hash = await hashPassword("correct horse battery");
  const person = (username: string, name: string, locale: "en" | "es" = "en") => {
    const u = insertUser({ username, displayName: name, passwordHash: hash, locale });
    if (!u) throw new Error(`could not create ${username}`);
    return u;
  };
  const fay = person("fay.f", "Fay");
  const a = foundAssembly({ name: "Oak Street Tenants", kind: "assembly", slug: "oak", description: "", charter: defaultCharter(), founderId: fay.id });
  if (!a) throw new Error("could not found the assembly");
  const voters = Array.from({ length: 13 }, (_, i) => {
    const u = person(`member${i + 1}`, `Member ${i + 1}`, i === 0 ? "es" : "en");
    addMember(a.id, u.id, "member");
    return u;
  });
  const now = Date.now() - 60_000;
  const p = createProposal({
    assemblyId: a.id,
    authorId: fay.id,
    kind: "election",
    title: "Elect the building committee",
    body: "Two seats on the building committee for a year.",
    options: ["Ana", "Bea", "Carlos", "Dana", "Eli"].map((name) => ({ name })),
    seats: 2,
    now,
  });
  const opened = openRound({ proposalId: p.id, openedBy: fay.id, mode: "online", deadline: now + 86_400_000, now });
  if (!opened.ok) throw new Error(`round: ${JSON.stringify(opened)}`);
  let v = 0;
  for (const [n, ranking] of BALLOTS)
    for (let i = 0; i < n; i++) {
      const cast = castBallot({ roundId: opened.round.id, userId: voters[v++].id, choice: "ranking", ranking: ranking.map((c) => [c]), now: now + 1000 });
      if (!cast.ok) throw new Error(`ballot: ${JSON.stringify(cast)}`);
    }
  const closed = closeRound({ roundId: opened.round.id, by: fay.id, now: now + 2000 });
  if (!closed.ok) throw new Error(`close: ${JSON.stringify(closed)}`);
  const s = await lucia.createSession(fay.id, { createdAt: Date.now(), userAgent: "result-setup" });
  const es = await lucia.createSession(voters[0].id, { createdAt: Date.now(), userAgent: "result-setup" });
  const room: ResultRoom = { slug: a.slug, proposalId: p.id, session: s.id, sessionEs: es.id };
  closeDatabase();
  process.stdout.write(JSON.stringify(room) + "\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
