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

export function formatDateTime(locale: Locale, ms: number, timeZone?: string) {
  return new Intl.DateTimeFormat(locale === "es" ? "es" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(new Date(ms));
}

export function formatDate(locale: Locale, ms: number, timeZone?: string) {
  return new Intl.DateTimeFormat(locale === "es" ? "es" : "en-GB", { dateStyle: "medium", timeZone }).format(new Date(ms));
}
