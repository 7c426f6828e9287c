import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server";

describe("Markdown: GFM tables and bare links", () => {
  it("renders a table", () => {
    const html = renderMarkdown("| Item | Cost |\n|---|--:|\n| Paint | 120 € |\n| Brushes | 15 € |");
    expect(html).toContain("<table>");
    expect(html).toContain("<th>Item</th>");
    expect(html).toContain('<td align="right">120 €</td>');
  });

  it("makes bare web addresses and email addresses into links", () => {
    const html = renderMarkdown("Minutes at https://example.org/minutes?id=3 or www.example.org; write to ana@example.org.");
    expect(html).toContain('<a href="https://example.org/minutes?id=3">https://example.org/minutes?id=3</a>');
    expect(html).toContain('<a href="http://www.example.org">www.example.org</a>');
    expect(html).toContain('<a href="mailto:ana@example.org">ana@example.org</a>');
  });
});

describe("Markdown stays safe with hostile input (stored XSS)", () => {
  const hostile = [
    "<script>alert(1)</script>",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    "| [x](javascript:alert(1)) | [y](data:text/html,<script>alert(1)</script>) |\n|---|---|\n| 1 | 2 |",
    "javascript:alert(1) and www.example.org/\"onmouseover=\"alert(1)",
    "https://example.org/<script>alert(1)</script>",
    "<a href=\"javascript:alert(1)\">x</a> <iframe src=https://evil.example></iframe>",
    "[x](JaVaScRiPt:alert(1)) [y](vbscript:msgbox(1)) ![img](https://tracker.example/p.png)",
    "| <style>body{display:none}</style> |\n|---|\n| <svg onload=alert(1)> |",
  ];
  for (const input of hostile) {
    it(`escapes ${JSON.stringify(input).slice(0, 60)}`, () => {
      const html = renderMarkdown(input);
      // No element that runs script or loads from elsewhere, and no handler attribute, can come out.
      expect(html).not.toMatch(/<(script|img|iframe|svg|style|object|embed)\b/i);
      expect(html).not.toMatch(/<[^>]+\son\w+=/i);
      // Every link goes to the web or to an address, never a script.
      for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(https?:|mailto:|$)/);
    });
  }
});
