import { useRouteLoaderData } from "@remix-run/react";
import { translate, type Locale, type Params } from "./index";

type RootData = { locale: Locale } | undefined;

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as RootData;
  return data?.locale ?? "en";
}

/** The translate function for components, in the person's language. */
export function useT() {
  const locale = useLocale();
  return (key: string, params?: Params) => translate(locale, key, params);
}
