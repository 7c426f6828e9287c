/** The federation forms' plain values, without zod (the schemas: ./federation-validation.server.ts). */
export const STANCES = ["support", "oppose", "abstain", "free"] as const;

/** A BLT file pasted or uploaded: at most 5 MB of text (the largest real ward file is under 10 kB). */
export const BLT_MAX = 5_000_000;
