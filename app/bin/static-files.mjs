/**
 * The files under public/: the browser's JavaScript and CSS from the build (named by their
 * content, so cached for a year and never asked for again) and the few files beside them
 * (an hour). Each file is read once and kept with its compressed copies while it is
 * unchanged on disk, so a room of phones loading the same scripts costs no disk reads and no
 * compression per phone. Conditional requests (ETag, Last-Modified) get 304, as from
 * express.static before (docs/decisions/022-http-and-processes.md).
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { promisify } from "node:util";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const TYPES = {
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".map", ".json", ".svg", ".webmanifest", ".txt"]);
/** Files kept in memory up to this size; larger ones (none today) are streamed from disk. */
const KEEP_MAX = 4 * 1024 * 1024;

/**
 * The encoding the browser takes that we prefer: Brotli, then gzip (what the compression
 * middleware chose); null for none. `q=0` refuses one; `*` stands for any not named.
 */
export function negotiateEncoding(acceptEncoding) {
  if (!acceptEncoding) return null;
  const q = new Map();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    q.set(name, qp ? Number(qp.slice(2)) || 0 : 1);
  }
  const weight = (e) => q.get(e) ?? q.get("*") ?? 0;
  const br = weight("br");
  const gz = weight("gzip");
  if (br > 0 && br >= gz) return "br";
  if (gz > 0) return "gzip";
  return null;
}

export function createStaticFiles(rootDir) {
  const root = path.resolve(rootDir);
  /** path → { mtimeMs, size, body, etag, lastModified, gz?, br? } */
  const cache = new Map();

  async function load(file, stat) {
    const known = cache.get(file);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known;
    const entry = {
      mtimeMs: stat.mtimeMs,
      size: stat.size,
      // The form express.static (send) used: weak, from size and modification time.
      etag: `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
      lastModified: new Date(stat.mtimeMs).toUTCString(),
      body: stat.size <= KEEP_MAX ? await fs.promises.readFile(file) : null,
      encoded: new Map(),
    };
    if (entry.body) cache.set(file, entry);
    return entry;
  }

  async function encoded(entry, encoding) {
    let p = entry.encoded.get(encoding);
    if (!p) {
      p = encoding === "br" ? brotli(entry.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }) : gzip(entry.body, { level: 9 });
      entry.encoded.set(encoding, p);
    }
    return p;
  }

  /** Answers a GET or HEAD for a file under the folder; false when there is no such file. */
  async function serve(req, res, pathname) {
    let rel;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return false;
    }
    if (rel.includes("\0")) return false;
    const file = path.join(root, path.normalize(rel));
    // Nothing outside the folder, and no dotfiles (as express.static by default).
    if (!file.startsWith(root + path.sep) || file.split(path.sep).some((p) => p.startsWith("."))) return false;
    let stat;
    try {
      stat = await fs.promises.stat(file);
    } catch {
      return false;
    }
    if (!stat.isFile()) return false;
    const entry = await load(file, stat);
    const ext = path.extname(file).toLowerCase();
    const immutable = rel.startsWith("/build/");
    const headers = {
      "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600",
      ETag: entry.etag,
      "Last-Modified": entry.lastModified,
      "Content-Type": TYPES[ext] ?? "application/octet-stream",
      "X-Content-Type-Options": "nosniff",
    };
    const compressible = COMPRESSIBLE.has(ext) && entry.size >= 1024;
    if (compressible) headers.Vary = "Accept-Encoding";
    const inm = req.headers["if-none-match"];
    const ims = req.headers["if-modified-since"];
    if ((inm && inm.split(",").some((t) => t.trim() === entry.etag || t.trim() === "*")) || (!inm && ims && Date.parse(ims) >= Math.floor(stat.mtimeMs / 1000) * 1000)) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    if (!entry.body) {
      headers["Content-Length"] = stat.size;
      res.writeHead(200, headers);
      if (req.method === "HEAD") res.end();
      else fs.createReadStream(file).pipe(res);
      return true;
    }
    const encoding = compressible ? negotiateEncoding(req.headers["accept-encoding"]) : null;
    const body = encoding ? await encoded(entry, encoding) : entry.body;
    if (encoding) headers["Content-Encoding"] = encoding;
    headers["Content-Length"] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }

  return { serve };
}
