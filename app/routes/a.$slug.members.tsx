import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, requireMember } from "~/web/authz.server";
import { memberActionSchema } from "~/lib/assembly-validation.server";
import { parseForm } from "~/web/forms";
import { refused } from "~/web/refusal.server";
import { invalid } from "~/web/http.server";
import { changeRoles, findMembers, removeMember } from "~/models/membership.server";
import { useT, useLocale } from "~/i18n/react";
import { formatDate } from "~/i18n";
import { FormError } from "~/components/form";
import { RoleBadges } from "~/components/roles";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { closeStreams } from "~/web/live-access.server";
import { stewardReset } from "~/models/recovery.server";

/** Members on one page: a union of hundreds is searched and paged, not one long scroll. */
const PAGE = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 80);
  const page = Math.max(1, Math.min(10_000, Math.floor(Number(url.searchParams.get("page")) || 1)));
  const { rows, total } = findMembers(assembly.id, { q, offset: (page - 1) * PAGE, limit: PAGE });
  return { me: { id: user.id, steward: membership.steward }, members: rows, total, q, page, pages: Math.max(1, Math.ceil(total / PAGE)), from: total ? (page - 1) * PAGE + 1 : 0, slug: assembly.slug };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, assembly, membership } = await requireMember(request, params.slug);
  const form = await request.formData();
  const parsed = parseForm(memberActionSchema, form);
  if (!parsed.ok) return invalid(parsed);
  const input = parsed.data;
  if (input.intent === "leave") {
    const r = removeMember(assembly.id, user.id);
    if (!r.ok) return refused(r, form);
    closeStreams({ userId: user.id, assemblyId: assembly.id });
    return redirect("/?left=1");
  }
  if (!membership.steward) forbidden("needs.steward");
  if (input.intent === "reset") {
    const r = stewardReset({ assemblyId: assembly.id, stewardId: user.id, userId: input.userId, now: Date.now() });
    if (!r.ok) return refused(r, form);
    if (r.token === null) return data({ ok: true as const, done: "resetPending" });
    // Shown once, to this steward: only its hash is kept.
    return data({ ok: true as const, done: "resetLink", link: `${new URL(request.url).origin}/reset/${r.token}` });
  }
  if (input.intent === "remove") {
    const r = removeMember(assembly.id, input.userId);
    if (!r.ok) return refused(r, form);
    // Their live meeting streams end now, not at their next reconnect.
    closeStreams({ userId: input.userId, assemblyId: assembly.id });
    return data({ ok: true as const, done: "removed" });
  }
  const r = changeRoles(assembly.id, input.userId, { role: input.role, steward: input.steward, facilitator: input.facilitator });
  if (!r.ok) return refused(r, form);
  // A stream was authorised for the old role: it reconnects under the new one.
  closeStreams({ userId: input.userId, assemblyId: assembly.id });
  return data({ ok: true as const, done: "roles" });
}

export default function Members() {
  const { me, members, total, q, page, pages, from, slug } = useLoaderData<typeof loader>();
  const pageLink = (n: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), ...(n > 1 ? { page: String(n) } : {}) })}`;
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const error = result && !result.ok ? result.errors.form : undefined;
  return (
    <section>
      <h1>{t("members.title")}</h1>
      <FormError message={error} />
      {result?.ok ? (
        <p role="status" className="notice">
          {t(`members.done.${result.done}`)}
        </p>
      ) : null}
      {result?.ok && "link" in result && typeof result.link === "string" ? (
        <div className="field">
          <label htmlFor="reset-link">{t("members.resetLink")}</label>
          <input id="reset-link" className="copy" readOnly value={result.link} onFocus={(e) => e.currentTarget.select()} />
          <p className="hint">{t("members.resetLink.hint")}</p>
        </div>
      ) : null}
      {/* A plain GET form: it searches without JavaScript, and the address can be shared. */}
      <Form method="get" className="member-search" role="search">
        <label htmlFor="member-q">{t("members.search")}</label>
        <div className="inline-fields">
          <input id="member-q" name="q" type="search" defaultValue={q} maxLength={80} autoComplete="off" />
          <button type="submit">{t("members.search.submit")}</button>
        </div>
      </Form>
      <p className="muted" role="status">
        {q ? t("members.search.found", { count: total, q }) : t("members.count", { count: total })}
        {total > members.length ? ` ${t("members.showing", { from, to: from + members.length - 1 })}` : ""}
        {q ? (
          <>
            {" "}
            <Link to=".">{t("members.search.clear")}</Link>
          </>
        ) : null}
      </p>
      <ul className="member-list compact">
        {members.map((m) => (
          <li key={m.userId} className="member">
            <div>
              <strong>{m.displayName}</strong> <span className="muted">@{m.username}</span> <RoleBadges role={m.role} steward={m.steward} facilitator={m.facilitator} />{" "}
              <span className="muted small">{t("members.joined", { date: formatDate(locale, m.joinedAt) })}</span>
            </div>
            {me.steward ? (
              <details>
                <summary>{t("members.manage", { name: m.displayName })}</summary>
                <Form method="post" className="stack-form compact">
                  <input type="hidden" name="intent" value="roles" />
                  <input type="hidden" name="userId" value={m.userId} />
                  <fieldset>
                    <legend>{t("members.rolesFor", { name: m.displayName })}</legend>
                    <div className="radio">
                      <input type="radio" id={`r-${m.userId}-member`} name="role" value="member" defaultChecked={m.role === "member"} />
                      <label htmlFor={`r-${m.userId}-member`}>{t("role.member")}</label>
                    </div>
                    <div className="radio">
                      <input type="radio" id={`r-${m.userId}-observer`} name="role" value="observer" defaultChecked={m.role === "observer"} />
                      <label htmlFor={`r-${m.userId}-observer`}>{t("role.observer")}</label>
                    </div>
                    <div className="checkbox">
                      <input type="checkbox" id={`r-${m.userId}-fac`} name="facilitator" defaultChecked={m.facilitator} />
                      <label htmlFor={`r-${m.userId}-fac`}>{t("role.facilitator")}</label>
                    </div>
                    <div className="checkbox">
                      <input type="checkbox" id={`r-${m.userId}-stew`} name="steward" defaultChecked={m.steward} />
                      <label htmlFor={`r-${m.userId}-stew`}>{t("role.steward")}</label>
                    </div>
                  </fieldset>
                  <button type="submit">{t("members.saveRoles")}</button>
                </Form>
                {m.userId !== me.id ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="reset" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <button type="submit">{t("members.reset", { name: m.displayName })}</button>
                  </Form>
                ) : null}
                {m.userId !== me.id ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <button type="submit" className="danger">
                      {t("members.remove", { name: m.displayName })}
                    </button>
                  </Form>
                ) : null}
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav className="pager" aria-label={t("members.pages")}>
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("members.previous")}</Link> : null}
          <span className="muted">{t("members.page", { page, pages })}</span>
          {page < pages ? <Link to={pageLink(page + 1)}>{t("members.next")}</Link> : null}
        </nav>
      ) : null}
      {me.steward ? (
        <>
          <h2>{t("transfer.title")}</h2>
          <p>{t("transfer.intro")}</p>
          <p className="muted small">{t("transfer.private")}</p>
          <p>
            <a href={`/a/${slug}/export.json`} download>
              {t("transfer.download")}
            </a>
          </p>
        </>
      ) : null}
      <h2>{t("members.leaveTitle")}</h2>
      <Form method="post">
        <input type="hidden" name="intent" value="leave" />
        <button type="submit" className="danger">
          {t("members.leave")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
