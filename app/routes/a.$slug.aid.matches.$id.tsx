import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { notFound } from "~/web/authz.server";
import { aidAction, aidIntent, requireAid, type AidContext } from "~/web/aid.server";
import type { FedFailure } from "~/web/federation-http.server";
import { closeMatchSchema, contactSchema, messageSchema } from "~/lib/aid-validation.server";
import { MATCH_ENDINGS } from "~/lib/aid-fields";
import { acceptMatch, addMessage, endMatch, matchView, setContact } from "~/models/aid.server";
import { Field, FormError, Select, TextArea } from "~/components/form";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, viewer } = await requireAid(request, params.slug);
  const view = params.id ? matchView(assembly.id, params.id, viewer) : null;
  if (!view) notFound();
  return { slug: assembly.slug, userId: viewer.userId, ...view };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = params.id ?? "";
  const here = (c: AidContext) => `/a/${c.assembly.slug}/aid/matches/${id}`;
  return aidAction(
    request,
    params.slug,
    {
      accept: aidIntent({ schema: contactSchema, run: (d, c) => acceptMatch(c.assembly.id, id, c.viewer, d.contact, c.now), done: (_, __, c) => `${here(c)}?done=accepted` }),
      contact: aidIntent({ schema: contactSchema, run: (d, c) => setContact(c.assembly.id, id, c.viewer, d.contact), done: (_, __, c) => `${here(c)}?done=contact` }),
      message: aidIntent({ schema: messageSchema, run: (d, c) => addMessage(c.assembly.id, id, c.viewer, d.body, c.now), done: (_, r, c) => `${here(c)}#m-${r.id}` }),
      end: aidIntent({ schema: closeMatchSchema, run: (d, c) => endMatch(c.assembly.id, id, c.viewer, d.ending, d.note, c.now), done: (d, _, c) => `${here(c)}?done=${d.ending}` }),
    },
    // The match must be this body's and one this member may see.
    (c) => {
      if (!id || !matchView(c.assembly.id, id, c.viewer)) notFound();
    },
  );
}

export default function MatchPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const done = params.get("done");
  const base = `/a/${d.slug}/aid`;
  const m = d.match;
  const errorsFor = (intent: string) => (result?.intent === intent ? result.errors : undefined);
  const valuesFor = (intent: string) => (result?.intent === intent ? result.values : undefined);
  const kind = d.post.kind;
  return (
    <article className="narrow">
      <p className="muted small">
        <Link to={`${base}/posts/${d.post.id}`}>{t("aid.match.backToPost")}</Link>
      </p>
      <p className="muted kind">{t("aid.match.title")}</p>
      <h1>{d.post.title || t("aid.post.removed")}</h1>
      <div aria-live="polite">
        {done ? (
          <p className="notice" role="status">
            {t(`aid.done.${done}`)}
          </p>
        ) : null}
      </div>
      <dl className="facts">
        <dt>{t("aid.post.status")}</dt>
        <dd>
          <span className="badge">{t(`aid.match.status.${m.status}`)}</span>
        </dd>
        <dt>{t(`aid.post.who.${kind}`)}</dt>
        <dd>{d.me.owner ? t("aid.post.byYou") : (m.ownerName ?? t("aid.post.anonymous"))}</dd>
        <dt>{t(`aid.match.other.${kind}`)}</dt>
        <dd>{d.me.other ? t("aid.post.byYou") : (m.otherName ?? t(`aid.match.someone.${kind}`))}</dd>
      </dl>

      {d.me.party ? (
        <section aria-labelledby="contact-title">
          <h2 id="contact-title">{t("aid.contact.title")}</h2>
          {d.theirContact !== null ? (
            <p className="notice">
              <strong>{t("aid.contact.theirs")}</strong> <span className="their-contact">{d.theirContact || t("aid.contact.none")}</span>
            </p>
          ) : (
            <p className="muted">{t("aid.contact.afterAccept")}</p>
          )}
          {d.may.contact ? (
            <Form method="post" className="stack-form compact">
              <input type="hidden" name="intent" value="contact" />
              <FormError message={errorsFor("contact")?.form} />
              <Field name="contact" label={t("aid.contact.mine")} hint={t("aid.contact.hint")} errors={errorsFor("contact")} values={valuesFor("contact")} defaultValue={d.myContact} maxLength={300} />
              <div>
                <button type="submit" disabled={busy}>
                  {t("aid.contact.save")}
                </button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : (
        <p className="muted">{t("aid.match.coordinatorNote")}</p>
      )}

      {d.may.accept ? (
        <Form method="post" className="stack-form compact">
          <input type="hidden" name="intent" value="accept" />
          <FormError message={errorsFor("accept")?.form} />
          {d.me.party ? <p className="hint">{t("aid.contact.beforeAccept")}</p> : null}
          <div>
            <button type="submit" className="primary" disabled={busy}>
              {t("aid.match.accept")}
            </button>
          </div>
        </Form>
      ) : null}

      {d.may.message || d.messages.length > 0 ? (
        <section aria-labelledby="messages-title">
          <h2 id="messages-title">{t("aid.messages.title")}</h2>
          <ul className="comment-list">
            {d.messages.map((msg) => (
              <li key={msg.id} id={`m-${msg.id}`} className="comment">
                <p className="small muted">
                  {msg.authorId === d.userId ? t("aid.post.byYou") : (msg.authorName ?? t("proposal.formerMember"))} · {formatDateTime(locale, msg.createdAt)}
                </p>
                <p className="proposal-text pre-wrap">{msg.body}</p>
              </li>
            ))}
          </ul>
          {d.may.message ? (
            <Form method="post" className="stack-form compact">
              <input type="hidden" name="intent" value="message" />
              <FormError message={errorsFor("message")?.form} />
              <TextArea name="body" label={t("aid.messages.write")} errors={errorsFor("message")} values={valuesFor("message")} rows={3} maxLength={2000} />
              <div>
                <button type="submit" disabled={busy}>
                  {t("aid.messages.send")}
                </button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}

      {d.may.end ? (
        <section aria-labelledby="end-title">
          <h2 id="end-title">{t("aid.match.end")}</h2>
          <Form method="post" className="stack-form compact">
            <input type="hidden" name="intent" value="end" />
            <FormError message={errorsFor("end")?.form} />
            <Select name="ending" label={t("aid.match.ending")} options={(m.status === "proposed" ? ["cancelled"] : MATCH_ENDINGS).map((e) => ({ value: e, label: t(`aid.match.status.${e}`) }))} errors={errorsFor("end")} values={valuesFor("end")} />
            <TextArea name="note" label={t("aid.match.note")} hint={t("aid.match.note.hint")} errors={errorsFor("end")} values={valuesFor("end")} rows={2} maxLength={2000} />
            <div>
              <button type="submit" disabled={busy}>
                {t("aid.match.endSubmit")}
              </button>
            </div>
          </Form>
        </section>
      ) : m.note ? (
        <p className="small">
          <strong>{t("aid.match.note")}:</strong> {m.note}
        </p>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
