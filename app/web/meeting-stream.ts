/**
 * The browser side of the live meeting: one EventSource on the meeting's event stream.
 * The page starts from its loader's state (so it works, and refreshes, without JavaScript)
 * and then takes whichever is newer — a streamed state or a revalidated loader — by version.
 * EventSource reconnects by itself and sends Last-Event-ID; the server answers with the
 * whole state, so a screen that dropped off the Wi-Fi catches up at once.
 */
import { useEffect, useRef, useState } from "react";
import type { LiveMessage, MeetingState } from "~/lib/meeting-state";

/**
 * `connected`: null until the stream has started (and on the server, and without JavaScript);
 * `reconnects`: how many times the stream came back after a drop, so a page can fetch again
 * what it could not fetch while the Wi-Fi was down.
 */
export type Live = { state: MeetingState; offset: number; connected: boolean | null; reconnects: number };

export function useMeetingStream(url: string, initial: LiveMessage): Live {
  const [state, setState] = useState(initial.state);
  const [offset, setOffset] = useState(0);
  const [connected, setConnected] = useState<boolean | null>(null);
  const [reconnects, setReconnects] = useState(0);
  const dropped = useRef(false);
  const latest = useRef(initial.state.version);

  // A loader revalidated after this page's own action: take it if it is newer.
  useEffect(() => {
    if (initial.state.version >= latest.current) {
      latest.current = initial.state.version;
      setState(initial.state);
      setOffset(initial.serverNow - Date.now());
    }
  }, [initial]);

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let es: EventSource | null = null;
    const onState = (e: MessageEvent<string>) => {
      const msg = JSON.parse(e.data) as LiveMessage;
      setOffset(msg.serverNow - Date.now());
      if (msg.state.version >= latest.current) {
        latest.current = msg.state.version;
        // `present: null`: the attendance list did not change since the last state (the
        // server leaves it out of the frame to keep big rooms' frames small).
        if (msg.state.attendance.present === null) setState((prev) => ({ ...msg.state, attendance: { ...msg.state.attendance, present: prev.attendance.present } }));
        else setState(msg.state);
      }
    };
    const onClock = (e: MessageEvent<string>) => setOffset((JSON.parse(e.data) as { serverNow: number }).serverNow - Date.now());
    const open = () => {
      es = new EventSource(url);
      es.addEventListener("state", onState as EventListener);
      es.addEventListener("clock", onClock as EventListener);
      es.onopen = () => {
        setConnected(true);
        if (dropped.current) setReconnects((n) => n + 1);
        dropped.current = false;
      };
      es.onerror = () => {
        setConnected(false);
        dropped.current = true;
      };
    };
    // A phone that knows it lost the Wi-Fi says so at once, instead of waiting for a silent
    // connection to time out; it opens a new stream (and gets the whole state) when back.
    const onOffline = () => {
      es?.close();
      es = null;
      setConnected(false);
      dropped.current = true;
    };
    const onOnline = () => {
      if (!es) open();
    };
    setConnected(false);
    open();
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    return () => {
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      es?.close();
    };
  }, [url]);

  return { state, offset, connected, reconnects };
}

/**
 * The server's time now, ticking a few times a second for countdowns. Starts from the
 * loader's server time so the first render matches the HTML the server sent.
 */
export function useServerNow(offset: number, initialServerNow: number, tickMs = 250): number {
  const [now, setNow] = useState(initialServerNow);
  useEffect(() => {
    setNow(Date.now() + offset);
    const t = setInterval(() => setNow(Date.now() + offset), tickMs);
    return () => clearInterval(t);
  }, [offset, tickMs]);
  return now;
}
