/**
 * Councils (docs/domain.md#federation; docs/decisions/007-federation.md): a body whose members are other bodies, each seated through
 * the delegates it elects. A body joins by a decision of its own (a "join council" proposal)
 * and the council's acceptance; it leaves by a decision of its own alone — a council cannot
 * hold a body against its will. Councils may join larger councils the same way.
 */
import { systemTitleText, titleFor } from "~/i18n/system-title";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { attempt, db, transaction } from "~/db.server";
import { refuse, type Refusal } from "~/lib/refusal";
import { assemblies, charters, councilMembers, delegateTerms, federationProposals, memberships, proposals, users } from "../../db/schema";
import { FEDERATION_ACTIONS } from "../../db/schema/federation";
import { newId } from "~/lib/ids.server";
import { charterSchema, defaultCharter, type Charter, type CouncilCharter } from "~/lib/charter";
import { councilRulesOf, DEFAULT_COUNCIL_RULES, hasGenderRule } from "~/lib/rules";
import { isClosedStatus } from "~/engine";
import { translate, type Locale } from "~/i18n";
import { getAssembly, getAssemblyBySlug, currentCharter, type Assembly } from "./assembly.server";
import { appendRecord } from "./record.server";
import { isVoter } from "./membership.server";
import { createProposal, getProposalById, type Proposal } from "./proposal.server";

export type CouncilMember = typeof councilMembers.$inferSelect;
export type FederationLink = typeof federationProposals.$inferSelect;
export type FederationAction = (typeof FEDERATION_ACTIONS)[number];


export function isCouncil(a: Pick<Assembly, "kind"> | undefined | null): boolean {
  return a?.kind === "council";
}

/** The council's own rules (seats, gender rules, ratification), from its current charter (lib/rules.ts). */
export function councilRules(councilId: string): CouncilCharter {
  return councilRulesOf(currentCharter(councilId).charter);
}

export function getCouncil(id: string): Assembly | undefined {
  const a = getAssembly(id);
  return isCouncil(a) ? a : undefined;
}

/**
 * Founds a council with its charter. The founder becomes its steward and facilitator as an
 * observer: a council's votes belong to seated delegates, so a steward votes only if seated.
 */
export function foundCouncil(input: { name: string; slug: string; description: string; charter: Charter; council: CouncilCharter; founderId: string; now?: number }) {
  const charter = charterSchema.parse({ ...input.charter, council: input.council });
  // Delegates answer to their assemblies: council votes are open ballots (docs/domain.md#mandates).
  for (const k of ["general", "charter_amendment", "mandate", "ratification", "join_council"] as const) charter.secret[k] = false;
  const now = input.now ?? Date.now();
  return transaction(() => {
    if (getAssemblyBySlug(input.slug)) return null;
    const id = newId();
    db.insert(assemblies)
      .values({ id, slug: input.slug, name: input.name, kind: "council", description: input.description, createdBy: input.founderId, createdAt: now })
      .run();
    db.insert(charters)
      .values({ id: newId(), assemblyId: id, version: 1, settings: JSON.stringify(charter), createdBy: input.founderId, createdAt: now, note: "founding" })
      .run();
    db.insert(memberships)
      .values({ id: newId(), assemblyId: id, userId: input.founderId, role: "observer", steward: true, facilitator: true, joinedAt: now })
      .run();
    appendRecord({ assemblyId: id, kind: "founded", subjectId: id, summary: "record.founded", params: { name: input.name }, payload: { charterVersion: 1, charter }, at: now });
    return getAssembly(id)!;
  });
}

export function defaultCouncilCharter(): Charter {
  return { ...defaultCharter(), council: { ...DEFAULT_COUNCIL_RULES } };
}

// --- Links between proposals and what they are about -----------------------------------

export function getLink(proposalId: string): FederationLink | undefined {
  return db.select().from(federationProposals).where(eq(federationProposals.proposalId, proposalId)).get();
}

export function insertLink(v: Omit<typeof federationProposals.$inferInsert, "createdAt" | "appliedAt"> & { createdAt: number }) {
  db.insert(federationProposals).values(v).run();
}

export function markApplied(proposalId: string, now: number) {
  db.update(federationProposals).set({ appliedAt: now }).where(eq(federationProposals.proposalId, proposalId)).run();
}

/** A federation proposal of this kind still under way (not decided or withdrawn). */
export function liveLinkedProposal(where: { assemblyId: string; councilId: string; action: FederationAction; councilProposalId?: string }) {
  const rows = db
    .select({ proposalId: federationProposals.proposalId, status: proposals.status })
    .from(federationProposals)
    .innerJoin(proposals, eq(proposals.id, federationProposals.proposalId))
    .where(
      and(
        eq(federationProposals.assemblyId, where.assemblyId),
        eq(federationProposals.councilId, where.councilId),
        eq(federationProposals.action, where.action),
        where.councilProposalId ? eq(federationProposals.councilProposalId, where.councilProposalId) : undefined,
      ),
    )
    .all();
  return rows.find((r) => !isClosedStatus(r.status)) ?? null;
}

