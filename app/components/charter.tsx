import type { Charter } from "~/lib/charter";
import { AID_LADDER, BASES, flattenCharter, METHODS, PRESET_NAMES, PROXY_MODES, RATIFICATION_ORDERS, RUNNING_COUNTS } from "~/lib/charter-fields";
import { seatRuleLines } from "~/lib/seat-rules";
import { POLL_METHODS } from "~/lib/poll-fields";
import { useT } from "~/i18n/react";
import { Checkbox, Field, Select } from "./form";

type T = (key: string, params?: Record<string, string | number>) => string;

function fraction(f: string) {
  return f;
}

function pct(f: string) {
  const [n, d] = f.split("/").map(Number);
  return Math.round((n / d) * 1000) / 10;
}

/** Every charter setting in plain words, for the charter page and amendment diffs. */
export function explainCharter(c: Charter, t: T): Array<{ key: string; label: string; text: string }> {
  const base = (b: string) => t(`base.${b}`);
  const q = c.quorum;
  const quorumText =
    q.kind === "none"
      ? t("charter.explain.quorum.none")
      : q.kind === "count"
        ? t("charter.explain.quorum.count", { count: q.count })
        : t(q.strict ? "charter.explain.quorum.moreThan" : "charter.explain.quorum.atLeast", { fraction: fraction(q.fraction), pct: pct(q.fraction) }) +
          (q.minCount > 0 ? " " + t("charter.explain.quorum.min", { count: q.minCount }) : "");
  const kindRule = (k: keyof Charter["byKind"]) => {
    const r = c.byKind[k];
    if (r.method === "default") return t("charter.explain.kind.default");
    if (r.method === "supermajority") return t("charter.explain.kind.super", { fraction: r.threshold, base: base(r.base) });
    if (r.method === "majority") return t("charter.explain.kind.majority", { base: base(r.base) });
    return t(`method.${r.method}`);
  };
  return [
    { key: "quorum", label: t("charter.quorum"), text: quorumText },
    { key: "defaultMethod", label: t("charter.defaultMethod"), text: t(`charter.explain.method.${c.defaultMethod}`, { fraction: c.supermajority, fallback: c.fallback.threshold, fallbackBase: base(c.fallback.base), base: base(c.base) }) },
    { key: "base", label: t("charter.base"), text: t(`charter.explain.base.${c.base}`) },
    { key: "supermajority", label: t("charter.supermajority"), text: t("charter.explain.supermajority", { fraction: c.supermajority, pct: pct(c.supermajority) }) },
    { key: "ties", label: t("charter.ties"), text: t("charter.explain.ties") },
    {
      key: "consensus.maxBlocks",
      label: t("charter.consensus.maxBlocks"),
      text: c.consensus.maxBlocks === 0 ? t("charter.explain.blocks.one") : t("charter.explain.blocks.minus", { n: c.consensus.maxBlocks, stop: c.consensus.maxBlocks + 1 }),
    },
    {
      key: "consensus.standAsideLimit",
      label: t("charter.consensus.standAsideLimit"),
      text: c.consensus.standAsideLimit === null ? t("charter.explain.standAside.none") : t("charter.explain.standAside.limit", { n: c.consensus.standAsideLimit }),
    },
    { key: "concerns", label: t("charter.concerns"), text: t("charter.explain.concerns") },
    { key: "fallback", label: t("charter.fallback"), text: t("charter.explain.fallback", { fraction: c.fallback.threshold, base: base(c.fallback.base) }) },
    { key: "consent", label: t("method.consent"), text: t("charter.explain.consent") },
    ...(["charter_amendment", "mandate", "ratification", "join_council"] as const).map((k) => ({
      key: `byKind.${k}`,
      label: t("charter.byKindLabel", { kind: t(`proposalKind.${k}`) }),
      text: kindRule(k),
    })),
    { key: "election", label: t("charter.election"), text: t(`charter.explain.election.${c.election.method}`) },
    {
      key: "secret",
      label: t("charter.secret"),
      text: (() => {
        const secretKinds = Object.entries(c.secret)
          .filter(([, v]) => v)
          .map(([k]) => t(`proposalKind.${k}`));
        return secretKinds.length ? t("charter.explain.secret", { kinds: secretKinds.join(", ") }) : t("charter.explain.secret.none");
      })(),
    },
    { key: "receipts", label: t("charter.receipts"), text: t(c.receipts ? "charter.explain.receipts.on" : "charter.explain.receipts.off") },
    { key: "roundDays", label: t("charter.roundDays"), text: t("charter.explain.roundDays", { n: c.roundDays }) },
    {
      key: "delegates",
      label: t("charter.delegates"),
      text: t("charter.explain.delegates", { months: c.delegates.termMonths, limit: c.delegates.termLimit, mandate: t(`mandateKind.${c.delegates.mandate}`), days: c.delegates.reportDays }),
    },
    {
      key: "recall",
      label: t("charter.recall"),
      text: t("charter.explain.recall", {
        share: c.recall.petitionShare,
        min: c.recall.petitionMin,
        rule: t(c.recall.strict ? "charter.moreThan" : "charter.atLeast"),
        fraction: c.recall.threshold,
        base: base(c.recall.base),
      }),
    },
    { key: "notice", label: t("charter.notice"), text: `${t("charter.explain.notice", { days: c.notice.days, members: c.notice.specialMembers, share: c.notice.specialShare })} ${t(`charter.explain.runningCounts.${c.meetings?.runningCounts ?? "hidden_for_consensus"}`)}` },
    { key: "aid", label: t("aid.charter.legend"), text: t("aid.charter.explain", { ladder: t(`aid.ladder.${c.aid?.ladder ?? "assisted"}`), days: c.aid?.retentionDays ?? 90 }) },
    {
      key: "polls",
      label: t("charter.polls"),
      text: t(c.polls?.binding ? "charter.explain.polls.binding" : "charter.explain.polls.advisory", { method: t(`polls.method.${c.polls?.method ?? "single"}`) }),
    },
    {
      key: "proxies",
      label: t("charter.proxies"),
      text:
        (c.proxies?.mode ?? "none") === "none"
          ? t("charter.explain.proxies.none")
          : t("charter.explain.proxies.allowed", {
              online: c.proxies.mode === "meetings_and_online" ? t("charter.explain.proxies.online") : "",
              n: c.proxies.maxPerHolder,
              secret: t(c.proxies.secretRounds ? "charter.explain.proxies.secretYes" : "charter.explain.proxies.secretNo"),
            }),
    },
    // Councils only (docs/domain.md#delegates, #ratification): seats, gender rules and the ratification rule.
    ...(c.council ? [{ key: "council", label: t("federation.charter.council"), text: explainCouncil(c.council, t) }] : []),
  ];
}

