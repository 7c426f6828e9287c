import { inCluster, onSibling, tellSiblings } from "./siblings.server";

/**
 * The live event bus: per topic (a meeting id), in each process; when several processes
 * serve (app/bin/server.mjs), a publish is passed to the others (app/lib/siblings.server.ts),
 * which rebuild the topic for their own subscribers from the shared database. A model calls `publish(topic)`
 * after a committed change; the bus rebuilds the topic's state ONCE, frames it once as a
 * server-sent event, and hands the same bytes to every subscriber, so a room of 300 phones
 * costs one snapshot per change, not 300. Bursts (a dozen hands raised in the same tick)
 * coalesce into one rebuild.
 *
 * It lives on globalThis so dev rebuilds keep the subscribers of open streams.
 */

/**
 * `data`: the topic's state as JSON, the same for every subscriber. `delta`, when given, is
 * a smaller JSON for subscribers who already hold the previous state (e.g. the meeting's
 * attendance list left out when it did not change); newcomers always get `data`.
 */
export type Snapshot = { id: number; data: string; delta?: string; room?: { data: string; delta?: string } };
/**
 * `room`, when given, is the same state with less in it, for subscribers who may not see
 * everything (a meeting's running counts while the charter keeps them from the room): framed
 * once too, and sent to those subscribers instead (`roomBytes`).
 */
export type Frame = { id: number; bytes: Uint8Array; roomBytes?: Uint8Array };
type Listener = (frame: Frame) => void;

/**
 * The whole state for a screen that connects: the same bytes for every screen that
 * connects at this version (`body`, `roomBody`), encoded once, after a few bytes of its own
 * (`head`: the event's id and the server's clock now). A room's state is up to ~75 KB; a
 * copy per phone was 75 MB for a room of 1,000 (docs/decisions/021-scale-path.md).
 */
export type JoinFrame = { id: number; head: Uint8Array; body: Uint8Array; roomBody?: Uint8Array };

type Topic = {
  listeners: Set<Listener>;
  build: () => Snapshot | null;
  last: Snapshot | null;
  /** The encoded whole state of `last`, made when the first screen connects at its version. */
  join: { of: Snapshot; body: Uint8Array; roomBody?: Uint8Array } | null;
  scheduled: boolean;
  /** Rebuild on a timer too: for changes made outside the meeting's own routes. */
  poll: (() => boolean) | null;
};

type Bus = {
  topics: Map<string, Topic>;
  timer: ReturnType<typeof setInterval> | null;
  published: number;
  built: number;
  /** Topics to pass to the other processes once the current task ends. */
  relay: Set<string>;
  /** Whether another process wrote to the database since last asked (the safety net). */
  otherWriters: (() => boolean) | null;
};

declare global {
  var __plenaryBus: Bus | undefined;
}

const bus: Bus = (globalThis.__plenaryBus ??= { topics: new Map(), timer: null, published: 0, built: 0, relay: new Set(), otherWriters: null });
const encoder = new TextEncoder();

/**
 * One SSE message. The server's clock goes with every state so each screen can correct its
 * own clock (timers are server-authoritative). JSON has no raw newlines, so one data line.
 */
export function frameOf(s: Pick<Snapshot, "id" | "data" | "room">, now = Date.now()): Frame {
  const bytes = (data: string) => encoder.encode(`id: ${s.id}\nevent: state\ndata: {"serverNow":${now},"state":${data}}\n\n`);
  return s.room ? { id: s.id, bytes: bytes(s.data), roomBytes: bytes(s.room.data) } : { id: s.id, bytes: bytes(s.data) };
}

/** A screen that connects now: its own head, and the shared body of the topic's last state. */
function joinFrameOf(topic: Topic, now = Date.now()): JoinFrame | null {
  const s = topic.last;
  if (!s) return null;
  if (topic.join?.of !== s) {
    const body = (data: string) => encoder.encode(`${data}}\n\n`);
    topic.join = { of: s, body: body(s.data), roomBody: s.room ? body(s.room.data) : undefined };
  }
  return { id: s.id, head: encoder.encode(`id: ${s.id}\nevent: state\ndata: {"serverNow":${now},"state":`), body: topic.join.body, roomBody: topic.join.roomBody };
}

