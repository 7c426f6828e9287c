/**
 * A refusal: the domain saying "no" to a request it understood, with an i18n key the page
 * shows (beside the field it concerns, when there is one). One type for every model, one way
 * to raise it (`refuse`, which throws, so a transaction around it rolls back), and one place
 * that answers it over HTTP (`refused` in app/web/refusal.server.ts).
 *
 * The kinds are the four ways a request can be refused; each carries the HTTP status that
 * says it, kept on the refusal as `status` so a caller (a route, a command, a test) reads it
 * without a lookup.
 */
export const REFUSAL_STATUS = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 } as const;

export type RefusalKind = keyof typeof REFUSAL_STATUS;
export type RefusalStatus = (typeof REFUSAL_STATUS)[RefusalKind];
export type RefusalParams = Record<string, string | number>;

export type Refusal = {
  ok: false;
  /** Which kind of refusal, as its HTTP status (`kindOf` names it). */
  status: RefusalStatus;
  /** The i18n key of the message. */
  error: string;
  /** Values the message needs. */
  params?: RefusalParams;
  /** The form field the message belongs beside; without one it shows at the top. */
  field?: string;
};

export type Done<T extends object = object> = { ok: true } & T;
export type Result<T extends object = object> = Done<T> | Refusal;

export function refusal(kind: RefusalKind, error: string, detail: { params?: RefusalParams; field?: string } = {}): Refusal {
  return { ok: false, status: REFUSAL_STATUS[kind], error, ...(detail.params ? { params: detail.params } : {}), ...(detail.field ? { field: detail.field } : {}) };
}

export function kindOf(r: Pick<Refusal, "status">): RefusalKind {
  return (Object.keys(REFUSAL_STATUS) as RefusalKind[]).find((k) => REFUSAL_STATUS[k] === r.status)!;
}

export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.error);
    this.name = "Refused";
  }
}

/** Stops the current operation with a refusal (or passes on one a called model returned). */
export function refuse(kind: RefusalKind, error: string, detail?: { params?: RefusalParams; field?: string }): never;
export function refuse(r: Refusal): never;
export function refuse(a: RefusalKind | Refusal, error?: string, detail?: { params?: RefusalParams; field?: string }): never {
  throw new Refused(typeof a === "string" ? refusal(a, error!, detail) : a);
}

/** Runs `fn`; a refusal raised inside comes back as a value, other errors go on up. */
export function caught<T extends object>(fn: () => T): Done<T> | Refusal {
  try {
    return { ok: true, ...fn() } as Done<T>;
  } catch (e) {
    if (e instanceof Refused) return e.refusal;
    throw e;
  }
}
