import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { caught, kindOf, refusal, refuse, Refused } from "./refusal";

describe("a refusal", () => {
  it("is raised by refuse and comes back as a value from caught, with its kind's status", () => {
    const r = caught(() => {
      refuse("not_found", "proposal.errors.notFound");
    });
    expect(r).toEqual({ ok: false, status: 404, error: "proposal.errors.notFound" });
    expect(kindOf(r as { status: 404 })).toBe("not_found");
  });

  it("keeps the field it belongs beside and the values its message needs", () => {
    expect(refusal("invalid", "federation.blt.seats", { params: { file: 2, seats: 3 }, field: "file" })).toEqual({
      ok: false,
      status: 400,
      error: "federation.blt.seats",
      params: { file: 2, seats: 3 },
      field: "file",
    });
    expect([refusal("forbidden", "x").status, refusal("conflict", "x").status]).toEqual([403, 409]);
  });

  it("passes on a refusal a called model returned, unchanged", () => {
    const inner = refusal("conflict", "round.errors.closed", { field: "choice" });
    expect(caught(() => refuse(inner))).toBe(inner);
  });

  it("lets other errors through, and adds ok to what succeeds", () => {
    expect(() => caught(() => { throw new Error("disk full"); })).toThrow("disk full");
    expect(caught(() => ({ id: "a" }))).toEqual({ ok: true, id: "a" });
    expect(new Refused(refusal("invalid", "k"))).toBeInstanceOf(Error);
  });
});

// One refusal in the code: no other module defines its own refusal type or `refuse`, and no
// route or web helper writes its own answer to one (app/web/refusal.server.ts does).
describe("one refusal in the code", () => {
  const root = path.resolve(__dirname, "../..");
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path.join(d, e.name)] : []));
  const files = walk(path.join(root, "app")).map((f) => ({ rel: path.relative(root, f).split(path.sep).join("/"), src: fs.readFileSync(f, "utf8") }));

  it("defines refuse and the Refusal type once", () => {
    const own = files
      .filter((f) => f.rel !== "app/lib/refusal.ts")
      .filter((f) => /\b(function|const) refuse\b|\btype \w*(Refusal|Fail)\b\s*=|\bclass Refused\b/.test(f.src))
      .map((f) => f.rel);
    expect(own).toEqual([]);
  });

  it("answers refusals over HTTP in one function", () => {
    const own = files
      .filter((f) => f.rel !== "app/web/refusal.server.ts")
      .filter((f) => /\b(function|const) refused\b/.test(f.src))
      .map((f) => f.rel);
    expect(own).toEqual([]);
  });
});
