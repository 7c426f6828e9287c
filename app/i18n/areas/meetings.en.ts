/** English messages for the meetings area. Every key must also be in meetings.es.ts. */
export const meetingsEn = {
} as const;
