/**
 * Plenary's HTTP server: the Remix build on Node's own http server, requests and answers
 * converted by @remix-run/node-fetch-server (from the Remix team), with what remix-serve does
 * not give us: loopback by default, refusal of cross-origin writes, body limits before a body
 * is read, compression that leaves event streams alone, cached static files, and a clean
 * shutdown. See docs/decisions/002-server.md and 022-http-and-processes.md.
 */
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pipeline, Readable } from "node:stream";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { createRequestHandler as createRemixHandler } from "@remix-run/node";
import { createHeaders, sendResponse } from "@remix-run/node-fetch-server";
import { RateLimiterCluster, RateLimiterClusterMaster, RateLimiterMemory } from "rate-limiter-flexible";
import { checkFolder, claimDatabase, databaseFile } from "./db-lock.mjs";
import { createStaticFiles, negotiateEncoding } from "./static-files.mjs";

// The repository root: this file lives in app/bin/.
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Whether X-Forwarded-* headers come from our own reverse proxy (README, Operations). */
export const trustProxy = () => process.env.TRUST_PROXY === "1";

/** The methods Plenary answers; anything else (DELETE, PUT, TRACE…) is a 405. */
const METHODS = new Set(["GET", "HEAD", "POST"]);

/**
 * Largest request body per kind of route, in bytes (README, Operations). Pages anyone can
 * reach without an account take a few short fields; signed-in forms the longest text a
 * form allows (a proposal of 20,000 characters, percent-encoded); only the election page
 * takes a ballot file (BLT_MAX in app/lib/federation-validation.ts, plus the form around it).
 */
export const BODY_LIMITS = { anonymous: 16 * 1024, form: 256 * 1024, upload: 6 * 1024 * 1024 };

/** Pages that take a form from someone who may not be signed in. */
const ANONYMOUS = /^\/(?:login|signup|logout|locale|forgot|reset\/[^/]+|join\/[^/]+|m(?:\/[^/]+)?)\/?$/;
const UPLOAD = /^\/a\/[^/]+\/delegates\/elections\/[^/]+\/?$/;

export function bodyLimitFor(pathname) {
  // Remix sends a form submitted with JavaScript to "<path>.data" (single fetch).
  const p = pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
  if (UPLOAD.test(p)) return BODY_LIMITS.upload;
  if (ANONYMOUS.test(p)) return BODY_LIMITS.anonymous;
  return BODY_LIMITS.form;
}

/**
 * A rate limit that holds for the whole server: in memory when one process serves; counted by
 * the primary (rate-limiter-flexible's RateLimiterCluster, as its authors intend) when several do.
 */
function limiter(opts) {
  return cluster.isWorker ? new RateLimiterCluster({ ...opts, timeoutMs: 3_000 }) : new RateLimiterMemory(opts);
}

/**
 * Posts to the pages anyone can reach, per address, counted before the body is read: a
 * flood cannot make the server read bodies. Generous: a meeting's whole room behind one
 * Wi-Fi address logs in, joins and checks in through these pages within minutes.
 */
const anonymousPosts = limiter({ keyPrefix: "anon-post", points: 600, duration: 10 * 60 });

/**
 * Every other post, per session (a signed-in member's writes), also before the body is
 * read: far above what a person or a facilitator's console does, low enough that one
 * session cannot keep the single server process busy.
 */
const sessionPosts = limiter({ keyPrefix: "session-post", points: 300, duration: 60 });
const SESSION_COOKIE = /(?:^|;\s*)plenary_session=([^;]+)/;

