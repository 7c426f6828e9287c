/**
 * A poll's results as bars and a table (server-rendered; the table carries every number, the
 * bars repeat them for the eye and are hidden from screen readers), and its answer fields.
 */
import { SCORE_MAX, TIME_ANSWERS } from "~/lib/poll-fields";
import { useLocale, useT } from "~/i18n/react";
import { formatDateTime } from "~/i18n";

type ChoiceCount = { method: string; options: string[]; ballots: number; tallies: number[]; scale: number; order: number[][]; winners: number[]; explanation: { en: string; es: string } };
type TimeCount = { yes: number[]; ifNeedBe: number[]; no: number[]; answered: number; order: number[][]; best: number[]; explanation: { en: string; es: string } };
export type PollResultView =
  | { kind: "choice"; count: ChoiceCount; binding: boolean; outcome: string; quorum: { required: number; met: boolean; present: number; members: number } | null }
  | { kind: "time"; count: TimeCount };

function pct(n: number, of: number): number {
  return of > 0 ? Math.round((n / of) * 1000) / 10 : 0;
}

function Bar({ value, of, tone = "" }: { value: number; of: number; tone?: string }) {
  return <span className={`bar ${tone}`} aria-hidden="true" style={{ width: `${pct(value, of)}%` }} />;
}

