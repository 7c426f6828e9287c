/** English messages for the federation area. Every key must also be in federation.es.ts. */
export const federationEn = {
} as const;
