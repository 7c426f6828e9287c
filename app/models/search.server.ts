/**
 * Search across a member's bodies (docs/decisions/016-needs-you-and-search.md): proposals,
 * comments, minutes, report-backs and the decision record, in SQLite's FTS5 index
 * (search_fts, kept in step by the triggers of migration 0009 and by the record model).
 * Only bodies the member belongs to now are searched: the membership is part of the query,
 * so a removed member's access ends with the membership row.
 */
import { sqlite } from "~/db.server";
import type { Locale } from "~/i18n";
import { titleFor } from "~/i18n/system-title";
import { indexRecordEntry } from "./record.server";

export const SEARCH_KINDS = ["proposal", "comment", "minutes", "report", "record"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Marks FTS5 puts around matching words; split out by `segments`, never sent as HTML. */
const OPEN = "\u0001";
const CLOSE = "\u0002";
const MAX_TERMS = 8;
const LIMIT = 30;

export type Segment = { text: string; mark: boolean };
export type SearchHit = {
  kind: SearchKind;
  slug: string;
  body: string;
  href: string;
  /** The proposal's title for a comment, the text's own otherwise. */
  title: Segment[];
  snippet: Segment[];
  at: number;
};

/**
 * The words of a query as an FTS5 expression: each word quoted (so no FTS5 syntax a member
 * types can reach the parser) and matched as a prefix ("pint" finds "pintura").
 */
export function ftsQuery(q: string, join: "AND" | "OR" = "AND"): string | null {
  const words = (q.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(` ${join} `);
}

/** Text with FTS5's marks, as plain segments the page renders (React escapes each one). */
export function segments(marked: string): Segment[] {
  const out: Segment[] = [];
  for (const part of marked.split(OPEN)) {
    const close = part.indexOf(CLOSE);
    if (close === -1) {
      if (part) out.push({ text: part, mark: false });
      continue;
    }
    if (close > 0) out.push({ text: part.slice(0, close), mark: true });
    const rest = part.slice(close + 1);
    if (rest) out.push({ text: rest, mark: false });
  }
  return out;
}

const strip = (s: string) => s.replace(/[\u0001\u0002]/g, "");

// bm25 with a title worth three times the text (https://www.sqlite.org/fts5.html#the_bm25_function).
const query = sqlite.prepare(`
  select d.kind, d.ref_id as refId, d.proposal_id as proposalId, d.at, a.slug, a.name as body,
         p.title as proposalTitle, p.system_title as systemTitle, p.number as proposalNumber,
         highlight(search_fts, 0, char(1), char(2)) as title,
         snippet(search_fts, 1, char(1), char(2), '…', 24) as snippet
  from search_fts
  join search_docs d on d.doc = search_fts.rowid
  join memberships m on m.assembly_id = d.assembly_id and m.user_id = @u
  join assemblies a on a.id = d.assembly_id
  left join proposals p on p.id = d.proposal_id
  where search_fts match @q and (@a is null or d.assembly_id = @a)
  order by bm25(search_fts, 3.0, 1.0), d.at desc
  limit ${LIMIT}`);

const recordSeq = sqlite.prepare("select seq from record_entries where id = ?").pluck();
const backlog = sqlite.prepare(`
  select e.id, e.assembly_id as assemblyId, e.summary, e.payload, e.created_at as createdAt from record_entries e
  where not exists (select 1 from search_docs d where d.kind = 'record' and d.ref_id = cast(e.id as text))
  limit 2000`);

let backlogDone = false;

/**
 * Entries written before the index existed are indexed once, on the first search (their words
 * come from the catalogues, which SQL cannot read). New entries are indexed as they are written.
 */
function indexRecordBacklog() {
  if (backlogDone) return;
  for (;;) {
    const rows = backlog.all() as Array<{ id: number; assemblyId: string; summary: string; payload: string; createdAt: number }>;
    if (rows.length === 0) break;
    // Immediate: another server process may write meanwhile (docs/decisions/022-http-and-processes.md).
    sqlite.transaction(() => {
      for (const r of rows) indexRecordEntry({ id: r.id, assemblyId: r.assemblyId, summary: r.summary, params: (JSON.parse(r.payload) as { params?: Record<string, string | number> }).params ?? {}, createdAt: r.createdAt });
    }).immediate();
  }
  backlogDone = true;
}

type Row = { kind: SearchKind; refId: string; proposalId: string | null; at: number; slug: string; body: string; proposalTitle: string | null; systemTitle: string | null; proposalNumber: number | null; title: string; snippet: string };

function hrefOf(r: Row): string {
  const base = `/a/${r.slug}`;
  switch (r.kind) {
    case "proposal":
      return `${base}/proposals/${r.refId}`;
    case "comment":
      return `${base}/proposals/${r.proposalId}#c-${r.refId}`;
    case "minutes":
      return `${base}/meetings/${r.refId}/minutes`;
    case "report":
      return `${base}/report-backs/${r.refId}`;
    case "record":
      return `${base}/record#entry-${recordSeq.get(Number(r.refId)) ?? ""}`;
  }
}

/** A title the system wrote, in the reader's language (app/i18n/system-title.ts): its stored words are not the ones shown, so nothing in it is marked. */
function systemTitled(r: Row, locale: Locale): Segment[] | null {
  if (!r.systemTitle || r.proposalTitle === null) return null;
  const title = titleFor(locale, { title: r.proposalTitle, systemTitle: r.systemTitle });
  return [{ text: r.kind === "comment" ? `#${r.proposalNumber} ${title}` : title, mark: false }];
}

/**
 * The member's search: best match first (bm25), matching words marked. All words must match;
 * when that finds nothing, any word may.
 */
export function search(userId: string, q: string, opts: { assemblyId?: string; locale?: Locale } = {}): SearchHit[] {
  indexRecordBacklog();
  const run = (expr: string | null) => (expr ? (query.all({ u: userId, q: expr, a: opts.assemblyId ?? null }) as Row[]) : []);
  let rows = run(ftsQuery(q, "AND"));
  if (rows.length === 0) rows = run(ftsQuery(q, "OR"));
  return rows.map((r) => ({
    kind: r.kind,
    slug: r.slug,
    body: r.body,
    href: hrefOf(r),
    title: (r.kind === "proposal" || r.kind === "comment" ? systemTitled(r, opts.locale ?? "en") : null) ?? (r.kind === "comment" ? [{ text: `#${r.proposalNumber} ${strip(r.proposalTitle ?? "")}`, mark: false }] : segments(r.title)),
    snippet: segments(r.snippet),
    at: r.at,
  }));
}
