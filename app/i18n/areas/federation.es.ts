import type { federationEn } from "./federation.en";

export const federationEs: Record<keyof typeof federationEn, string> = {
};
