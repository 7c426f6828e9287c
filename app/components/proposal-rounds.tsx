/**
 * The rounds on a proposal's page: the open one (with the ballot form) and each closed one as
 * the record keeps it, with their ballot and receipt lists.
 */
import { Form, Link } from "@remix-run/react";
import type { ComponentProps } from "react";
import type { RoundView } from "~/models/proposal-view.server";
import { formatDateTime } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { MandateNotice } from "./council-vote";
import { BallotForm, CountsTable, describeRule, OutcomeBadge } from "./decisions";
import { RoundResult } from "./round-result";
import { Field } from "./form";

type Options = Array<{ position: number; name: string }>;

/** What the open round needs from the page besides the round itself. */
type RoundPage = {
  slug: string;
  can: { vote: boolean; closeRound: boolean };
  pastDeadline?: boolean;
  mine: { participated?: boolean; ballot?: ComponentProps<typeof BallotForm>["ballot"] } | null;
  options: Options;
  /** On a council's proposal: the delegate's mandate from home, shown above their ballot (docs/domain.md#mandates). */
  council?: { myMandate: ComponentProps<typeof MandateNotice>["mandate"] | null } | null;
};

/** The open round: its rule and deadline, turnout, counts when they may be shown, the ballot form and the facilitator's buttons. */
export function CurrentRound({ round, d, blockedRound, errors, values, busy }: { round: RoundView; d: RoundPage; blockedRound: number | null; errors?: Record<string, string>; values?: Record<string, string>; busy: boolean }) {
  const t = useT();
  const locale = useLocale();
  const tally = round.tally;
  return (
    <div className="current-round">
      {round.fallback ? (
        <p className="notice warn" role="note">
          {t("round.fallbackNotice", {
            threshold: t("round.rule.atLeast", { fraction: round.fallback.threshold, base: t(`base.${round.fallback.base}`) }),
            round: blockedRound ?? round.number - 1,
          })}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t("round.decidesBy")}</dt>
          <dd>{describeRule(t, round.rule)}</dd>
        </div>
        <div>
          <dt>{t("round.closes")}</dt>
          <dd>{round.deadline ? formatDateTime(locale, round.deadline) : t("round.closesByHand")}</dd>
        </div>
        <div>
          <dt>{t("round.ballot")}</dt>
          <dd>{round.secret ? t("round.secret") : t("round.open")}</dd>
        </div>
        <div aria-live="polite">
          <dt>{t("round.turnout")}</dt>
          <dd>{t("round.turnoutValue", { n: tally?.participants ?? 0, of: tally?.eligible ?? round.electorateSize })}</dd>
        </div>
      </dl>
      {tally?.counts ? <CountsTable counts={tally.counts} caption={t("round.countsSoFar")} /> : round.secret ? <p className="muted">{t("round.secretUntilClosed")}</p> : null}
      {d.council?.myMandate ? <MandateNotice mandate={d.council.myMandate} /> : null}
      {d.can.vote ? (
        <BallotForm
          mandate={d.council?.myMandate ?? null}
          roundId={round.id}
          ballotKind={round.ballotKind}
          method={round.method}
          secret={round.secret}
          participated={Boolean(d.mine?.participated)}
          ballot={d.mine?.ballot ?? null}
          options={d.options}
          errors={errors}
          values={values}
          busy={busy}
        />
      ) : (
        <p className="muted">{t(d.pastDeadline ? "round.pastDeadline" : "round.notInElectorate")}</p>
      )}
      {/* A council's ballots are in its delegates' table, beside each mandate. */}
      {!round.secret && round.ballots.length && !d.council ? <BallotList round={round} options={d.options} /> : null}
      {round.secret ? <p className="hint">{t(round.receipts ? "ballot.publishedAfterClose" : "ballot.noReceipts")}</p> : null}
      {round.locked && d.can.closeRound ? (
        <Form method="post" className="notice warn unlock-round" role="note">
          <p>{t("round.locked")}</p>
          <input type="hidden" name="intent" value="unlock" />
          <input type="hidden" name="roundId" value={round.id} />
          <Field name="code" label={t("round.unlock.code")} autoComplete="off" errors={errors} />
          <button type="submit" disabled={busy}>
            {t("round.unlock.submit")}
          </button>{" "}
          <Link to={`/a/${d.slug}/tellers`}>{t("round.tellersLink")}</Link>
        </Form>
      ) : null}
      {d.can.closeRound ? (
        <Form method="post" className="close-round">
          <input type="hidden" name="intent" value="close-round" />
          <input type="hidden" name="roundId" value={round.id} />
          <button type="submit" disabled={busy}>
            {t("round.closeNow")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function rankingText(ranking: number[][] | null, options: Options) {
  if (!ranking) return "";
  return ranking.map((level) => level.map((i) => options.find((o) => o.position === i)?.name ?? "?").join(" = ")).join(" > ");
}

function BallotList({ round, options }: { round: RoundView; options: Options }) {
  const t = useT();
  return (
    <details>
      <summary>{t("round.ballots", { n: round.ballotCount })}</summary>
      {round.ballotCount > round.ballots.length ? <p className="muted small">{t("round.ballotsLatest", { n: round.ballots.length })}</p> : null}
      <ul className="ballot-list">
        {round.ballots.map((b, i) => (
          <li key={i}>
            <strong>{b.name}</strong>: {b.ranking ? rankingText(b.ranking, options) : t(`choice.${b.choice}`)}
            {b.reason ? <span> — {t("round.reasonIs", { reason: b.reason })}</span> : null}
            {b.text ? <span> — {b.text}</span> : null}
          </li>
        ))}
      </ul>
      <AllBallotsLink round={round} shown={round.ballots.length} />
    </details>
  );
}

/** When the page shows only the first ballots, a link to the round's full, paged list. */
function AllBallotsLink({ round, shown }: { round: RoundView; shown: number }) {
  const t = useT();
  if (round.ballotCount <= shown) return null;
  return (
    <p>
      <Link to={`ballots?round=${round.number}`}>{t("round.ballotsAll", { n: round.ballotCount })}</Link>
    </p>
  );
}

function ReceiptList({ round, options }: { round: RoundView; options: Options }) {
  const t = useT();
  return (
    <details>
      <summary>{t("round.receipts", { n: round.ballotCount })}</summary>
      <p className="hint">{t("round.receipts.hint")}</p>
      <ul className="receipt-list">
        {round.published.map((b) => (
          <li key={b.receiptHash}>
            <code>{b.receiptHash}</code>
            {b.choice ? <span>: {b.ranking ? rankingText(b.ranking, options) : t(`choice.${b.choice}`)}</span> : null}
            {b.reason ? <span> — {t("round.reasonIs", { reason: b.reason })}</span> : null}
            {b.text ? <span> — {b.text}</span> : null}
          </li>
        ))}
      </ul>
      <AllBallotsLink round={round} shown={round.published.length} />
    </details>
  );
}

/** A closed round as the record keeps it: outcome, explanation, counts, ballots or receipts, who voted, the recount file. */
export function ClosedRound({ round, options, recountBase }: { round: RoundView; options: Options; recountBase: string }) {
  const t = useT();
  const locale = useLocale();
  const f = round.figures ?? {};
  const counts = (f.counts as Record<string, number> | null) ?? null;
  const elected = Array.isArray(f.elected) ? (f.elected as string[]) : null;
  return (
    <li id={`round-${round.number}`} className="round card">
      <h3>
        {t(round.kind === "fallback" ? "round.titleFallback" : "round.title", { n: round.number })} <OutcomeBadge outcome={round.outcome} tabled={f.nextRound === "fallback"} />
      </h3>
      <RoundResult id={`round-${round.number}-result`} outcome={round.outcome} figures={round.figures} explanation={round.explanation} />
      <p className="muted small">
        {t("round.closedMeta", {
          opened: formatDateTime(locale, round.openedAt),
          closed: formatDateTime(locale, round.closedAt!),
          version: round.charterVersion,
          revision: round.revision,
          rule: describeRule(t, round.rule),
        })}
      </p>
      {!round.secret && round.ballots.length ? <BallotList round={round} options={options} /> : null}
      {round.secret && round.published.length ? <ReceiptList round={round} options={options} /> : null}
      {round.voted.length ? (
        <details className="who-voted">
          <summary>{t("round.voted.title", { n: round.voted.length })}</summary>
          <p className="hint">{t("round.voted.hint")}</p>
          <p>{round.voted.join(", ")}</p>
        </details>
      ) : null}
      {round.recountable ? (
        <p className="small">
          <a href={`${recountBase}/${round.number}`} download>
            {t("round.recount")}
          </a>{" "}
          <span className="muted">{t("round.recount.hint")}</span>
        </p>
      ) : null}
    </li>
  );
}
