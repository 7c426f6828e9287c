/**
 * The route-matching cache (patches/@remix-run+router+1.23.3.patch) changes how often the
 * routes are flattened, ranked and compiled, never what matches: for a URL made from every
 * route of the app (the route manifest the compiler builds, through Remix's own readConfig and
 * createRoutes), the cached match equals a cold one computed from scratch.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const require = createRequire(path.join(root, "package.json"));
const { readConfig } = require("@remix-run/dev/dist/config.js") as { readConfig: (dir: string, mode: string) => Promise<{ routes: Record<string, Entry> }> };
const { createRoutes } = require("@remix-run/server-runtime/dist/routes.js") as { createRoutes: (manifest: Record<string, unknown>) => Route[] };
const { matchRoutes } = require("@remix-run/router") as { matchRoutes: (routes: Route[], location: string) => Match[] | null };

type Entry = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean };
type Route = { id: string; path?: string; index?: boolean; children?: Route[] };
type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase?: string; route: Route };

/** A URL that route `id` answers: its full path with sample values for its parameters. */
function urlFor(manifest: Record<string, Entry>, id: string): string {
  const parts: string[] = [];
  for (let r: Entry | undefined = manifest[id]; r; r = r.parentId ? manifest[r.parentId] : undefined) if (r.path) parts.unshift(r.path);
  const p = parts
    .join("/")
    .split("/")
    .map((s, i) => (s === "*" ? "one/two" : s.startsWith(":") ? `${s.slice(1).replace(/\?$/, "")}-${i}` : s))
    .join("/");
  return `/${p}`.replace(/\/+/g, "/");
}

const shape = (ms: Match[] | null) => ms?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, base: m.pathnameBase }));

describe("route matching with the cache", () => {
  it("the patch is in place (a clean install applies it: postinstall)", () => {
    const file = require.resolve("@remix-run/router");
    expect(fs.readFileSync(file, "utf8")).toContain("rankedBranchesOf");
  });

  it("matches every route of the app exactly as a cold match does", async () => {
    const config = await readConfig(root, "production");
    const manifest = config.routes;
    const built = Object.fromEntries(Object.entries(manifest).map(([id, r]) => [id, { ...r, module: {} }]));
    const routes = createRoutes(built);
    const urls = new Set<string>(["/", "/nothing/here", "/a", "/a/x/unknown/deep/path", "/A/SLUG/PROPOSALS", "/login/", "//login", "/a/sl%C3%BCg/proposals"]);
    for (const id of Object.keys(manifest)) {
      const url = urlFor(manifest, id);
      urls.add(url);
      urls.add(`${url}/`);
    }
    expect(Object.keys(manifest).length).toBeGreaterThan(40);
    let routesMatched = new Set<string>();
    // Twice over the same array: the second round is answered from the cache.
    for (let round = 0; round < 2; round++) {
      for (const url of urls) {
        const cached = matchRoutes(routes, url);
        // A new array is a new cache key: flattened, ranked and compiled from scratch.
        const cold = matchRoutes([...routes], url);
        expect(shape(cached), url).toEqual(shape(cold));
        for (const m of cached ?? []) routesMatched.add(m.route.id);
      }
    }
    // Every route of the app was reached by some URL (leaf or layout).
    expect([...Object.keys(manifest)].filter((id) => !routesMatched.has(id))).toEqual([]);
  });
});
