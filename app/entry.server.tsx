import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { AsyncLocalStorage } from "node:async_hooks";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./components/nonce";
import { runJobs, startBackgroundWork } from "./background.server";
import { registerDecisionJobs } from "./models/round.server";
import { registerPollJobs } from "./models/poll.server";
import { registerFederation } from "./models/federation.server";
import { registerAid } from "./models/aid.server";
import { closeDatabase, durable, sqlite } from "./db.server";
import { backupSchedule, startScheduledBackups, stopScheduledBackups } from "./storage.server";
import { setTimeZoneSource } from "./i18n";
import { pageZoneOf } from "./lib/time-zones";

// The zone the page being rendered writes its dates in (the assembly's, inside one): the
// server renders many pages at once, so each render carries its own (app/i18n/index.ts).
const renderZone = new AsyncLocalStorage<string | undefined>();
setTimeZoneSource(() => renderZone.getStore());

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

// Closing rounds at their deadline must happen even if nobody visits (docs/domain.md#rounds).
registerDecisionJobs();
registerPollJobs();
// Federation: election counts under seat rules, mandates, recalls, report-backs (docs/decisions/007-federation.md).
registerFederation();
// Mutual aid: posts expire, closed ones lose their personal details, shifts are generated ahead (docs/domain.md#mutual-aid).
registerAid();

/**
 * Called by the server (app/bin/server.mjs) before it listens, in one process only (of
 * several: the worker started with PLENARY_JOBS=1). The jobs run once first, so
 * a round whose deadline passed while the server was stopped is closed before anyone can
 * load its page (stamped with its deadline: closeDueRounds); then they run on a timer, and
 * the server's own backups start when BACKUP_DIR is set (docs/operating.md#backups).
 */
export function startup() {
  const schedule = backupSchedule();
  runJobs();
  startBackgroundWork();
  if (schedule) startScheduledBackups(sqlite, schedule);
}

/** Called by the server (app/bin/server.mjs) before it answers any POST: its writes are on disk. */
export { durable };

/** Called by the server (app/bin/server.mjs) when it stops: the database closes cleanly. */
export function shutdown() {
  stopScheduledBackups();
  closeDatabase();
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  // A fresh nonce per page: only scripts that carry it run (no 'unsafe-inline').
  const nonce = randomBytes(16).toString("base64");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Wait for all content before sending: pages are small and phones on bad Wi-Fi do
    // better with one complete document than with streamed fragments.
    const ctx = remixContext.staticHandlerContext;
    const zone = pageZoneOf(ctx.matches.map((m) => ctx.loaderData?.[m.route.id]));
    const { pipe, abort } = renderZone.run(zone, () => renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          // The abort timer would otherwise keep this render (and all its loader data) in
          // memory for five more seconds after the response: most of the server's peak RSS
          // under load (bench/README.md).
          clearTimeout(timer);
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("X-Content-Type-Options", "nosniff");
          responseHeaders.set("Referrer-Policy", "same-origin");
          // Nothing is ever loaded from elsewhere (works offline, leaks nothing). No page may be
          // framed, except a meeting's live panel by Plenary's own pages (without JavaScript it
          // is the part of the phone view and the console that refreshes: docs/meetings.md).
          const frameAncestors = framedByOwnPages(request) ? "'self'" : "'none'";
          responseHeaders.set(
            "Content-Security-Policy",
            `default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'nonce-${nonce}'; connect-src 'self'; frame-ancestors ${frameAncestors}; form-action 'self'; base-uri 'self'`,
          );
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    ));
    timer = setTimeout(abort, ABORT_DELAY);
  });
}

/** A meeting's live panel (app/routes/a.$slug_.meetings.$id.panel.tsx) is framed by its own pages. */
function framedByOwnPages(request: Request) {
  return /^\/a\/[^/]+\/meetings\/[^/]+\/panel$/.test(new URL(request.url).pathname);
}
