/**
 * Pieces of the decisions pages: status badges, the ballot form for each kind of round,
 * closed-round results, revision diffs and what a charter amendment changes.
 */
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useT } from "~/i18n/react";
import type { DiffPart } from "~/lib/diff";
import type { Charter } from "~/lib/charter";
import { explainCharter } from "./charter";
import { ErrorText, FormError } from "./form";

type T = ReturnType<typeof useT>;

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  const tone = status === "passed" ? " ok" : status === "failed" || status === "blocked" ? " bad" : status === "voting" ? " voting" : "";
  return <span className={`badge status-${status}${tone}`}>{t(`proposal.status.${status}`)}</span>;
}

export function OutcomeBadge({ outcome, tabled }: { outcome: string | null; tabled?: boolean }) {
  const t = useT();
  if (!outcome) return null;
  const tone = outcome === "passed" ? " ok" : outcome === "failed" || outcome === "blocked" ? " bad" : "";
  return <span className={`badge${tone}`}>{t(tabled ? "round.outcome.tabled" : `round.outcome.${outcome}`)}</span>;
}

/** "at least 3/4 of votes cast", "more than 1/2 of members present" */
export function describeRule(t: T, rule: { method: string; threshold: { strict: boolean; fraction: string } | null; base: string | null; maxBlocks: number | null; seats: number | null }) {
  if (rule.threshold && rule.base) {
    return t(rule.threshold.strict ? "round.rule.moreThan" : "round.rule.atLeast", { fraction: rule.threshold.fraction, base: t(`base.${rule.base}`) });
  }
  if (rule.seats !== null) return t("round.rule.ranked", { method: t(`method.${rule.method}`), seats: rule.seats });
  if (rule.maxBlocks !== null && rule.maxBlocks > 0) return t("round.rule.consensusMinus", { method: t(`method.${rule.method}`), n: rule.maxBlocks });
  return t(`method.${rule.method}`);
}

/** The text with what changed marked in place, word by word (app/lib/diff.ts). */
export function DiffView({ parts, label }: { parts: DiffPart[]; label: string }) {
  const t = useT();
  const changed = parts.some((p) => p.op !== "same");
  return (
    <div className="diff" role="group" aria-label={label}>
      {!changed ? <p className="muted">{t("revisions.noChange")}</p> : null}
      <p className="diff-legend small" aria-hidden="true">
        <del>{t("revisions.legend.removed")}</del> <ins>{t("revisions.legend.added")}</ins>
      </p>
      <pre>
        {parts.map((p, i) =>
          p.op === "same" ? (
            p.text
          ) : p.op === "del" ? (
            <del key={i}>
              <span className="visually-hidden">[{t("revisions.removed")} </span>
              {p.text}
              <span className="visually-hidden">]</span>
            </del>
          ) : (
            <ins key={i}>
              <span className="visually-hidden">[{t("revisions.added")} </span>
              {p.text}
              <span className="visually-hidden">]</span>
            </ins>
          ),
        )}
      </pre>
    </div>
  );
}

