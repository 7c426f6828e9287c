/** English messages for the decisions area. Every key must also be in decisions.es.ts. */
export const decisionsEn = {
} as const;