function explainCouncil(k: NonNullable<Charter["council"]>, t: T): string {
  return [
    // The seat rules in the same words as every other page (app/lib/seat-rules.ts).
    ...seatRuleLines(k).map((l) => t(l.key, l.params)),
    `${t(`federation.rules.ratificationOrder.${k.ratification.order}`)}.`,
    t(k.ratification.strict ? "federation.rules.ratification.moreThan" : "federation.rules.ratification.atLeast", { fraction: k.ratification.threshold }),
    t(k.listed ? "federation.rules.listed.on" : "federation.rules.listed.off"),
  ]
    .filter(Boolean)
    .join(" ");
}

export function CharterExplained({ charter }: { charter: Charter }) {
  const t = useT();
  return (
    <dl className="charter-explained">
      {explainCharter(charter, t).map((row) => (
        <div key={row.key}>
          <dt>{row.label}</dt>
          <dd>{row.text}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Every setting as a form field (names "charter.<path>"), shared by the charter editor and amendments. */
export function CharterFields({ charter, errors, values }: { charter: Charter; errors?: Record<string, string>; values?: Record<string, string> }) {
  const t = useT();
  const flat = { ...flattenCharter(charter), ...(values ?? {}) };
  const v = (k: string) => flat[`charter.${k}`];
  const baseOptions = BASES.map((b) => ({ value: b, label: t(`base.${b}`) }));
  const fieldProps = { errors, values: flat };
  const checked = (k: string) => (values ? values[`charter.${k}`] === "on" || (values[`charter.${k}`] === undefined && v(k) === "true") : v(k) === "true");
  return (
    <div className="charter-fields">
      <fieldset>
        <legend>{t("charter.quorum")}</legend>
        <Select
          name="charter.quorum.kind"
          label={t("charter.quorum.kind")}
          {...fieldProps}
          options={[
            { value: "fraction", label: t("charter.quorum.kind.fraction") },
            { value: "count", label: t("charter.quorum.kind.count") },
            { value: "none", label: t("charter.quorum.kind.none") },
          ]}
        />
        <Field name="charter.quorum.fraction" label={t("charter.quorum.fraction")} hint={t("charter.fraction.hint")} {...fieldProps} defaultValue={v("quorum.fraction") || "1/2"} />
        <Checkbox name="charter.quorum.strict" label={t("charter.quorum.strict")} checked={v("quorum.strict") === undefined ? true : checked("quorum.strict")} />
        <Field name="charter.quorum.minCount" type="number" label={t("charter.quorum.minCount")} {...fieldProps} defaultValue={v("quorum.minCount") || "0"} />
        <Field name="charter.quorum.count" type="number" label={t("charter.quorum.count")} {...fieldProps} defaultValue={v("quorum.count") || ""} />
      </fieldset>
      <fieldset>
        <legend>{t("charter.methodLegend")}</legend>
        <Select name="charter.defaultMethod" label={t("charter.defaultMethod")} {...fieldProps} options={METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
        <Select name="charter.base" label={t("charter.base")} {...fieldProps} options={baseOptions} />
        <Field name="charter.supermajority" label={t("charter.supermajority")} hint={t("charter.fraction.hint")} {...fieldProps} />
        <Field name="charter.consensus.maxBlocks" type="number" label={t("charter.consensus.maxBlocks")} hint={t("charter.consensus.maxBlocks.hint")} {...fieldProps} />
        <Field name="charter.consensus.standAsideLimit" type="number" label={t("charter.consensus.standAsideLimit")} hint={t("charter.consensus.standAsideLimit.hint")} {...fieldProps} />
        <Field name="charter.fallback.threshold" label={t("charter.fallback.threshold")} hint={t("charter.fraction.hint")} {...fieldProps} />
        <Select name="charter.fallback.base" label={t("charter.fallback.base")} {...fieldProps} options={baseOptions} />
        <Field name="charter.roundDays" type="number" label={t("charter.roundDays")} {...fieldProps} />
      </fieldset>
      <fieldset>
        <legend>{t("charter.byKindLegend")}</legend>
        {(["charter_amendment", "mandate", "ratification", "join_council"] as const).map((k) => (
          <fieldset key={k} className="nested">
            <legend>{t(`proposalKind.${k}`)}</legend>
            <Select name={`charter.byKind.${k}.method`} label={t("charter.method")} {...fieldProps} options={["default", ...METHODS].map((m) => ({ value: m, label: t(`method.${m}`) }))} />
            <Field name={`charter.byKind.${k}.threshold`} label={t("charter.threshold")} hint={t("charter.fraction.hint")} {...fieldProps} />
            <Select name={`charter.byKind.${k}.base`} label={t("charter.base")} {...fieldProps} options={baseOptions} />
          </fieldset>
        ))}
        <Select name="charter.election.method" label={t("charter.election")} {...fieldProps} options={[{ value: "stv", label: t("method.stv") }, { value: "approval", label: t("method.approval") }]} />
      </fieldset>
      <fieldset>
        <legend>{t("charter.secret")}</legend>
        {(["general", "charter_amendment", "mandate", "recall", "election", "ratification", "join_council"] as const).map((k) => (
          <Checkbox key={k} name={`charter.secret.${k}`} label={t(`proposalKind.${k}`)} checked={checked(`secret.${k}`)} />
        ))}
        <Checkbox name="charter.receipts" label={t("charter.receipts")} hint={t("charter.receipts.hint")} checked={checked("receipts")} />
      </fieldset>
      <fieldset>
        <legend>{t("charter.delegates")}</legend>
        <Field name="charter.delegates.termMonths" type="number" label={t("charter.delegates.termMonths")} {...fieldProps} />
        <Field name="charter.delegates.termLimit" type="number" label={t("charter.delegates.termLimit")} {...fieldProps} />
        <Select name="charter.delegates.mandate" label={t("charter.delegates.mandate")} {...fieldProps} options={["imperative", "free"].map((m) => ({ value: m, label: t(`mandateKind.${m}`) }))} />
        <Field name="charter.delegates.reportDays" type="number" label={t("charter.delegates.reportDays")} {...fieldProps} />
      </fieldset>
      <fieldset>
        <legend>{t("charter.recall")}</legend>
        <Field name="charter.recall.petitionShare" label={t("charter.recall.petitionShare")} hint={t("charter.fraction.hint")} {...fieldProps} />
        <Field name="charter.recall.petitionMin" type="number" label={t("charter.recall.petitionMin")} {...fieldProps} />
        <Field name="charter.recall.threshold" label={t("charter.recall.threshold")} hint={t("charter.fraction.hint")} {...fieldProps} />
        <Checkbox name="charter.recall.strict" label={t("charter.recall.strict")} checked={checked("recall.strict")} />
        <Select name="charter.recall.base" label={t("charter.base")} {...fieldProps} options={baseOptions} />
      </fieldset>
      <fieldset>
        <legend>{t("charter.notice")}</legend>
        <Field name="charter.notice.days" type="number" label={t("charter.notice.days")} {...fieldProps} />
        <Field name="charter.notice.specialMembers" type="number" label={t("charter.notice.specialMembers")} {...fieldProps} />
        <Field name="charter.notice.specialShare" label={t("charter.notice.specialShare")} hint={t("charter.fraction.hint")} {...fieldProps} />
        <Select name="charter.meetings.runningCounts" label={t("charter.meetings.runningCounts")} {...fieldProps} options={RUNNING_COUNTS.map((v) => ({ value: v, label: t(`charter.meetings.runningCounts.${v}`) }))} />
      </fieldset>
      <fieldset>
        <legend>{t("aid.charter.legend")}</legend>
        <Select name="charter.aid.ladder" label={t("aid.charter.ladder")} hint={t("aid.charter.ladder.hint")} {...fieldProps} options={AID_LADDER.map((v) => ({ value: v, label: t(`aid.ladder.${v}`) }))} />
        <Field name="charter.aid.retentionDays" type="number" label={t("aid.charter.retentionDays")} hint={t("aid.charter.retentionDays.hint")} {...fieldProps} />
        <legend>{t("charter.polls")}</legend>
        <Select name="charter.polls.method" label={t("charter.polls.method")} {...fieldProps} options={POLL_METHODS.map((m) => ({ value: m, label: t(`polls.method.${m}`) }))} />
        <Checkbox name="charter.polls.binding" label={t("charter.polls.binding")} hint={t("charter.polls.binding.hint")} checked={checked("polls.binding")} />
      </fieldset>
      <fieldset>
        <legend>{t("charter.proxies")}</legend>
        <Select name="charter.proxies.mode" label={t("charter.proxies.mode")} {...fieldProps} options={PROXY_MODES.map((m) => ({ value: m, label: t(`charter.proxies.mode.${m}`) }))} />
        <Field name="charter.proxies.maxPerHolder" type="number" label={t("charter.proxies.maxPerHolder")} {...fieldProps} />
        <Checkbox name="charter.proxies.secretRounds" label={t("charter.proxies.secretRounds")} checked={checked("proxies.secretRounds")} />
      </fieldset>
      {charter.council ? (
        <fieldset>
          <legend>{t("federation.charter.council")}</legend>
          <Field name="charter.council.seatsPerAssembly" type="number" label={t("federation.rules.seatsPerAssembly")} {...fieldProps} />
          <Checkbox name="charter.council.coDelegatesDifferentGenders" label={t("federation.rules.coDelegates")} checked={checked("council.coDelegatesDifferentGenders")} />
          <Field name="charter.council.minGenderShare" label={t("federation.rules.minGenderShare")} hint={t("federation.rules.minGenderShare.hint")} {...fieldProps} />
          <Field name="charter.council.ratification.threshold" label={t("federation.rules.ratificationThreshold")} hint={t("charter.fraction.hint")} {...fieldProps} />
          <Checkbox name="charter.council.ratification.strict" label={t("federation.rules.ratificationStrict")} checked={checked("council.ratification.strict")} />
          <Select
            name="charter.council.ratification.order"
            label={t("federation.rules.ratificationOrder")}
            {...fieldProps}
            options={RATIFICATION_ORDERS.map((o) => ({ value: o, label: t(`federation.rules.ratificationOrder.${o}`) }))}
          />
          <Checkbox name="charter.council.listed" label={t("federation.rules.listed")} hint={t("federation.rules.listed.hint")} checked={checked("council.listed")} />
        </fieldset>
      ) : null}
    </div>
  );
}

/** The charter a new assembly or council starts from (adjusted afterwards on its charter page). */
export function PresetChoice({ legend, errors, values }: { legend: string; errors?: Record<string, string>; values?: Record<string, string> }) {
  const t = useT();
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {PRESET_NAMES.map((p, i) => (
        <div key={p} className="radio">
          <input type="radio" id={`preset-${p}`} name="preset" value={p} defaultChecked={(values?.preset ?? PRESET_NAMES[0]) === p || (!values && i === 0)} aria-describedby={`preset-${p}-hint`} />
          <label htmlFor={`preset-${p}`}>{t(`preset.${p}`)}</label>
          <p className="hint" id={`preset-${p}-hint`}>
            {t(`preset.${p}.hint`)}
          </p>
        </div>
      ))}
      {errors?.preset ? <p className="field-error">{t(errors.preset)}</p> : null}
    </fieldset>
  );
}
