/**
 * The body's whole file, for its stewards only (docs/decisions/020-body-export-import.md): what
 * `npm run import` loads into another server. A non-member gets 404, a member who is not a
 * steward 403; while a secret round is open the export is refused with 409 and the reason.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { sqlite } from "~/db.server";
import { translate } from "~/i18n";
import { Refused } from "~/lib/refusal";
import { exportBody } from "~/models/body-transfer.server";
import { requireMember } from "~/web/authz.server";
import { localeFor } from "~/web/locale.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly } = await requireMember(request, params.slug, "steward");
  try {
    const { file } = exportBody(sqlite, assembly.id);
    const day = new Date(file.exportedAt).toISOString().slice(0, 10);
    return new Response(JSON.stringify(file, null, 1), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${assembly.slug}-plenary-${day}.json"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    return new Response(translate(localeFor(request, user), e.refusal.error, e.refusal.params), { status: e.refusal.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
