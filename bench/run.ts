/**
 * `npm run bench` (bench/README.md): builds the production app, generates a large data set into a
 * temporary database, starts the production server (`app/bin/server.mjs`, as `npm start` runs it),
 * measures, stops everything and prints a table plus one final line:
 *
 *   bench: ballots_per_s=N cast_p99_ms=N page_p99_ms=N fanout_p99_ms=N stv_ms=N rss_mb=N ratio_vs_bare=N phone_votes_per_s=N room_p99_ms=N ratio_vs_limit=N
 *
 * `--quick` does the same on a tenth of the data with shorter load phases (under two
 * minutes on two cores). `--profile` also writes a CPU profile of the server
 * (node --cpu-prof) to bench/.tmp/profiles/. `--keep` keeps the temporary database.
 * Results go to bench/results/latest.json too. See bench/README.md.
 */
import autocannon, { type Request as CannonRequest, type Result } from "autocannon";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { Dataset } from "./generate";
import { engineBench, type EngineFigure } from "./engine";
import { fanout, type FanoutResult } from "./lib/fanout";
import { prepareRoom, roomBench } from "./room";
import { buildNow, clientFiles, readManifest, type Manifest } from "../tests/helpers/build";
import { cpuMsOf, freePort, installExitHandlers, memoryOf, onCleanup, run, sampleMemory, start, stop } from "./lib/procs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const profile = argv.includes("--profile");
const keep = argv.includes("--keep");
const targets = JSON.parse(fs.readFileSync(path.join(root, "bench", "targets.json"), "utf8")) as Record<string, { min?: number; max?: number; label: string }>;

/** Load settings, the same for Plenary and the bare baseline. */
const CAST = { connections: 50, duration: quick ? 8 : 20, pipelining: 1 };
const PAGES = { connections: 10, duration: quick ? 4 : 10, pipelining: 1 };
const FANOUT = { streams: 1_000, votes: quick ? 20 : 50 };

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
const round = (x: number, d = 0) => (Number.isFinite(x) ? Number(x.toFixed(d)) : NaN);

