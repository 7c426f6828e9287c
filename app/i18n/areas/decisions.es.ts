import type { decisionsEn } from "./decisions.en";

export const decisionsEs: Record<keyof typeof decisionsEn, string> = {
};
