/**
 * A body with an open online round, for the operations tests (tests/e2e/operations.test.ts),
 * made through the app's own models against DATABASE_PATH before a server starts on it:
 * a founder and N members, each signed in (a session id each), one proposal under simple
 * majority and its round open. `{"overdue": true}` opens the round two hours ago with a
 * deadline one hour ago, as if the laptop had been off meanwhile.
 * Usage: DATABASE_PATH=… tsx tests/helpers/ops-setup.ts '{"members":40}' → one JSON line.
 */
import { defaultCharter } from "~/lib/charter";
import { foundAssembly } from "~/models/assembly.server";
import { addMember } from "~/models/membership.server";
import { insertUser } from "~/models/user.server";
import { createProposal } from "~/models/proposal.server";
import { openRound } from "~/models/round.server";
import { lucia } from "~/web/session.server";
import { closeDatabase } from "~/db.server";

export type OpsBody = { slug: string; proposalId: string; roundId: string; deadline: number; founder: Voter; members: Voter[] };
export type Voter = { id: string; session: string };

const opts = JSON.parse(process.argv[2] ?? "{}") as { members?: number; overdue?: boolean; slug?: string };
const now = Date.now();
const opened = opts.overdue ? now - 2 * 3_600_000 : now;
const deadline = opts.overdue ? now - 3_600_000 : now + 86_400_000;

async function voter(username: string): Promise<Voter> {
  const u = insertUser({ username, displayName: username, passwordHash: "not-a-real-hash", locale: "en" });
  if (!u) throw new Error(`could not create ${username}`);
  const s = await lucia.createSession(u.id, { createdAt: now, userAgent: "ops-setup" });
  return { id: u.id, session: s.id };
}

const founder = await voter("founder");
const charter = { ...defaultCharter(), defaultMethod: "majority" as const };
const a = foundAssembly({ name: "Elm Street Tenants", kind: "tenant_union", slug: opts.slug ?? "elm", description: "", charter, founderId: founder.id });
if (!a) throw new Error("could not found the assembly");
const members: Voter[] = [];
for (let i = 1; i <= (opts.members ?? 10); i++) {
  const m = await voter(`member${i}`);
  addMember(a.id, m.id, "member");
  members.push(m);
}
const p = createProposal({ assemblyId: a.id, authorId: founder.id, kind: "general", title: "Rent strike in March", body: "We withhold rent together.", now: opened });
const r = openRound({ proposalId: p.id, openedBy: founder.id, mode: "online", deadline, now: opened });
if (!r.ok) throw new Error(JSON.stringify(r));
closeDatabase();
const out: OpsBody = { slug: a.slug, proposalId: p.id, roundId: r.round.id, deadline, founder, members };
console.log(JSON.stringify(out));
