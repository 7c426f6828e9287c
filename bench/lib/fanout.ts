/**
 * A live meeting under load (issue 6, item 3): many phones hold the meeting's event stream
 * open (plain `http.request` streams, one socket each, as EventSource does), a member
 * votes over HTTP, and we time how long until each stream has received the state that
 * contains the new vote.
 */
import http from "node:http";

type Stream = {
  req: http.ClientRequest;
  /** The unfinished frame's first bytes (enough to read its `id:` and `event:` lines). */
  head: Buffer;
  /** The previous chunk ended in "\n": a frame ends if the next one starts with "\n". */
  pendingNewline: boolean;
  lastId: number;
  states: number;
  /** Called with each complete `event: state` frame: its id and size in bytes. */
  onState: ((id: number, bytes: number) => void) | null;
  frameBytes: number;
};

const NL = 0x0a;
const HEAD = 64;

export type FanoutResult = {
  streams: number;
  votes: number;
  /** per vote: time until the LAST stream had it (what "every stream received it" means) */
  allP50: number;
  allP99: number;
  allMax: number;
  /** per (vote, stream) pair */
  eachP50: number;
  eachP99: number;
  missed: number;
  frameBytes: number;
  connectMs: number;
};

function percentile(xs: number[], p: number) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * One phone's stream. Frames are found by their blank line without decoding the bytes:
 * a state is 77 KB of JSON and a thousand phones would otherwise turn the measuring
 * process, on the same cores as the server, into the bottleneck.
 */
function openStream(base: URL, path: string, cookie: string, agent: http.Agent): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const s: Stream = { req: null as unknown as http.ClientRequest, head: Buffer.alloc(0), pendingNewline: false, lastId: 0, states: 0, onState: null, frameBytes: 0 };
    const timer = setTimeout(() => reject(new Error(`stream ${path} sent no state within 30 s`)), 30_000);
    const endFrame = () => {
      const head = s.head.toString("latin1");
      s.head = Buffer.alloc(0);
      const bytes = s.frameBytes;
      s.frameBytes = 0;
      if (!/^event: state$/m.test(head)) return;
      const id = Number(/^id: (\d+)/m.exec(head)?.[1] ?? NaN);
      if (Number.isFinite(id)) s.lastId = id;
      s.states++;
      if (s.states === 1) {
        clearTimeout(timer);
        resolve(s);
      }
      s.onState?.(id, bytes);
    };
    s.req = http.get(
      { host: base.hostname, port: base.port, path, agent, headers: { cookie, accept: "text/event-stream", "accept-encoding": "identity" } },
      (res) => {
        if (res.statusCode !== 200) {
          clearTimeout(timer);
          reject(new Error(`stream ${path}: HTTP ${res.statusCode}`));
          res.resume();
          return;
        }
        res.on("data", (chunk: Buffer) => {
          let from = 0;
          if (s.pendingNewline && chunk[0] === NL) {
            endFrame();
            from = 1;
          }
          for (;;) {
            const end = chunk.indexOf("\n\n", from);
            const stop = end >= 0 ? end : chunk.length;
            if (s.head.length < HEAD) s.head = Buffer.concat([s.head, chunk.subarray(from, Math.min(stop, from + HEAD))]);
            s.frameBytes += stop - from;
            if (end < 0) break;
            endFrame();
            from = end + 2;
          }
          s.pendingNewline = chunk[chunk.length - 1] === NL;
        });
      },
    );
    s.req.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export async function fanout(opts: {
  url: string;
  slug: string;
  meetingId: string;
  roundId: string;
  /** stream holders (cookies) and voters (cookies), disjoint or not */
  listeners: string[];
  voters: string[];
  choices: string[];
  votes: number;
  /** How a phone in the meeting votes: the phone page's action, as a JS form submission posts it. */
  votePath: string;
  origin: string;
  timeoutMs?: number;
}): Promise<FanoutResult> {
  const base = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const path = `/a/${opts.slug}/meetings/${opts.meetingId}/events`;
  const t0 = performance.now();
  const streams: Stream[] = [];
  // Phones connect in waves, as a room fills; 50 at a time keeps the accept queue short.
  for (let i = 0; i < opts.listeners.length; i += 50) {
    streams.push(...(await Promise.all(opts.listeners.slice(i, i + 50).map((c) => openStream(base, path, c, agent)))));
  }
  const connectMs = performance.now() - t0;
  const voteAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const all: number[] = [];
  const each: number[] = [];
  let missed = 0;
  let frameBytes = 0;
  const timeoutMs = opts.timeoutMs ?? 5_000;

  for (let v = 0; v < opts.votes; v++) {
    const voter = opts.voters[v % opts.voters.length];
    const choice = opts.choices[v % opts.choices.length];
    // The vote is counted in the state as one more participant (or a changed count).
    const startIds = streams.map((s) => s.lastId);
    const got = new Array<number>(streams.length).fill(NaN);
    let pending = streams.length;
    let resolveAll!: () => void;
    const done = new Promise<void>((r) => (resolveAll = r));
    const started = performance.now();
    streams.forEach((s, k) => {
      s.onState = (id, bytes) => {
        if (!Number.isNaN(got[k]) || !(id > startIds[k])) return;
        got[k] = performance.now() - started;
        if (k === 0) frameBytes = bytes;
        if (--pending === 0) resolveAll();
      };
    });
    const body = new URLSearchParams({ intent: "vote", roundId: opts.roundId, choice }).toString();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: base.hostname,
          port: base.port,
          path: opts.votePath,
          method: "POST",
          agent: voteAgent,
          headers: { cookie: voter, origin: opts.origin, "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
    if (status >= 400) throw new Error(`fan-out: the vote was refused (HTTP ${status}) at ${opts.votePath}`);
    const timer = setTimeout(() => resolveAll(), timeoutMs);
    await done;
    clearTimeout(timer);
    for (const s of streams) s.onState = null;
    const ok = got.filter((x) => !Number.isNaN(x));
    missed += got.length - ok.length;
    each.push(...ok);
    all.push(ok.length === got.length ? Math.max(...ok) : timeoutMs);
    // Let the room settle before the next vote, so each vote is timed on its own.
    await new Promise((r) => setTimeout(r, 150));
  }
  for (const s of streams) s.req.destroy();
  agent.destroy();
  voteAgent.destroy();
  return {
    streams: streams.length,
    votes: opts.votes,
    allP50: percentile(all, 50),
    allP99: percentile(all, 99),
    allMax: Math.max(...all),
    eachP50: percentile(each, 50),
    eachP99: percentile(each, 99),
    missed,
    frameBytes,
    connectMs,
  };
}
