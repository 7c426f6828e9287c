import { useSyncExternalStore } from "react";
import { useRouteLoaderData } from "@remix-run/react";
import { hasCatalogue, loadCatalogue, LOCALES, onCatalogueLoaded, translate, type Locale, type Params } from "./index";

type RootData = { locale: Locale } | undefined;

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as RootData;
  return data?.locale ?? "en";
}

/**
 * The translate function for components, in the person's language. In the browser a
 * language switched to after the page loaded (the language form, a login) arrives a moment
 * later; until then the page keeps the language it has, then re-renders.
 */
export function useT() {
  const locale = useLocale();
  const ready = useSyncExternalStore(onCatalogueLoaded, () => hasCatalogue(locale), () => true);
  if (!ready) void loadCatalogue(locale);
  const shown: Locale = ready ? locale : LOCALES.find(hasCatalogue) ?? locale;
  return (key: string, params?: Params) => translate(shown, key, params);
}
