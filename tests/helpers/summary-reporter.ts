/**
 * Prints one plain closing line, "N passed, N failed[, N skipped]", after vitest's own
 * summary, so any CI can read the result without knowing vitest's format; the lines just
 * before it say what failed.
 *
 * A failure is a failed test, a failed hook, a file that did not load, or an error vitest
 * caught outside any test. A failed hook counts once, however many tests it kept from running:
 * when a browser file's `beforeAll` cannot start the server, vitest skips every test in that
 * file, and those tests are neither passed nor skipped on purpose — the hook's error is the
 * news, so it is printed. vitest's reporter API does not end a hook that threw
 * (`onHookStart` without `onHookEnd`), which is how a failed hook is told apart here.
 */
import path from "node:path";
import type { Reporter, TestCase, TestModule, TestSuite, Vitest } from "vitest/node";

type Hook = { name: string; entity: { id: string } };
type Failure = { where: string; what: string; error?: string };

const MAX_ERROR_LINES = 12;

function describeError(e: { name?: string; message?: string; stack?: string } | undefined): string | undefined {
  if (!e) return undefined;
  const head = `${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message ?? String(e)}`;
  const lines = head.split("\n");
  const cut = lines.length > MAX_ERROR_LINES ? [...lines.slice(0, MAX_ERROR_LINES), `… (${lines.length - MAX_ERROR_LINES} more lines)`] : lines;
  return cut.join("\n");
}

export default class SummaryReporter implements Reporter {
  /** Hooks that started and never ended: they threw. Key: entity id + hook name. */
  private open = new Map<string, Hook>();
  private vitest?: Vitest;

  onInit(vitest: Vitest) {
    this.vitest = vitest;
  }

  onHookStart(hook: Hook) {
    this.open.set(`${hook.entity.id}:${hook.name}`, hook);
  }

  onHookEnd(hook: Hook) {
    this.open.delete(`${hook.entity.id}:${hook.name}`);
  }

  // onFinished rather than onTestRunEnd: vitest calls every reporter's onTestRunEnd before any
  // onFinished, and the default reporter prints its own summary in onFinished; this line must come last.
  onFinished(files: Parameters<NonNullable<Reporter["onFinished"]>>[0] = [], unhandled: unknown[] = []) {
    const modules = files.map((f) => this.vitest!.state.getReportedEntity(f)).filter((m): m is TestModule => m?.type === "module");
    let passed = 0;
    let skipped = 0;
    const failures: Failure[] = [];
    const openHooks = [...this.open.values()];
    const hooksOf = (id: string) => openHooks.filter((h) => h.entity.id === id).map((h) => h.name);

    for (const mod of modules) {
      const file = path.relative(process.cwd(), mod.moduleId);
      const notRun = (entity: TestModule | TestSuite) => [...entity.children.allTests()].filter((t) => t.options.mode === "run" && t.result().state === "skipped").length;
      const containerFailure = (entity: TestModule | TestSuite, where: string) => {
        const errors = entity.errors();
        const hooks = hooksOf(entity.id);
        if (!errors.length && !hooks.length) return;
        const kept = notRun(entity);
        const what = hooks.length
          ? `${hooks.join(" and ")} failed${kept ? ` — ${kept} test${kept === 1 ? "" : "s"} did not run` : ""}`
          : entity.type === "module" && !entity.children.size
            ? "the file did not load"
            : `failed${kept ? ` — ${kept} test${kept === 1 ? "" : "s"} did not run` : ""}`;
        failures.push({ where, what, error: describeError(errors[0]) });
      };
      containerFailure(mod, file);
      for (const suite of mod.children.allSuites()) containerFailure(suite, `${file} > ${suite.fullName}`);

      for (const test of mod.children.allTests() as Iterable<TestCase>) {
        const { state } = test.result();
        if (state === "passed") passed++;
        else if (state === "failed") failures.push({ where: `${file} > ${test.fullName}`, what: "failed" });
        else if (state === "skipped" && test.options.mode !== "run") skipped++;
        // A test with mode "run" that ended skipped was kept from running by a failed hook
        // (counted above, with its hook) or skipped itself with ctx.skip().
        else if (state === "skipped" && !this.keptByHook(test)) skipped++;
      }
    }
    for (const e of unhandled) failures.push({ where: "outside any test", what: "unhandled error", error: describeError(e as Error) });

    const out: string[] = [""];
    if (failures.length) {
      out.push(`What failed (${failures.length}):`);
      for (const f of failures) {
        out.push(`  ✗ ${f.where}: ${f.what}`);
        if (f.error) out.push(...f.error.split("\n").map((l) => `      ${l}`));
      }
      out.push("");
    }
    out.push(`${passed} passed, ${failures.length} failed${skipped ? `, ${skipped} skipped` : ""}`);
    process.stdout.write(`${out.join("\n")}\n`);
    this.open.clear();
  }

  /** Whether a test sits in a file or suite whose hook (or loading) failed. */
  private keptByHook(test: TestCase): boolean {
    for (let p: TestSuite | TestModule | undefined = test.parent; p; p = p.type === "suite" ? p.parent : undefined) {
      if (p.errors().length || [...this.open.values()].some((h) => h.entity.id === p!.id)) return true;
    }
    return false;
  }
}
