import { describe, expect, it } from "vitest";
import { diffWords } from "./diff";

describe("revisions compare word by word", () => {
  it("a change from 17 to 18 marks those two words, not the paragraph", () => {
    expect(diffWords("The rent rises by 17 euros from May.\n\nSecond paragraph.", "The rent rises by 18 euros from May.\n\nSecond paragraph.")).toEqual([
      { op: "same", text: "The rent rises by " },
      { op: "del", text: "17" },
      { op: "add", text: "18" },
      { op: "same", text: " euros from May.\n\nSecond paragraph." },
    ]);
  });

  it("a new paragraph shows as added, line breaks included", () => {
    const parts = diffWords("One.", "One.\n\nTwo.");
    expect(parts.filter((p) => p.op === "add").map((p) => p.text).join("")).toBe("\n\nTwo.");
    expect(parts.filter((p) => p.op === "del")).toEqual([]);
  });

  it("the same text is one unchanged part; putting the parts back together gives either text", () => {
    expect(diffWords("Same text.", "Same text.")).toEqual([{ op: "same", text: "Same text." }]);
    const before = "Paint the stairwell green in May, with volunteers.";
    const after = "Paint the hall blue in June, with paid painters.";
    const parts = diffWords(before, after);
    expect(parts.filter((p) => p.op !== "add").map((p) => p.text).join("")).toBe(before);
    expect(parts.filter((p) => p.op !== "del").map((p) => p.text).join("")).toBe(after);
  });

  it("a rewrite compares by lines, and texts too different for that read as all removed, all added", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} ${"word ".repeat(20)}`);
    const rewritten = lines.map((l, i) => (i % 100 === 0 ? `new ${i}` : l.replace(/word/g, i % 2 ? "term" : "word")));
    const byLine = diffWords(lines.join("\n"), rewritten.join("\n"));
    expect(byLine.filter((p) => p.op !== "del").map((p) => p.text).join("")).toBe(rewritten.join("\n"));
    expect(byLine.find((p) => p.op === "add")?.text).toMatch(/\n$/);
    const a = Array.from({ length: 30_000 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: 30_000 }, (_, i) => `b${i}`).join(" ");
    expect(diffWords(a, b)).toEqual([
      { op: "del", text: a },
      { op: "add", text: b },
    ]);
  });
});
