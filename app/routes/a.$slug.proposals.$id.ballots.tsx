import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { localeFor } from "~/web/locale.server";
import { titleFor } from "~/i18n/system-title";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireMember } from "~/web/authz.server";
import { getProposal, listOptions } from "~/models/proposal.server";
import { listRounds } from "~/models/round.server";
import { ballotsPage } from "~/models/proposal-view.server";
import { useT } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pager } from "~/components/pager";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `#${data.proposal.number} ${data.proposal.title} · Plenary` : "Plenary" }];

/** Every ballot of one round, a page at a time: names for open rounds, receipt hashes for secret ones. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug);
  const p = getProposal(assembly.id, params.id ?? "");
  if (!p) notFound();
  const url = new URL(request.url);
  const number = Number(url.searchParams.get("round"));
  const round = listRounds(p.id).find((r) => r.number === number);
  if (!round) notFound();
  const page = ballotsPage(round, Number(url.searchParams.get("page")) || 1);
  return {
    proposal: { id: p.id, number: p.number, title: titleFor(localeFor(request, user), p) },
    round: { number: round.number, closed: round.closedAt !== null },
    options: listOptions(p.id).map((o) => ({ position: o.position, name: o.name })),
    ...page,
  };
}

export default function RoundBallots() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const name = (i: number) => d.options.find((o) => o.position === i)?.name ?? `#${i + 1}`;
  const ranking = (r: number[][]) => r.map((rank) => rank.map(name).join(" = ")).join(" > ");
  const pageLink = (n: number) => `?round=${d.round.number}&page=${n}`;
  return (
    <section>
      <p className="muted small">
        <Link to="..">{t("ballots.back", { number: d.proposal.number, title: d.proposal.title })}</Link>
      </p>
      <h1>{t("ballots.title", { round: d.round.number })}</h1>
      <p>{t(d.secret ? "ballots.secretIntro" : "ballots.openIntro", { n: d.total })}</p>
      <ol className={d.secret ? "receipt-list" : "ballot-list"} start={(d.page - 1) * 200 + 1}>
        {d.secret
          ? d.published.map((b) => (
              <li key={b.receiptHash}>
                <code>{b.receiptHash}</code>
                {b.choice ? <span>: {b.ranking ? ranking(b.ranking) : t(`choice.${b.choice}`)}</span> : null}
                {b.reason ? <span> — {t("round.reasonIs", { reason: b.reason })}</span> : null}
                {b.text ? <span> — {b.text}</span> : null}
              </li>
            ))
          : d.ballots.map((b, i) => (
              <li key={i}>
                <strong>{b.name}</strong>: {b.ranking ? ranking(b.ranking) : t(`choice.${b.choice}`)}
                {b.reason ? <span> — {t("round.reasonIs", { reason: b.reason })}</span> : null}
                {b.text ? <span> — {b.text}</span> : null}
              </li>
            ))}
      </ol>
      <Pager page={d.page} pages={d.pages} href={pageLink} label="ballots.pages" prev="ballots.prev" next="ballots.next" className="actions" />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
