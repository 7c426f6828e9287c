/**
 * The body's aid as CSV, without personal details (docs/domain.md#mutual-aid): any member may
 * download it; no names, texts, contacts or notes are in it.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAid } from "~/web/aid.server";
import { exportRows, toCsv } from "~/models/aid-report.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly } = await requireAid(request, params.slug);
  return new Response(toCsv(exportRows(assembly.id)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${assembly.slug}-aid.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
