import { describe, expect, it } from "vitest";
import { en } from "./en";
import { es } from "./es";
import { fromAcceptLanguage, translate } from "./index";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("catalogues", () => {
  it("Spanish has every English key, none empty, with the same placeholders", () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(es[key], key).toBeTruthy();
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
    }
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it("fills placeholders and falls back to the key for unknown messages", () => {
    expect(translate("en", "home.memberCount", { count: 3 })).toBe("3 members");
    expect(translate("es", "home.memberCount", { count: 3 })).toBe("3 miembros");
    expect(translate("es", "no.such.key")).toBe("no.such.key");
  });

  it("reads Accept-Language by quality", () => {
    expect(fromAcceptLanguage("es-ES,es;q=0.9,en;q=0.8")).toBe("es");
    expect(fromAcceptLanguage("fr-FR,en;q=0.5,es;q=0.7")).toBe("es");
    expect(fromAcceptLanguage("de")).toBe("en");
    expect(fromAcceptLanguage(null)).toBe("en");
  });
});

describe("every message key used in the code exists", () => {
  it("has no t(\"…\") call with a missing key", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const root = path.resolve(__dirname, "..");
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(tsx?)$/.test(e.name) && !/\.test\./.test(e.name) && !p.includes(`${path.sep}engine${path.sep}`)) files.push(p);
      }
    };
    walk(root);
    const missing: string[] = [];
    for (const f of files) {
      const src = fs.readFileSync(f, "utf8");
      for (const m of src.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) if (!(m[1] in en)) missing.push(`${path.relative(root, f)}: ${m[1]}`);
      for (const m of src.matchAll(/"(errors\.[a-zA-Z0-9_.]+)"/g)) if (!(m[1] in en)) missing.push(`${path.relative(root, f)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("areas", () => {
  it("never define the same key twice (a later area would silently replace the text)", async () => {
    const areas = await Promise.all(["core", "decisions", "meetings", "federation", "aid", "polls", "inbox"].map(async (a) => [a, Object.keys((await import(`./areas/${a}.en.ts`))[`${a}En`])] as const));
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const [area, keys] of areas)
      for (const k of keys) {
        if (seen.has(k)) dupes.push(`${k} (${seen.get(k)} and ${area})`);
        seen.set(k, area);
      }
    expect(dupes).toEqual([]);
  });
});

describe("plurals", () => {
  it("picks the one or other form by the language's rule", async () => {
    const { pluralKey } = await import("./index");
    expect(translate("en", pluralKey("en", "needs.header", 1), { count: 1 })).toBe("1 thing needs you");
    expect(translate("en", pluralKey("en", "needs.header", 0), { count: 0 })).toBe("0 things need you");
    expect(translate("es", pluralKey("es", "needs.header", 1), { count: 1 })).toBe("1 cosa te necesita");
    expect(translate("es", pluralKey("es", "needs.header", 3), { count: 3 })).toBe("3 cosas te necesitan");
    expect(translate("es", pluralKey("es", "needs.header", 1_000_000), { count: 1_000_000 })).toBe("1000000 cosas te necesitan");
  });
});
