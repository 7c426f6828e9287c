/**
 * The other processes of this server. app/bin/server.mjs runs one process per core
 * (node:cluster, docs/decisions/022-http-and-processes.md); they share the database file,
 * not their memory. What one process must tell the others — a meeting changed, a member's
 * live streams must close, a secret round's key — goes to the primary process over Node's
 * IPC channel, which passes it to every other worker. In a single process, and in the
 * tests, there are no siblings and nothing is sent.
 */
import cluster from "node:cluster";

type Handler = (payload: never) => void;
type Message = { plenary: string; payload: unknown };

declare global {
  // One IPC listener per process, kept across dev rebuilds (as the event bus is).
  var __plenarySiblings: { handlers: Map<string, Handler>; listening: boolean } | undefined;
}

const state = (globalThis.__plenarySiblings ??= { handlers: new Map(), listening: false });

/** Whether this process is one worker of several (what it holds in memory, others don't). */
export const inCluster = cluster.isWorker;

/** Tells every other process of this server; they get `payload` in their `onSibling(kind)`. */
export function tellSiblings(kind: string, payload: unknown) {
  if (!inCluster || !process.send || !process.connected) return;
  process.send({ plenary: kind, payload } satisfies Message);
}

/** What to do when another process tells `kind` (one handler per kind; a later one replaces it). */
export function onSibling<T>(kind: string, handler: (payload: T) => void) {
  state.handlers.set(kind, handler as Handler);
  if (!inCluster || state.listening) return;
  state.listening = true;
  process.on("message", (msg: Message) => {
    if (!msg || typeof msg.plenary !== "string") return;
    const h = state.handlers.get(msg.plenary);
    if (!h) return;
    try {
      h(msg.payload as never);
    } catch (e) {
      console.error(`message ${msg.plenary} from another process failed`, e);
    }
  });
}
