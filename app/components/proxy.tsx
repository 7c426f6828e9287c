/**
 * Proxies on the pages (docs/domain.md#proxies): the form to give or take back one's proxy for
 * a meeting or a proposal, and a holder's ballot for each member whose proxy they hold.
 * Plain forms: they work without JavaScript.
 */
import { Form } from "@remix-run/react";
import { useT } from "~/i18n/react";

type Errors = Record<string, string> | undefined;

export type ProxyPanel = {
  allowed: boolean;
  maxPerHolder: number;
  secretRounds: boolean;
  given: { holderId: string; holderName: string | null } | null;
  held: Array<{ giverId: string; name: string }>;
  /** Voting members one may give a proxy to (not oneself). */
  candidates: Array<{ id: string; name: string }>;
  /** Still before use: the meeting has not started, or no round is open on the proposal. */
  open: boolean;
};

export function ProxyGiveForm({ panel, scope, errors, busy }: { panel: ProxyPanel; scope: "meeting" | "proposal"; errors: Errors; busy: boolean }) {
  const t = useT();
  if (!panel.allowed) return null;
  const err = errors?.holderId ?? errors?.form;
  return (
    <section className="proxy-panel" aria-labelledby="proxy-title">
      <h2 id="proxy-title">{t("proxies.title")}</h2>
      <p className="hint">{t(scope === "meeting" ? "proxies.intro.meeting" : "proxies.intro.proposal", { n: panel.maxPerHolder })}</p>
      {panel.held.length ? <p>{t("proxies.held", { names: panel.held.map((h) => h.name).join(", ") })}</p> : null}
      {panel.given ? (
        <>
          <p className="notice">{t("proxies.given", { name: panel.given.holderName ?? "?" })}</p>
          {panel.secretRounds ? <p className="hint">{t("proxies.givenSecret", { name: panel.given.holderName ?? "?" })}</p> : null}
        </>
      ) : null}
      {panel.open ? (
        <>
          {panel.held.length === 0 ? (
            <Form method="post" className="inline-form" noValidate>
              <input type="hidden" name="intent" value="giveProxy" />
              <label htmlFor="proxy-holder">{t("proxies.holder")}</label>
              <select id="proxy-holder" name="holderId" defaultValue={panel.given?.holderId ?? ""} aria-invalid={err ? true : undefined} aria-describedby={err ? "proxy-holder-error" : undefined}>
                <option value="">—</option>
                {panel.candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={busy}>
                {t("proxies.give")}
              </button>
            </Form>
          ) : null}
          {err ? (
            <p className="field-error" id="proxy-holder-error" role="alert">
              {t(err)}
            </p>
          ) : null}
          {panel.given ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="revokeProxy" />
              <button type="submit" className="danger" disabled={busy}>
                {t("proxies.revoke")}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

const CHOICES: Record<string, string[]> = {
  vote: ["yes", "no", "abstain"],
  consensus: ["agree", "concern", "stand_aside", "block"],
  consent: ["consent", "objection"],
};

/**
 * One ballot a holder casts for a member whose proxy they hold: its own ids (several on one
 * page), the giver named in the heading, and `onBehalfOf` so the server stores it as theirs.
 */
export function ProxyBallotForm(props: {
  roundId: string;
  ballotKind: string;
  giver: { id: string; name: string };
  cast: boolean;
  choice: string | null;
  secret: boolean;
  errors: Errors;
  busy: boolean;
}) {
  const t = useT();
  const { giver, errors } = props;
  const id = (s: string) => `px-${giver.id}-${s}`;
  const choices = CHOICES[props.ballotKind] ?? [];
  if (choices.length === 0) return null;
  const needsReason = props.ballotKind !== "vote";
  return (
    <Form method="post" className="stack-form ballot-form proxy-ballot" aria-labelledby={id("title")}>
      <h3 id={id("title")}>{t("proxies.ballotFor", { name: giver.name })}</h3>
      {props.cast ? <p className="notice">{t("proxies.votedFor", { name: giver.name })}</p> : null}
      <input type="hidden" name="intent" value="vote" />
      <input type="hidden" name="roundId" value={props.roundId} />
      <input type="hidden" name="onBehalfOf" value={giver.id} />
      {errors?.form ? (
        <p className="form-error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}
      {props.secret && props.cast ? null : (
        <>
          <fieldset aria-describedby={errors?.choice ? id("choice-error") : undefined}>
            <legend>{t("ballot.yourPosition")}</legend>
            {choices.map((c) => (
              <div className="radio" key={c}>
                <input type="radio" id={id(c)} name="choice" value={c} defaultChecked={props.choice === c} />
                <label htmlFor={id(c)}>{t(`choice.${c}`)}</label>
              </div>
            ))}
            {errors?.choice ? (
              <p className="field-error" id={id("choice-error")} role="alert">
                {t(errors.choice)}
              </p>
            ) : null}
          </fieldset>
          {props.ballotKind === "consensus" ? (
            <div className="field">
              <label htmlFor={id("text")}>{t("ballot.concernText")}</label>
              <textarea id={id("text")} name="text" rows={2} maxLength={2000} />
            </div>
          ) : null}
          {needsReason ? (
            <div className={`field${errors?.reason ? " has-error" : ""}`}>
              <label htmlFor={id("reason")}>{t(props.ballotKind === "consent" ? "ballot.objectionReason" : "ballot.blockReason")}</label>
              <textarea id={id("reason")} name="reason" rows={2} maxLength={2000} aria-invalid={errors?.reason ? true : undefined} />
              {errors?.reason ? (
                <p className="field-error" role="alert">
                  {t(errors.reason)}
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={props.busy}>
              {t(props.cast ? "proxies.submitChange" : "proxies.submit", { name: giver.name })}
            </button>
          </div>
        </>
      )}
    </Form>
  );
}
