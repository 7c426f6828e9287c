/**
 * The one i18n layer: flat message catalogues, `{name}` placeholders, English fallback.
 * Keys double as zod error messages, so validation errors translate like any other text.
 */
import { en } from "./en";
import { es } from "./es";

export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof en;
export const catalogues: Record<Locale, Record<string, string>> = { en, es };

export type Params = Record<string, string | number>;

export function translate(locale: Locale, key: string, params?: Params): string {
  const template = catalogues[locale][key] ?? en[key as MessageKey] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** Picks the best supported language from an Accept-Language header. */
export function fromAcceptLanguage(header: string | null): Locale {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...rest] = part.trim().split(";");
      const q = rest.find((r) => r.trim().startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0], q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (isLocale(lang)) return lang;
  return "en";
}

// Building an Intl.DateTimeFormat costs far more than using one (a page with 85 comment
// dates spent 7 ms per request on it; bench/README.md), so each one is built once.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, withTime: boolean, timeZone?: string) {
  const key = `${locale}|${withTime}|${timeZone ?? ""}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "es" ? "es" : "en-GB", withTime ? { dateStyle: "medium", timeStyle: "short", timeZone } : { dateStyle: "medium", timeZone });
    formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(locale: Locale, ms: number, timeZone?: string) {
  return formatter(locale, true, timeZone).format(new Date(ms));
}

export function formatDate(locale: Locale, ms: number, timeZone?: string) {
  return formatter(locale, false, timeZone).format(new Date(ms));
}