function machine() {
  const cpu = fs.existsSync("/proc/cpuinfo") ? (/^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model) : os.cpus()[0]?.model;
  return { cores: os.availableParallelism(), cpu: cpu ?? "unknown", memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.type()} ${os.release()}` };
}

/**
 * The gzipped JavaScript a phone downloads to show a route: entry, then each route from
 * root down, with their static imports, plus what they load with import() before the page
 * works — of the per-language catalogues, one (the larger, so the figure holds for both).
 */
function jsFor(m: Manifest, routeId: string) {
  const { chain, files } = clientFiles(m, routeId);
  const gz = (f: string) => zlib.gzipSync(fs.readFileSync(path.join(root, "public", f))).length;
  const staticImports = (f: string) => [...fs.readFileSync(path.join(root, "public", f), "utf8").matchAll(/(?:from|import)\s*"(\/build\/[^"]+\.js)"/g)].map((x) => x[1]);
  const dynamicImports = (f: string) => [...fs.readFileSync(path.join(root, "public", f), "utf8").matchAll(/import\("(\/build\/[^"]+\.js)"\)/g)].map((x) => x[1]);
  const languages: string[] = [];
  for (const f of [...files]) {
    for (const d of dynamicImports(f)) {
      if (/\/(en|es)-[A-Z0-9]+\.js$/.test(d)) languages.push(d);
      else if (!files.has(d)) files.add(d);
    }
  }
  let raw = 0;
  let total = 0;
  for (const f of files) {
    raw += fs.statSync(path.join(root, "public", f)).size;
    total += gz(f);
  }
  // One language per phone: the larger catalogue and whatever it imports that is not loaded yet.
  let language = { gz: 0, raw: 0, file: "" };
  for (const l of languages) {
    const extra = [l, ...staticImports(l).filter((x) => !files.has(x))];
    const size = extra.reduce((a, f) => a + gz(f), 0);
    if (size > language.gz) language = { gz: size, raw: extra.reduce((a, f) => a + fs.statSync(path.join(root, "public", f)).size, 0), file: l };
  }
  return { files: files.size + (language.file ? 1 : 0), rawKb: (raw + language.raw) / 1024, gzKb: (total + language.gz) / 1024, chain, language: language.file };
}

function findRoute(m: Manifest, re: RegExp) {
  const r = Object.values(m.routes).find((x) => re.test(x.id));
  if (!r) throw new Error(`no route matching ${re} in the build`);
  return r;
}

type Load = { rps: number; p50: number; p99: number; max: number; total: number; non2xx: number; errors: number; bytesPerReq: number; cpuMsPerReq: number };

/** Figures of one load phase; `cpuMs` is the server's CPU time during it (robust to a busy machine). */
function loadOf(r: Result, cpuMs = NaN): Load {
  return {
    cpuMsPerReq: r.requests.total ? cpuMs / r.requests.total : NaN,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    bytesPerReq: r.requests.total ? r.throughput.total / r.requests.total : 0,
  };
}

async function waitHealthy(url: string, child: { exitCode: number | null }, timeoutMs = 60_000, ok: (status: number) => boolean = (status) => status === 200) {
  const t0 = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error("the server exited during start");
    try {
      const res = await fetch(`${url}/healthz`);
      if (ok(res.status)) return performance.now() - t0;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - t0 > timeoutMs) throw new Error("the server did not answer /healthz");
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function main() {
  installExitHandlers();
  const t0 = performance.now();
  const info = machine();
  const loadBefore = os.loadavg()[0];
  if (loadBefore > 0.5) log(`the machine is busy (load average ${loadBefore.toFixed(2)}): figures will be lower than on an idle machine`);
  log(`${quick ? "quick" : "full"} run on ${info.cores} cores (${info.cpu}), ${info.memoryGb} GB, Node ${info.node}`);

  // 1. Build, and what a phone downloads for the ballot page.
  const buildMs = buildNow();
  const manifest = readManifest();
  const proposalRoute = findRoute(manifest, /^routes\/a\.\$slug\.proposals\.\$id(\._index)?$/);
  const phoneRoute = findRoute(manifest, /^routes\/a\.\$slug\.meetings\.\$id\.phone$/);
  const js = jsFor(manifest, proposalRoute.id);
  log(`built in ${round(buildMs)} ms; ballot page JS ${round(js.gzKb, 1)} KB gzipped (${js.files} files)`);

  // 2. The engine alone, before anything else competes for the cores.
  const engine = engineBench({ runs: quick ? 3 : 5, ballotsDir: path.resolve(root, "..", "shared", "data", "ballots") });
  for (const e of engine) log(`engine: ${e.name}: ${round(e.ms, 1)} ms (${e.detail})`);

  // 3. The data set, in a temporary directory removed at the end.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-bench-"));
  if (!keep) onCleanup(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const dbPath = path.join(tmp, "bench.db");
  const dsFile = path.join(tmp, "dataset.json");
  log(`generating ${quick ? "a tenth of " : ""}the data set into ${dbPath}`);
  const gen = await run(process.execPath, ["--import", "tsx", path.join(root, "bench", "generate.ts"), "--db", dbPath, "--out", dsFile, ...(quick ? ["--quick"] : [])], { cwd: root });
  if (gen.code !== 0) throw new Error(`the generator failed:\n${gen.out}`);
  const ds = JSON.parse(fs.readFileSync(dsFile, "utf8")) as Dataset;
  const dbMb = fs.statSync(dbPath).size / 2 ** 20;
  log(`generated in ${round(ds.seconds, 1)} s: ${Object.entries(ds.counts).map(([k, v]) => `${v} ${k}`).join(", ")} (${round(dbMb)} MB)`);
  // A room of 200 phones for meeting night (bench/room.ts), made before the server opens the file.
  const room = await prepareRoom(root, dbPath);

  // 4. Cold start of the production server: spawn → first 200 from /healthz.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const profDir = path.join(root, "bench", ".tmp", "profiles");
  if (profile) fs.mkdirSync(profDir, { recursive: true });
  // Started as `npm start` starts it (no Node flags); BENCH_NODE_FLAGS tries some, e.g. a heap cap.
  const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
  const server = start(process.execPath, [...nodeFlags, ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : []), path.join(root, "app", "bin", "server.mjs")], {
    cwd: root,
    // PLENARY_BENCH=1: the framework floor's route answers (app/routes/bench.floor.ts).
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: dbPath, PLENARY_BENCH: "1" },
  });
  let serverLog = "";
  server.stdout!.on("data", (d) => (serverLog += d));
  server.stderr!.on("data", (d) => (serverLog += d));
  const coldStartMs = await waitHealthy(url, server);
  const mem = sampleMemory(server.pid!);
  log(`server up in ${round(coldStartMs)} ms (pid ${server.pid}, ${round(memoryOf(server.pid!)?.rssMb ?? NaN)} MB)`);

  const slug = ds.largest.slug;
  const cookieOf = (v: { sessionId: string }) => `plenary_session=${v.sessionId}`;
  const phone = { "user-agent": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36", "accept-encoding": "gzip, deflate, br" };
  const index = proposalRoute.index ? "?index" : "";

  // 5. Ballots: members cast and change ballots in ten open rounds at once, as a phone with
  //    JavaScript submits the form (single fetch: POST <path>.data).
  const pairs: Array<{ cookie: string; path: string; roundId: string }> = [];
  for (const v of ds.voters) for (const rd of ds.load.rounds) pairs.push({ cookie: cookieOf(v), path: `/a/${slug}/proposals/${rd.proposalId}.data${index}`, roundId: rd.roundId });
  // A fixed shuffle: every run casts in the same order.
  for (let i = pairs.length - 1, s = 7; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  let next = 0;
  const castRequest = (): CannonRequest => {
    const p = pairs[next++ % pairs.length];
    const choice = ds.load.choices[next % ds.load.choices.length];
    return {
      method: "POST",
      path: p.path,
      headers: { ...phone, cookie: p.cookie, origin: url, "content-type": "application/x-www-form-urlencoded" },
      body: `intent=vote&roundId=${encodeURIComponent(p.roundId)}&choice=${choice}`,
    };
  };
  {
    // One cast by hand first: it must be accepted, or every figure below is meaningless.
    const probe = castRequest();
    const res = await fetch(url + probe.path, { method: "POST", headers: probe.headers, body: probe.body as string, redirect: "manual" });
    const text = await res.text();
    if (res.status >= 400 || !/done=(voted|changed)/.test(text)) throw new Error(`a ballot was not accepted: HTTP ${res.status} ${text.slice(0, 300)}`);
  }
  const countBallots = () => {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const ids = ds.load.rounds.map((r) => r.roundId);
      return (db.prepare(`select count(*) as n from ballots where round_id in (${ids.map(() => "?").join(",")})`).get(...ids) as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const castAll = (connections: number, duration: number, target: string) =>
    autocannon({ url: target, connections, duration, pipelining: CAST.pipelining, requests: [
        {
          // Keep autocannon's defaults (host, port) and swap in the next member's ballot.
          setupRequest: (req) => {
            const c = castRequest();
            return { ...req, ...c, headers: { ...req.headers, ...c.headers } };
          },
        },
      ],
    });
  log("warming up");
  await castAll(10, 2, url);
  for (const p of [`/a/${slug}/proposals/${ds.page.proposalId}`, `/a/${slug}`, `/a/${slug}/record`]) {
    await autocannon({ url: url + p, connections: 4, duration: 1, headers: { ...phone, cookie: cookieOf(ds.voters[1]), accept: "text/html" } });
  }
  const ballotsBefore = countBallots();
  const castFrom = next;
  log(`casting ballots: ${CAST.connections} members at once for ${CAST.duration} s`);
  const castCpu0 = cpuMsOf(server.pid!);
  const castResult = await castAll(CAST.connections, CAST.duration, url);
  const cast = loadOf(castResult, cpuMsOf(server.pid!) - castCpu0);
  const ballotsAfter = countBallots();
  const castCount = next - castFrom;
  log(`  ${round(cast.rps)} ballots/s, p50 ${cast.p50} ms, p99 ${cast.p99} ms, ${round(cast.cpuMsPerReq, 2)} ms server CPU each, ${cast.non2xx} non-2xx, ${cast.errors} errors; ${ballotsAfter - ballotsBefore} new ballots, the rest changed`);
  const rssAfter: Record<string, number> = {};
  const noteRss = (phase: string) => (rssAfter[phase] = round(memoryOf(server.pid!)?.hwmMb ?? NaN));
  noteRss("cast");
  if (cast.non2xx > 0 || cast.errors > 0) log(`  WARNING: ${cast.non2xx} answers were not 2xx and ${cast.errors} failed`);
  if (ballotsAfter - ballotsBefore > castCount || ballotsAfter === ballotsBefore) throw new Error(`ballot count moved by ${ballotsAfter - ballotsBefore} for ${castCount} requests`);

  // 5b. The framework floor: a post through the same server and Remix whose action writes one
  //     row and waits for the disk, as a cast does, and nothing else (app/routes/bench.floor.ts).
  const floorRequest = (): CannonRequest => {
    const c = castRequest();
    return { ...c, path: "/bench/floor.data", body: "intent=floor" };
  };
  let floor: Load | null = null;
  {
    const probe = floorRequest();
    const res = await fetch(url + probe.path, { method: "POST", headers: probe.headers, body: probe.body as string });
    if (res.status !== 200) log(`framework floor: HTTP ${res.status} (this build has no floor route); skipped`);
    else {
      await res.text();
      const cpu0 = cpuMsOf(server.pid!);
      const r = await autocannon({ url, connections: CAST.connections, duration: CAST.duration, pipelining: CAST.pipelining, requests: [{ setupRequest: (req) => { const c = floorRequest(); return { ...req, ...c, headers: { ...req.headers, ...c.headers } }; } }] });
      floor = loadOf(r, cpuMsOf(server.pid!) - cpu0);
      log(`framework floor (one insert through the same stack): ${round(floor.rps)}/s, p99 ${floor.p99} ms, ${round(floor.cpuMsPerReq, 2)} ms server CPU each`);
    }
  }

  // 6. Pages, as a phone loads them (full documents, compressed).
  const pageDefs = [
    { key: "proposal", name: `proposal page (${ds.page.ballots} ballots, ${ds.page.comments} comments)`, path: `/a/${slug}/proposals/${ds.page.proposalId}` },
    { key: "home", name: "assembly home page", path: `/a/${slug}` },
    { key: "record", name: `decision record, largest assembly (${ds.largest.recordEntries} entries)`, path: `/a/${slug}/record` },
  ];
  const pages: Array<{ key: string; name: string; path: string } & Load> = [];
  for (const p of pageDefs) {
    const res = await fetch(url + p.path, { headers: { ...phone, cookie: cookieOf(ds.voters[1]), accept: "text/html" } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${p.path}: HTTP ${res.status} ${body.slice(0, 200)}`);
    log(`page ${p.path}: ${round(body.length / 1024)} KB of HTML`);
    const cpu0 = cpuMsOf(server.pid!);
    const r = await autocannon({ url: url + p.path, connections: PAGES.connections, duration: PAGES.duration, headers: { ...phone, cookie: cookieOf(ds.voters[1]), accept: "text/html" } });
    const l = loadOf(r, cpuMsOf(server.pid!) - cpu0);
    pages.push({ ...p, ...l });
    log(`  ${p.name}: ${round(l.rps)}/s, p50 ${l.p50} ms, p99 ${l.p99} ms, ${round(l.cpuMsPerReq, 2)} ms server CPU each, ${round(l.bytesPerReq / 1024)} KB sent each`);
    if (l.non2xx > 0 || l.errors > 0) throw new Error(`${p.path}: ${l.non2xx} non-2xx, ${l.errors} errors`);
  }

  // 6b. A phone with JavaScript votes on the proposal page (its form says `answer=inPlace`)
  //     and does what the answer makes it do: an answer in place is the end of it; a
  //     redirect makes it reload the page's data (GET <path>.data?done=…), as before.
  const inPlaceRequest = (): CannonRequest => {
    const c = castRequest();
    return { ...c, body: `${c.body}&answer=inPlace` };
  };
  const answersInPlace = await (async () => {
    const probe = inPlaceRequest();
    const res = await fetch(url + probe.path, { method: "POST", headers: probe.headers, body: probe.body as string, redirect: "manual" });
    return /inPlace/.test(await res.text());
  })();
  const flowCpu0 = cpuMsOf(server.pid!);
  const flowResult = await autocannon({
    url,
    connections: PAGES.connections,
    duration: PAGES.duration,
    pipelining: 1,
    requests: [
      {
        setupRequest: (req, context) => {
          const c = inPlaceRequest();
          context.reload = `${c.path!.replace(/\?index$/, "")}?done=changed`;
          context.cookie = c.headers!.cookie;
          return { ...req, ...c, headers: { ...req.headers, ...c.headers } };
        },
      },
      ...(answersInPlace
        ? []
        : [
            {
              setupRequest: (req: CannonRequest, context: Record<string, unknown>) => ({
                ...req,
                method: "GET" as const,
                path: String(context.reload),
                body: undefined,
                headers: { ...req.headers, ...phone, cookie: String(context.cookie), accept: "*/*" },
              }),
            },
          ]),
    ],
  });
  const perVote = answersInPlace ? 1 : 2;
  const flowLoad = loadOf(flowResult, cpuMsOf(server.pid!) - flowCpu0);
  const flow = { inPlace: answersInPlace, pairsPerS: flowLoad.rps / perVote, p50: flowLoad.p50, p99: flowLoad.p99, cpuMsPerPair: flowLoad.cpuMsPerReq * perVote, kbPerPair: (flowLoad.bytesPerReq * perVote) / 1024 };
  log(`phone flow (vote${answersInPlace ? ", answered in place" : ", then reload the page's data"}): ${round(flow.pairsPerS)} votes/s, requests p50 ${flow.p50} ms, p99 ${flow.p99} ms, ${round(flow.cpuMsPerPair, 1)} ms server CPU per vote`);
  if (flowLoad.non2xx > 0 || flowLoad.errors > 0) throw new Error(`phone flow: ${flowLoad.non2xx} non-2xx, ${flowLoad.errors} errors`);

  noteRss("pages");
  // 7. A live meeting: 1,000 phones on the event stream, votes cast from phones in the room.
  log(`fan-out: ${FANOUT.streams} event streams, ${FANOUT.votes} votes`);
  const present = ds.voters.slice(0, ds.meeting.present);
  const fan: FanoutResult = await fanout({
    url,
    slug,
    meetingId: ds.meeting.id,
    roundId: ds.meeting.roundId,
    listeners: present.slice(0, FANOUT.streams).map(cookieOf),
    voters: present.slice(FANOUT.streams).concat(present.slice(0, FANOUT.streams)).map(cookieOf),
    choices: ds.meeting.choices,
    votes: FANOUT.votes,
    votePath: `/a/${slug}/meetings/${ds.meeting.id}/phone.data${phoneRoute.index ? "?index" : ""}`,
    origin: url,
  });
  log(`  connected in ${round(fan.connectMs)} ms; every stream had the vote after p50 ${round(fan.allP50)} ms, p99 ${round(fan.allP99)} ms (each stream p50 ${round(fan.eachP50)} ms); ${fan.missed} missed; ${round(fan.frameBytes / 1024)} KB per state`);

  noteRss("fanout");
  // 7b. A full room at once: 200 phones check in, vote and reload; then the close reaches them all.
  const roomResult = await roomBench(url, room, { phoneIndex: Boolean(phoneRoute.index), runIndex: false });
  log(`room: ${roomResult.phones} phones checked in in ${round(roomResult.checkInMs)} ms; all voted ${round(roomResult.voteMs)} ms after the vote opened (${round(roomResult.votesPerS)} ballots/s; ${roomResult.reloaded} reloaded after voting; ballot p50 ${round(roomResult.ballotP50)} ms, p99 ${round(roomResult.ballotP99)} ms); phones had the outcome after the close p50 ${round(roomResult.outcomeP50)} ms, p99 ${round(roomResult.outcomeP99)} ms, last ${round(roomResult.outcomeAllMs)} ms; ${roomResult.missed} missed`);
  noteRss("room");
  const peak = mem.peak();
  mem.stop();
  await stop(server);
  log(`server peak RSS ${round(peak.processHwmMb)} MB in its largest of ${peak.processes} processes, ${round(peak.hwmMb)} MB over all (high-water mark after each phase, over all: ${Object.entries(rssAfter).map(([k, v]) => `${k} ${v} MB`).join(", ")})`);

  // 8. The same-work limit under the same load, on the same database: plain node:http doing
  //    exactly a cast's SQL with prepared statements and the same WAL sync (bench/limit-server.mjs).
  const limitPort = await freePort();
  const limitServer = start(process.execPath, [path.join(root, "bench", "limit-server.mjs"), dbPath], { cwd: root, env: { ...process.env, PORT: String(limitPort) } });
  const limitUrl = `http://127.0.0.1:${limitPort}`;
  await waitHealthy(limitUrl, limitServer, 10_000, (s) => s === 404);
  {
    const probe = castRequest();
    const res = await fetch(limitUrl + probe.path, { method: "POST", headers: probe.headers, body: probe.body as string });
    if (res.status !== 200) throw new Error(`the same-work limit refused a ballot: HTTP ${res.status} ${await res.text()}`);
  }
  await castAll(10, 2, limitUrl);
  log(`same-work limit: ${CAST.connections} connections for ${CAST.duration} s`);
  const limitCpu0 = cpuMsOf(limitServer.pid!);
  const limitLoad = loadOf(await castAll(CAST.connections, CAST.duration, limitUrl), cpuMsOf(limitServer.pid!) - limitCpu0);
  await stop(limitServer);
  log(`  ${round(limitLoad.rps)} ballots/s, p50 ${limitLoad.p50} ms, p99 ${limitLoad.p99} ms, ${round(limitLoad.cpuMsPerReq, 3)} ms CPU each; ${limitLoad.non2xx} non-2xx`);
  if (limitLoad.non2xx > 0 || limitLoad.errors > 0) throw new Error(`same-work limit: ${limitLoad.non2xx} non-2xx, ${limitLoad.errors} errors`);

  // 8b. The bare baseline under the same load.
  const bareDb = path.join(tmp, "bare.db");
  const barePort = await freePort();
  const bare = start(process.execPath, [path.join(root, "bench", "bare-server.mjs"), bareDb], { cwd: root, env: { ...process.env, PORT: String(barePort) } });
  const bareUrl = `http://127.0.0.1:${barePort}`;
  // The baseline answers every request with 204, /healthz included.
  await waitHealthy(bareUrl, bare, 10_000, (s) => s < 300);
  await castAll(10, 2, bareUrl);
  log(`bare baseline: ${CAST.connections} connections for ${CAST.duration} s`);
  const bareCpu0 = cpuMsOf(bare.pid!);
  const bareLoad = loadOf(await castAll(CAST.connections, CAST.duration, bareUrl), cpuMsOf(bare.pid!) - bareCpu0);
  await stop(bare);
  log(`  ${round(bareLoad.rps)} requests/s, p50 ${bareLoad.p50} ms, p99 ${bareLoad.p99} ms`);

  // 9. Report.
  const stv = engine.find((e) => e.name.startsWith("STV"))!;
  const pageP99 = Math.max(...pages.map((p) => p.p99));
  const figures = {
    ballots_per_s: round(cast.rps),
    cast_p99_ms: round(cast.p99),
    page_p99_ms: round(pageP99),
    fanout_p99_ms: round(fan.allP99),
    stv_ms: round(stv.ms),
    rss_mb: round(peak.processHwmMb),
    ratio_vs_bare: round(cast.rps / bareLoad.rps, 2),
    room_vote_ms: round(roomResult.voteMs),
    room_outcome_ms: round(roomResult.outcomeAllMs),
    phone_votes_per_s: round(flow.pairsPerS),
    room_p99_ms: round(roomResult.outcomeP99),
    ratio_vs_limit: round(cast.rps / limitLoad.rps, 2),
    floor_per_s: floor ? round(floor.rps) : NaN,
    limit_per_s: round(limitLoad.rps),
  };
  const rows: Array<[string, string, string, string]> = [];
  const mark = (key: string, value: number) => {
    const t = targets[key];
    if (!t || !Number.isFinite(value)) return ["", ""];
    const ok = t.min !== undefined ? value >= t.min : value <= t.max!;
    return [t.min !== undefined ? `≥ ${t.min}` : `< ${t.max}`, ok ? "✓" : "✗"];
  };
  const row = (name: string, value: string, key?: string, num?: number) => {
    const [target, ok] = key ? mark(key, num!) : ["", ""];
    rows.push([name, value, target, ok]);
  };
  row("ballots cast/changed per second", `${round(cast.rps)}`, "ballots_per_s", cast.rps);
  row("  cast latency p50 / p99 (ms)", `${cast.p50} / ${cast.p99}`, "cast_p99_ms", cast.p99);
  row("  server CPU per ballot (ms)", `${round(cast.cpuMsPerReq, 2)}`);
  for (const p of pages) row(`${p.name} p50 / p99 (ms)`, `${p.p50} / ${p.p99}`, "page_p99_ms", p.p99);
  row(`phone with JavaScript: vote${flow.inPlace ? " answered in place" : " + page data reload"} (votes/s)`, `${round(flow.pairsPerS)}`, "phone_votes_per_s", flow.pairsPerS);
  row("  requests p50 / p99 (ms); server CPU per vote (ms)", `${flow.p50} / ${flow.p99}; ${round(flow.cpuMsPerPair, 2)}`);
  row(`fan-out to ${fan.streams} streams, every stream, p50 / p99 (ms)`, `${round(fan.allP50)} / ${round(fan.allP99)}`, "fanout_p99_ms", fan.allP99);
  row(`  each stream p50 / p99 (ms); state frame size`, `${round(fan.eachP50)} / ${round(fan.eachP99)}; ${round(fan.frameBytes / 1024)} KB`);
  row(`room of ${roomResult.phones} phones: all voted after the vote opened (ms); reloads after voting`, `${round(roomResult.voteMs)}; ${roomResult.reloaded}`);
  row(`  ballots answered per second in the room; ballot p50 / p99 (ms)`, `${round(roomResult.votesPerS)}; ${round(roomResult.ballotP50)} / ${round(roomResult.ballotP99)}`);
  row(`  phones showing the outcome after the close, p99 (ms); last; p50`, `${round(roomResult.outcomeP99)}; ${round(roomResult.outcomeAllMs)}; ${round(roomResult.outcomeP50)}`, "room_p99_ms", roomResult.outcomeP99);
  for (const e of engine) row(`engine: ${e.name} (ms)`, Number.isFinite(e.ms) ? `${round(e.ms, 1)}` : "n/a", e === stv ? "stv_ms" : undefined, e.ms);
  row("server peak RSS per process (MB)", `${round(peak.processHwmMb)} (${peak.processes} processes, ${round(peak.hwmMb)} over all)`, "rss_mb", peak.processHwmMb);
  row("cold start to first answer (ms)", `${round(coldStartMs)}`);
  row("framework floor: one-insert action through the same server (per second)", floor ? `${round(floor.rps)}` : "n/a");
  row("  floor p50 / p99 (ms); CPU per request (ms)", floor ? `${floor.p50} / ${floor.p99}; ${round(floor.cpuMsPerReq, 2)}` : "n/a");
  row("same-work limit: node:http + a cast's prepared SQL (ballots/s)", `${round(limitLoad.rps)}`);
  row("  limit p50 / p99 (ms); CPU per ballot (ms)", `${limitLoad.p50} / ${limitLoad.p99}; ${round(limitLoad.cpuMsPerReq, 3)}`);
  row("ratio vs limit (ballots/s ÷ same-work limit)", `${figures.ratio_vs_limit}`, "ratio_vs_limit", figures.ratio_vs_limit);
  row("bare node:http + SQLite insert per second", `${round(bareLoad.rps)}`);
  row("  bare p50 / p99 (ms); CPU per request (ms)", `${bareLoad.p50} / ${bareLoad.p99}; ${round(bareLoad.cpuMsPerReq, 3)}`);
  row("ratio vs bare", `${figures.ratio_vs_bare}`, "ratio_vs_bare", figures.ratio_vs_bare);
  row("ballot page JavaScript, gzipped (KB)", `${round(js.gzKb, 1)}`, "ballot_page_js_kb", js.gzKb);

  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ["metric", "value", "target", ""][i].length));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  const out = [line(["metric", "value", "target", ""]), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  console.log(`\nPlenary benchmark, ${quick ? "quick (a tenth of the data)" : "full"}: ${info.cores} cores, ${info.cpu}, ${info.memoryGb} GB, Node ${info.node}; load average ${loadBefore.toFixed(2)} at start`);
  console.log(`data: ${ds.counts.users} people, ${ds.counts.assemblies} bodies, ${ds.counts.proposals} proposals, ${ds.counts.ballots} ballots, ${ds.counts.meetings} meetings (${round(dbMb)} MB)\n`);
  console.log(out.join("\n"));
  const totalS = (performance.now() - t0) / 1000;
  console.log(`\n(${round(totalS)} s in all)`);

  const result = {
    date: new Date().toISOString(),
    mode: quick ? "quick" : "full",
    machine: { ...info, loadAverageAtStart: round(loadBefore, 2), loadAverageAtEnd: round(os.loadavg()[0], 2) },
    settings: { cast: CAST, pages: PAGES, fanout: FANOUT, nodeFlags },
    data: { counts: ds.counts, dbMb: round(dbMb), generateSeconds: round(ds.seconds, 1), largest: ds.largest },
    figures,
    details: {
      cast,
      newBallots: ballotsAfter - ballotsBefore,
      pages,
      phoneFlow: flow,
      fanout: fan,
      engine: engine.map((e: EngineFigure) => ({ ...e, ms: round(e.ms, 1) })),
      rss: { peakMb: round(peak.processHwmMb), processes: peak.processes, allProcessesPeakMb: round(peak.hwmMb), sampledPeakMb: round(peak.peakRssMb), highWaterAfter: rssAfter },
      coldStartMs: round(coldStartMs),
      bare: bareLoad,
      floor,
      limit: limitLoad,
      room: roomResult,
      ballotPageJs: { gzKb: round(js.gzKb, 1), rawKb: round(js.rawKb, 1), files: js.files, routes: js.chain },
      buildMs: round(buildMs),
      totalSeconds: round(totalS),
    },
    serverLog: serverLog.split("\n").slice(-20).join("\n"),
  };
  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "results", "latest.json"), JSON.stringify(result, null, 2) + "\n");
  if (profile) log(`CPU profile in ${profDir}`);
  if (keep) log(`kept ${tmp}`);
  console.log(
    `bench: ballots_per_s=${figures.ballots_per_s} cast_p99_ms=${figures.cast_p99_ms} page_p99_ms=${figures.page_p99_ms} fanout_p99_ms=${figures.fanout_p99_ms} stv_ms=${figures.stv_ms} rss_mb=${figures.rss_mb} ratio_vs_bare=${figures.ratio_vs_bare.toFixed(2)} phone_votes_per_s=${figures.phone_votes_per_s} room_p99_ms=${figures.room_p99_ms} ratio_vs_limit=${figures.ratio_vs_limit.toFixed(2)}`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`bench: failed: ${e instanceof Error ? e.stack : e}`);
    process.exit(1);
  },
);
