/**
 * A closed round's result at a glance: a one-line verdict, then a picture — bars for the
 * counts with the line they had to reach (the threshold, STV's quota, IRV's majority) and,
 * for STV and IRV, the table of stages (votes per candidate per stage, who was elected or
 * excluded, what moved). Drawn in HTML and CSS on the server: no script, no image; every
 * figure is also text in a table. The engine's full explanation stays one click away.
 */
import { useLocale, useT } from "~/i18n/react";
import type { Locale } from "~/i18n";

type T = ReturnType<typeof useT>;
type Figures = Record<string, unknown>;
type Stage = {
  stage: number;
  action: string;
  subject: string | null;
  tallies: Record<string, number>;
  transfers: Record<string, number>;
  exhausted: number;
  elected: string[];
  excluded: string[];
};

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const numberFormats = new Map<string, Intl.NumberFormat>();
function fmt(locale: Locale, n: number): string {
  let f = numberFormats.get(locale);
  // Up to five decimals: STV's values are exact to the hundred-thousandth (the Order's rule 48).
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale === "es" ? "es" : "en-GB", { maximumFractionDigits: 5 })));
  return f.format(n);
}

export function RoundResult({ outcome, figures, explanation, id }: { outcome: string | null; figures: Figures | null; explanation: string | null; id: string }) {
  const t = useT();
  const locale = useLocale();
  const f = figures ?? {};
  const verdict = verdictOf(t, locale, outcome, f, explanation);
  return (
    <div className="result">
      {verdict ? <p className="verdict">{verdict}</p> : null}
      <Picture f={f} id={id} />
      {explanation ? (
        <details className="explanation-details">
          <summary>{t("result.howCounted")}</summary>
          <p className="explanation">{explanation}</p>
        </details>
      ) : null}
    </div>
  );
}

function verdictOf(t: T, locale: Locale, outcome: string | null, f: Figures, explanation: string | null): string | null {
  const word = outcome ? t(f.nextRound === "fallback" ? "round.outcome.tabled" : `round.outcome.${outcome}`) : null;
  if (!word) return null;
  if (outcome === "no_quorum" && num(f.quorumRequired) !== null) {
    return t("result.verdict.noQuorum", { outcome: word, present: num(f.present) ?? 0, required: num(f.quorumRequired) ?? 0 });
  }
  if (Array.isArray(f.stages)) {
    const elected = Array.isArray(f.elected) ? (f.elected as string[]) : [];
    return elected.length ? t("result.verdict.elected", { outcome: word, n: elected.length, names: elected.join(", ") }) : word;
  }
  const yes = num(f.yes);
  const base = num(f.base);
  const required = num(f.required);
  if (yes !== null && base !== null && required !== null && typeof f.baseKind === "string") {
    return t("result.verdict.vote", { outcome: word, yes, base, baseKind: t(`base.${f.baseKind}`), required });
  }
  // Consensus and consent: the engine's first sentence is the verdict ("Blocked by 1 member …").
  const first = explanation?.match(/^.*?\.(?=\s|$)/)?.[0];
  return first ? (first.startsWith(word) ? first : `${word}. ${first}`) : word;
}

type Bar = { key: string; label: string; value: number; note?: string };

function Picture({ f, id }: { f: Figures; id: string }) {
  const t = useT();
  const locale = useLocale();
  const stages = Array.isArray(f.stages) ? (f.stages as Stage[]) : null;
  if (stages && stages.length) {
    const scale = num(f.scale) ?? 1;
    const first = stages[0];
    const last = stages[stages.length - 1];
    const method = String(f.method);
    if (method === "stv" || method === "irv") {
      // STV: first preferences against the Droop quota; IRV: the last round against a majority of the votes still in it.
      const shown = method === "stv" ? first : last;
      const total = Object.values(shown.tallies).reduce((a, b) => a + b, 0);
      const line = method === "stv" ? num(f.quota) : Math.floor(total / scale / 2) + 1;
      const bars = Object.entries(shown.tallies)
        .sort((a, b) => b[1] - a[1])
        .map(([name, v]) => ({ key: name, label: name, value: v / scale }));
      return (
        <>
          <Bars
            id={`${id}-bars`}
            caption={t(method === "stv" ? "result.bars.firstPreferences" : "result.bars.lastRound")}
            bars={bars}
            line={line !== null ? { value: line, label: t(method === "stv" ? "result.line.quota" : "result.line.majority", { n: fmt(locale, line) }) } : null}
          />
          <StageTable id={`${id}-stages`} stages={stages} scale={scale} method={method} />
        </>
      );
    }
    // Approval and Schulze: the one table of the count.
    const bars = Object.entries(first.tallies)
      .sort((a, b) => b[1] - a[1])
      .map(([name, v]) => ({ key: name, label: name, value: v / scale }));
    return bars.length ? <Bars id={`${id}-bars`} caption={t("result.bars.counts")} bars={bars} line={null} /> : null;
  }
  const counts = f.counts && typeof f.counts === "object" ? (f.counts as Record<string, number>) : null;
  if (!counts) return null;
  const bars = Object.entries(counts).map(([c, n]) => ({ key: c, label: t(`choice.${c}`), value: n }));
  const required = num(f.required);
  const line = required !== null && counts.yes !== undefined ? { value: required, label: t("result.line.required", { n: required }) } : null;
  return <Bars id={`${id}-bars`} caption={t("result.bars.counts")} bars={bars} line={line} />;
}

