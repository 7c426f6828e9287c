/**
 * Plenary's HTTP server: the Remix build behind express (the adapter remix-serve uses),
 * with what remix-serve does not give us: loopback by default, refusal of cross-origin
 * writes, compression that leaves event streams alone, and a clean shutdown.
 * See docs/decisions/002-server.md.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

// The repository root: this file lives in app/bin/.
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Same-origin check for every non-GET request (docs/domain.md#accounts-and-privacy). */
export function isCrossOrigin(req) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return false;
  if (req.get("sec-fetch-site") === "cross-site") return true;
  const origin = req.get("origin") ?? (req.get("referer") ? new URL(req.get("referer")).origin : null);
  if (!origin || origin === "null") return origin === "null";
  const host = req.get("x-forwarded-host") ?? req.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export async function createApp({ build } = {}) {
  const serverBuild = build ?? (await import(path.join(here, "build", "index.js")));
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "1");
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
  app.all("*", createRequestHandler({ build: serverBuild, mode: process.env.NODE_ENV }));
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
  const build = await import(path.join(here, "build", "index.js"));
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
