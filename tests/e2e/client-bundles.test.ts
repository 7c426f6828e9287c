/**
 * What the production build sends to browsers. No page validates in the browser (every form
 * posts, and the action validates), so no page may ship zod: it was 90 KB of a phone's
 * gzipped JavaScript when a route imported a constant from a module that also held schemas.
 * Schemas live in *.server.ts modules (which the browser build replaces with empty ones) and
 * the lists pages show in zod-free modules (app/lib/*-fields.ts). docs/decisions/010-no-zod-in-the-browser.md
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { clientFiles, ensureBuild, readManifest, root, type Manifest } from "../helpers/build";

const require = createRequire(import.meta.url);

/** zod (classic or mini) registers each schema class by a name such as "$ZodType"; minifying keeps strings. */
const ZOD_MARK = /["']\$Zod[A-Z][A-Za-z]*["']/;

let manifest: Manifest;

beforeAll(async () => {
  await ensureBuild();
  manifest = readManifest();
});

describe("the browser build", () => {
  it("recognises zod when it is there (zod's own core carries the mark)", () => {
    const core = fs.readFileSync(path.join(path.dirname(require.resolve("zod")), "v4", "core", "schemas.js"), "utf8");
    expect(core).toMatch(ZOD_MARK);
  });

  it("ships no zod to any page: no route's module, its imports, its parents' or the entry's", () => {
    const withZod: Record<string, string[]> = {};
    const routes = Object.keys(manifest.routes);
    expect(routes.length).toBeGreaterThan(30);
    for (const id of routes) {
      const hits = [...clientFiles(manifest, id).files].filter((f) => ZOD_MARK.test(fs.readFileSync(path.join(root, "public", f), "utf8")));
      if (hits.length) withZod[id] = hits;
    }
    expect(withZod).toEqual({});
  });
});
