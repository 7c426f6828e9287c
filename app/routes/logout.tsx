import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { redirectWithCookie } from "~/web/http.server";
import { endSession } from "~/web/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return redirectWithCookie("/", await endSession(request));
}

export async function loader() {
  return redirect("/");
}