/** What adopting the proposed charter would change, in the charter's plain words. */
export function CharterChange({ current, proposed }: { current: Charter; proposed: Charter | null }) {
  const t = useT();
  if (!proposed) return <p className="form-error">{t("proposal.charter.invalid")}</p>;
  const before = new Map(explainCharter(current, t).map((r) => [r.key, r]));
  const rows = explainCharter(proposed, t).filter((r) => before.get(r.key)?.text !== r.text);
  if (rows.length === 0) return <p className="muted">{t("proposal.charter.noChange")}</p>;
  return (
    <dl className="charter-change">
      {rows.map((r) => (
        <div key={r.key}>
          <dt>{r.label}</dt>
          <dd>
            <p>
              <span className="muted">{t("proposal.charter.now")}</span> <del>{before.get(r.key)?.text}</del>
            </p>
            <p>
              <span className="muted">{t("proposal.charter.proposed")}</span> <ins>{r.text}</ins>
            </p>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Radio({ name, value, label, checked, hint, onPick }: { name: string; value: string; label: string; checked: boolean; hint?: string; onPick?: (v: string) => void }) {
  const id = `${name}-${value}`;
  return (
    <div className="radio">
      <input type="radio" id={id} name={name} value={value} defaultChecked={checked} aria-describedby={hint ? `${id}-hint` : undefined} onChange={onPick ? () => onPick(value) : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type BallotErrors = Record<string, string> | undefined;

export function BallotForm(props: {
  roundId: string;
  ballotKind: "vote" | "consensus" | "consent" | "ranked";
  method: string;
  secret: boolean;
  participated: boolean;
  ballot: { choice: string; reason: string | null; text: string | null; ranking: string | null } | null;
  options: Array<{ position: number; name: string }>;
  errors: BallotErrors;
  values: Record<string, string> | undefined;
  busy: boolean;
  /** The form's heading (default "Your ballot"); the meeting phone names the proposal, as an h2. */
  title?: string;
  headingLevel?: 2 | 3;
  /** A council delegate's binding mandate: the positions that depart from it need a reason. */
  mandate?: { body: string; departing: readonly string[] } | null;
}) {
  const t = useT();
  const { errors, values, ballot } = props;
  const chosen = values?.choice ?? ballot?.choice ?? "";
  const choices: Record<string, string[]> = {
    vote: ["yes", "no", "abstain"],
    consensus: ["agree", "concern", "stand_aside", "block"],
    consent: ["consent", "objection"],
  };
  const ranking: number[][] = ballot?.ranking ? JSON.parse(ballot.ranking) : [];
  const rankOf = (i: number) => {
    if (values && values[`rank.${i}`] !== undefined) return values[`rank.${i}`];
    const k = ranking.findIndex((level) => level.includes(i));
    return k >= 0 ? String(k + 1) : "";
  };
  const approved = (i: number) => (values ? values[`approve.${i}`] === "on" : ranking.some((l) => l.includes(i)));
  // Only the fields the chosen position needs (a concern's text, a block's or an objection's
  // reason, a stand-aside's optional reason). Without JavaScript nobody can hide them as a
  // position is picked, so the server's page (and the first render) shows them all.
  const [picked, setPicked] = useState(chosen);
  const [live, setLive] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // A position picked before the page finished loading is in the DOM, not yet in state.
    const checked = formRef.current?.querySelector<HTMLInputElement>('input[name="choice"]:checked');
    if (checked) setPicked(checked.value);
    setLive(true);
  }, []);
  const shows = (...positions: string[]) => !live || positions.includes(picked);
  const showText = props.ballotKind === "consensus" && shows("concern");
  const reasonNeeded = (props.ballotKind === "consensus" && shows("block", "stand_aside")) || (props.ballotKind === "consent" && shows("objection"));
  const reasonLabel = props.ballotKind === "consent" ? "ballot.objectionReason" : live && picked === "stand_aside" ? "ballot.standAsideReason" : "ballot.blockReason";
  // A council delegate's reason box shows exactly when the position departs from their binding
  // mandate (and whenever the server has asked for it); without JavaScript it is always there.
  const departing = props.mandate?.departing ?? [];
  const mandateReasonBox = departing.length > 0 && !reasonNeeded && (!live || departing.includes(picked) || Boolean(errors?.reason));
  const Heading = props.headingLevel === 2 ? "h2" : "h3";
  return (
    <Form method="post" className="stack-form ballot-form" aria-labelledby="ballot-title" ref={formRef}>
      <Heading id="ballot-title">{props.title ?? (props.participated ? t("ballot.change") : t("ballot.cast"))}</Heading>
      <input type="hidden" name="intent" value="vote" />
      <input type="hidden" name="roundId" value={props.roundId} />
      {/* With JavaScript the page takes the answer in place; without, the post redirects (app/web/live-resilience.ts). */}
      {live ? <input type="hidden" name="answer" value="inPlace" /> : null}
      <FormError message={errors?.form} />
      {props.ballotKind === "ranked" ? (
        props.method === "approval" ? (
          <fieldset aria-describedby="ranking-hint">
            <legend>{t("ballot.approve")}</legend>
            <p className="hint" id="ranking-hint">
              {t("ballot.approve.hint")}
            </p>
            {props.options.map((o) => (
              <div className="checkbox" key={o.position}>
                <input type="checkbox" id={`approve-${o.position}`} name={`approve.${o.position}`} defaultChecked={approved(o.position)} />
                <label htmlFor={`approve-${o.position}`}>{o.name}</label>
              </div>
            ))}
            <ErrorText id="ranking-error" message={errors?.ranking} />
          </fieldset>
        ) : (
          <fieldset aria-describedby="ranking-hint">
            <legend>{t("ballot.rank")}</legend>
            <p className="hint" id="ranking-hint">
              {t("ballot.rank.hint")}
            </p>
            {props.options.map((o) => (
              <div className="field rank-row" key={o.position}>
                <label htmlFor={`rank-${o.position}`}>{t("ballot.rankFor", { name: o.name })}</label>
                <select id={`rank-${o.position}`} name={`rank.${o.position}`} defaultValue={rankOf(o.position)}>
                  <option value="">{t("ballot.rank.none")}</option>
                  {props.options.map((_, k) => (
                    <option key={k} value={String(k + 1)}>
                      {k + 1}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <ErrorText id="ranking-error" message={errors?.ranking} />
          </fieldset>
        )
      ) : (
        <fieldset aria-describedby={errors?.choice ? "choice-error" : undefined}>
          <legend>{t("ballot.yourPosition")}</legend>
          {choices[props.ballotKind].map((c) => (
            <Radio
              key={c}
              name="choice"
              value={c}
              label={t(`choice.${c}`)}
              checked={chosen === c}
              hint={departing.includes(c) ? `${t(`choice.${c}.hint`)} ${t("federation.ballot.departs", { body: props.mandate!.body })}` : t(`choice.${c}.hint`)}
              onPick={setPicked}
            />
          ))}
          <ErrorText id="choice-error" message={errors?.choice} />
        </fieldset>
      )}
      {showText ? (
        <div className={`field${errors?.text ? " has-error" : ""}`}>
          <label htmlFor="ballot-text">{t("ballot.concernText")}</label>
          <p className="hint" id="ballot-text-hint">
            {t("ballot.concernText.hint")}
          </p>
          <textarea id="ballot-text" name="text" rows={2} maxLength={2000} defaultValue={values?.text ?? ballot?.text ?? ""} aria-describedby={`ballot-text-hint${errors?.text ? " ballot-text-error" : ""}`} aria-invalid={errors?.text ? true : undefined} />
          <ErrorText id="ballot-text-error" message={errors?.text} />
        </div>
      ) : null}
      {reasonNeeded ? (
        <div className={`field${errors?.reason ? " has-error" : ""}`}>
          <label htmlFor="ballot-reason">{t(reasonLabel)}</label>
          <p className="hint" id="ballot-reason-hint">
            {t(`${reasonLabel}.hint`)}
          </p>
          <textarea id="ballot-reason" name="reason" rows={2} maxLength={2000} defaultValue={values?.reason ?? ballot?.reason ?? ""} aria-describedby={`ballot-reason-hint${errors?.reason ? " ballot-reason-error" : ""}`} aria-invalid={errors?.reason ? true : undefined} />
          {departing.length > 0 ? <p className="hint">{t("federation.ballot.reasonHint", { body: props.mandate!.body })}</p> : null}
          <ErrorText id="ballot-reason-error" message={errors?.reason} />
        </div>
      ) : null}
      {mandateReasonBox ? (
        <div className={`field${errors?.reason ? " has-error" : ""}`}>
          <label htmlFor="ballot-reason">{t("federation.ballot.reason")}</label>
          <p className="hint" id="ballot-reason-hint">
            {t(live ? "federation.ballot.reasonHint" : "federation.ballot.reasonHintAll", { body: props.mandate!.body, choices: departing.map((c) => t(`choice.${c}`)).join(", ") })}
          </p>
          <textarea id="ballot-reason" name="reason" rows={3} maxLength={2000} defaultValue={values?.reason ?? ballot?.reason ?? ""} aria-describedby={`ballot-reason-hint${errors?.reason ? " ballot-reason-error" : ""}`} aria-invalid={errors?.reason ? true : undefined} />
          <ErrorText id="ballot-reason-error" message={errors?.reason} />
        </div>
      ) : null}
      {props.secret && props.participated ? (
        <div className={`field${errors?.receipt ? " has-error" : ""}`}>
          <label htmlFor="ballot-receipt">{t("ballot.receipt")}</label>
          <p className="hint" id="ballot-receipt-hint">
            {t("ballot.receipt.hint")}
          </p>
          <input id="ballot-receipt" name="receipt" type="text" autoComplete="off" defaultValue={values?.receipt ?? ""} aria-describedby={`ballot-receipt-hint${errors?.receipt ? " ballot-receipt-error" : ""}`} aria-invalid={errors?.receipt ? true : undefined} />
          <ErrorText id="ballot-receipt-error" message={errors?.receipt} />
        </div>
      ) : null}
      {props.secret ? <p className="hint">{t("ballot.secretHint")}</p> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={props.busy}>
          {props.participated ? t("ballot.submitChange") : t("ballot.submit")}
        </button>
      </div>
    </Form>
  );
}

export function CountsTable({ counts, caption }: { counts: Record<string, number>; caption: string }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="counts">
        <caption className="visually-hidden">{caption}</caption>
        <tbody>
          {Object.entries(counts).map(([c, n]) => (
            <tr key={c}>
              <th scope="row">{t(`choice.${c}`)}</th>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="proposal-section">
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