// --- Member bodies ----------------------------------------------------------------------

export function liveMembership(councilId: string, assemblyId: string): CouncilMember | undefined {
  return db
    .select()
    .from(councilMembers)
    .where(and(eq(councilMembers.councilId, councilId), eq(councilMembers.memberBodyId, assemblyId), inArray(councilMembers.status, ["pending", "active"])))
    .get();
}

export function isActiveMember(councilId: string, assemblyId: string): boolean {
  return liveMembership(councilId, assemblyId)?.status === "active";
}

/** The bodies of a council, by status, with their names. */
export function memberBodies(councilId: string, statuses: CouncilMember["status"][] = ["active"]) {
  return db
    .select({
      id: councilMembers.id,
      assemblyId: assemblies.id,
      name: assemblies.name,
      slug: assemblies.slug,
      kind: assemblies.kind,
      status: councilMembers.status,
      requestedAt: councilMembers.requestedAt,
      joinedAt: councilMembers.joinedAt,
      leftAt: councilMembers.leftAt,
      joinProposalId: councilMembers.joinProposalId,
    })
    .from(councilMembers)
    .innerJoin(assemblies, eq(assemblies.id, councilMembers.memberBodyId))
    .where(and(eq(councilMembers.councilId, councilId), inArray(councilMembers.status, statuses)))
    .orderBy(asc(assemblies.name))
    .all();
}

/** The councils a body belongs to (or has asked to join). */
export function councilsOf(assemblyId: string, statuses: CouncilMember["status"][] = ["pending", "active"]) {
  return db
    .select({
      id: councilMembers.id,
      councilId: assemblies.id,
      name: assemblies.name,
      slug: assemblies.slug,
      status: councilMembers.status,
      requestedAt: councilMembers.requestedAt,
      joinedAt: councilMembers.joinedAt,
    })
    .from(councilMembers)
    .innerJoin(assemblies, eq(assemblies.id, councilMembers.councilId))
    .where(and(eq(councilMembers.memberBodyId, assemblyId), inArray(councilMembers.status, statuses)))
    .orderBy(asc(assemblies.name))
    .all();
}

/** Every body inside a council, however deep (councils of councils), to refuse a cycle. */
function bodiesWithin(councilId: string, seen = new Set<string>()): Set<string> {
  for (const m of memberBodies(councilId, ["pending", "active"])) {
    if (seen.has(m.assemblyId)) continue;
    seen.add(m.assemblyId);
    if (m.kind === "council") bodiesWithin(m.assemblyId, seen);
  }
  return seen;
}

/** A council named by its short name (or its address pasted whole). */
export function findCouncil(nameOrUrl: string): Assembly | undefined {
  const slug = nameOrUrl.trim().replace(/\/+$/, "").split("/").pop()?.toLowerCase() ?? "";
  const a = slug ? getAssemblyBySlug(slug) : undefined;
  return isCouncil(a) ? a : undefined;
}

/**
 * A member proposes that their body join a council. The body decides it under its own
 * charter (the charter's rule for "join council"); when it passes, the council is asked.
 */
export function proposeJoin(input: { assemblyId: string; council: string; authorId: string; body?: string; locale?: Locale; now: number }): { ok: true; proposal: Proposal } | Refusal {
  return attempt(() => {
    const body = getAssembly(input.assemblyId);
    if (!body) refuse("not_found", "federation.errors.bodyNotFound");
    if (!isVoter(body.id, input.authorId)) refuse("forbidden", "federation.errors.needsVoter");
    const council = findCouncil(input.council);
    if (!council) refuse("not_found", "federation.errors.councilNotFound", { field: "council" });
    if (council.id === body.id) refuse("invalid", "federation.errors.joinSelf", { field: "council" });
    const live = liveMembership(council.id, body.id);
    if (live) refuse("conflict", live.status === "active" ? "federation.errors.alreadyMember" : "federation.errors.requestPending", { params: { council: council.name }, field: "council" });
    if (isCouncil(body) && bodiesWithin(body.id).has(council.id)) refuse("invalid", "federation.errors.cycle", { params: { council: council.name }, field: "council" });
    if (liveLinkedProposal({ assemblyId: body.id, councilId: council.id, action: "join" })) refuse("conflict", "federation.errors.joinProposalOpen", { params: { council: council.name }, field: "council" });
    const locale = input.locale ?? "en";
    const p = createProposal({
      assemblyId: body.id,
      authorId: input.authorId,
      kind: "join_council",
      title: systemTitleText(locale, { kind: "join", council: council.name }),
      systemTitle: { kind: "join", council: council.name },
      body: input.body?.trim() || translate(locale, "federation.join.proposalBody", { council: council.name, body: body.name }),
      now: input.now,
    });
    insertLink({ proposalId: p.id, action: "join", assemblyId: body.id, councilId: council.id, createdAt: input.now });
    return { ok: true as const, proposal: p };
  });
}