/** A request header's value (node lower-cases their names; a repeated one counts once). */
const header = (req, name) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Same-origin check for every non-GET request (docs/domain.md#accounts-and-privacy). */
export function isCrossOrigin(req) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return false;
  if (header(req, "sec-fetch-site") === "cross-site") return true;
  let origin = header(req, "origin");
  const referer = header(req, "referer") ?? header(req, "referrer");
  if (!origin && referer) {
    // A Referer that is not a URL proves nothing about where the request came from.
    try {
      origin = new URL(referer).origin;
    } catch {
      return true;
    }
  }
  if (!origin || origin === "null") return origin === "null";
  const host = (trustProxy() && header(req, "x-forwarded-host")) || header(req, "host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * Past the limit the rest is discarded, not kept, for a moment so that the client (which is
 * still sending) reads our 413 rather than a reset connection; then the connection is cut.
 */
function discardRest(req) {
  req.resume();
  const cut = setTimeout(() => req.socket.destroy(), 2_000).unref();
  req.once("end", () => clearTimeout(cut));
}

/** Reads a request body up to `limit` bytes; null when it is larger. */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(header(req, "content-length"));
    if (Number.isFinite(declared) && declared > limit) {
      discardRest(req);
      return resolve(null);
    }
    const chunks = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        discardRest(req);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on("error", (e) => {
      if (!done) reject(e);
    });
  });
}

function refuse(res, status, message, headers = {}) {
  const body = Buffer.from(message);
  res.writeHead(status, { ...headers, "Content-Type": "text/plain; charset=utf-8", "Content-Length": body.length, "X-Content-Type-Options": "nosniff" });
  res.end(body);
}

/**
 * What Remix would otherwise throw on (a 500 and a stack in the log for every JSON, text or
 * broken multipart body): only a form, within its size, reaches an action.
 * Returns the body, or null after answering.
 */
async function acceptForm(req, res, pathname) {
  const limit = bodyLimitFor(pathname);
  const contentType = header(req, "content-type") ?? "";
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.has(type)) {
    // Before reading: a body of the wrong kind is never read.
    refuse(res, 415, "Send a form (application/x-www-form-urlencoded or multipart/form-data).");
    return null;
  }
  const body = await readBody(req, limit);
  if (body === null) {
    refuse(res, 413, `Request too large (limit ${Math.round(limit / 1024)} KB).`);
    return null;
  }
  if (type === "multipart/form-data") {
    try {
      await new Response(body, { headers: { "content-type": contentType } }).formData();
    } catch {
      refuse(res, 400, "Malformed form data.");
      return null;
    }
  }
  return body;
}

/** The first of a comma-separated header's values (a proxy chain lists the client first). */
const firstValue = (v) => v?.split(",")[0].trim() || undefined;

/**
 * The one Request Remix sees. Its URL follows X-Forwarded-Proto and -Host only behind our own
 * proxy (TRUST_PROXY=1); its body is the one already read and checked (node-fetch-server's
 * createRequest would stream it again, with no limit). The signal aborts when the client goes
 * away before the answer is complete: event streams end on it.
 */
function remixRequest(req, res, body) {
  const proto = (trustProxy() && firstValue(header(req, "x-forwarded-proto"))) || (req.socket.encrypted ? "https" : "http");
  const host = (trustProxy() && firstValue(header(req, "x-forwarded-host"))) || header(req, "host") || "localhost";
  const controller = new AbortController();
  let finished = false;
  res.once("finish", () => (finished = true));
  res.once("close", () => finished || controller.abort());
  return new Request(`${proto}://${host}${req.url}`, {
    method: req.method,
    headers: createHeaders(req),
    signal: controller.signal,
    ...(body ? { body } : {}),
  });
}

/** Below this size an answer goes out as it is (compression's default threshold, 1 KB). */
const COMPRESS_MIN = 1024;
const COMPRESSIBLE = /^text\/|\+(?:json|text|xml)(?:;|$)|^application\/(?:json|javascript|xml|x-javascript)(?:;|$)|^image\/svg\+xml(?:;|$)/i;
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/i;

