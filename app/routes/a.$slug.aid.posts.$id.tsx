import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { notFound } from "~/web/authz.server";
import { aidAction, aidIntent, requireAid, type AidContext } from "~/web/aid.server";
import type { FedFailure } from "~/web/federation-http.server";
import { acceptSchema, answerOfferSchema, connectSchema, contactSchema, noFieldsSchema, proposeSchema, shareIdSchema, shareSchema } from "~/lib/aid-validation.server";
import { agreeToConnect, answerOffer, councilsForAid, markMet, shareRequest, sharesOfPost, withdrawShare, WITHDRAWABLE_SHARE_STATUSES } from "~/models/aid-council.server";
import { acceptMatch, closePost, deletePost, membersForAid, postView, proposeMatch, renewPost, respond } from "~/models/aid.server";
import { categoryLabel } from "~/components/aid";
import { Field, FormError, Select } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDate } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, viewer, membership } = await requireAid(request, params.slug);
  const view = params.id ? postView(assembly.id, params.id, viewer) : null;
  if (!view) notFound();
  const members = view.may.propose ? membersForAid(assembly.id).filter((m) => m.userId !== view.post.authorId && m.userId !== null) : [];
  return {
    slug: assembly.slug,
    ...view,
    members: members.map((m) => ({ value: m.userId, label: `${m.displayName} (@${m.username})` })),
    // Passing a request to a council: coordinators, open requests, the body's active councils.
    councils: viewer.coordinator && view.post.kind === "request" && view.post.status === "open" ? councilsForAid(assembly.id) : [],
    // Taking a share back from the council: the passing body's coordinators and stewards.
    shares: (view.post.kind === "request" ? sharesOfPost(assembly.id, view.post.id, viewer, view.post.mine ? viewer.userId : null, { steward: membership.steward }) : []).map((s) => ({
      ...s,
      withdrawable: (viewer.coordinator || membership.steward) && (WITHDRAWABLE_SHARE_STATUSES as readonly string[]).includes(s.status),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = params.id ?? "";
  const here = (c: AidContext) => `/a/${c.assembly.slug}/aid/posts/${id}`;
  const matches = (c: AidContext) => `/a/${c.assembly.slug}/aid/matches`;
  return aidAction(
    request,
    params.slug,
    {
      respond: aidIntent({ schema: contactSchema, run: (d, c) => respond(c.assembly.id, id, c.viewer, d.contact, c.now), done: (_, r, c) => `${matches(c)}/${r.id}?done=responded` }),
      propose: aidIntent({ schema: proposeSchema, run: (d, c) => proposeMatch(c.assembly.id, id, c.viewer, d.otherId, c.now), done: (_, r, c) => `${matches(c)}/${r.id}?done=proposed` }),
      accept: aidIntent({ schema: acceptSchema, run: (d, c) => acceptMatch(c.assembly.id, d.matchId, c.viewer, d.contact, c.now), done: (d, _, c) => `${matches(c)}/${d.matchId}?done=accepted` }),
      share: aidIntent({ schema: shareSchema, run: (d, c) => shareRequest(c.assembly.id, id, c.viewer, d.councilId, c.now), done: (_, __, c) => `${here(c)}?done=shared` }),
      answer: aidIntent({
        schema: answerOfferSchema,
        run: (d, c) => answerOffer(c.assembly.id, d.shareId, c.viewer, { accept: d.decision === "accept", contact: d.contact }, c.now),
        done: (d, _, c) => `${here(c)}?done=${d.decision === "accept" ? "offerAccepted" : "offerDeclined"}`,
      }),
      connect: aidIntent({ schema: connectSchema, run: (d, c) => agreeToConnect(c.assembly.id, d.shareId, c.viewer, { personContact: d.personContact }), done: (_, __, c) => `${here(c)}?done=connect` }),
      withdrawShare: aidIntent({
        schema: shareIdSchema,
        run: (d, c) => withdrawShare(c.assembly.id, id, d.shareId, { userId: c.user.id, coordinator: c.viewer.coordinator, steward: c.membership.steward }, c.now),
        done: (_, __, c) => `${here(c)}?done=shareWithdrawn`,
      }),
      met: aidIntent({ schema: shareIdSchema, run: (d, c) => markMet(c.assembly.id, d.shareId, c.viewer, c.now), done: (_, __, c) => `${here(c)}?done=met` }),
      renew: aidIntent({ schema: noFieldsSchema, run: (_, c) => renewPost(c.assembly.id, id, c.viewer, c.now), done: (_, __, c) => `${here(c)}?done=renewed` }),
      close: aidIntent({ schema: noFieldsSchema, run: (_, c) => closePost(c.assembly.id, id, c.viewer, c.now), done: (_, __, c) => `${here(c)}?done=closed` }),
      delete: aidIntent({ schema: noFieldsSchema, run: (_, c) => deletePost(c.assembly.id, id, c.user.id), done: (_, __, c) => `/a/${c.assembly.slug}/aid?done=deleted` }),
    },
    // The request or offer must be this body's and visible to this member.
    (c) => {
      if (!id || !postView(c.assembly.id, id, c.viewer)) notFound();
    },
  );
}

export default function PostPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const done = params.get("done");
  const p = d.post;
  const base = `/a/${d.slug}/aid`;
  const errorsFor = (intent: string) => (result?.intent === intent ? result.errors : undefined);
  const valuesFor = (intent: string) => (result?.intent === intent ? result.values : undefined);
  return (
    <article className="narrow">
      <p className="muted small">
        <Link to={base}>{t("aid.back")}</Link>
      </p>
      <p className="muted kind">{t(`aid.kind.${p.kind}`)}</p>
      <h1>{p.title || t("aid.post.removed")}</h1>
      <div aria-live="polite">
        {done ? (
          <p className="notice" role="status">
            {t(`aid.done.${done}`)}
          </p>
        ) : null}
      </div>
      <dl className="facts">
        <dt>{t("aid.form.category")}</dt>
        <dd>{categoryLabel(t, p)}</dd>
        {p.quantity ? (
          <>
            <dt>{t("aid.form.quantity")}</dt>
            <dd>{p.quantity}</dd>
          </>
        ) : null}
        <dt>{t("aid.form.when")}</dt>
        <dd>{p.windowStart && p.windowEnd ? t("aid.post.window", { from: formatDate(locale, p.windowStart), until: formatDate(locale, p.windowEnd) }) : t("aid.form.when.ongoing")}</dd>
        <dt>{t("aid.form.urgency")}</dt>
        <dd>{t(`aid.urgency.${p.urgency}`)}</dd>
        <dt>{t("aid.form.zone")}</dt>
        <dd>{p.zoneName ?? t("aid.form.noZone")}</dd>
        <dt>{t(`aid.post.who.${p.kind}`)}</dt>
        <dd>
          {p.mine ? t("aid.post.byYou") : (p.authorName ?? t("aid.post.anonymous"))}
          {p.anonymous ? <span className="badge">{t("aid.post.anonymousBadge")}</span> : null}
        </dd>
        <dt>{t("aid.post.status")}</dt>
        <dd>
          {t(`aid.status.${p.status}`)}
          {p.status === "open" || p.status === "matched" ? ` · ${t("aid.post.expires", { date: formatDate(locale, p.expiresAt) })}` : ""}
        </dd>
      </dl>
      {p.details ? <p className="proposal-text pre-wrap">{p.details}</p> : null}

      {d.may.respond ? (
        <section aria-labelledby="respond-title">
          <h2 id="respond-title">{t(`aid.respond.${p.kind}`)}</h2>
          <p className="hint">{t(`aid.respond.hint.${d.ladder}`)}</p>
          <Form method="post" className="stack-form compact">
            <input type="hidden" name="intent" value="respond" />
            <FormError message={errorsFor("respond")?.form} />
            <Field name="contact" label={t("aid.contact.label")} hint={t("aid.contact.hint")} errors={errorsFor("respond")} values={valuesFor("respond")} maxLength={300} />
            <div>
              <button type="submit" className="primary" disabled={busy}>
                {t(`aid.respond.${p.kind}`)}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {d.matches.length > 0 ? (
        <section aria-labelledby="matches-title">
          <h2 id="matches-title">{t("aid.matches")}</h2>
          <ul>
            {d.matches.map((m) => (
              <li key={m.id}>
                <Link to={`${base}/matches/${m.id}`}>{m.otherName ?? t(`aid.match.someone.${p.kind}`)}</Link> <span className="badge">{t(`aid.match.status.${m.status}`)}</span>
                {m.mayAccept ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="accept" />
                    <input type="hidden" name="matchId" value={m.id} />
                    <FormError message={errorsFor("accept")?.form} />
                    <button type="submit" disabled={busy}>
                      {t("aid.match.accept")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.may.propose ? (
        <section aria-labelledby="propose-title">
          <h2 id="propose-title">{t("aid.propose.title")}</h2>
          <Form method="post" className="stack-form compact">
            <input type="hidden" name="intent" value="propose" />
            <FormError message={errorsFor("propose")?.form} />
            <Select name="otherId" label={t(`aid.propose.who.${p.kind}`)} options={d.members} errors={errorsFor("propose")} values={valuesFor("propose")} />
            <div>
              <button type="submit" disabled={busy}>
                {t("aid.propose.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {d.councils.length > 0 ? (
        <section aria-labelledby="share-title">
          <h2 id="share-title">{t("aid.share.title")}</h2>
          <p className="hint">{t("aid.share.hint")}</p>
          <Form method="post" className="stack-form compact">
            <input type="hidden" name="intent" value="share" />
            <FormError message={errorsFor("share")?.form} />
            <Select name="councilId" label={t("aid.share.council")} options={d.councils.map((c) => ({ value: c.id, label: c.name }))} errors={errorsFor("share")} values={valuesFor("share")} />
            <div>
              <button type="submit" disabled={busy}>
                {t("aid.share.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {d.shares.length > 0 ? (
        <section aria-labelledby="shares-title">
          <h2 id="shares-title">{t("aid.share.shared")}</h2>
          <FormError message={errorsFor("answer")?.form ?? errorsFor("connect")?.form ?? errorsFor("met")?.form ?? errorsFor("withdrawShare")?.form} />
          <ul>
            {d.shares.map((s) => (
              <li key={s.id}>
                {s.council} <span className="badge">{t(`aid.share.status.${s.status}`)}</span>
                {s.helperAssembly ? ` · ${t("aid.share.helper", { assembly: s.helperAssembly })}` : ""}
                {s.offerNote ? <p className="small">{s.offerNote}</p> : null}
                {s.helperContact !== null ? (
                  <p className="notice">
                    {t("aid.council.theirCoordinator", { name: s.helperCoordinator ?? "" })} <strong>{s.helperContact || t("aid.contact.none")}</strong>
                  </p>
                ) : null}
                {s.helperPersonContact !== null ? (
                  <p className="notice">
                    {t("aid.share.helperPerson", { name: s.helperPerson ?? "" })} <strong className="their-contact">{s.helperPersonContact || t("aid.contact.none")}</strong>
                  </p>
                ) : null}
                {d.may.propose && s.status === "offered" ? (
                  <Form method="post" className="stack-form compact">
                    <input type="hidden" name="intent" value="answer" />
                    <input type="hidden" name="shareId" value={s.id} />
                    <Field idPrefix={`s${s.id}-`} name="contact" label={t("aid.council.coordinatorContact")} hint={t("aid.council.coordinatorContact.hint")} errors={errorsFor("answer")} values={valuesFor("answer")} maxLength={300} />
                    <div className="actions">
                      <button type="submit" name="decision" value="accept" disabled={busy}>
                        {t("aid.share.accept")}
                      </button>{" "}
                      <button type="submit" name="decision" value="decline" disabled={busy}>
                        {t("aid.share.decline")}
                      </button>
                    </div>
                  </Form>
                ) : null}
                {d.may.propose && s.status === "matched" && !s.fromAgreed ? (
                  <Form method="post" className="stack-form compact">
                    <input type="hidden" name="intent" value="connect" />
                    <input type="hidden" name="shareId" value={s.id} />
                    <Field idPrefix={`s${s.id}-`} name="personContact" label={t("aid.share.personContact")} hint={t("aid.council.consentHint")} errors={errorsFor("connect")} values={valuesFor("connect")} maxLength={300} />
                    <div>
                      <button type="submit" disabled={busy}>
                        {t("aid.council.agree")}
                      </button>
                    </div>
                  </Form>
                ) : null}
                {d.may.propose && s.status === "matched" ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="met" />
                    <input type="hidden" name="shareId" value={s.id} />
                    <button type="submit" disabled={busy}>
                      {t("aid.share.markMet")}
                    </button>
                  </Form>
                ) : null}
                {s.withdrawable ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="withdrawShare" />
                    <input type="hidden" name="shareId" value={s.id} />
                    <button type="submit" className="secondary" disabled={busy}>
                      {t("aid.share.withdraw")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.may.manage || d.may.delete ? (
        <section aria-labelledby="manage-title">
          <h2 id="manage-title">{t("aid.manage")}</h2>
          <FormError message={errorsFor("renew")?.form ?? errorsFor("close")?.form ?? errorsFor("delete")?.form} />
          <div className="actions">
            {d.may.manage && p.status !== "closed" ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="renew" />
                <button type="submit" disabled={busy}>
                  {t("aid.renew")}
                </button>
              </Form>
            ) : null}
            {d.may.manage && p.status !== "closed" ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="close" />
                <button type="submit" disabled={busy}>
                  {t("aid.close")}
                </button>
              </Form>
            ) : null}
            {d.may.delete ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="delete" />
                <button type="submit" disabled={busy}>
                  {t("aid.delete")}
                </button>
              </Form>
            ) : null}
          </div>
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
