import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { durable } from "~/db.server";
import { forbidden, notFound, requireMember } from "~/web/authz.server";
import { can } from "~/models/membership.server";
import { failure, parseForm, type FormFailure } from "~/web/forms";
import { invalid } from "~/web/http.server";
import { localeFor } from "~/web/locale.server";
import { amendmentDecisionSchema, amendmentSchema, commentSchema, openRoundSchema, rankingFromForm, unlockSchema } from "~/lib/proposal-validation.server";
import { ballotSchema } from "~/lib/ballot-validation.server";
import { acceptAmendment, addComment, commentPageOf, declineAmendment, getProposal, listOptions, proposeAmendment, startDiscussion, withdrawProposal } from "~/models/proposal.server";
import { refusal } from "~/lib/refusal";
import { refused } from "~/web/refusal.server";
import { commentAllowed } from "~/web/rate-limit.server";
import { castBallot, closeRound, getRound, liveTally, myBallot, openRound, receiptHash } from "~/models/round.server";
import { unlockRound } from "~/models/ballot-box.server";
import { proposalPage } from "~/models/proposal-view.server";
import { councilVoteView, federationOrigin } from "~/models/council-vote-view.server";
import { sendForRatification } from "~/models/ratification.server";
import { CouncilDelegates, CouncilVotePath, RatificationPanel } from "~/components/council-vote";
import { CharterChange, DiffView, Section, StatusBadge } from "~/components/decisions";
import { Field, FormError, TextArea } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ClosedRound, CurrentRound } from "~/components/proposal-rounds";
import { useFormResult } from "~/components/form-result";
import { ProxyBallotForm, ProxyGiveForm } from "~/components/proxy";
import { giveProxy, heldInRound, proxyPanel, revokeProxy } from "~/models/proxy.server";
import { proxyHolderSchema } from "~/lib/ballot-validation.server";
import { openRoundOf } from "~/models/round.server";
import { Pager } from "~/components/pager";
import { skipNeedlessReload } from "~/web/live-resilience";

const HOUR = 3_600_000;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `#${data.proposal.number} ${data.proposal.title} · Plenary` : "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const p = getProposal(assembly.id, params.id ?? "");
  if (!p) notFound();
  const locale = localeFor(request, user);
  const me = { userId: user.id, membership };
  const openNow = openRoundOf(p.id);
  return {
    slug: assembly.slug,
    isCouncil: assembly.kind === "council",
    // A page of comment threads at a time (?comments=N).
    ...proposalPage(p, me, locale, Date.now(), Number(new URL(request.url).searchParams.get("comments") ?? 1)),
    // A council's proposal is one page per vote: mandates, ballots and ratification here.
    council: assembly.kind === "council" ? councilVoteView(p, me, locale) : null,
    origin: federationOrigin(p),
    // Proxies for this proposal's online rounds, as the charter allows (docs/domain.md#proxies).
    proxies: proxyPanel(assembly.id, user.id, { proposalId: p.id }, !openNow && (p.status === "draft" || p.status === "discussion" || p.status === "tabled")),
    held: openNow && openNow.mode === "online" ? heldInRound(openNow.id, user.id, null) : [],
  };
}

/**
 * A vote's answer: a secret ballot's receipt (shown once, on this answer) and, when the page
 * takes it in place (JavaScript), the round's fresh count and the voter's own ballot.
 */
type Voted = {
  ok: true;
  intent: "vote";
  done: "voted" | "changed";
  receipt: string | null;
  receiptHash: string | null;
  inPlace?: true;
  round?: { id: string; tally: ReturnType<typeof liveTally>; mine: ReturnType<typeof myBallot> };
};
export const shouldRevalidate = skipNeedlessReload;

