import type { meetingsEn } from "./meetings.en";

export const meetingsEs: Record<keyof typeof meetingsEn, string> = {
};
