/**
 * Who is watching a live stream, so that losing access ends it at once: removing a member,
 * changing their role, ending their session or changing their password closes their open
 * event streams (a stream is authorised only when it connects). Every stream is also
 * re-checked every minute, for any change made some other way.
 */
import { onSibling, tellSiblings } from "~/lib/siblings.server";

type Watcher = { userId: string; sessionId: string; assemblyId: string; stillAllowed: () => boolean; close: () => void };

declare global {
  var __plenaryWatchers: { set: Set<Watcher>; timer: ReturnType<typeof setInterval> | null } | undefined;
}

// On globalThis, as the event bus is, so dev rebuilds keep track of open streams.
const state = (globalThis.__plenaryWatchers ??= { set: new Set(), timer: null });

export const RECHECK_MS = 60_000;

/** Registers an open stream; returns the function that forgets it. */
export function watchAccess(w: Watcher): () => void {
  state.set.add(w);
  if (!state.timer) {
    state.timer = setInterval(recheckStreams, RECHECK_MS);
    state.timer.unref?.();
  }
  return () => {
    state.set.delete(w);
  };
}

function end(w: Watcher) {
  state.set.delete(w);
  w.close();
}

type Who = { userId?: string; assemblyId?: string; sessionId?: string; exceptSessionId?: string };

/**
 * Closes the open streams that match: one person's (in one body, or all), or one session's,
 * in this process and in every other process of the server (their streams are theirs). The
 * browser's EventSource reconnects by itself and is then authorised afresh. Returns how many
 * this process closed.
 */
export function closeStreams(who: Who) {
  tellSiblings("close-streams", who);
  return closeHere(who);
}

onSibling<Who>("close-streams", (who) => closeHere(who));

function closeHere(who: Who) {
  let closed = 0;
  for (const w of [...state.set]) {
    if (who.userId && w.userId !== who.userId) continue;
    if (who.assemblyId && w.assemblyId !== who.assemblyId) continue;
    if (who.sessionId && w.sessionId !== who.sessionId) continue;
    if (who.exceptSessionId && w.sessionId === who.exceptSessionId) continue;
    end(w);
    closed++;
  }
  return closed;
}

/** The periodic check (tests call it directly): a stream no longer allowed is closed. */
export function recheckStreams() {
  for (const w of [...state.set]) {
    let ok = false;
    try {
      ok = w.stillAllowed();
    } catch {
      ok = false;
    }
    if (!ok) end(w);
  }
  if (state.set.size === 0 && state.timer) {
    clearInterval(state.timer);
    state.timer = null;
  }
}

export function openStreamCount() {
  return state.set.size;
}
