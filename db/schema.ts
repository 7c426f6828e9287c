/**
 * Plenary's schema, one file per area (core, decisions, meetings, federation, aid, polls and proxies).
 * Generate migrations with `npm run db:generate`; they are applied at start.
 */
export * from "./schema/core";
export * from "./schema/decisions";
export * from "./schema/meetings";
export * from "./schema/federation";
export * from "./schema/aid";
export * from "./schema/polls";
