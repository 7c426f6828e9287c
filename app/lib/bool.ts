import { z } from "zod";

/** A checkbox or stored boolean: "on"/"true"/true are true; "", "false", absent are false. */
export const formBoolean = z
  .union([z.boolean(), z.string(), z.undefined(), z.null()])
  .transform((v) => v === true || v === "on" || v === "true" || v === "1");
