/**
 * Plenary's HTTP server: the Remix build behind express (the adapter remix-serve uses),
 * with what remix-serve does not give us: loopback by default, refusal of cross-origin
 * writes, compression that leaves event streams alone, and a clean shutdown.
 * See docs/decisions/002-server.md.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { checkFolder, claimDatabase, databaseFile } from "./db-lock.mjs";

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
 * Posts to the pages anyone can reach, per address, counted before the body is read: a
 * flood cannot make the server read bodies. Generous: a meeting's whole room behind one
 * Wi-Fi address logs in, joins and checks in through these pages within minutes.
 */
const anonymousPosts = new RateLimiterMemory({ keyPrefix: "anon-post", points: 600, duration: 10 * 60 });

/**
 * Every other post, per session (a signed-in member's writes), also before the body is
 * read: far above what a person or a facilitator's console does, low enough that one
 * session cannot keep the single server process busy.
 */
const sessionPosts = new RateLimiterMemory({ keyPrefix: "session-post", points: 300, duration: 60 });
const SESSION_COOKIE = /(?:^|;\s*)plenary_session=([^;]+)/;

/** Same-origin check for every non-GET request (docs/domain.md#accounts-and-privacy). */
export function isCrossOrigin(req) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return false;
  if (req.get("sec-fetch-site") === "cross-site") return true;
  let origin = req.get("origin");
  if (!origin && req.get("referer")) {
    // A Referer that is not a URL proves nothing about where the request came from.
    try {
      origin = new URL(req.get("referer")).origin;
    } catch {
      return true;
    }
  }
  if (!origin || origin === "null") return origin === "null";
  const host = (trustProxy() && req.get("x-forwarded-host")) || req.get("host");
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
    const declared = Number(req.get("content-length"));
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
  res.status(status).set(headers).type("text/plain").send(message);
}

/**
 * What Remix would otherwise throw on (a 500 and a stack in the log for every JSON, text or
 * broken multipart body): only a form, within its size, reaches an action.
 * Returns the body, or null after answering.
 */
async function acceptForm(req, res) {
  const limit = bodyLimitFor(req.path);
  const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
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
      await new Response(body, { headers: { "content-type": req.get("content-type") } }).formData();
    } catch {
      refuse(res, 400, "Malformed form data.");
      return null;
    }
  }
  return body;
}

/*
 * The request Remix sees and how its answer is sent: as @remix-run/express does it
 * (node_modules/@remix-run/express/dist/server.js), except that the body is the one we
 * already read and checked: the adapter's handler reads it itself, with no limit.
 */
function remixHeaders(incoming) {
  const headers = new Headers();
  for (const [key, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  return headers;
}

async function sendRemixResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("content-type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

function remixRequest(req, res, body) {
  // req.protocol and req.hostname follow X-Forwarded-* only when "trust proxy" is set.
  const hostHeader = (trustProxy() && req.get("x-forwarded-host")) || req.get("host") || "localhost";
  const port = hostHeader.split(":")[1];
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, {
    method: req.method,
    headers: remixHeaders(req.headers),
    signal: controller.signal,
    ...(body ? { body } : {}),
  });
}

export async function createApp({ build } = {}) {
  const serverBuild = build ?? (await import(path.join(here, "build", "index.js")));
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy());
  app.use((req, res, next) => {
    // Without our own proxy in front, these headers are whatever the client says: drop them
    // so nothing downstream (secure cookies, the origin check, URLs) can follow them.
    if (!trustProxy()) for (const h of ["x-forwarded-proto", "x-forwarded-host", "x-forwarded-for", "x-forwarded-port", "forwarded"]) delete req.headers[h];
    if (!METHODS.has(req.method)) return refuse(res, 405, "Method not allowed.", { Allow: "GET, HEAD, POST" });
    next();
  });
  app.use(
    compression({
      // Server-sent events must reach phones as they happen, not when a buffer fills.
      filter: (req, res) =>
        !String(res.getHeader("Content-Type") ?? "").includes("text/event-stream") &&
        // A form sent by a phone with JavaScript (single fetch, POST <path>.data) gets a redirect
        // or a form error of a few hundred bytes: starting a zlib stream for that was a tenth
        // of the cost of casting a ballot, for nothing saved (bench/README.md).
        !(req.method === "POST" && req.path.endsWith(".data")) &&
        compression.filter(req, res),
    }),
  );
  app.use("/build", express.static(path.join(here, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(here, "public"), { maxAge: "1h" }));
  app.use((req, res, next) => {
    // Remix flushes after every chunk it writes (for streamed, deferred data, which Plenary
    // does not use): behind compression that is a zlib sync flush per few KB of a page, the
    // largest single cost of serving one (bench/README.md). Pages go out whole instead.
    res.flush = undefined;
    if (isCrossOrigin(req)) {
      res.status(403).type("text/plain").send("Cross-origin request refused.");
      return;
    }
    // The address the rate limiter counts; a client cannot set it itself.
    req.headers["x-plenary-client"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });
  const handleRequest = createRemixHandler(serverBuild, process.env.NODE_ENV);
  app.all("*", async (req, res, next) => {
    try {
      let body;
      if (req.method === "POST") {
        const session = SESSION_COOKIE.exec(req.get("cookie") ?? "")?.[1];
        const anonymous = ANONYMOUS.test(req.path.replace(/\.data$/, ""));
        try {
          if (anonymous || !session) await anonymousPosts.consume(req.headers["x-plenary-client"]);
          else await sessionPosts.consume(session);
        } catch {
          return refuse(res, 429, "Too many requests; try again in a minute.", { "Retry-After": "60" });
        }
        body = await acceptForm(req, res);
        if (body === null) return;
      }
      const response = await handleRequest(remixRequest(req, res, body));
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
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  });
  return app;
}

export async function startServer({ port = Number(process.env.PORT ?? 3000), host = process.env.HOST ?? "127.0.0.1", build, onListen } = {}) {
  const app = await createApp({ build });
  return new Promise((resolve) => {
    const server = app.listen(port, host, () => {
      onListen?.(server);
      resolve(server);
    });
    server.keepAliveTimeout = 65_000;
  });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  process.env.NODE_ENV ??= "production";
  // Before anything opens the database (importing the build does, and migrates it): a
  // folder that cannot be written and a second server are refused with what to do, not a
  // stack (docs/operating.md#what-is-stored-where).
  let build;
  try {
    const file = databaseFile();
    checkFolder(file);
    globalThis.__plenaryLock = claimDatabase(file);
    build = await import(path.join(here, "build", "index.js"));
    // Rounds whose deadline passed while the server was stopped close now, before the first
    // request; scheduled backups start (entry.server.tsx).
    build.entry.module.startup?.();
  } catch (e) {
    if (e?.name !== "StorageError") throw e;
    console.error(e.message);
    process.exit(1);
  }
  const server = await startServer({
    build,
    onListen: (s) => {
      const a = s.address();
      const shown = a.address === "0.0.0.0" || a.address === "::" ? "localhost" : a.address;
      console.log(`Plenary is listening on http://${shown.includes(":") ? `[${shown}]` : shown}:${a.port}`);
    },
  });
  // The database closes cleanly before the process ends (entry.server.tsx: its WAL is
  // emptied into the file, so no history of recent commits stays behind).
  const exit = () => {
    try {
      build.entry.module.shutdown?.();
    } finally {
      process.exit(0);
    }
  };
  const stop = () => {
    server.close(exit);
    // Event streams stay open; don't wait for them forever.
    setTimeout(exit, 2_000).unref();
    server.closeAllConnections?.();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
