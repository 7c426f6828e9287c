/**
 * Comparing revisions of a proposal word by word: a change from "17" to "18" marks those
 * two words, not the whole paragraph. jsdiff's word diff (Myers' O(ND) algorithm) with
 * whitespace as tokens, so a new paragraph or line break shows too. Myers' time grows with
 * the number of edits, so past a bound (a rewrite rather than an edit) the comparison falls
 * back to whole lines, and past it again to "everything removed, everything added" (a
 * 60,000-word rewrite stops in under half a second on a laptop; diff.test.ts).
 */
import { diffLines, diffWordsWithSpace, type Change } from "diff";

export type DiffPart = { op: "same" | "add" | "del"; text: string };

// Edits (words, spaces or lines added or removed) past which a comparison gives up.
const MAX_EDITS = 1_000;

export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ op: "same", text: before }] : [];
  const changes: Change[] | undefined = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDITS }) ?? diffLines(before, after, { maxEditLength: MAX_EDITS });
  if (!changes) return [...(before ? [{ op: "del" as const, text: before }] : []), ...(after ? [{ op: "add" as const, text: after }] : [])];
  return changes.map((c) => ({ op: c.added ? "add" : c.removed ? "del" : "same", text: c.value }));
}