/**
 * Whether an answer of Remix's is compressed, and how: the rules the compression middleware
 * applied before (compressible types, not below 1 KB when the length is known, not for
 * `Cache-Control: no-transform`, Brotli at quality 4 over gzip when the browser takes both),
 * plus Plenary's own two. Server-sent events must reach phones as they happen, not when a
 * buffer fills; and a form sent by a phone with JavaScript (single fetch, POST <path>.data)
 * gets a redirect or a form error of a few hundred bytes: starting a compressor for that was
 * a tenth of the cost of casting a ballot, for nothing saved (bench/README.md).
 */
function compressionFor(req, res, pathname, response) {
  const type = response.headers.get("content-type") ?? "";
  if (!COMPRESSIBLE.test(type) || /text\/event-stream/i.test(type)) return null;
  if (req.method === "POST" && pathname.endsWith(".data")) return null;
  if (NO_TRANSFORM.test(response.headers.get("cache-control") ?? "")) return null;
  // Caches must keep the compressed and the plain copy apart (as the middleware did).
  const vary = response.headers.get("vary");
  if (!vary) res.setHeader("Vary", "Accept-Encoding");
  else if (!/accept-encoding|\*/i.test(vary)) res.setHeader("Vary", `${vary}, Accept-Encoding`);
  const length = response.headers.get("content-length");
  if (length !== null && Number(length) < COMPRESS_MIN) return null;
  if (req.method === "HEAD" || !response.body || response.headers.has("content-encoding") || response.status === 204 || response.status === 304) return null;
  return negotiateEncoding(header(req, "accept-encoding"));
}

function sendCompressed(res, response, encoding) {
  const headers = {};
  for (const [key, value] of response.headers) {
    if (key === "content-length" || key === "vary") continue;
    if (key in headers) headers[key] = [].concat(headers[key], value);
    else headers[key] = value;
  }
  headers["content-encoding"] = encoding;
  res.writeHead(response.status, response.statusText, headers);
  const compressor = encoding === "br" ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }) : zlib.createGzip();
  return new Promise((resolve) => pipeline(Readable.fromWeb(response.body), compressor, res, () => resolve()));
}

/**
 * Plenary's request listener for node:http: the order of the checks is the order of their
 * cost, so what is refused is refused before anything is read or rendered.
 */
export async function createApp({ build } = {}) {
  const serverBuild = build ?? (await import(path.join(here, "build", "index.js")));
  const handleRequest = createRemixHandler(serverBuild, process.env.NODE_ENV);
  const staticFiles = createStaticFiles(path.join(here, "public"));

  async function handle(req, res) {
    // Without our own proxy in front, these headers are whatever the client says: drop them
    // so nothing downstream (secure cookies, the origin check, URLs) can follow them.
    if (!trustProxy()) for (const h of ["x-forwarded-proto", "x-forwarded-host", "x-forwarded-for", "x-forwarded-port", "forwarded"]) delete req.headers[h];
    if (!METHODS.has(req.method)) return refuse(res, 405, "Method not allowed.", { Allow: "GET, HEAD, POST" });
    const q = req.url.indexOf("?");
    const pathname = q === -1 ? req.url : req.url.slice(0, q);
    // The build's files are named by their content: a year, immutable. Others an hour.
    if ((req.method === "GET" || req.method === "HEAD") && (await staticFiles.serve(req, res, pathname))) return;
    if (isCrossOrigin(req)) return refuse(res, 403, "Cross-origin request refused.");
    // The address the rate limiter counts; a client cannot set it itself.
    const client = (trustProxy() && firstValue(header(req, "x-forwarded-for"))) || req.socket.remoteAddress || "unknown";
    req.headers["x-plenary-client"] = client;
    let body;
    if (req.method === "POST") {
      const session = SESSION_COOKIE.exec(header(req, "cookie") ?? "")?.[1];
      const anonymous = ANONYMOUS.test(pathname.replace(/\.data$/, ""));
      try {
        if (anonymous || !session) await anonymousPosts.consume(client);
        else await sessionPosts.consume(session);
      } catch (e) {
        // Over the limit; an Error instead is a primary that did not answer: the post goes on.
        if (!(e instanceof Error)) return refuse(res, 429, "Too many requests; try again in a minute.", { "Retry-After": "60" });
        console.error("rate limit not counted:", e.message);
      }
      body = await acceptForm(req, res, pathname);
      if (body === null) return;
    }
    let request;
    try {
      request = remixRequest(req, res, body);
    } catch {
      // A Host header no URL can be made of.
      return refuse(res, 400, "Bad request.");
    }
    const response = await handleRequest(request);
    // A form's answer leaves only once what it wrote is on disk: a power cut after
    // "voted" or "saved" loses nothing (docs/operating.md#power-cuts-and-crashes-what-is-guaranteed).
    // One WAL sync is shared by every request that arrived meanwhile (durable(), app/db.server.ts).
    if (req.method === "POST") {
      try {
        await serverBuild.entry.module.durable?.();
      } catch (e) {
        console.error("could not sync the database to disk", e);
        return refuse(res, 503, "Could not save to disk. Try again; if it keeps failing, tell whoever runs this server (see /healthz).");
      }
    }
    const encoding = compressionFor(req, res, pathname, response);
    if (encoding) await sendCompressed(res, response, encoding);
    else await sendResponse(res, response);
  }

  return (req, res) => {
    handle(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) refuse(res, 500, "Internal Server Error");
      else res.destroy();
    });
  };
}

