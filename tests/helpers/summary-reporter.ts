/**
 * Prints one plain closing line, "N passed, N failed[, N skipped]", after vitest's own
 * summary, so any CI can read the result without knowing vitest's format.
 */
import type { Reporter } from "vitest/reporters";

type Task = { type: string; mode?: string; result?: { state?: string }; tasks?: Task[] };

export default class SummaryReporter implements Reporter {
  onFinished(files: Task[] = []) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const walk = (t: Task) => {
      if (t.type === "test") {
        if (t.mode === "skip" || t.mode === "todo") skipped++;
        else if (t.result?.state === "pass") passed++;
        else if (t.result?.state === "fail") failed++;
      }
      t.tasks?.forEach(walk);
    };
    files.forEach(walk);
    // A file that failed to load has no tests but must count as a failure.
    failed += files.filter((f) => f.result?.state === "fail" && !(f.tasks ?? []).length).length;
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
  }
}
