/**
 * Answers of the federation pages' actions that carry which form they came from (`intent`),
 * so a page with several forms shows the message on the right one. Refusals are answered by
 * `refused` (app/web/refusal.server.ts).
 */
import type { FormFailure } from "./forms";
import { invalid } from "./http.server";

export type FedFailure = FormFailure & { intent: string };

export function badForm(f: FormFailure, intent: string) {
  return invalid({ ...f, intent } satisfies FedFailure);
}