/** Horizontal bars in a table: the numbers are the table, the bars and the line are drawn beside them. */
function Bars({ id, caption, bars, line }: { id: string; caption: string; bars: Bar[]; line: { value: number; label: string } | null }) {
  const locale = useLocale();
  const max = Math.max(1, line?.value ?? 0, ...bars.map((b) => b.value));
  const pct = (v: number) => `${Math.min(100, (v / max) * 100).toFixed(2)}%`;
  return (
    <div className="table-wrap">
      <table className="result-bars" id={id}>
        <caption>
          {caption}
          {line ? <span className="result-line-note"> · {line.label}</span> : null}
        </caption>
        <tbody>
          {bars.map((b) => (
            <tr key={b.key}>
              <th scope="row">{b.label}</th>
              <td className="result-bar-cell">
                <span className="result-bar-track" aria-hidden="true">
                  <span className={`result-bar${line && b.value >= line.value ? " reached" : ""}`} style={{ width: pct(b.value) }} />
                  {line ? <span className="result-line" style={{ left: pct(line.value) }} /> : null}
                </span>
              </td>
              <td className="result-num">{fmt(locale, b.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function stageHeading(t: T, s: Stage): string {
  if (s.action === "first_preferences") return t("result.stage.first");
  if (s.action === "surplus") return t("result.stage.surplus", { name: s.subject ?? "" });
  if (s.action === "exclusion" || s.action === "deemed_excluded") return t("result.stage.exclusion", { name: s.subject ?? s.excluded.join(", ") });
  if (s.action === "elect_remaining") return t("result.stage.electRemaining");
  return t("result.stage.count");
}

/** Votes per candidate per stage, what each stage moved, and when each was elected or excluded. */
function StageTable({ id, stages, scale, method }: { id: string; stages: Stage[]; scale: number; method: string }) {
  const t = useT();
  const locale = useLocale();
  const names = Object.keys(stages[0].tallies).sort((a, b) => stages[0].tallies[b] - stages[0].tallies[a]);
  const electedAt = new Map<string, number>();
  const excludedAt = new Map<string, number>();
  for (const s of stages) {
    for (const n of s.elected) if (!electedAt.has(n)) electedAt.set(n, s.stage);
    for (const n of s.excluded) if (!excludedAt.has(n)) excludedAt.set(n, s.stage);
  }
  const v = (units: number) => fmt(locale, units / scale);
  return (
    // A table wider than a phone scrolls inside its own box; the box can be focused to scroll by keyboard.
    <div className="table-wrap stage-table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="stage-table" id={id}>
        <caption id={`${id}-caption`}>{t(method === "stv" ? "result.stages.stv" : "result.stages.irv")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("result.stages.candidate")}</th>
            {stages.map((s) => (
              <th scope="col" key={s.stage}>
                <span className="stage-num">{t(method === "stv" ? "result.stages.stage" : "result.stages.round", { n: s.stage })}</span>
                <span className="stage-action">{stageHeading(t, s)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {names.map((name) => (
            <tr key={name}>
              <th scope="row">
                {name}
                {electedAt.has(name) ? <span className="badge ok">{t("result.stages.elected")}</span> : null}
              </th>
              {stages.map((s, i) => {
                // What this stage moved to or from the candidate (a surplus given away shows as −).
                const moved = i > 0 ? (s.tallies[name] ?? 0) - (stages[i - 1].tallies[name] ?? 0) : 0;
                const out = excludedAt.has(name) && s.stage > excludedAt.get(name)!;
                return (
                  <td key={s.stage} className={`${s.elected.includes(name) ? "stage-elected" : ""}${s.excluded.includes(name) ? " stage-excluded" : ""}`}>
                    {out ? <span className="muted">—</span> : v(s.tallies[name] ?? 0)}
                    {moved !== 0 && !out ? <span className="stage-transfer">{moved > 0 ? `+${v(moved)}` : `−${v(-moved)}`}</span> : null}
                    {s.elected.includes(name) ? <span className="stage-mark">{t("result.stages.electedHere")}</span> : null}
                    {s.excluded.includes(name) ? <span className="stage-mark">{t("result.stages.excludedHere")}</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr className="stage-exhausted">
            <th scope="row">{t("result.stages.nonTransferable")}</th>
            {stages.map((s) => (
              <td key={s.stage}>{v(s.exhausted)}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
