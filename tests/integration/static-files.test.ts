/**
 * The server's static files (app/bin/static-files.mjs) over real HTTP: the build's files
 * cached for a year, others for an hour, 304 for a copy the browser holds, Brotli or gzip as
 * the browser takes them, and nothing outside public/ (nor a dotfile) ever served.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaticFiles, negotiateEncoding } from "../../app/bin/static-files.mjs";

let dir: string;
let server: http.Server;
let base: string;
const script = `export const x = ${JSON.stringify("a".repeat(4000))};\n`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-static-"));
  fs.mkdirSync(path.join(dir, "public", "build"), { recursive: true });
  fs.writeFileSync(path.join(dir, "public", "build", "entry-ABC.js"), script);
  fs.writeFileSync(path.join(dir, "public", "favicon.svg"), "<svg/>");
  fs.writeFileSync(path.join(dir, "public", ".secret"), "no");
  fs.writeFileSync(path.join(dir, "outside.txt"), "no");
  const files = createStaticFiles(path.join(dir, "public"));
  server = http.createServer(async (req, res) => {
    if (!(await files.serve(req, res, req.url!.split("?")[0]))) {
      res.writeHead(404);
      res.end("not a file");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => {
  server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function get(p: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${p}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("static files", () => {
  it("serves the build's files for a year, immutable, and others for an hour", async () => {
    const js = await get("/build/entry-ABC.js");
    expect(js.status).toBe(200);
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(js.headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(js.body.toString()).toBe(script);
    const svg = await get("/favicon.svg");
    expect(svg.headers["cache-control"]).toBe("public, max-age=3600");
    expect(svg.headers["content-type"]).toBe("image/svg+xml");
  });

  it("answers 304 to a browser that holds the same copy", async () => {
    const first = await get("/build/entry-ABC.js");
    expect((await get("/build/entry-ABC.js", { "if-none-match": String(first.headers.etag) })).status).toBe(304);
    expect((await get("/build/entry-ABC.js", { "if-modified-since": String(first.headers["last-modified"]) })).status).toBe(304);
    expect((await get("/build/entry-ABC.js", { "if-none-match": 'W/"other"' })).status).toBe(200);
  });

  it("compresses with Brotli or gzip as the browser takes them, and says it varies", async () => {
    const br = await get("/build/entry-ABC.js", { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script);
    const gz = await get("/build/entry-ABC.js", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script);
    expect((await get("/build/entry-ABC.js")).headers["content-encoding"]).toBeUndefined();
    // Too small to be worth it.
    expect((await get("/favicon.svg", { "accept-encoding": "br" })).headers["content-encoding"]).toBeUndefined();
    expect(negotiateEncoding("br;q=0, gzip")).toBe("gzip");
    expect(negotiateEncoding("identity")).toBeNull();
    expect(negotiateEncoding("*")).toBe("br");
  });

  it("answers HEAD with the headers only", async () => {
    const head = await get("/build/entry-ABC.js", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(Number(head.headers["content-length"])).toBe(Buffer.byteLength(script));
    expect(head.body.length).toBe(0);
  });

  it("serves nothing outside the folder, no dotfile and no folder", async () => {
    for (const p of ["/../outside.txt", "/build/../../outside.txt", "/%2e%2e/outside.txt", "/.secret", "/build", "/build/", "/", "/nothing.js", "/%E0%A4%A"]) {
      expect((await get(p)).status, p).toBe(404);
    }
  });
});