/** A member proposes that their body leave a council; it takes effect when the body decides it. */
export function proposeLeave(input: { assemblyId: string; councilId: string; authorId: string; body?: string; locale?: Locale; now: number }): { ok: true; proposal: Proposal } | Refusal {
  return attempt(() => {
    const body = getAssembly(input.assemblyId);
    const council = getCouncil(input.councilId);
    if (!body || !council) refuse("not_found", "federation.errors.councilNotFound");
    if (!isVoter(body.id, input.authorId)) refuse("forbidden", "federation.errors.needsVoter");
    if (!isActiveMember(council.id, body.id)) refuse("conflict", "federation.errors.notMember", { params: { council: council.name } });
    if (liveLinkedProposal({ assemblyId: body.id, councilId: council.id, action: "leave" })) refuse("conflict", "federation.errors.leaveProposalOpen", { params: { council: council.name } });
    const locale = input.locale ?? "en";
    const p = createProposal({
      assemblyId: body.id,
      authorId: input.authorId,
      kind: "join_council",
      title: systemTitleText(locale, { kind: "leave", council: council.name }),
      systemTitle: { kind: "leave", council: council.name },
      body: input.body?.trim() || translate(locale, "federation.leave.proposalBody", { council: council.name, body: body.name }),
      now: input.now,
    });
    insertLink({ proposalId: p.id, action: "leave", assemblyId: body.id, councilId: council.id, createdAt: input.now });
    return { ok: true as const, proposal: p };
  });
}

/** After the body's round: a passed "join" asks the council; a passed "leave" takes effect at once. */
export function applyMembershipDecision(link: FederationLink, p: Proposal, now: number, endTerms: (assemblyId: string, councilId: string, now: number) => void) {
  const council = getCouncil(link.councilId);
  const body = getAssembly(link.assemblyId);
  if (!council || !body) return;
  const params = { council: council.name, body: body.name, number: p.number };
  if (link.action === "join") {
    if (liveMembership(council.id, body.id)) return;
    db.insert(councilMembers)
      .values({ id: newId(), councilId: council.id, memberBodyId: body.id, status: "pending", requestedAt: now, joinProposalId: p.id })
      .run();
    appendRecord({ assemblyId: body.id, kind: "federation", subjectId: p.id, summary: "record.federation.joinRequested", params, payload: { councilId: council.id, proposalId: p.id }, at: now });
    appendRecord({ assemblyId: council.id, kind: "federation", subjectId: body.id, summary: "record.federation.joinRequestReceived", params, payload: { bodyId: body.id, proposalId: p.id }, at: now });
    return;
  }
  const live = liveMembership(council.id, body.id);
  if (!live) return;
  db.update(councilMembers).set({ status: "left", leftAt: now, leaveProposalId: p.id }).where(eq(councilMembers.id, live.id)).run();
  endTerms(body.id, council.id, now);
  appendRecord({ assemblyId: body.id, kind: "federation", subjectId: p.id, summary: "record.federation.left", params, payload: { councilId: council.id, proposalId: p.id }, at: now });
  appendRecord({ assemblyId: council.id, kind: "federation", subjectId: body.id, summary: "record.federation.memberLeft", params, payload: { bodyId: body.id, proposalId: p.id }, at: now });
}

/** A council steward accepts or declines a body's request to join. */
export function answerJoinRequest(input: { councilId: string; requestId: string; accept: boolean; by: string; now: number }): { ok: true } | Refusal {
  return attempt(() => {
    const row = db
      .select()
      .from(councilMembers)
      .where(and(eq(councilMembers.id, input.requestId), eq(councilMembers.councilId, input.councilId)))
      .get();
    if (!row) refuse("not_found", "federation.errors.requestNotFound");
    if (row.status !== "pending") refuse("conflict", "federation.errors.requestAnswered");
    const council = getCouncil(row.councilId)!;
    const body = getAssembly(row.memberBodyId)!;
    db.update(councilMembers)
      .set(input.accept ? { status: "active", joinedAt: input.now, decidedBy: input.by } : { status: "declined", leftAt: input.now, decidedBy: input.by })
      .where(eq(councilMembers.id, row.id))
      .run();
    const summary = input.accept ? "record.federation.joined" : "record.federation.declined";
    const params = { council: council.name, body: body.name };
    appendRecord({ assemblyId: council.id, kind: "federation", subjectId: body.id, summary, params, payload: { bodyId: body.id, requestId: row.id }, at: input.now });
    appendRecord({ assemblyId: body.id, kind: "federation", subjectId: council.id, summary, params, payload: { councilId: council.id, requestId: row.id }, at: input.now });
    return { ok: true as const };
  });
}

