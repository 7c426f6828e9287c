import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLocale } from "~/i18n";
import { redirectWithCookie, safeRedirectTo } from "~/web/http.server";
import { localeCookie } from "~/web/locale.server";
import { setLocale } from "~/models/user.server";
import { getUser } from "~/web/session.server";

/** Saves the chosen language: on the person when signed in, in a cookie before that. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const to = safeRedirectTo(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  const user = await getUser(request);
  if (user) setLocale(user.id, locale);
  return redirectWithCookie(to, localeCookie(locale));
}

export async function loader() {
  return redirect("/");
}
