/**
 * Compares two benchmark results (bench/results/*.json) figure by figure, e.g. a run of the
 * app without a fix against a run with it, taken back to back on the same machine.
 *
 * Usage: tsx bench/compare.ts BEFORE.json AFTER.json
 */
import fs from "node:fs";

type Load = { rps: number; p50: number; p99: number; cpuMsPerReq: number };
type Result = {
  date: string;
  mode: string;
  machine: { loadAverageAtStart?: number };
  figures: Record<string, number>;
  details: {
    cast: Load;
    pages: Array<Load & { key: string; name: string }>;
    fanout: { allP50: number; allP99: number; eachP50: number; frameBytes: number };
    engine: Array<{ name: string; ms: number }>;
    rss: { peakMb: number; highWaterAfter?: Record<string, number> };
    coldStartMs: number;
    bare: Load;
    ballotPageJs: { gzKb: number };
  };
};

const [a, b] = process.argv.slice(2).map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as Result);
if (!a || !b) {
  console.error("usage: tsx bench/compare.ts BEFORE.json AFTER.json");
  process.exit(2);
}

const rows: Array<[string, string, string]> = [];
const f = (x: number | undefined, d = 0) => (x === undefined || !Number.isFinite(x) ? "n/a" : x.toFixed(d));
const add = (name: string, x: number | undefined, y: number | undefined, d = 0) => rows.push([name, f(x, d), f(y, d)]);

add("ballots per second", a.details.cast.rps, b.details.cast.rps);
add("  cast p50 (ms)", a.details.cast.p50, b.details.cast.p50);
add("  cast p99 (ms)", a.details.cast.p99, b.details.cast.p99);
add("  server CPU per ballot (ms)", a.details.cast.cpuMsPerReq, b.details.cast.cpuMsPerReq, 2);
for (const p of a.details.pages) {
  const q = b.details.pages.find((x) => x.key === p.key);
  add(`${p.key} page p50 (ms)`, p.p50, q?.p50);
  add(`${p.key} page p99 (ms)`, p.p99, q?.p99);
  add(`  ${p.key} page server CPU (ms)`, p.cpuMsPerReq, q?.cpuMsPerReq, 1);
}
const flowA = (a.details as { phoneFlow?: { pairsPerS: number; p99: number; cpuMsPerPair: number } }).phoneFlow;
const flowB = (b.details as { phoneFlow?: { pairsPerS: number; p99: number; cpuMsPerPair: number } }).phoneFlow;
add("phone flow: votes/s with page data reload", flowA?.pairsPerS, flowB?.pairsPerS);
add("  phone flow requests p99 (ms)", flowA?.p99, flowB?.p99);
add("  phone flow server CPU per vote (ms)", flowA?.cpuMsPerPair, flowB?.cpuMsPerPair, 1);
add("fan-out, every stream, p50 (ms)", a.details.fanout.allP50, b.details.fanout.allP50);
add("fan-out, every stream, p99 (ms)", a.details.fanout.allP99, b.details.fanout.allP99);
// The ballot file's row is named after the file (or says none was found).
const engineKey = (name: string) => (name.startsWith("file ") || name === "largest ballot file" ? "largest ballot file" : name);
for (const e of a.details.engine) add(`engine: ${engineKey(e.name)} (ms)`, e.ms, b.details.engine.find((x) => engineKey(x.name) === engineKey(e.name))?.ms, 1);
add("peak RSS (MB)", a.details.rss.peakMb, b.details.rss.peakMb);
for (const [phase, mb] of Object.entries(a.details.rss.highWaterAfter ?? {})) add(`  RSS high-water after ${phase} (MB)`, mb, b.details.rss.highWaterAfter?.[phase]);
add("cold start (ms)", a.details.coldStartMs, b.details.coldStartMs);
add("bare baseline per second", a.details.bare.rps, b.details.bare.rps);
add("ratio vs bare", a.figures.ratio_vs_bare, b.figures.ratio_vs_bare, 2);
add("ballot page JS, gzipped (KB)", a.details.ballotPageJs.gzKb, b.details.ballotPageJs.gzKb, 1);

const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), 8));
console.log(`before: ${a.date} (${a.mode}, load ${a.machine.loadAverageAtStart ?? "?"})   after: ${b.date} (${b.mode}, load ${b.machine.loadAverageAtStart ?? "?"})`);
console.log(`${"".padEnd(w[0])}  ${"before".padStart(w[1])}  ${"after".padStart(w[2])}`);
for (const r of rows) console.log(`${r[0].padEnd(w[0])}  ${r[1].padStart(w[1])}  ${r[2].padStart(w[2])}`);