/** Stated genders of some people (only read where a council's seat rule needs them). */
export function gendersOf(userIds: string[]): Map<string, string | null> {
  if (userIds.length === 0) return new Map();
  const rows = db.select({ id: users.id, gender: users.gender }).from(users).where(inArray(users.id, userIds)).all();
  return new Map(rows.map((r) => [r.id, r.gender ?? null]));
}

/**
 * Every seat of a council: for each member body, its seats with who holds them since when
 * and until when, and the vacant ones: the council page shows every seat (docs/domain.md#delegates).
 */
export function councilSeats(councilId: string) {
  const rules = councilRules(councilId);
  const bodies = memberBodies(councilId, ["active"]);
  const terms = db
    .select({
      id: delegateTerms.id,
      assemblyId: delegateTerms.assemblyId,
      userId: delegateTerms.userId,
      name: users.displayName,
      gender: users.gender,
      startsAt: delegateTerms.startsAt,
      endsAt: delegateTerms.endsAt,
      mandateText: delegateTerms.mandateText,
    })
    .from(delegateTerms)
    .innerJoin(users, eq(users.id, delegateTerms.userId))
    .where(and(eq(delegateTerms.councilId, councilId), eq(delegateTerms.status, "active")))
    .orderBy(asc(delegateTerms.startsAt))
    .all();
  const showGender = hasGenderRule(rules);
  const seats = bodies.map((b) => {
    const held = terms.filter((t) => t.assemblyId === b.assemblyId);
    return {
      body: { id: b.assemblyId, name: b.name, slug: b.slug, kind: b.kind },
      held: held.map((t) => ({ termId: t.id, userId: t.userId, name: t.name, since: t.startsAt, until: t.endsAt, gender: showGender ? t.gender : null, mandateText: t.mandateText })),
      vacant: Math.max(0, rules.seatsPerAssembly - held.length),
    };
  });
  return { rules, seats, total: bodies.length * rules.seatsPerAssembly, filled: terms.length, showGender };
}

/** The council proposals a member body should see (its members cannot open the council itself), titled in the reader's language. */
export function councilProposalsFor(councilId: string, locale: Locale, opts: { limit?: number } = {}) {
  return db
    .select({ id: proposals.id, number: proposals.number, title: proposals.title, systemTitle: proposals.systemTitle, kind: proposals.kind, status: proposals.status, updatedAt: proposals.updatedAt })
    .from(proposals)
    .where(eq(proposals.assemblyId, councilId))
    .orderBy(desc(proposals.updatedAt))
    .limit(opts.limit ?? 30)
    .all()
    .map(({ systemTitle, ...p }) => ({ ...p, title: titleFor(locale, { title: p.title, systemTitle }) }));
}

export function getCouncilProposal(councilId: string, proposalId: string): Proposal | undefined {
  const p = getProposalById(proposalId);
  return p && p.assemblyId === councilId ? p : undefined;
}

/**
 * The directory: councils whose charter lists them for the assemblies on this server, that
 * this body neither belongs to nor has asked to join (nor is). A council is found here, by
 * its invitation link, or by its short name.
 */
export function listedCouncils(bodyId: string) {
  return db
    .select({ id: assemblies.id, slug: assemblies.slug, name: assemblies.name, description: assemblies.description })
    .from(assemblies)
    .where(eq(assemblies.kind, "council"))
    .orderBy(asc(assemblies.name))
    .all()
    .filter((c) => c.id !== bodyId && councilRules(c.id).listed && !liveMembership(c.id, bodyId))
    .map((c) => ({ ...c, members: memberBodies(c.id, ["active"]).length }));
}

/** The bodies someone may propose joining a council from (where they vote), and where each stands. */
export function joinableBodiesFor(councilId: string, userId: string) {
  return db
    .select({ id: assemblies.id, slug: assemblies.slug, name: assemblies.name, role: memberships.role })
    .from(memberships)
    .innerJoin(assemblies, eq(assemblies.id, memberships.assemblyId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(assemblies.name))
    .all()
    .filter((b) => b.id !== councilId && b.role === "member")
    .map((b) => {
      const live = liveMembership(councilId, b.id);
      const open = liveLinkedProposal({ assemblyId: b.id, councilId, action: "join" });
      return { id: b.id, slug: b.slug, name: b.name, status: live?.status ?? null, joinProposalId: open?.proposalId ?? null };
    });
}
