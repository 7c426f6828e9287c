/**
 * The aid overview's charts, drawn on the server as SVG (no script, no library: they show on a
 * phone without JavaScript), each with its figures as a table beneath for screen readers and for
 * anyone who prefers numbers (WCAG 1.1.1: a text alternative for non-text content).
 */
import { useT } from "~/i18n/react";

type Bar = { label: string; value: number };

/** Horizontal bars, one a row, labelled; the longest bar fills the width. */
export function BarChart({ id, title, bars, unit }: { id: string; title: string; bars: Bar[]; unit: string }) {
  const t = useT();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 28;
  const height = Math.max(1, bars.length) * row;
  return (
    <figure className="aid-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">{t("aid.charts.empty")}</p>
      ) : (
        <>
          <svg viewBox={`0 0 320 ${height}`} width="100%" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-table`} preserveAspectRatio="xMinYMin meet">
            {bars.map((b, i) => {
              const w = Math.round((b.value / max) * 150);
              return (
                <g key={b.label + i} transform={`translate(0 ${i * row})`}>
                  <text x="0" y="18" fontSize="12" fill="currentColor">
                    {b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label}
                  </text>
                  <rect x="150" y="6" width={Math.max(2, w)} height="16" rx="2" className="aid-bar" />
                  <text x={156 + w} y="18" fontSize="12" fill="currentColor">
                    {b.value}
                  </text>
                </g>
              );
            })}
          </svg>
          <table id={`${id}-table`} className="aid-chart-table">
            <thead>
              <tr>
                <th scope="col">{title}</th>
                <th scope="col">{unit}</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((b, i) => (
                <tr key={b.label + i}>
                  <th scope="row">{b.label}</th>
                  <td>{b.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}

/** Two bars a column: met and not met, month by month. */
export function MetChart({ id, title, months }: { id: string; title: string; months: Array<{ label: string; met: number; unmet: number }> }) {
  const t = useT();
  const max = Math.max(1, ...months.map((m) => m.met + m.unmet));
  const colW = 320 / Math.max(1, months.length);
  const h = 120;
  return (
    <figure className="aid-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 320 ${h + 20}`} width="100%" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-table`}>
        {months.map((m, i) => {
          const metH = Math.round((m.met / max) * h);
          const unmetH = Math.round((m.unmet / max) * h);
          const x = i * colW + colW * 0.2;
          const w = colW * 0.6;
          return (
            <g key={m.label}>
              <rect x={x} y={h - metH} width={w} height={metH} className="aid-bar" />
              <rect x={x} y={h - metH - unmetH} width={w} height={unmetH} className="aid-bar unmet" />
              <text x={x + w / 2} y={h + 14} fontSize="11" textAnchor="middle" fill="currentColor">
                {m.label}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="small">
        <span className="aid-key" /> {t("aid.charts.met")} <span className="aid-key unmet" /> {t("aid.charts.unmet")}
      </p>
      <table id={`${id}-table`} className="aid-chart-table">
        <thead>
          <tr>
            <th scope="col">{t("aid.charts.month")}</th>
            <th scope="col">{t("aid.charts.met")}</th>
            <th scope="col">{t("aid.charts.unmet")}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.label}>
              <th scope="row">{m.label}</th>
              <td>{m.met}</td>
              <td>{m.unmet}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
