/**
 * The one i18n layer: flat message catalogues in ICU message format (`{name}` placeholders,
 * `{n, plural, one {…} other {…}}`, `{kind, select, …}`), English fallback.
 * Keys double as zod error messages, so validation errors translate like any other text.
 * Why ICU: docs/decisions/017-words-and-results.md.
 */
import type { IntlMessageFormat as Formatter } from "intl-messageformat";
import type { en } from "./en";
// Empty in the browser build (a *.server module): there a page loads its one language.
import * as bundled from "./catalogues.server";

export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof en;
export const catalogues: Partial<Record<Locale, Record<string, string>>> = { en: bundled.en, es: bundled.es };

export type Params = Record<string, string | number>;

// The ICU formatter: bundled on the server, fetched by the browser beside its catalogue
// (loadCatalogue), so pages that never format a plural do not wait for it in their entry.
let IntlMessageFormat: typeof Formatter | undefined = bundled.IntlMessageFormat;
const compiled = new Map<string, Formatter | null>();

/** A message with an ICU argument that is more than a name (`{n, plural, …}`, `{k, select, …}`). */
export const isComplex = (template: string) => /\{\s*\w+\s*,/.test(template);

/** `{name}` → the value; an unknown name stays as written. */
export function fillSimple(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

function compile(locale: Locale, template: string): Formatter | null {
  const cacheKey = `${locale}\u0000${template}`;
  let f = compiled.get(cacheKey);
  if (f === undefined && IntlMessageFormat) {
    try {
      // ignoreTag: messages are text, "<" in them is a character, not markup.
      f = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true });
    } catch {
      f = null;
    }
    compiled.set(cacheKey, f);
  }
  return f ?? null;
}

export function translate(locale: Locale, key: string, params?: Params): string {
  const own = catalogues[locale]?.[key];
  const template = own ?? catalogues.en?.[key] ?? key;
  // Plain messages (nearly all) are filled without compiling; a test checks that this gives
  // exactly what the ICU formatter gives for every message in both catalogues.
  if (!isComplex(template)) return params ? fillSimple(template, params) : template;
  const f = compile(own === undefined ? "en" : locale, template);
  if (f) {
    try {
      return String(f.format(params ?? {}));
    } catch {
      // A missing argument: fall through and show what can be shown.
    }
  }
  return params ? fillSimple(template, params) : template;
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

/**
 * The zone every date is written in, on the server and in the browser alike: the assembly's
 * (app/lib/time-zones.ts), else the server's. Without it the server wrote "Closes 08:15" in its
 * zone and a browser in another zone rewrote it on hydration ("02:15"), with a hydration error
 * per date. The browser takes the page's zone from the page (root.tsx) before it hydrates and
 * again on each navigation; the server answers many pages at once, so it asks the request
 * being rendered (`setTimeZoneSource`, entry.server.tsx).
 */
let pageTimeZone: string | undefined;
let zoneSource: () => string | undefined = () => pageTimeZone;
export function setPageTimeZone(zone: string | undefined) {
  pageTimeZone = zone || undefined;
}
export function setTimeZoneSource(source: () => string | undefined) {
  zoneSource = source;
}

function formatter(locale: Locale, withTime: boolean | "only", zone?: string) {
  const timeZone = zone ?? zoneSource();
  const key = `${locale}|${withTime}|${timeZone ?? ""}`;
  let f = formatters.get(key);
  if (!f) {
    const style: Intl.DateTimeFormatOptions = withTime === "only" ? { timeStyle: "short" } : withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" };
    f = new Intl.DateTimeFormat(locale === "es" ? "es" : "en-GB", { ...style, timeZone });
    formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(locale: Locale, ms: number, timeZone?: string) {
  return formatter(locale, true, timeZone).format(new Date(ms));
}

/** The time of day alone ("8:15"): for phrases such as "at {time}" that read wrong with a date in them. */
export function formatTime(locale: Locale, ms: number, timeZone?: string) {
  return formatter(locale, "only", timeZone).format(new Date(ms));
}

export function formatDate(locale: Locale, ms: number, timeZone?: string) {
  return formatter(locale, false, timeZone).format(new Date(ms));
}

// ---- In the browser: one catalogue at a time (bench: both were 38 KB gzipped per page) ----

const listeners = new Set<() => void>();
const loading = new Map<Locale, Promise<void>>();

export function hasCatalogue(locale: Locale): boolean {
  return Boolean(catalogues[locale]);
}

/** Loads a language's messages (the browser asks for them once; the server has both). */
export function loadCatalogue(locale: Locale): Promise<void> {
  if (catalogues[locale]) return Promise.resolve();
  let p = loading.get(locale);
  if (!p) {
    const messages = locale === "es" ? import("./es").then((m) => m.es) : import("./en").then((m) => m.en);
    const formatter = IntlMessageFormat ? Promise.resolve(IntlMessageFormat) : import("intl-messageformat").then((m) => m.IntlMessageFormat);
    p = Promise.all([messages, formatter]).then(([messages, formatter]) => {
      IntlMessageFormat = formatter;
      catalogues[locale] = messages;
      for (const l of listeners) l();
    });
    loading.set(locale, p);
  }
  return p;
}

export function onCatalogueLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
