/**
 * The meetings catalogue lives beside the other areas' in one flat namespace: a key that
 * repeats another area's silently replaces its text (it once renamed the invitation page).
 */
import { describe, expect, it } from "vitest";
import { meetingsEn } from "~/i18n/areas/meetings.en";
import { meetingsEs } from "~/i18n/areas/meetings.es";
import { coreEn } from "~/i18n/areas/core.en";
import { decisionsEn } from "~/i18n/areas/decisions.en";
import { federationEn } from "~/i18n/areas/federation.en";

describe("meetings messages", () => {
  it("use their own keys only, and Spanish has every one", () => {
    const mine = Object.keys(meetingsEn);
    for (const k of mine) expect(k).toMatch(/^(meetings\.|record\.meeting\.)/);
    const others = new Set([...Object.keys(coreEn), ...Object.keys(decisionsEn), ...Object.keys(federationEn)]);
    expect(mine.filter((k) => others.has(k))).toEqual([]);
    expect(Object.keys(meetingsEs).sort()).toEqual([...mine].sort());
    for (const k of mine) {
      // Same placeholders in both languages.
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([k, names((meetingsEs as Record<string, string>)[k])]).toEqual([k, names((meetingsEn as Record<string, string>)[k])]);
    }
  });
});
