import { describe, expect, it } from "vitest";
import { parseSystemTitle, recogniseSystemTitle, systemTitleText, titleFor, type SystemTitle } from "./system-title";

const all: SystemTitle[] = [
  { kind: "join", council: "North Council" },
  { kind: "leave", council: "North Council" },
  { kind: "election", council: "North Council" },
  { kind: "mandate", council: "North Council", number: 4, stance: "free" },
  { kind: "ratification", council: "North Council", number: 7, title: "Rent strike: May" },
  { kind: "recall", delegate: "Ana Pérez", council: "North Council" },
];

describe("titles the system writes", () => {
  it("read in each language", () => {
    expect(all.map((st) => systemTitleText("en", st))).toEqual([
      "Join North Council",
      "Leave North Council",
      "Election of delegates to North Council",
      "Mandate on North Council proposal #4: free vote",
      "Ratify North Council proposal #7: Rent strike: May",
      "Recall Ana Pérez as delegate to North Council",
    ]);
    expect(all.map((st) => systemTitleText("es", st))).toEqual([
      "Unirnos a North Council",
      "Salir de North Council",
      "Elección de personas delegadas a North Council",
      "Mandato sobre la propuesta #4 de North Council: voto libre",
      "Ratificar la propuesta #7 de North Council: Rent strike: May",
      "Revocar a Ana Pérez como delegada ante North Council",
    ]);
  });

  it("are recognised from their words in either language, and only for their kind of proposal", () => {
    const kindOf = { join: "join_council", leave: "join_council", election: "election", mandate: "mandate", ratification: "ratification", recall: "recall" } as const;
    for (const st of all) for (const l of ["en", "es"] as const) expect(recogniseSystemTitle(kindOf[st.kind], systemTitleText(l, st))).toEqual(st);
    expect(recogniseSystemTitle("general", "Join North Council")).toBeNull();
    expect(recogniseSystemTitle("mandate", "Mandate on North Council proposal #4: whatever")).toBeNull();
  });

  it("a stored value that is not one reads as the person's title", () => {
    expect(parseSystemTitle("not json")).toBeNull();
    expect(parseSystemTitle(JSON.stringify({ kind: "mandate", council: "X", number: "4", stance: "free" }))).toBeNull();
    expect(titleFor("es", { title: "Our own words", systemTitle: JSON.stringify({ kind: "nope" }) })).toBe("Our own words");
  });
});
