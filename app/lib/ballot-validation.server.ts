/**
 * The one ballot form, online and in a meeting: a choice (or a ranking, sent as `rank.<i>`
 * fields beside it), a reason, an amendment's text, and the receipt a secret ballot's voter
 * types to change it.
 */
import { z } from "zod";
import { REASON_MAX } from "./proposal-fields";

/**
 * A receipt is 16 symbols in groups of four, 19 characters (`newReceipt` in
 * app/models/round.server.ts); up to 40 leaves room for the spaces a person types, and
 * anything longer cannot be one.
 */
export const RECEIPT_MAX = 40;

export const ballotSchema = z.object({
  choice: z.string().optional().default(""),
  reason: z.string().trim().max(REASON_MAX, "errors.tooLong").optional().default(""),
  text: z.string().trim().max(REASON_MAX, "errors.tooLong").optional().default(""),
  receipt: z.string().trim().max(RECEIPT_MAX, "errors.tooLong").optional().default(""),
  // A proxy holder casting the ballot of the member named here (docs/domain.md#proxies).
  onBehalfOf: z.string().trim().max(64, "errors.tooLong").optional().default(""),
});

/** Giving one's proxy: to whom (a member's id; the model checks they may hold it). */
export const proxyHolderSchema = z.object({ holderId: z.string({ error: "proxies.errors.holderNotVoter" }).trim().min(1, "proxies.errors.holderNotVoter").max(64, "proxies.errors.holderNotVoter") });

/** In a meeting the ballot names the round it is for, and a phone always sends a choice. */
export const meetingBallotSchema = ballotSchema.extend({
  roundId: z.string().min(1),
  choice: z.string({ error: "errors.choice" }).min(1, "errors.choice"),
});
