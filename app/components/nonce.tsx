/**
 * The per-response nonce that lets Remix's own inline scripts run under a Content Security
 * Policy without 'unsafe-inline' (Remix documents the `nonce` prop on <Scripts>,
 * <ScrollRestoration> and <RemixServer>). Set by entry.server.tsx for each page; in the
 * browser it is empty, as browsers hide a nonce once the page has loaded.
 */
import { createContext, useContext } from "react";

export const NonceContext = createContext("");

export function useNonce() {
  return useContext(NonceContext);
}
