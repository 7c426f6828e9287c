import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadCatalogue, setPageTimeZone } from "./i18n";

// A reload that a newer tap replaced is cancelled by the router on purpose (its answer would
// be out of date); on a busy console that happens often, and the cancelled fetch's AbortError
// must not reach the console as if something had failed (app/web/live-resilience.ts).
// The router also aborts a cancelled reload's fetchers from inside an abort listener, so the
// same AbortError can arrive as an uncaught error event rather than a rejection.
const cancelled = (e: unknown) => e instanceof DOMException && e.name === "AbortError";
window.addEventListener("unhandledrejection", (e) => {
  if (cancelled(e.reason)) e.preventDefault();
});
window.addEventListener("error", (e) => {
  if (cancelled(e.error)) e.preventDefault();
});

// Dates in the zone the server wrote them in, so hydration writes the same text.
setPageTimeZone(document.documentElement.dataset.timeZone);

// The page's language (the server rendered it) is loaded before hydrating, so the first
// render matches the server's; only that language is downloaded (bench/README.md).
loadCatalogue(document.documentElement.lang === "es" ? "es" : "en").then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
