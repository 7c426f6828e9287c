import { z } from "zod";

/**
 * A checkbox or stored boolean: "on"/"true"/true are true; "", "false" and absent are
 * false (an unchecked checkbox sends nothing, so the key must be optional).
 */
export const formBoolean = z
  .union([z.boolean(), z.string(), z.null()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true" || v === "1");
