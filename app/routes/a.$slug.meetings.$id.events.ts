/**
 * The meeting's one live resource: a server-sent event stream of its state, for the
 * console, the projector screen and every phone. On connect it sends the current state
 * (so a screen that dropped off catches up at once), then a new state after every change,
 * and a heartbeat comment every 15 s so proxies and phones keep the connection open.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMeeting, rolesIn } from "~/web/meeting-actions.server";
import { subscribeMeeting } from "~/models/meeting-live.server";
import { getMeetingIn } from "~/models/meeting.server";
import { getMembership } from "~/models/membership.server";
import { watchAccess } from "~/web/live-access.server";
import { requireSession, sessionStillValid } from "~/web/session.server";

const encoder = new TextEncoder();
const HEARTBEAT_MS = 15_000;
// A phone that stops reading (asleep, out of range) is dropped after this many unread
// messages; EventSource reconnects by itself and gets the whole state again.
const MAX_QUEUED = 200;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, assembly, meeting, roles } = await requireMeeting(request, params);
  const { session } = await requireSession(request);
  // Running counts the charter keeps from the room go only to the facilitator's console
  // (`?for=console`): the projector, though opened on the same laptop, gets the room's copy.
  const everything = roles.facilitator && new URL(request.url).searchParams.get("for") === "console";
  const pick = (frame: { bytes: Uint8Array; roomBytes?: Uint8Array }) => (everything ? frame.bytes : (frame.roomBytes ?? frame.bytes));
  const lastEventId = Number(request.headers.get("last-event-id") ?? NaN);

  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let done = false;
      const send = (bytes: Uint8Array) => {
        if (done) return;
        if (controller.desiredSize !== null && controller.desiredSize < -MAX_QUEUED) return cleanup();
        try {
          controller.enqueue(bytes);
        } catch {
          cleanup();
        }
      };
      const sub = subscribeMeeting(meeting.id, (frame) => send(pick(frame)));
      const heartbeat = setInterval(() => send(encoder.encode(`: heartbeat ${Date.now()}\n\n`)), HEARTBEAT_MS);
      // Losing access (removed, role changed, logged out) ends the stream at once.
      const unwatch = watchAccess({
        userId: user.id,
        sessionId: session.id,
        assemblyId: assembly.id,
        // Still a member, still signed in, and (for the console's counts) still its facilitator.
        stillAllowed: () => {
          const membership = getMembership(assembly.id, user.id);
          const current = getMeetingIn(assembly.id, meeting.id);
          if (!membership || !current || !sessionStillValid(session.id)) return false;
          return !everything || rolesIn({ user, assembly, membership }, current).facilitator;
        },
        close: () => cleanup(),
      });
      cleanup = () => {
        if (done) return;
        done = true;
        clearInterval(heartbeat);
        unwatch();
        sub.unsubscribe();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      request.signal.addEventListener("abort", () => cleanup(), { once: true });
      // Reconnect quickly: a phone that lost the Wi-Fi for a moment should be back within seconds.
      send(encoder.encode("retry: 1500\n\n"));
      if (sub.current) {
        // Last-Event-ID: a client that already has this version only needs the server's clock.
        if (lastEventId === sub.current.id) send(encoder.encode(`event: clock\ndata: {"serverNow":${Date.now()}}\n\n`));
        else {
          // One event in two chunks: this stream's own clock, then the state every screen
          // joining at this version shares (app/lib/events.server.ts, JoinFrame).
          send(sub.current.head);
          send(everything ? sub.current.body : (sub.current.roomBody ?? sub.current.body));
        }
      }
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-store, no-transform",
      Connection: "keep-alive",
      // Tells nginx-like proxies in front not to buffer the stream.
      "X-Accel-Buffering": "no",
    },
  });
}
