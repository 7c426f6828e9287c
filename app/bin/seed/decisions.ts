/** Demo proposals in every state: decided with explanations, tabled, voting now, in discussion. */
import { createProposal, addComment, proposeAmendment, acceptAmendment } from "~/models/proposal.server";
import { castBallot, closeRound, openRound } from "~/models/round.server";
import { getMembership, mayVote } from "~/models/membership.server";
import type { SeedContext } from "./foundation";

const DAY = 86_400_000;

function must<T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`seed: ${what} failed: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

export async function seedDecisions(ctx: SeedContext) {
  const { users: u, assemblies: a, now } = ctx;
  const voters = (assembly: string, names: string[]) => names.filter((n) => mayVote(getMembership(a[assembly].id, u[n].id)));

  // Elm Street (modified consensus): a repairs demand, blocked in round 1 then passed at 3/4.
  const repairs = createProposal({
    assemblyId: a.elm.id,
    authorId: u.lucia.id,
    kind: "general",
    title: "Collective repair demand to the landlord",
    body: "We send one letter, signed by every household that agrees, listing the **17 open repairs** (heating in block B first) and asking for a meeting within 14 days.\n\n- Heating in block B\n- Mould in 3C and 5A\n- Broken entry door",
    status: "discussion",
    now: now - 20 * DAY,
  });
  addComment({ proposalId: repairs.id, authorId: u.kofi.id, body: "Can we add the lift? It has been out since March.", now: now - 19 * DAY });
  const am = must(proposeAmendment({ proposalId: repairs.id, authorId: u.kofi.id, baseRevision: 1, body: "We send one letter, signed by every household that agrees, listing the **18 open repairs** (heating in block B first, then the lift) and asking for a meeting within 14 days.\n\n- Heating in block B\n- The lift\n- Mould in 3C and 5A\n- Broken entry door", note: "Adds the lift", now: now - 18 * DAY }), "amendment");
  must(acceptAmendment({ proposalId: repairs.id, amendmentId: am.amendment.id, byUserId: u.lucia.id, now: now - 17 * DAY }), "accept amendment");
  const elmVoters = voters("elm", Object.keys(u));
  const r1 = must(openRound({ proposalId: repairs.id, openedBy: u.kofi.id, mode: "online", deadline: now - 14 * DAY, now: now - 16 * DAY }), "open round 1").round;
  elmVoters.slice(0, 11).forEach((name, i) => {
    const choice = name === "dmitri" ? "block" : i % 4 === 1 ? "concern" : i % 5 === 2 ? "stand_aside" : "agree";
    must(castBallot({ roundId: r1.id, userId: u[name].id, choice, reason: choice === "block" ? "The letter names tenants who have not agreed to be named." : null, text: choice === "concern" ? "Worried about retaliation against people on short leases." : null, now: now - 15 * DAY }), "ballot");
  });
  must(closeRound({ roundId: r1.id, by: null, now: now - 14 * DAY }), "close round 1");
  const r2 = must(openRound({ proposalId: repairs.id, openedBy: u.kofi.id, mode: "online", deadline: now - 8 * DAY, now: now - 12 * DAY }), "open round 2").round;
  elmVoters.slice(0, 12).forEach((name, i) => {
    must(castBallot({ roundId: r2.id, userId: u[name].id, choice: i < 10 ? "yes" : i === 10 ? "no" : "abstain", now: now - 10 * DAY }), "ballot 2");
  });
  must(closeRound({ roundId: r2.id, by: null, now: now - 8 * DAY }), "close round 2");

  // Elm Street: voting now on a rent-strike fund; one in discussion; one draft.
  const fund = createProposal({ assemblyId: a.elm.id, authorId: u.fatima.id, kind: "general", title: "Start a hardship fund of €5 a month per household", body: "Voluntary €5 a month, held by two treasurers, for members facing eviction costs.", status: "discussion", now: now - 6 * DAY });
  const open = must(openRound({ proposalId: fund.id, openedBy: u.maria.id, mode: "online", deadline: now + 5 * DAY, now: now - 1 * DAY }), "open fund round").round;
  for (const name of elmVoters.slice(0, 6)) must(castBallot({ roundId: open.id, userId: u[name].id, choice: name === "jin" ? "concern" : "agree", text: name === "jin" ? "Who audits the treasurers?" : null, now: now - DAY / 2 }), "fund ballot");
  const quiet = createProposal({ assemblyId: a.elm.id, authorId: u.grace.id, kind: "general", title: "Quiet hours after 22:00 on weekdays", body: "A house agreement, not a rule we enforce on anyone.", status: "discussion", now: now - 3 * DAY });
  addComment({ proposalId: quiet.id, authorId: u.tomas.id, body: "¿Y los fines de semana?", now: now - 2 * DAY });
  createProposal({ assemblyId: a.elm.id, authorId: u.sam.id, kind: "general", title: "Bike storage in the courtyard", body: "Draft — gathering quotes first.", status: "draft", now: now - DAY });

  // Riverside (two-thirds): one passed, one failed.
  const rvVoters = voters("riverside", Object.keys(u));
  const market = createProposal({ assemblyId: a.riverside.id, authorId: u.amara.id, kind: "general", title: "Move the Thursday market to the park", body: "From April to October the market runs in Riverside Park instead of the car park.", status: "discussion", now: now - 12 * DAY });
  const rm = must(openRound({ proposalId: market.id, openedBy: u.ben.id, mode: "online", deadline: now - 4 * DAY, now: now - 10 * DAY }), "market round").round;
  rvVoters.forEach((name, i) => must(castBallot({ roundId: rm.id, userId: u[name].id, choice: i < 8 ? "yes" : i < 10 ? "no" : "abstain", now: now - 6 * DAY }), "market ballot"));
  must(closeRound({ roundId: rm.id, by: null, now: now - 4 * DAY }), "close market");
  const lights = createProposal({ assemblyId: a.riverside.id, authorId: u.omar.id, kind: "general", title: "Ask the council for brighter street lights on River Road", body: "Petition the city council for LED lighting on River Road.", status: "discussion", now: now - 9 * DAY });
  const rl = must(openRound({ proposalId: lights.id, openedBy: u.ben.id, mode: "online", deadline: now - 2 * DAY, now: now - 7 * DAY }), "lights round").round;
  rvVoters.forEach((name, i) => must(castBallot({ roundId: rl.id, userId: u[name].id, choice: i < 6 ? "yes" : "no", now: now - 5 * DAY }), "lights ballot"));
  must(closeRound({ roundId: rl.id, by: null, now: now - 2 * DAY }), "close lights");

  ctx.logins.push(`${"dmitri".padEnd(8)} — Elm Street Tenants Union: member who blocked the repair demand in round 1`);
}