export function ChoiceResults({ result, closed }: { result: Extract<PollResultView, { kind: "choice" }>; closed: boolean }) {
  const t = useT();
  const locale = useLocale();
  const c = result.count;
  const rows = c.order.flat();
  const winners = new Set(c.winners);
  return (
    <div className="poll-results">
      <p className="verdict">{c.explanation[locale] ?? c.explanation.en}</p>
      {closed && result.binding ? (
        <p>
          <span className={`badge ${result.outcome === "decided" ? "ok" : "bad"}`}>{t(`polls.outcome.${result.outcome}`)}</span>
          {result.quorum ? <span className="muted small"> {t("polls.quorum", { present: result.quorum.present, members: result.quorum.members, required: result.quorum.required })}</span> : null}
        </p>
      ) : null}
      <table>
        <caption className="visually-hidden">{t("polls.results.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("polls.results.option")}</th>
            <th scope="col">{t(`polls.tally.${c.method}`)}</th>
            <th scope="col">{t(c.method === "score" ? "polls.results.average" : c.method === "schulze" ? "polls.results.of" : "polls.results.share")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i} className={winners.has(i) ? "winner" : undefined}>
              <th scope="row">
                {c.options[i]}
                {winners.has(i) ? <span className="badge ok">{t(c.winners.length > 1 ? "polls.results.tiedFirst" : "polls.results.first")}</span> : null}
              </th>
              <td className="bar-cell">
                <Bar value={c.tallies[i]} of={c.scale} />
                <span className="bar-value">{c.tallies[i]}</span>
              </td>
              <td>{c.method === "score" ? (c.ballots ? (c.tallies[i] / c.ballots).toFixed(1) + ` / ${SCORE_MAX}` : "–") : c.method === "schulze" ? `${c.tallies[i]} / ${c.scale}` : `${pct(c.tallies[i], c.ballots)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TimeResults({ result, times, schedule }: { result: Extract<PollResultView, { kind: "time" }>; times: Array<{ id: string; startsAt: number }>; schedule?: (optionId: string) => React.ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const c = result.count;
  const best = new Set(c.best);
  const of = Math.max(1, c.answered);
  return (
    <div className="poll-results">
      <p className="verdict">{c.explanation[locale] ?? c.explanation.en}</p>
      <table>
        <caption className="visually-hidden">{t("polls.results.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("polls.results.time")}</th>
            <th scope="col">{t("polls.time.yes")}</th>
            <th scope="col">{t("polls.time.if_need_be")}</th>
            <th scope="col">{t("polls.time.no")}</th>
          </tr>
        </thead>
        <tbody>
          {c.order.flat().map((i) => (
            <tr key={i} className={best.has(i) ? "winner" : undefined}>
              <th scope="row">
                {formatDateTime(locale, times[i].startsAt)}
                {best.has(i) ? <span className="badge ok">{t(c.best.length > 1 ? "polls.results.tiedFirst" : "polls.results.bestTime")}</span> : null}
                <span className="stacked" aria-hidden="true">
                  <Bar value={c.yes[i]} of={of} tone="yes" />
                  <Bar value={c.ifNeedBe[i]} of={of} tone="maybe" />
                </span>
                {best.has(i) && schedule ? schedule(times[i].id) : null}
              </th>
              <td>{c.yes[i]}</td>
              <td>{c.ifNeedBe[i]}</td>
              <td>{c.no[i]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Errors = Record<string, string> | undefined;

function FieldError({ id, message }: { id: string; message?: string }) {
  const t = useT();
  return message ? (
    <p className="field-error" id={id} role="alert">
      {t(message)}
    </p>
  ) : null;
}

/** The answer fields for a choice poll's method; `mine` fills in the member's current answer. */
export function ChoiceAnswerFields({ method, options, mine, errors }: { method: string; options: string[]; mine: { choice?: number; approved?: number[]; ranking?: number[][]; scores?: number[] } | null; errors: Errors }) {
  const t = useT();
  const rankOf = (i: number) => {
    const k = mine?.ranking?.findIndex((r) => r.includes(i)) ?? -1;
    return k >= 0 ? String(k + 1) : "";
  };
  const groupError = errors?.answer;
  if (method === "single" || method === "approval") {
    return (
      <fieldset className={groupError ? "has-error" : undefined} aria-describedby={groupError ? "answer-error" : undefined}>
        <legend>{t(`polls.answer.${method}`)}</legend>
        <FieldError id="answer-error" message={groupError} />
        {options.map((o, i) => (
          <div key={i} className={method === "single" ? "radio" : "field checkbox"}>
            <input
              type={method === "single" ? "radio" : "checkbox"}
              id={`opt-${i}`}
              name={method === "single" ? "choice" : "approved"}
              value={i}
              defaultChecked={method === "single" ? mine?.choice === i : Boolean(mine?.approved?.includes(i))}
            />
            <label htmlFor={`opt-${i}`}>{o}</label>
          </div>
        ))}
      </fieldset>
    );
  }
  return (
    <fieldset className={groupError ? "has-error" : undefined}>
      <legend>{t(`polls.answer.${method}`)}</legend>
      <p className="hint">{t(`polls.answer.${method}.hint`, { max: SCORE_MAX, n: options.length })}</p>
      <FieldError id="answer-error" message={groupError} />
      {options.map((o, i) => {
        const name = method === "score" ? `score${i}` : `rank${i}`;
        const err = errors?.[name];
        return (
          <div key={i} className={`field inline${err ? " has-error" : ""}`}>
            <label htmlFor={`f-${name}`}>{o}</label>
            <select id={`f-${name}`} name={name} defaultValue={method === "score" ? String(mine?.scores?.[i] ?? 0) : rankOf(i)} aria-invalid={err ? true : undefined} aria-describedby={err ? `f-${name}-error` : undefined}>
              {method === "schulze" ? <option value="">{t("polls.answer.unranked")}</option> : null}
              {Array.from({ length: method === "score" ? SCORE_MAX + 1 : options.length }, (_, k) => (method === "score" ? k : k + 1)).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
            <FieldError id={`f-${name}-error`} message={err} />
          </div>
        );
      })}
    </fieldset>
  );
}

export function TimeAnswerFields({ times, mine, errors }: { times: Array<{ startsAt: number }>; mine: string[] | null; errors: Errors }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      {times.map((o, i) => {
        const err = errors?.[`time${i}`];
        return (
          <fieldset key={i} className={`time-answer${err ? " has-error" : ""}`}>
            <legend>{formatDateTime(locale, o.startsAt)}</legend>
            <FieldError id={`time${i}-error`} message={err} />
            <div className="choices">
              {TIME_ANSWERS.map((a) => (
                <div key={a} className="radio">
                  <input type="radio" id={`time${i}-${a}`} name={`time${i}`} value={a} defaultChecked={(mine?.[i] ?? null) === a} />
                  <label htmlFor={`time${i}-${a}`}>{t(`polls.time.${a}`)}</label>
                </div>
              ))}
            </div>
          </fieldset>
        );
      })}
    </>
  );
}