export async function startServer({ port = Number(process.env.PORT ?? 3000), host = process.env.HOST ?? "127.0.0.1", build, onListen } = {}) {
  const listener = await createApp({ build });
  const server = http.createServer(listener);
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      onListen?.(server);
      resolve(server);
    });
  });
}

/**
 * How many processes serve: WEB_CONCURRENCY, or one per core. One keeps today's single
 * process (docs/decisions/022-http-and-processes.md).
 */
export function processCount(env = process.env) {
  const n = Number(env.WEB_CONCURRENCY);
  if (Number.isInteger(n) && n >= 1) return n;
  return Math.max(1, os.availableParallelism());
}

const listeningLine = (a) => {
  const shown = a.address === "0.0.0.0" || a.address === "::" || !a.address ? "localhost" : a.address;
  return `http://${shown.includes(":") ? `[${shown}]` : shown}:${a.port}`;
};

/**
 * Refuses a folder that cannot be written and a second server with what to do, not a stack
 * (docs/operating.md#what-is-stored-where); then the database is this server's. Before
 * anything opens the database (importing the build does, and migrates it).
 */
function claimOrExit() {
  try {
    const file = databaseFile();
    checkFolder(file);
    globalThis.__plenaryLock = claimDatabase(file);
  } catch (e) {
    if (e?.name !== "StorageError") throw e;
    console.error(e.message);
    process.exit(1);
  }
}

/**
 * One serving process: the whole server when alone, else a worker of the primary below, which
 * holds the database lock for all of them. Exactly one process runs the timed jobs (closing
 * rounds at their deadline, backups, notices): the single one, or the worker started with
 * PLENARY_JOBS=1.
 */