function rebuild(key: string, topic: Topic) {
  topic.scheduled = false;
  if (topic.listeners.size === 0) return;
  let snap: Snapshot | null;
  try {
    snap = topic.build();
  } catch (e) {
    console.error(`live state for ${key} failed`, e);
    return;
  }
  bus.built++;
  if (!snap) return;
  // Same content as last sent: nothing new for anyone.
  if (topic.last && topic.last.id === snap.id && topic.last.data === snap.data) return;
  const hadPrevious = topic.last !== null;
  topic.last = snap;
  const frame = frameOf(hadPrevious && snap.delta ? { id: snap.id, data: snap.delta, room: snap.room ? { data: snap.room.delta ?? snap.room.data } : undefined } : snap);
  for (const l of topic.listeners) {
    try {
      l(frame);
    } catch {
      topic.listeners.delete(l);
    }
  }
}

/**
 * Something changed in `key`: rebuild and send its state once the current task ends, here
 * and in every other process of the server.
 */
export function publish(key: string) {
  bus.published++;
  relay(key);
  publishHere(key);
}

function publishHere(key: string) {
  const topic = bus.topics.get(key);
  if (!topic || topic.scheduled || topic.listeners.size === 0) return;
  topic.scheduled = true;
  // setImmediate runs after the synchronous transaction that called us has committed.
  setImmediate(() => rebuild(key, topic));
}

/** After the transaction that published has committed: the others read what it wrote. */
function relay(key: string) {
  if (!inCluster) return;
  bus.relay ??= new Set();
  if (bus.relay.size === 0)
    setImmediate(() => {
      const keys = [...bus.relay];
      bus.relay.clear();
      tellSiblings("publish", keys);
    });
  bus.relay.add(key);
}

onSibling<string[]>("publish", (keys) => {
  for (const key of keys) publishHere(key);
});

/**
 * The safety net under the relay: `changed` says whether another process committed to the
 * database since it was last asked (SQLite's data_version); if so, every topic is rebuilt at
 * the next tick of the bus's one-second timer. A state that did not change is not sent.
 */
export function watchOtherWriters(changed: () => boolean) {
  bus.otherWriters = changed;
}

/**
 * Listens to `key`. `build` makes the topic's snapshot (the first subscriber's is kept);
 * `poll`, when given, is asked every second whether something changed outside the bus.
 * Returns the current state for this subscriber (`JoinFrame`: its whole bytes are shared
 * with everyone who joined at the same version) and an unsubscribe function.
 */
export function subscribe(key: string, build: () => Snapshot | null, listener: Listener, poll?: () => boolean): { current: JoinFrame | null; unsubscribe: () => void } {
  let topic = bus.topics.get(key);
  if (!topic) {
    topic = { listeners: new Set(), build, last: null, join: null, scheduled: false, poll: poll ?? null };
    bus.topics.set(key, topic);
  }
  topic.listeners.add(listener);
  if (!topic.last) {
    const snap = build();
    bus.built++;
    topic.last = snap;
  }
  ensureTimer();
  const t = topic;
  return {
    current: joinFrameOf(t),
    unsubscribe: () => {
      t.listeners.delete(listener);
      if (t.listeners.size === 0 && bus.topics.get(key) === t) bus.topics.delete(key);
    },
  };
}

function ensureTimer() {
  if (bus.timer) return;
  bus.timer = setInterval(() => {
    if (bus.topics.size === 0) {
      clearInterval(bus.timer!);
      bus.timer = null;
      return;
    }
    let others = false;
    try {
      others = bus.otherWriters?.() ?? false;
    } catch (e) {
      console.error("live check for other processes' writes failed", e);
    }
    for (const [key, topic] of bus.topics) {
      try {
        if (topic.poll?.()) publish(key);
        else if (others) publishHere(key);
      } catch (e) {
        console.error(`live poll for ${key} failed`, e);
      }
    }
  }, 1_000);
  bus.timer.unref?.();
}

export function subscriberCount(key: string) {
  return bus.topics.get(key)?.listeners.size ?? 0;
}

/** Counters for tests and the load benchmark: how many publishes, how many rebuilds. */
export function busStats() {
  return { published: bus.published, built: bus.built, topics: bus.topics.size };
}
