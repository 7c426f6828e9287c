import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { es } from "./es";
import { fillSimple, formatTime, fromAcceptLanguage, isComplex, translate } from "./index";

type Node = { type: number; value?: string; options?: Record<string, { value: Node[] }> };
// The parser's element types (@formatjs/icu-messageformat-parser TYPE): what an argument is used as.
const KIND: Record<number, string> = { 1: "text", 2: "number", 3: "date", 4: "time", 5: "select", 6: "plural" };

/** Each argument of an ICU message with how it is used ("n:plural", "kind:select(a|b|other)", "name:text"). */
function argumentsOf(message: string, locale: string): string[] {
  const found = new Set<string>();
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.value !== undefined && KIND[n.type]) {
        // A plain {n} and a counted {n, plural, …} both take the value the code passes; a select's cases must match.
        const kind = KIND[n.type] === "select" ? "select" : KIND[n.type] === "date" || KIND[n.type] === "time" ? KIND[n.type] : "value";
        found.add(`${n.value}:${kind}${kind === "select" ? `(${Object.keys(n.options ?? {}).sort().join("|")})` : ""}`);
      }
      for (const o of Object.values(n.options ?? {})) walk(o.value);
    }
  };
  walk(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst() as unknown as Node[]);
  return [...found].sort();
}

describe("catalogues", () => {
  it("every message in both languages parses as an ICU message", () => {
    const broken: string[] = [];
    for (const [locale, catalogue] of [["en", en], ["es", es]] as const)
      for (const [key, message] of Object.entries(catalogue)) {
        try {
          new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
        } catch (e) {
          broken.push(`${locale} ${key}: ${(e as Error).message}`);
        }
      }
    expect(broken).toEqual([]);
  });

  it("Spanish has every English key, none empty, with compatible arguments (same names, same select cases)", () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(es[key], key).toBeTruthy();
      expect(argumentsOf(es[key], "es"), key).toEqual(argumentsOf(en[key], "en"));
    }
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it("plain messages are filled without compiling, with exactly what the ICU formatter writes", () => {
    for (const [locale, catalogue] of [["en", en], ["es", es]] as const)
      for (const [key, message] of Object.entries(catalogue)) {
        if (isComplex(message)) continue;
        const params = Object.fromEntries(argumentsOf(message, locale).map((a, i) => [a.split(":")[0], `v${i}`]));
        expect(fillSimple(message, params), `${locale} ${key}`).toBe(String(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).format(params)));
      }
  });

  it("counts take the plural form of the reader's language", () => {
    expect(translate("en", "federation.election.seats", { n: 1 })).toBe("1 seat");
    expect(translate("en", "federation.election.seats", { n: 3 })).toBe("3 seats");
    expect(translate("es", "federation.election.seats", { n: 1 })).toBe("1 puesto");
    expect(translate("es", "federation.election.seats", { n: 0 })).toBe("0 puestos");
    expect(translate("en", "federation.councils.seatsSummary", { delegates: 1, vacant: 2 })).toBe("1 delegate seated, 2 seats vacant");
    expect(translate("es", "federation.councils.seatsSummary", { delegates: 1, vacant: 1 })).toBe("1 persona delegada en su puesto, 1 puesto vacante");
    expect(translate("es", "federation.councils.seatsSummary", { delegates: 2, vacant: 0 })).toBe("2 personas delegadas en sus puestos, 0 puestos vacantes");
    expect(translate("en", "meetings.minutes.attendanceCount", { count: 1 })).toBe("1 person attended.");
    expect(translate("es", "meetings.minutes.attendanceCount", { count: 1 })).toBe("Asistió 1 persona.");
    expect(translate("es", "meetings.minutes.attendanceCount", { count: 12 })).toBe("Asistieron 12 personas.");
    expect(translate("en", "federation.reports.comments", { n: 1 })).toBe("1 comment");
    expect(translate("es", "federation.overview.petitions", { n: 2 })).toBe("2 peticiones de revocación abiertas");
    expect(translate("es", "federation.election.batch", { n: 1, title: "Urna", date: "3 dic 2026" })).toBe("1 papeleta en papel (Urna), añadida el 3 dic 2026");
  });

  it("'at' takes a time of day, not a date (\"a las 8:15\", not \"a las 3 dic 2026, 8:15\")", () => {
    const ms = Date.UTC(2026, 11, 3, 7, 15);
    expect(translate("es", "meetings.agenda.at", { time: formatTime("es", ms, "Europe/Madrid") })).toBe("a las 8:15");
    expect(translate("en", "meetings.agenda.at", { time: formatTime("en", ms, "Europe/Madrid") })).toBe("at 08:15");
  });

  it("both ballots are cast with the same words", () => {
    for (const l of ["en", "es"] as const) expect(translate(l, "meetings.phone.castVote")).toBe(translate(l, "ballot.submit"));
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
  it("picks each language's form by its own rule (ICU plural, CLDR), one mechanism for every counted message", () => {
    expect(translate("en", "needs.header", { count: 1 })).toBe("1 thing needs you");
    expect(translate("en", "needs.header", { count: 0 })).toBe("0 things need you");
    expect(translate("es", "needs.header", { count: 1 })).toBe("1 cosa te necesita");
    expect(translate("es", "needs.header", { count: 3 })).toBe("3 cosas te necesitan");
    // CLDR's Spanish "many" (a million) falls back to the `other` form, as Spanish writes it.
    expect(translate("es", "needs.header", { count: 1_000_000 })).toBe("1.000.000 cosas te necesitan");
    expect(translate("en", "needs.amendment.action", { count: 2 })).toBe("Answer 2 amendments");
    expect(translate("es", "search.count", { count: 1, q: "agua" })).toBe("1 resultado para «agua»");
  });

  it("counts in the polls' and proxies' words agree with their number in English and Spanish", () => {
    expect(translate("en", "polls.answers", { n: 1 })).toBe("1 answer");
    expect(translate("en", "polls.answers", { n: 0 })).toBe("no answers yet");
    expect(translate("es", "polls.answers", { n: 5 })).toBe("5 respuestas");
    expect(translate("es", "polls.results.hidden", { n: 1 })).toBe("Los resultados están ocultos hasta el cierre. Ha respondido 1 miembro.");
    expect(translate("en", "polls.quorum", { present: 1, members: 1, required: 1 })).toBe("1 of 1 member answered; quorum 1.");
    expect(translate("es", "polls.meetingDetails", { minutes: 90, place: "la sede" })).toBe("La reunión: 90 minutos, la sede.");
    expect(translate("en", "polls.schedule.shortNotice", { days: 1 })).toBe("Schedule at this time (short notice: less than 1 day)");
    expect(translate("es", "record.poll.time", { number: 2, title: "Asamblea", answered: 1 })).toBe("Encuesta de horario 2 «Asamblea» cerrada: respondió 1 miembro");
    expect(translate("en", "proxies.errors.limit", { n: 1 })).toBe("They already hold 1 proxy, the most the charter allows.");
    expect(translate("es", "proxies.byProxy", { n: 2 })).toBe("2 papeletas por delegación");
    expect(translate("es", "proxies.intro.meeting", { n: 1 })).toContain("como máximo 1 delegación por persona");
  });
});
