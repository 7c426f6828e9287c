/**
 * A live meeting under load (bench/README.md): many phones hold the meeting's event stream
 * open (one socket each, as EventSource does; read as raw bytes, see openStream), a member
 * votes over HTTP, and we time how long until each stream has received the state that
 * contains the new vote.
 */
import http from "node:http";
import net from "node:net";

type Stream = {
  socket: net.Socket;
  /** The last bytes of the previous read, so a frame head split across reads is still found. */
  tail: Buffer;
  lastId: number;
  states: number;
  /** Called with each `event: state` frame's id once the whole frame has arrived. */
  onState: ((id: number) => void) | null;
  bytes: number;
  open: { id: number; start: number } | null;
  lastFrameBytes: number;
};

const STATE = Buffer.from("\nevent: state\n");
const END = Buffer.from("\n\n");

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
  /** CPU the measuring process spent per vote reading the streams (it shares the cores). */
  clientCpuMsPerVote: number;
};

function percentile(xs: number[], p: number) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

// Every stream reads into this one buffer: reads are handled one at a time, to completion,
// so nothing is allocated or copied per read (80 MB arrive per vote).
const READ_BUFFER = Buffer.alloc(256 * 1024);

/**
 * One phone's stream, read off a plain socket: a state frame ("id: N\nevent: state\ndata:
 * {…}\n\n") is found with Buffer.indexOf, without parsing HTTP chunks or decoding the
 * 80 KB states; it counts once its blank line has arrived. A thousand phones read with
 * node's HTTP client cost the measuring process, on the same two cores as the server,
 * ~100 ms of CPU per vote and delayed what it measured.
 */
function openStream(base: URL, path: string, cookie: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    let headerDone = false;
    const timer = setTimeout(() => reject(new Error(`stream ${path} sent no state within 30 s`)), 30_000);
    const s: Stream = { socket: null as unknown as net.Socket, tail: Buffer.alloc(0), lastId: 0, states: 0, onState: null, bytes: 0, open: null, lastFrameBytes: 0 };

    /** Finds the next head or end in `buf` from `from`, taking only matches that start before `before`. */
    const step = (buf: Buffer, from: number, base: number, before = Infinity): number => {
      if (s.open) {
        const end = buf.indexOf(END, from);
        if (end < 0 || end >= before) return -1;
        const id = s.open.id;
        s.lastFrameBytes = base + end + END.length - s.open.start;
        s.open = null;
        if (Number.isFinite(id)) s.lastId = id;
        s.states++;
        if (s.states === 1) {
          clearTimeout(timer);
          resolve(s);
        }
        s.onState?.(id);
        return end + END.length;
      }
      const at = buf.indexOf(STATE, from);
      if (at < 0 || at >= before) return -1;
      const head = buf.subarray(Math.max(0, at - 24), at).toString("latin1");
      s.open = { id: Number(/id: (\d+)$/.exec(head)?.[1] ?? NaN), start: base + at };
      return at + STATE.length;
    };

    const onData = (data: Buffer) => {
      const base = s.bytes;
      s.bytes += data.length;
      if (!headerDone) {
        const status = data.subarray(0, 12).toString("latin1");
        if (!/^HTTP\/1\.1 200/.test(status)) {
          clearTimeout(timer);
          s.socket.destroy();
          reject(new Error(`stream ${path}: ${status}`));
          return;
        }
        headerDone = true;
      }
      // A head or end split between the last read and this one.
      let from = 0;
      if (s.tail.length) {
        const joined = Buffer.concat([s.tail, data.subarray(0, 40)]);
        let j = 0;
        for (let next; (next = step(joined, j, base - s.tail.length, s.tail.length)) >= 0; ) j = next;
        from = Math.max(0, j - s.tail.length);
      }
      for (let next; (next = step(data, from, base)) >= 0; ) from = next;
      s.tail = Buffer.from(data.subarray(Math.max(from, data.length - 40)));
    };

    s.socket = net.connect({
      port: Number(base.port),
      host: base.hostname,
      onread: {
        buffer: READ_BUFFER,
        callback: (n: number, buf: Uint8Array) => {
          onData(Buffer.from(buf.buffer, buf.byteOffset, n));
          return true;
        },
      },
    });
    s.socket.setNoDelay(true);
    s.socket.write(`GET ${path} HTTP/1.1\r\nHost: ${base.host}\r\nCookie: ${cookie}\r\nAccept: text/event-stream\r\nAccept-Encoding: identity\r\nConnection: keep-alive\r\n\r\n`);
    s.socket.on("error", (e) => {
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
  const path = `/a/${opts.slug}/meetings/${opts.meetingId}/events`;
  const t0 = performance.now();
  const streams: Stream[] = [];
  // Phones connect in waves, as a room fills; 50 at a time keeps the accept queue short.
  for (let i = 0; i < opts.listeners.length; i += 50) {
    streams.push(...(await Promise.all(opts.listeners.slice(i, i + 50).map((c) => openStream(base, path, c)))));
  }
  const connectMs = performance.now() - t0;
  const voteAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const all: number[] = [];
  const each: number[] = [];
  let missed = 0;
  let frameBytes = 0;
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const cpu0 = process.cpuUsage();

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
      s.onState = (id) => {
        if (!Number.isNaN(got[k]) || !(id > startIds[k])) return;
        got[k] = performance.now() - started;
        if (k === 0) frameBytes = s.lastFrameBytes;
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
  const cpu = process.cpuUsage(cpu0);
  for (const s of streams) s.socket.destroy();
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
    clientCpuMsPerVote: (cpu.user + cpu.system) / 1000 / opts.votes,
  };
}
