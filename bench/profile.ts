/**
 * Reads a V8 CPU profile (`node --cpu-prof`, or `npm run bench -- --profile`) and prints
 * where the time went: functions by self time, and by total time (self + callees), so a
 * slow page or action can be traced to the query or render that costs it.
 *
 * Usage: tsx bench/profile.ts FILE.cpuprofile [--top 30] [--filter app/]
 */
import fs from "node:fs";
import path from "node:path";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a));
const top = Number(args[args.indexOf("--top") + 1]) || 30;
const filter = args.includes("--filter") ? args[args.indexOf("--filter") + 1] : null;
if (!file) {
  console.error("usage: tsx bench/profile.ts FILE.cpuprofile [--top N] [--filter TEXT]");
  process.exit(2);
}

process.stdout.on("error", () => process.exit(0));
const prof = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Time per sample from timeDeltas (µs).
const selfUs = new Map<number, number>();
prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const totalUs = prof.samples.reduce((a, _id, i) => a + (prof.timeDeltas[i] ?? 0), 0);

const label = (n: Node) => {
  const url = n.callFrame.url.replace(/^file:\/\//, "");
  const short = url.includes("node_modules") ? url.slice(url.lastIndexOf("node_modules") + 13) : path.relative(process.cwd(), url) || url;
  return `${n.callFrame.functionName || "(anonymous)"} ${short ? `${short}:${n.callFrame.lineNumber + 1}` : ""}`.trim();
};

const self = new Map<string, number>();
const total = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  self.set(label(n), (self.get(label(n)) ?? 0) + us);
  // Each frame on the stack once (recursion counted once).
  const seen = new Set<string>();
  for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
    const l = label(byId.get(x)!);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + us);
  }
}

const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (of ${(totalUs / 1000).toFixed(0)} ms sampled)`);
  [...m]
    .filter(([k]) => !filter || k.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, us]) => console.log(`${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`));
};
show("self time", self);
show("total time", total);
