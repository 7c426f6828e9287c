import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadCatalogue } from "./i18n";

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
