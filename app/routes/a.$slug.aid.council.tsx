import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { aidAction, aidIntent, requireAid, type AidContext } from "~/web/aid.server";
import type { FedFailure } from "~/web/federation-http.server";
import { connectSchema, offerToMeetSchema } from "~/lib/aid-validation.server";
import { membersForAid } from "~/models/aid.server";
import { agreeToConnect, councilsForAid, helpingShares, needsToMeet, offerToMeet, shareableOffers } from "~/models/aid-council.server";
import { categoryLabel } from "~/components/aid";
import { Field, FormError, Select } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, viewer } = await requireAid(request, params.slug);
  const councils = councilsForAid(assembly.id);
  return {
    slug: assembly.slug,
    coordinator: viewer.coordinator,
    councils: councils.map((c) => ({ ...c, offers: shareableOffers(c.id).filter((o) => o.assemblyId !== assembly.id) })),
    // Zone and need only; coordinators meet them.
    needs: viewer.coordinator ? needsToMeet(assembly.id) : [],
    helping: helpingShares(assembly.id, viewer),
    members: viewer.coordinator ? membersForAid(assembly.id).map((m) => ({ value: m.userId, label: m.displayName })) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const here = (c: AidContext) => `/a/${c.assembly.slug}/aid/council`;
  return aidAction(request, params.slug, {
    offer: aidIntent({ schema: offerToMeetSchema, run: (d, c) => offerToMeet(c.assembly.id, d.shareId, c.viewer, { note: d.note, contact: d.contact }, c.now), done: (_, __, c) => `${here(c)}?done=offeredToMeet` }),
    connect: aidIntent({
      schema: connectSchema,
      run: (d, c) => agreeToConnect(c.assembly.id, d.shareId, c.viewer, { personContact: d.personContact, helperPersonId: d.helperPersonId }),
      done: (_, __, c) => `${here(c)}?done=connect`,
    }),
  });
}

export default function CouncilAid() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const [params] = useSearchParams();
  const done = params.get("done");
  const errorsFor = (intent: string) => (result?.intent === intent ? result.errors : undefined);
  const valuesFor = (intent: string) => (result?.intent === intent ? result.values : undefined);
  return (
    <section>
      <p className="muted small">
        <Link to={`/a/${d.slug}/aid`}>{t("aid.back")}</Link>
      </p>
      <h1>{t("aid.council.title")}</h1>
      <p className="lead">{t("aid.council.intro")}</p>
      {done ? (
        <p className="notice" role="status">
          {t(`aid.done.${done}`)}
        </p>
      ) : null}
      {d.councils.length === 0 ? <p className="muted">{t("aid.council.noCouncils")}</p> : null}
      {d.coordinator && d.councils.length > 0 ? (
        <section aria-labelledby="needs-title">
          <h2 id="needs-title">{t("aid.council.needs")}</h2>
          <FormError message={errorsFor("offer")?.form} />
          {d.needs.length === 0 ? (
            <p className="muted">{t("aid.council.noNeeds")}</p>
          ) : (
            <ul className="proposal-list">
              {d.needs.map((n) => (
                <li key={n.id}>
                  <h3>
                    {n.title} {n.urgency === "urgent" ? <span className="badge warn">{t("aid.urgency.urgent")}</span> : null}
                  </h3>
                  <p className="small">
                    {categoryLabel(t, n)}
                    {n.quantity ? ` · ${n.quantity}` : ""} · {n.zoneName ?? t("aid.form.noZone")} · {t("aid.council.from", { assembly: n.fromAssemblyName })}
                  </p>
                  <Form method="post" className="stack-form compact">
                    <input type="hidden" name="intent" value="offer" />
                    <input type="hidden" name="shareId" value={n.id} />
                    <Field idPrefix={`n${n.id}-`} name="note" label={t("aid.council.offerNote")} errors={errorsFor("offer")} values={valuesFor("offer")} maxLength={500} />
                    <Field idPrefix={`n${n.id}-`} name="contact" label={t("aid.council.coordinatorContact")} hint={t("aid.council.coordinatorContact.hint")} errors={errorsFor("offer")} values={valuesFor("offer")} maxLength={300} />
                    <div>
                      <button type="submit" disabled={busy}>
                        {t("aid.council.offerToMeet")}
                      </button>
                    </div>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {d.helping.length > 0 ? (
        <section aria-labelledby="helping-title">
          <h2 id="helping-title">{t("aid.council.helping")}</h2>
          <FormError message={errorsFor("connect")?.form} />
          <ul className="proposal-list">
            {d.helping.map((h) => (
              <li key={h.id}>
                <h3>
                  {h.title} <span className="badge">{t(`aid.share.status.${h.status}`)}</span>
                </h3>
                <p className="small">
                  {categoryLabel(t, h)} · {h.zoneName ?? t("aid.form.noZone")} · {t("aid.council.from", { assembly: h.fromAssemblyName })}
                </p>
                {h.fromContact !== null ? (
                  <p className="notice">
                    {t("aid.council.theirCoordinator", { name: h.fromCoordinator ?? "" })} <strong>{h.fromContact || t("aid.contact.none")}</strong>
                  </p>
                ) : null}
                {h.fromPersonContact !== null ? (
                  <p className="notice">
                    {t("aid.council.personContact")} <strong className="their-contact">{h.fromPersonContact || t("aid.contact.none")}</strong>
                  </p>
                ) : null}
                {d.coordinator && h.status === "matched" && !h.helperAgreed ? (
                  <Form method="post" className="stack-form compact">
                    <input type="hidden" name="intent" value="connect" />
                    <input type="hidden" name="shareId" value={h.id} />
                    <Select idPrefix={`h${h.id}-`} name="helperPersonId" label={t("aid.council.helperPerson")} options={d.members} errors={errorsFor("connect")} values={valuesFor("connect")} />
                    <Field idPrefix={`h${h.id}-`} name="personContact" label={t("aid.council.helperPersonContact")} hint={t("aid.council.consentHint")} errors={errorsFor("connect")} values={valuesFor("connect")} maxLength={300} />
                    <div>
                      <button type="submit" disabled={busy}>
                        {t("aid.council.agree")}
                      </button>
                    </div>
                  </Form>
                ) : h.helperAgreed && !h.fromAgreed ? (
                  <p className="muted">{t("aid.council.waitingOther")}</p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.councils.map((c) => (
        <section key={c.id} aria-labelledby={`offers-${c.id}`}>
          <h2 id={`offers-${c.id}`}>{t("aid.council.offersIn", { council: c.name })}</h2>
          {c.offers.length === 0 ? (
            <p className="muted">{t("aid.council.noOffers")}</p>
          ) : (
            <ul>
              {c.offers.map((o) => (
                <li key={o.id}>
                  <strong>{o.title}</strong> · {categoryLabel(t, o)}
                  {o.quantity ? ` · ${o.quantity}` : ""} · {o.zoneName ?? t("aid.form.noZone")} · {o.assemblyName}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
