import type { User } from "lucia";
import { fromAcceptLanguage, isLocale, translate, type Locale, type Params } from "~/i18n";

const COOKIE = "plenary_lang";

/** The person's saved language; before they choose, a cookie or Accept-Language. */
export function localeFor(request: Request, user?: Pick<User, "locale"> | null): Locale {
  if (user && isLocale(user.locale)) return user.locale;
  const cookie = request.headers.get("cookie") ?? "";
  const m = cookie.match(new RegExp(`(?:^|;\\s*)${COOKIE}=(en|es)`));
  if (m && isLocale(m[1])) return m[1];
  return fromAcceptLanguage(request.headers.get("accept-language"));
}

export function localeCookie(locale: Locale) {
  return `${COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

export function serverT(locale: Locale) {
  return (key: string, params?: Params) => translate(locale, key, params);
}