async function serve() {
  const worker = cluster.isWorker;
  if (!worker) claimOrExit();
  let build;
  try {
    build = await import(path.join(here, "build", "index.js"));
    // Rounds whose deadline passed while the server was stopped close now, before the first
    // request; scheduled backups start (entry.server.tsx).
    if (!worker || process.env.PLENARY_JOBS === "1") build.entry.module.startup?.();
  } catch (e) {
    if (e?.name !== "StorageError") throw e;
    console.error(e.message);
    process.exit(1);
  }
  const server = await startServer({ build, onListen: worker ? undefined : (s) => console.log(`Plenary is listening on ${listeningLine(s.address())}`) });
  const servers = [server];
  if (worker && process.env.PLENARY_WORKER_PORTS === "1") {
    // For tests that must reach one given process: a port of its own beside the shared one.
    const own = http.createServer(server.listeners("request")[0]);
    own.keepAliveTimeout = server.keepAliveTimeout;
    await new Promise((resolve) => own.listen({ port: 0, host: process.env.HOST ?? "127.0.0.1", exclusive: true }, resolve));
    servers.push(own);
    console.log(`worker ${process.pid} listening on ${listeningLine(own.address())}`);
  }
  // The database closes cleanly before the process ends (entry.server.tsx: its WAL is
  // emptied into the file, so no history of recent commits stays behind).
  let exiting = false;
  const exit = () => {
    if (exiting) return;
    exiting = true;
    try {
      build.entry.module.shutdown?.();
    } finally {
      process.exit(0);
    }
  };
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    let open = servers.length;
    for (const s of servers) {
      s.close(() => --open === 0 && exit());
      s.closeAllConnections?.();
    }
    // Event streams stay open; don't wait for them forever.
    setTimeout(exit, 2_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // A worker whose primary is gone stops too: nothing holds the database lock for it any more.
  if (worker) process.on("disconnect", stop);
}

/**
 * The primary of several processes: it holds the database lock (a second server is refused;
 * its own workers are not asked), the rate limits (rate-limiter-flexible's cluster master:
 * each worker's limiter asks it), and passes what one worker tells the others (the live bus,
 * streams to close, secret rounds' keys: app/lib/siblings.server.ts). It serves nothing
 * itself; the operating system's connections are dealt to the workers in turn.
 */
async function primary(count) {
  claimOrExit();
  new RateLimiterClusterMaster();
  // Secret rounds' keys that workers hold, for a worker started later (after a crash).
  const roundKeys = new Map();
  const roles = new Map();
  let stopping = false;
  let announced = false;
  let address = null;

  cluster.on("message", (from, msg) => {
    if (!msg || typeof msg.plenary !== "string") return;
    if (msg.plenary === "round-key") {
      if (msg.payload?.key) roundKeys.set(msg.payload.roundId, msg.payload.key);
      else roundKeys.delete(msg.payload?.roundId);
    }
    for (const w of Object.values(cluster.workers ?? {})) if (w && w !== from && w.isConnected()) w.send(msg);
  });

  const fork = (jobs) =>
    new Promise((resolve) => {
      const w = cluster.fork(jobs ? { PLENARY_JOBS: "1" } : {});
      roles.set(w.id, { jobs, listened: false });
      w.once("listening", (a) => {
        roles.get(w.id).listened = true;
        address ??= a;
        for (const [roundId, key] of roundKeys) w.send({ plenary: "round-key", payload: { roundId, key } });
        resolve(w);
      });
    });

  const stopAll = (code = 0) => {
    if (stopping) return;
    stopping = true;
    const left = Object.values(cluster.workers ?? {}).filter(Boolean);
    if (left.length === 0) process.exit(code);
    for (const w of left) w.process.kill("SIGTERM");
    setTimeout(() => process.exit(code), 5_000).unref();
  };

  cluster.on("exit", (w, code, signal) => {
    const role = roles.get(w.id);
    roles.delete(w.id);
    if (stopping) {
      if (Object.values(cluster.workers ?? {}).filter(Boolean).length === 0) process.exit(0);
      return;
    }
    // A worker that never started (the database cannot be opened…) said why: stop, don't loop.
    if (!role?.listened) return stopAll(1);
    console.error(`Plenary: a server process stopped (${signal ?? code}); starting another.`);
    void fork(role.jobs);
  });
  process.on("SIGINT", () => stopAll(0));
  process.on("SIGTERM", () => stopAll(0));

  // The worker with the jobs first: it migrates the database and closes overdue rounds
  // before any other process answers a request.
  await fork(true);
  await Promise.all(Array.from({ length: count - 1 }, () => fork(false)));
  if (!announced && !stopping) {
    announced = true;
    console.log(`Plenary is listening on ${listeningLine(address)} (${count} processes)`);
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  process.env.NODE_ENV ??= "production";
  const count = processCount();
  if (cluster.isPrimary && count > 1) await primary(count);
  else await serve();
}
