/**
 * Child processes the benchmark starts (generator, Plenary, the bare baseline), stopped
 * on every way out: normal end, error, Ctrl-C.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

const children = new Set<ChildProcess>();
const cleanups: Array<() => void> = [];
let installed = false;

function killAll() {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      try {
        c.kill("SIGKILL");
      } catch {
        /* already gone */
      }
    }
  }
  children.clear();
  for (const f of cleanups.splice(0)) {
    try {
      f();
    } catch {
      /* best effort */
    }
  }
}

export function onCleanup(f: () => void) {
  cleanups.push(f);
}

export function installExitHandlers() {
  if (installed) return;
  installed = true;
  process.on("exit", killAll);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      console.error(`\nbench: ${sig}, stopping everything it started`);
      killAll();
      process.exit(130);
    });
  }
  process.on("uncaughtException", (e) => {
    console.error(e);
    killAll();
    process.exit(1);
  });
  process.on("unhandledRejection", (e) => {
    console.error(e);
    killAll();
    process.exit(1);
  });
}

export function start(cmd: string, args: string[], opts: SpawnOptions): ChildProcess {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...opts });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

/** Stops a child politely (so --cpu-prof can write its profile), then firmly. */
export async function stop(child: ChildProcess, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export function run(cmd: string, args: string[], opts: SpawnOptions): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = start(cmd, args, opts);
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, out }));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A process and every process under it (the server's workers when it runs several:
 * app/bin/server.mjs), from /proc (Linux).
 */
export function processTree(pid: number): number[] {
  const parent = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(ppid, [...(parent.get(ppid) ?? []), Number(name)]);
    } catch {
      /* gone meanwhile */
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(parent.get(out[i]) ?? []));
  return out;
}

/**
 * Resident memory of a process and its children, from /proc (Linux): now (summed over them),
 * and the high-water marks: summed, and the largest of one process.
 */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number; processHwmMb: number; processes: number } | null {
  let rss = 0;
  let hwm = 0;
  let top = 0;
  let n = 0;
  for (const p of processTree(pid)) {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
      rss += kb("VmRSS") / 1024;
      hwm += kb("VmHWM") / 1024;
      top = Math.max(top, kb("VmHWM") / 1024);
      n++;
    } catch {
      if (p === pid) return null;
    }
  }
  return { rssMb: rss, hwmMb: hwm, processHwmMb: top, processes: n };
}

/** Samples a process's memory every `ms` while running; `peak()` is the highest seen. */
export function sampleMemory(pid: number, ms = 100) {
  let peakRss = 0;
  let hwm = 0;
  let processHwm = 0;
  let processes = 0;
  const take = () => {
    const m = memoryOf(pid);
    if (!m) return;
    peakRss = Math.max(peakRss, m.rssMb);
    hwm = Math.max(hwm, m.hwmMb);
    processHwm = Math.max(processHwm, m.processHwmMb);
    processes = Math.max(processes, m.processes);
  };
  take();
  const timer = setInterval(take, ms);
  timer.unref();
  return {
    peak: () => {
      take();
      return { peakRssMb: peakRss, hwmMb: hwm, processHwmMb: processHwm, processes };
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * CPU time (user + system) a process and its children have used so far, in ms, from /proc
 * (Linux): the live ones' own time, and what exited children left (cutime, cstime).
 */
export function cpuMsOf(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      // Fields after the command name (which may hold spaces) start after the last ")".
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]) + (p === pid ? Number(f[13]) + Number(f[14]) : 0);
    } catch {
      if (p === pid) return NaN;
    }
  }
  return (ticks * 1000) / 100;
}
