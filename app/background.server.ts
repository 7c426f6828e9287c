/**
 * Work the server does on its own, on a timer: closing voting rounds whose deadline has
 * passed (and, later, other deadlines). Registered jobs run every few seconds.
 */
type Job = { name: string; run: (now: number) => void };
const jobs: Job[] = [];

declare global {
  var __plenaryTimer: ReturnType<typeof setInterval> | undefined;
}

export function registerJob(job: Job) {
  if (!jobs.some((j) => j.name === job.name)) jobs.push(job);
}

export function runJobs(now = Date.now()) {
  for (const job of jobs) {
    try {
      job.run(now);
    } catch (e) {
      console.error(`background job ${job.name} failed`, e);
    }
  }
}

export function startBackgroundWork() {
  if (process.env.PLENARY_NO_BACKGROUND) return;
  if (globalThis.__plenaryTimer) return;
  globalThis.__plenaryTimer = setInterval(() => runJobs(), 5_000);
  globalThis.__plenaryTimer.unref?.();
}
