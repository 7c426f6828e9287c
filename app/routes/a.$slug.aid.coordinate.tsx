import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { forbidden } from "~/web/authz.server";
import { aidAction, aidIntent, requireAid, type AidContext } from "~/web/aid.server";
import type { FedFailure } from "~/web/federation-http.server";
import { categorySchema, coordinatorSchema, renameCategorySchema, renameZoneSchema, zoneSchema } from "~/lib/aid-validation.server";
import { addCategory, addZone, categoriesOf, membersForAid, openMatches, renameCategory, renameZone, setAidCoordinator, visiblePosts, zonesOf } from "~/models/aid.server";
import { categoryLabel, PostList } from "~/components/aid";
import { Field, FormError } from "~/components/form";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";

export const meta: MetaFunction = () => [{ title: "Plenary" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly, membership, viewer, ladder, retentionDays } = await requireAid(request, params.slug);
  if (!viewer.coordinator && !membership.steward) forbidden("needs.aidCoordinator");
  return {
    slug: assembly.slug,
    ladder,
    retentionDays,
    coordinator: viewer.coordinator,
    steward: membership.steward,
    requests: viewer.coordinator ? visiblePosts(assembly.id, viewer, { kind: "request", open: true }) : [],
    offers: viewer.coordinator ? visiblePosts(assembly.id, viewer, { kind: "offer", open: true }) : [],
    matches: viewer.coordinator ? openMatches(assembly.id) : [],
    categories: categoriesOf(assembly.id).map((c) => ({ id: c.id, key: c.key, name: c.name, expiryDays: c.expiryDays })),
    zones: zonesOf(assembly.id).map((z) => ({ id: z.id, name: z.name })),
    members: membership.steward ? membersForAid(assembly.id) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const here = (c: AidContext) => `/a/${c.assembly.slug}/aid/coordinate`;
  return aidAction(request, params.slug, {
    category: aidIntent({ schema: categorySchema, need: "coordinator", run: (d, c) => addCategory(c.assembly.id, d, c.now), done: (_, __, c) => `${here(c)}?done=category` }),
    zone: aidIntent({ schema: zoneSchema, need: "coordinator", run: (d, c) => addZone(c.assembly.id, d.name, c.now), done: (_, __, c) => `${here(c)}?done=zone` }),
    // Coordinators and stewards keep the body's words for needs and places.
    renameCategory: aidIntent({ schema: renameCategorySchema, need: "coordinatorOrSteward", run: (d, c) => renameCategory(c.assembly.id, d.categoryId, d.name), done: (_, __, c) => `${here(c)}?done=renameCategory` }),
    renameZone: aidIntent({ schema: renameZoneSchema, need: "coordinatorOrSteward", run: (d, c) => renameZone(c.assembly.id, d.zoneId, d.name), done: (_, __, c) => `${here(c)}?done=renameZone` }),
    coordinator: aidIntent({ schema: coordinatorSchema, need: "steward", run: (d, c) => setAidCoordinator(c.assembly.id, d.userId, d.on), done: (_, __, c) => `${here(c)}?done=coordinator` }),
  });
}

export default function Coordinate() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as FedFailure | undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const [params] = useSearchParams();
  const done = params.get("done");
  const base = `/a/${d.slug}/aid`;
  const errorsFor = (intent: string) => (result?.intent === intent ? result.errors : undefined);
  const valuesFor = (intent: string) => (result?.intent === intent ? result.values : undefined);
  // A rename's errors go beside the one item it was for.
  const renameFailed = (intent: string, field: string, id: string) => result?.intent === intent && result.values?.[field] === id;
  const mayRename = d.coordinator || d.steward;
  return (
    <section>
      <p className="muted small">
        <Link to={base}>{t("aid.back")}</Link>
      </p>
      <h1>{t("aid.coordinate.title")}</h1>
      <p className="lead">{t("aid.coordinate.rules", { ladder: t(`aid.ladder.${d.ladder}`), days: d.retentionDays })}</p>
      {done ? (
        <p className="notice" role="status">
          {t(`aid.done.${done}`)}
        </p>
      ) : null}
      {d.coordinator ? (
        <>
          <section aria-labelledby="c-matches">
            <h2 id="c-matches">{t("aid.coordinate.matches")}</h2>
            {d.matches.length === 0 ? (
              <p className="muted">{t("aid.coordinate.noMatches")}</p>
            ) : (
              <ul>
                {d.matches.map((m) => (
                  <li key={m.id}>
                    <Link to={`${base}/matches/${m.id}`}>{m.title}</Link> · {m.authorName ?? t("aid.post.anonymous")} ↔ {m.otherName ?? "—"} <span className="badge">{t(`aid.match.status.${m.status}`)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="c-requests">
            <h2 id="c-requests">{t("aid.requests")}</h2>
            <PostList posts={d.requests} base={base} empty={t("aid.requests.none")} />
          </section>
          <section aria-labelledby="c-offers">
            <h2 id="c-offers">{t("aid.offers")}</h2>
            <PostList posts={d.offers} base={base} empty={t("aid.offers.none")} />
          </section>
        </>
      ) : null}
      <section aria-labelledby="c-categories">
        <h2 id="c-categories">{t("aid.coordinate.categories")}</h2>
        <ul>
          {d.categories.map((c) => (
            <li key={c.id}>
              {categoryLabel(t, c)} · {t("aid.coordinate.expiryDays", { n: c.expiryDays })}
              {mayRename ? (
                <RenameForm intent="renameCategory" idField="categoryId" id={c.id} current={categoryLabel(t, c)} label={t("aid.coordinate.renameCategory", { name: categoryLabel(t, c) })} maxLength={60} failed={renameFailed("renameCategory", "categoryId", c.id) ? result : undefined} busy={busy} />
              ) : null}
            </li>
          ))}
        </ul>
        {d.coordinator ? (
          <Form method="post" className="stack-form compact">
            <input type="hidden" name="intent" value="category" />
            <FormError message={errorsFor("category")?.form} />
            <Field name="name" label={t("aid.coordinate.categoryName")} errors={errorsFor("category")} values={valuesFor("category")} maxLength={60} />
            <Field name="expiryDays" type="number" label={t("aid.coordinate.categoryDays")} errors={errorsFor("category")} values={valuesFor("category")} defaultValue={14} min={1} max={365} />
            <div>
              <button type="submit" disabled={busy}>
                {t("aid.coordinate.addCategory")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>
      <section aria-labelledby="c-zones">
        <h2 id="c-zones">{t("aid.coordinate.zones")}</h2>
        <p className="hint">{t("aid.coordinate.zones.hint")}</p>
        <ul>
          {d.zones.map((z) => (
            <li key={z.id}>
              {z.name}
              {mayRename ? <RenameForm intent="renameZone" idField="zoneId" id={z.id} current={z.name} label={t("aid.coordinate.renameZone", { name: z.name })} maxLength={80} failed={renameFailed("renameZone", "zoneId", z.id) ? result : undefined} busy={busy} /> : null}
            </li>
          ))}
        </ul>
        {d.coordinator ? (
          <Form method="post" className="stack-form compact">
            <input type="hidden" name="intent" value="zone" />
            <FormError message={errorsFor("zone")?.form} />
            <Field name="name" label={t("aid.coordinate.zoneName")} errors={errorsFor("zone")} values={valuesFor("zone")} maxLength={80} />
            <div>
              <button type="submit" disabled={busy}>
                {t("aid.coordinate.addZone")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>
      {d.steward ? (
        <section aria-labelledby="c-roles">
          <h2 id="c-roles">{t("aid.coordinate.roles")}</h2>
          <p className="hint">{t("aid.coordinate.roles.hint")}</p>
          <FormError message={errorsFor("coordinator")?.form ?? errorsFor("coordinator")?.userId} />
          <ul className="member-list">
            {d.members.map((m) => (
              <li key={m.userId}>
                {m.displayName} <span className="muted">@{m.username}</span> {m.aidCoordinator ? <span className="badge">{t("role.aidCoordinator")}</span> : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="coordinator" />
                  <input type="hidden" name="userId" value={m.userId} />
                  {m.aidCoordinator ? null : <input type="hidden" name="on" value="on" />}
                  <button type="submit" disabled={busy}>
                    {m.aidCoordinator ? t("aid.coordinate.revoke") : t("aid.coordinate.grant")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

/** One item's rename: a closed disclosure (no JavaScript needed), open again with its error beside the field. */
function RenameForm(p: { intent: string; idField: string; id: string; current: string; label: string; maxLength: number; failed?: FedFailure; busy: boolean }) {
  const t = useT();
  return (
    <details className="rename" open={Boolean(p.failed)}>
      <summary>{t("aid.coordinate.rename")}</summary>
      <Form method="post" className="stack-form compact">
        <input type="hidden" name="intent" value={p.intent} />
        <input type="hidden" name={p.idField} value={p.id} />
        <FormError message={p.failed?.errors.form} />
        <Field idPrefix={`${p.id}-`} name="name" label={p.label} errors={p.failed?.errors} values={p.failed?.values} defaultValue={p.current} maxLength={p.maxLength} />
        <div>
          <button type="submit" disabled={p.busy}>
            {t("aid.coordinate.saveName")}
          </button>
        </div>
      </Form>
    </details>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
