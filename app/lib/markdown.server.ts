/**
 * Proposal text is Markdown written by members. It is rendered on the server by micromark,
 * whose defaults escape raw HTML and drop unsafe link protocols (javascript:, data:), so the
 * page only ever receives this sanitized HTML. Images are turned off: an image would make
 * every reader's browser fetch from a third party (docs/domain.md#accounts-and-privacy "no third-party requests").
 * Two GitHub Flavored Markdown extensions (https://github.github.com/gfm/): tables, and bare
 * links ("www.example.org", "https://…", addresses) made into links; their HTML goes through
 * the same escaping and protocol check (markdown.test.ts tries hostile input).
 */
import { micromark } from "micromark";
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from "micromark-extension-gfm-autolink-literal";
import { gfmTable, gfmTableHtml } from "micromark-extension-gfm-table";

const noImages = { disable: { null: ["labelStartImage"] } };
const extensions = [noImages, gfmTable(), gfmAutolinkLiteral()];
const htmlExtensions = [gfmTableHtml(), gfmAutolinkLiteralHtml()];

// Rendering is pure (same text, same HTML) and texts rarely change once written, while a
// proposal page renders its body and every comment on each view: 7 ms of an 85-comment
// page (bench/README.md). So the HTML is kept, least recently used dropped first, within
// a bound on the characters held (about 8 MB of strings).
const cache = new Map<string, string>();
const CACHE_CHARS = 4_000_000;
let cached = 0;

export function renderMarkdown(text: string): string {
  const hit = cache.get(text);
  if (hit !== undefined) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const html = micromark(text, { extensions, htmlExtensions });
  const size = text.length + html.length;
  if (size <= CACHE_CHARS / 100) {
    cache.set(text, html);
    cached += size;
    for (const [k, v] of cache) {
      if (cached <= CACHE_CHARS) break;
      cache.delete(k);
      cached -= k.length + v.length;
    }
  }
  return html;
}