type ActionResult = FormFailure | Voted;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const p = getProposal(assembly.id, params.id ?? "");
  if (!p) notFound();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const now = Date.now();
  const here = `/a/${assembly.slug}/proposals/${p.id}`;
  const done = (what: string, anchor = "") => redirect(`${here}?done=${what}${anchor}`);
  const answer = { intent };
  const badForm = (f: FormFailure) => invalid({ ...f, intent });

  switch (intent) {
    case "comment": {
      const parsed = parseForm(commentSchema, form);
      if (!parsed.ok) return badForm(parsed);
      // Per member, so one person (or script) cannot bury a proposal's discussion.
      if (!(await commentAllowed(user.id))) return invalid({ ...failure({ form: "errors.rateLimited" }, form), intent }, 429);
      const r = addComment({ proposalId: p.id, authorId: user.id, body: parsed.data.comment, parentId: parsed.data.parentId || null, now });
      if (!r.ok) return refused(r, form, answer);
      // A new comment is on the last page of threads, a reply on its thread's page.
      const page = commentPageOf(p.id, r.id);
      return redirect(`${here}?done=comment${page > 1 ? `&comments=${page}` : ""}#c-${r.id}`);
    }
    case "amend": {
      if (!can(membership, "voter")) forbidden("needs.voter");
      const parsed = parseForm(amendmentSchema, form);
      if (!parsed.ok) return badForm(parsed);
      const r = proposeAmendment({ proposalId: p.id, authorId: user.id, baseRevision: parsed.data.baseRevision, title: parsed.data.title, body: parsed.data.body, note: parsed.data.note, now });
      return r.ok ? done("amend", "#amendments") : refused(r, form, answer);
    }
    case "accept":
    case "decline": {
      const parsed = parseForm(amendmentDecisionSchema, form);
      if (!parsed.ok) return badForm(parsed);
      const input = { proposalId: p.id, amendmentId: parsed.data.amendmentId, byUserId: user.id, now };
      const r = intent === "accept" ? acceptAmendment(input) : declineAmendment(input);
      return r.ok ? done(intent === "accept" ? "accepted" : "declined", "#amendments") : refused(r, form, answer);
    }
    case "discuss": {
      const r = startDiscussion({ proposalId: p.id, byUserId: user.id, now });
      return r.ok ? done("discussion") : refused(r, form, answer);
    }
    case "withdraw": {
      const r = withdrawProposal({ proposalId: p.id, byUserId: user.id, now });
      return r.ok ? done("withdrawn") : refused(r, form, answer);
    }
    case "open-round": {
      if (!can(membership, "facilitator")) forbidden("needs.facilitator");
      const parsed = parseForm(openRoundSchema, form);
      if (!parsed.ok) return badForm(parsed);
      const deadline = now + (parsed.data.days * 24 + parsed.data.hours) * HOUR;
      const r = openRound({ proposalId: p.id, openedBy: user.id, mode: "online", deadline, now });
      return r.ok ? done("opened", "#round") : refused(r, form, answer);
    }
    case "close-round": {
      if (!can(membership, "facilitator")) forbidden("needs.facilitator");
      const round = getRound(String(form.get("roundId") ?? ""));
      if (!round || round.proposalId !== p.id) return refused(refusal("not_found", "round.errors.notFound"), form, answer);
      const r = closeRound({ roundId: round.id, by: user.id, now });
      if (!r.ok) return refused(r, form, answer);
      await durable();
      return done(r.alreadyClosed ? "alreadyClosed" : "closed", `#round-${r.round.number}`);
    }
    case "unlock": {
      // After a restart mid-round: a teller's recovery code unlocks the count (docs/decisions/009-secret-ballots.md).
      if (!can(membership, "facilitator")) forbidden("needs.facilitator");
      const round = getRound(String(form.get("roundId") ?? ""));
      if (!round || round.proposalId !== p.id) return refused(refusal("not_found", "round.errors.notFound"), form, answer);
      const parsed = parseForm(unlockSchema, form);
      if (!parsed.ok) return badForm(parsed);
      const r = unlockRound(round.id, parsed.data.code);
      return r.ok ? done("unlocked", "#round") : refused({ ...r, field: "code" }, form, answer);
    }
    case "send-ratification": {
      if (!can(membership, "facilitator")) forbidden("needs.facilitator");
      const r = sendForRatification({ councilProposalId: p.id, by: user.id, locale: localeFor(request, user), now });
      return r.ok ? done("ratificationSent", "#round") : refused(r, form, answer);
    }
    case "vote": {
      if (!can(membership, "voter")) forbidden("needs.voter");
      const round = getRound(String(form.get("roundId") ?? ""));
      if (!round || round.proposalId !== p.id) return refused(refusal("not_found", "round.errors.notFound"), form, answer);
      const parsed = parseForm(ballotSchema, form);
      if (!parsed.ok) return badForm(parsed);
      const ranking = round.ballotKind === "ranked" ? rankingFromForm(form, listOptions(p.id).length) : null;
      const r = castBallot({ roundId: round.id, userId: user.id, choice: parsed.data.choice, reason: parsed.data.reason, text: parsed.data.text, ranking, receipt: parsed.data.receipt || null, onBehalfOf: parsed.data.onBehalfOf || null, now });
      if (!r.ok) return refused(r, form, answer);
      // A ballot is acknowledged only once it is on disk (docs/decisions/009-secret-ballots.md).
      await durable();
      const voted: Voted = { ok: true, intent: "vote", done: r.changed ? "changed" : "voted", receipt: r.receipt, receiptHash: r.receipt ? receiptHash(r.receipt) : null };
      // A page with JavaScript takes the fresh count and the voter's ballot in place and
      // reloads nothing (shouldRevalidate); without, the post redirects as any form does. A
      // council's page also shows each delegate's ballot beside their mandate, which the
      // in-place answer does not carry, so there the post redirects too (docs/domain.md#mandates).
      if (form.get("answer") === "inPlace" && assembly.kind !== "council") return data({ ...voted, inPlace: true as const, round: { id: round.id, tally: liveTally(round.id), mine: myBallot(round.id, user.id) } } satisfies ActionResult);
      // A secret ballot's receipt is shown once, on this response; nothing else could show it again.
      if (r.receipt) return data(voted satisfies ActionResult);
      return done(voted.done, "#round");
    }
    case "giveProxy":
    case "revokeProxy": {
      if (!can(membership, "voter")) forbidden("needs.voter");
      if (intent === "revokeProxy") {
        const r = revokeProxy({ assemblyId: assembly.id, giverId: user.id, proposalId: p.id });
        return r.ok ? done("proxyRevoked", "#proxy-title") : refused(r, form, answer);
      }
      const parsed = parseForm(proxyHolderSchema, form);
      if (!parsed.ok) return badForm(parsed);
      const r = giveProxy({ assemblyId: assembly.id, giverId: user.id, holderId: parsed.data.holderId, proposalId: p.id, now });
      return r.ok ? done("proxyGiven", "#proxy-title") : refused(r, form, answer);
    }
    default:
      return refused(refusal("invalid", "errors.unknownAction"), form, answer);
  }
}

