import { describe, expect, it } from "vitest";
import { CHARTER_PRESETS, charterFromForm, charterSchema, defaultCharter, flattenCharter } from "./charter";

describe("charter schema", () => {
  it("has the documented defaults (docs/domain.md#charter)", () => {
    const c = defaultCharter();
    expect(c.quorum).toEqual({ kind: "fraction", fraction: "1/2", strict: true, minCount: 0 });
    expect(c.defaultMethod).toBe("modified_consensus");
    expect(c.base).toBe("cast");
    expect(c.supermajority).toBe("2/3");
    expect(c.consensus).toEqual({ maxBlocks: 0, standAsideLimit: null });
    expect(c.fallback).toEqual({ threshold: "3/4", base: "cast" });
    expect(c.byKind.charter_amendment).toEqual({ method: "supermajority", threshold: "2/3", base: "cast" });
    expect("recall" in c.byKind).toBe(false); // the recall section alone decides recalls
    expect(c.secret.election && c.secret.recall && !c.secret.general).toBe(true);
    expect(c.delegates).toEqual({ termMonths: 12, termLimit: 2, mandate: "imperative", reportDays: 14 });
    expect(c.recall).toMatchObject({ petitionShare: "1/10", petitionMin: 2 });
    expect(c.notice).toEqual({ days: 3, specialMembers: 5, specialShare: "1/10" });
    expect(charterSchema.parse(c)).toEqual(c);
  });

  it("offers the three presets, each valid", () => {
    expect(Object.keys(CHARTER_PRESETS)).toEqual(["modified_consensus", "two_thirds", "simple_majority"]);
    expect(CHARTER_PRESETS.two_thirds.defaultMethod).toBe("supermajority");
    expect(CHARTER_PRESETS.two_thirds.supermajority).toBe("2/3");
    expect(CHARTER_PRESETS.simple_majority.defaultMethod).toBe("majority");
    for (const p of Object.values(CHARTER_PRESETS)) expect(charterSchema.safeParse(p).success).toBe(true);
  });

  it.each([
    ["supermajority", "3/2", "errors.fraction.range"],
    ["supermajority", "0/3", "errors.fraction.range"],
    ["supermajority", "two thirds", "errors.fraction.format"],
    ["supermajority", "2/0", "errors.fraction.range"],
    ["roundDays", 0, "errors.range1to60"],
    ["defaultMethod", "dictator", undefined],
  ])("rejects %s = %s", (key, value, message) => {
    const r = charterSchema.safeParse({ ...defaultCharter(), [key]: value });
    expect(r.success).toBe(false);
    if (message) expect(r.error!.issues[0].message).toBe(message);
  });

  it("rejects a negative block count and a quorum count of zero", () => {
    const c = defaultCharter();
    expect(charterSchema.safeParse({ ...c, consensus: { maxBlocks: -1, standAsideLimit: null } }).success).toBe(false);
    expect(charterSchema.safeParse({ ...c, quorum: { kind: "count", count: 0 } }).success).toBe(false);
    expect(charterSchema.safeParse({ ...c, quorum: { kind: "count", count: 12 } }).success).toBe(true);
  });

  it("round-trips through the form: checkboxes, empty stand-aside limit, numbers as text", () => {
    const c = defaultCharter();
    const form = new FormData();
    for (const [k, v] of Object.entries(flattenCharter(c))) {
      if (v === "true") form.set(k, "on");
      else if (v !== "false") form.set(k, v);
    }
    expect(charterSchema.parse(charterFromForm(form))).toEqual(c);
    form.delete("charter.secret.election");
    form.set("charter.consensus.standAsideLimit", "3");
    const changed = charterSchema.parse(charterFromForm(form));
    expect(changed.secret.election).toBe(false);
    expect(changed.consensus.standAsideLimit).toBe(3);
  });
});
