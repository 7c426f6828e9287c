import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Comments say why and cite a source a reader can open: a section of docs/domain.md, a
// decision record in docs/decisions/, or the original source (Robert's Rules, a consensus
// guide, the Scottish STV Order…). A design note kept outside the repository is not one.

const root = path.resolve(__dirname, "..");
const SCANNED = ["app", "db", "tests", "bench", "docs", "public", "README.md"];
const SKIPPED = new Set(["node_modules", ".cache", "build", ".tmp", "results"]);
const TEXT = /\.(ts|tsx|js|mjs|cjs|sql|json|md|css)$/;
// Spelled in two parts so this file does not match itself.
// Words that stand for "some section" where the citation style itself is explained.
const PLACEHOLDERS = new Set(["section", "anchor"]);
const OUTSIDE = [new RegExp("DESIGN" + "\\.md"), new RegExp("DESIGN" + " ?§")];

function files(rel: string): string[] {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return TEXT.test(rel) ? [rel] : [];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((e) => !SKIPPED.has(e.name))
    .flatMap((e) => files(path.join(rel, e.name)));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

const all = SCANNED.flatMap(files);

describe("the repository explains itself", () => {
  it("no file cites the design note kept outside the repository", () => {
    const found: string[] = [];
    for (const rel of all) {
      const lines = fs.readFileSync(path.join(root, rel), "utf8").split("\n");
      lines.forEach((line, i) => {
        if (OUTSIDE.some((re) => re.test(line))) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found, "cite docs/domain.md#section or the original source instead").toEqual([]);
  });

  it("every docs/domain.md#section cited exists as a heading there", () => {
    const domain = fs.readFileSync(path.join(root, "docs", "domain.md"), "utf8");
    const anchors = new Set([...domain.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1])));
    expect(anchors.has("consensus")).toBe(true);
    const missing: string[] = [];
    for (const rel of all) {
      const text = fs.readFileSync(path.join(root, rel), "utf8");
      for (const m of text.matchAll(/domain\.md#([a-z0-9-]+)/g)) {
        if (!PLACEHOLDERS.has(m[1]) && !anchors.has(m[1])) missing.push(`${rel}: #${m[1]}`);
      }
    }
    expect(missing, "add the section to docs/domain.md or cite one that exists").toEqual([]);
  });

  it("every decision record cited exists, and no two records share a number", () => {
    const records = fs.readdirSync(path.join(root, "docs", "decisions")).filter((f) => /^\d{3}-.+\.md$/.test(f));
    const numbers = records.map((f) => f.slice(0, 3));
    expect(numbers.filter((n, i) => numbers.indexOf(n) !== i), "renumber the newer record: take the next free number").toEqual([]);
    const missing: string[] = [];
    for (const rel of all) {
      const text = fs.readFileSync(path.join(root, rel), "utf8");
      for (const m of text.matchAll(/\b(\d{3}-[a-z0-9-]+\.md)\b/g)) {
        if (!records.includes(m[1])) missing.push(`${rel}: ${m[1]}`);
      }
    }
    expect(missing, "cite a record in docs/decisions/ by its file name").toEqual([]);
  });
});