export default function ProposalPage() {
  const d = useLoaderData<typeof loader>();
  const posted = useFormResult<typeof action>();
  const result = posted.result as ActionResult | undefined;
  const { busy, failed, errorsFor, valuesFor } = posted;
  const [params] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const voted = result && result.ok && result.intent === "vote" ? result : null;
  const receipt = voted?.receipt ? { receipt: voted.receipt, receiptHash: voted.receiptHash } : null;
  // After a form that answered in place, the notice in the address bar is old news.
  const doneKey = voted?.inPlace ? voted.done : result ? null : params.get("done");
  const { proposal: p } = d;
  // A vote answered in place: the open round's count and this member's ballot come from the answer.
  const fresh = voted?.round && d.open && voted.round.id === d.open.id ? voted.round : null;
  const open = fresh && d.open ? { ...d.open, tally: fresh.tally } : d.open;
  const page = fresh ? { ...d, mine: fresh.mine } : d;
  const blockedRound = [...d.rounds].reverse().find((r) => r.closedAt !== null && r.outcome === "blocked");
  const generalError = failed && !["comment", "amend", "vote", "open-round", "send-ratification"].includes(failed.intent ?? "") ? failed.errors.form : undefined;

  return (
    <article className="proposal">
      <p className="muted small">
        <Link to={`/a/${d.slug}/proposals`}>{t("proposals.back")}</Link>
      </p>
      <h1>
        <span className="muted">#{p.number}</span> {p.title}
      </h1>
      <p className="proposal-meta">
        <StatusBadge status={p.status} /> <span className="badge">{t(`proposalKind.${p.kind}`)}</span>{" "}
        <span className="muted small">
          {d.origin
            ? t("proposal.bylineOrigin", { origin: t(d.origin.key, d.origin.params), date: formatDateTime(locale, p.createdAt), revision: p.currentRevision })
            : t("proposal.byline", { name: p.authorName ?? t("proposal.formerMember"), date: formatDateTime(locale, p.createdAt), revision: p.currentRevision })}
        </span>
      </p>
      <div aria-live="polite">
        {doneKey ? (
          <p className="notice" role="status">
            {t(`proposal.done.${doneKey}`)}
          </p>
        ) : null}
        {receipt ? (
          <div className="notice receipt" role="status">
            <p>{t("ballot.receiptIntro")}</p>
            <p className="receipt-code">
              <strong>{receipt.receipt}</strong>
            </p>
            <p className="hint">{t("ballot.receiptKeep")}</p>
            <p className="hint">
              {t("ballot.receiptHash")} <code>{receipt.receiptHash}</code>
            </p>
          </div>
        ) : null}
      </div>
      <FormError message={generalError} />

      {d.tabledAfter && !open ? (
        <p className="notice warn" role="note">
          {d.tabledAfter.fallback
            ? t("proposal.tabledNotice", { round: d.tabledAfter.round, threshold: t("round.rule.atLeast", { fraction: d.tabledAfter.fallback.threshold, base: t(`base.${d.tabledAfter.fallback.base}`) }) })
            : t("proposal.tabledNoticePlain", { round: d.tabledAfter.round })}
        </p>
      ) : null}

      {d.isCouncil ? (
        <p className="notice" role="note">
          {t("proposal.councilMandates")} <Link to={`/a/${d.slug}/council/proposals/${p.id}`}>{t("proposal.councilMandatesLink")}</Link>
        </p>
      ) : null}

      <div className="proposal-body" dangerouslySetInnerHTML={{ __html: d.revision.html }} />

      {p.kind === "election" ? (
        <Section id="candidates" title={t("proposal.candidates")}>
          <p>{t("proposal.seats", { seats: p.seats ?? 1 })}</p>
          <ol>
            {d.options.map((o) => (
              <li key={o.position}>{o.name}</li>
            ))}
          </ol>
        </Section>
      ) : null}

      {d.charterChange ? (
        <Section id="charter-change" title={t("proposal.charter.title", { version: d.charterChange.currentVersion })}>
          <CharterChange current={d.charterChange.current} proposed={d.charterChange.proposed} />
        </Section>
      ) : null}

      <div className="actions proposal-actions">
        {d.can.edit ? (
          <Link className="button" to={`/a/${d.slug}/proposals/${p.id}/edit`}>
            {t("proposal.edit")}
          </Link>
        ) : null}
        {d.revisions.length > 1 ? (
          <Link className="button" to={`/a/${d.slug}/proposals/${p.id}/revisions`}>
            {t("proposal.compareRevisions", { n: d.revisions.length })}
          </Link>
        ) : null}
        {d.can.discuss ? (
          <Form method="post">
            <input type="hidden" name="intent" value="discuss" />
            <button type="submit" className="primary" disabled={busy}>
              {t("proposal.startDiscussion")}
            </button>
          </Form>
        ) : null}
        {d.can.withdraw ? (
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <button type="submit" className="danger" disabled={busy}>
              {t("proposal.withdraw")}
            </button>
          </Form>
        ) : null}
      </div>

      <Section id="round" title={open ? t("round.current", { n: open.number }) : d.council?.ratification ? t("federation.ratification.title") : t("round.voting")}>
        {d.council ? <CouncilVotePath view={d.council} status={p.status} ratifying={Boolean(d.council.ratification)} /> : null}
        {d.council?.ratification ? (
          <RatificationPanel view={d.council} ratification={d.council.ratification} />
        ) : open ? (
          <>
            <CurrentRound round={open} d={page} blockedRound={blockedRound?.number ?? null} errors={valuesFor("vote")?.onBehalfOf ? undefined : (errorsFor("vote") ?? errorsFor("unlock"))} values={valuesFor("vote")?.onBehalfOf ? undefined : valuesFor("vote")} busy={busy} />
            {open.ballotKind !== "ranked"
              ? d.held.map((h) => (
                  <ProxyBallotForm
                    key={h.giverId}
                    roundId={open.id}
                    ballotKind={open.ballotKind}
                    giver={{ id: h.giverId, name: h.name }}
                    cast={h.cast}
                    choice={h.choice}
                    secret={open.secret}
                    errors={valuesFor("vote")?.onBehalfOf === h.giverId ? errorsFor("vote") : undefined}
                    busy={busy}
                  />
                ))
              : null}
          </>
        ) : d.can.openRound && d.council?.path !== "instead" ? (
          <Form method="post" className="stack-form compact open-round">
            <input type="hidden" name="intent" value="open-round" />
            <FormError message={errorsFor("open-round")?.form} />
            <p className="hint">{t("round.open.hint")}</p>
            <div className="inline-fields">
              <Field name="days" type="number" label={t("round.open.days")} min={0} max={60} defaultValue={d.roundDays} errors={errorsFor("open-round")} values={valuesFor("open-round")} />
              <Field name="hours" type="number" label={t("round.open.hours")} min={0} max={23} defaultValue={0} errors={errorsFor("open-round")} values={valuesFor("open-round")} />
            </div>
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {d.tabledAfter ? t("round.open.fallback") : t("round.open.submit")}
              </button>
            </div>
          </Form>
        ) : d.council?.path === "instead" ? null : (
          <p className="muted">{d.rounds.length ? t("round.noneOpen") : t("round.noneYet")}</p>
        )}
        {d.council?.canSend ? (
          <Form method="post" className="send-ratification">
            <input type="hidden" name="intent" value="send-ratification" />
            <FormError message={errorsFor("send-ratification")?.form} />
            <p className="hint">{t(d.council.path === "instead" ? "federation.ratification.sendHintInstead" : "federation.ratification.sendHint")}</p>
            <button type="submit" className={d.council.path === "instead" ? "primary" : undefined} disabled={busy}>
              {t("federation.ratification.sendThis")}
            </button>
          </Form>
        ) : null}
        {d.council && d.council.delegates.length > 0 ? <CouncilDelegates view={d.council} /> : null}
      </Section>

      <ProxyGiveForm panel={d.proxies} scope="proposal" errors={errorsFor("giveProxy") ?? errorsFor("revokeProxy")} busy={busy} />

      {d.rounds.some((r) => r.closedAt !== null) ? (
        <Section id="results" title={t("round.results")}>
          <ol className="round-list" reversed>
            {[...d.rounds]
              .filter((r) => r.closedAt !== null)
              .reverse()
              .map((r) => (
                <ClosedRound key={r.id} round={r} options={d.options} recountBase={`/a/${d.slug}/proposals/${d.proposal.id}/recount`} />
              ))}
          </ol>
        </Section>
      ) : null}

      <Section id="amendments" title={t("amendment.title")}>
        {d.amendments.length === 0 ? <p className="muted">{t("amendment.none")}</p> : null}
        <ul className="amendment-list">
          {d.amendments.map((a) => (
            <li key={a.id} className="card">
              <p>
                <strong>{t("amendment.by", { name: a.authorName ?? t("proposal.formerMember"), revision: a.baseRevision })}</strong>{" "}
                <span className={`badge${a.status === "accepted" ? " ok" : a.status === "declined" ? " bad" : ""}`}>{t(`amendment.status.${a.status}`)}</span>
                {a.stale ? <span className="badge bad">{t("amendment.stale")}</span> : null}
              </p>
              {a.title ? <p>{t("amendment.newTitle", { title: a.title })}</p> : null}
              {a.note ? <p className="muted">{a.note}</p> : null}
              <DiffView parts={a.diff} label={t("amendment.diffLabel", { revision: a.baseRevision })} />
              {a.resultRevision ? <p className="muted small">{t("amendment.became", { revision: a.resultRevision })}</p> : null}
              {d.can.decideAmendments && a.status === "open" ? (
                <div className="actions">
                  <Form method="post">
                    <input type="hidden" name="intent" value="accept" />
                    <input type="hidden" name="amendmentId" value={a.id} />
                    <button type="submit" className="primary" disabled={busy}>
                      {t("amendment.accept")}
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="decline" />
                    <input type="hidden" name="amendmentId" value={a.id} />
                    <button type="submit" disabled={busy}>
                      {t("amendment.decline")}
                    </button>
                  </Form>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        {d.can.amend ? (
          <details open={Boolean(errorsFor("amend"))}>
            <summary>{t("amendment.propose")}</summary>
            <Form method="post" className="stack-form">
              <input type="hidden" name="intent" value="amend" />
              <input type="hidden" name="baseRevision" value={d.revision.number} />
              <FormError message={errorsFor("amend")?.form} />
              <p className="hint">{t("amendment.hint", { revision: d.revision.number })}</p>
              <Field name="title" label={t("amendment.titleField")} hint={t("amendment.titleField.hint")} maxLength={200} errors={errorsFor("amend")} values={valuesFor("amend")} defaultValue={d.revision.title} />
              <TextArea name="body" label={t("amendment.body")} rows={10} errors={errorsFor("amend")} values={valuesFor("amend")} defaultValue={d.revision.body} />
              <TextArea name="note" label={t("amendment.note")} rows={2} errors={errorsFor("amend")} values={valuesFor("amend")} />
              <div className="actions">
                <button type="submit" className="primary" disabled={busy}>
                  {t("amendment.submit")}
                </button>
              </div>
            </Form>
          </details>
        ) : null}
      </Section>

      <Section id="comments" title={t("comment.title", { n: d.commentPages.total })}>
        <Pager {...d.commentPages} href={(n) => `?comments=${n}#comments`} label="comment.pages" prev="comment.earlier" next="comment.later" />
        <ul className="comment-list">
          {d.comments.map((c) => (
            <li key={c.id} id={`c-${c.id}`} className="comment">
              <p className="muted small">
                <strong>{c.authorName ?? t("proposal.formerMember")}</strong> · {formatDateTime(locale, c.createdAt)}
              </p>
              <div className="comment-body" dangerouslySetInnerHTML={{ __html: c.html }} />
              {c.replies.length ? (
                <ul className="reply-list">
                  {c.replies.map((r) => (
                    <li key={r.id} id={`c-${r.id}`} className="comment">
                      <p className="muted small">
                        <strong>{r.authorName ?? t("proposal.formerMember")}</strong> · {formatDateTime(locale, r.createdAt)}
                      </p>
                      <div className="comment-body" dangerouslySetInnerHTML={{ __html: r.html }} />
                    </li>
                  ))}
                </ul>
              ) : null}
              <details>
                <summary>{t("comment.reply", { name: c.authorName ?? t("proposal.formerMember") })}</summary>
                <Form method="post" className="stack-form compact">
                  <input type="hidden" name="intent" value="comment" />
                  <input type="hidden" name="parentId" value={c.id} />
                  <div className="field">
                    <label htmlFor={`reply-${c.id}`}>{t("comment.replyLabel")}</label>
                    <textarea id={`reply-${c.id}`} name="comment" rows={3} maxLength={5000} required />
                  </div>
                  <button type="submit" disabled={busy}>
                    {t("comment.replySubmit")}
                  </button>
                </Form>
              </details>
            </li>
          ))}
        </ul>
        <Pager {...d.commentPages} href={(n) => `?comments=${n}#comments`} label="comment.pages" prev="comment.earlier" next="comment.later" />
        <Form method="post" className="stack-form">
          <input type="hidden" name="intent" value="comment" />
          <FormError message={errorsFor("comment")?.form} />
          <TextArea name="comment" label={t("comment.new")} hint={t("proposal.markdownHint")} rows={4} errors={errorsFor("comment")} values={valuesFor("comment")} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("comment.submit")}
            </button>
          </div>
        </Form>
      </Section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
