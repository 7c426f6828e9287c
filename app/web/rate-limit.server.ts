/**
 * Rate limits kept in memory (one server process serves a body; a restart forgets them,
 * which only helps a legitimate user), with rate-limiter-flexible. What counts is failure and
 * abuse, never a room: logins count wrong passwords, links and codes count misses, so fifty
 * members behind one Wi-Fi address log in and join freely (docs/domain.md#accounts-and-privacy).
 */
import cluster from "node:cluster";
import { RateLimiterCluster, RateLimiterMemory, type IRateLimiterOptions } from "rate-limiter-flexible";

/**
 * When several processes serve (app/bin/server.mjs), each limit is counted once for all of
 * them by the primary: rate-limiter-flexible's RateLimiterCluster, as its authors intend.
 */
function limiter(opts: IRateLimiterOptions) {
  return cluster.isWorker ? new RateLimiterCluster({ ...opts, timeoutMs: 3_000 }) : new RateLimiterMemory(opts);
}

/**
 * New accounts from one address: a room of sixty signing up on the meeting's Wi-Fi fits;
 * a script making accounts by the hundred does not.
 */
export const SIGNUPS_PER_ADDRESS = { points: 100, duration: 60 * 60 };
const signups = limiter({ keyPrefix: "signup", ...SIGNUPS_PER_ADDRESS });

/** Counts one sign-up from `address`; false once the address has made its hour's accounts. */
export async function signupAllowed(address: string): Promise<boolean> {
  return signups.consume(address).then(
    () => true,
    () => false,
  );
}

/** The client's address: the server sets it in x-plenary-client (see app/bin/server.mjs). */
export function clientAddress(request: Request): string {
  return request.headers.get("x-plenary-client") ?? "local";
}

/*
 * Logins: only failures count, and per account and address pair. A room of fifty behind one
 * Wi-Fi address logs in freely; someone guessing a steward's password from their address is
 * slowed down there without locking the steward out from theirs. rate-limiter-flexible's
 * in-memory limiter, as in its "login endpoint protection" example (node_modules/
 * rate-limiter-flexible/README.md): consecutive failures per pair, failures per address.
 */
export const LOGIN_FAILURES = {
  /** Failed attempts for one username from one address before that pair waits. */
  perPair: { points: 10, duration: 15 * 60, blockDuration: 15 * 60 },
  /** Failed attempts from one address over all usernames (spraying) before it waits. */
  perAddress: { points: 100, duration: 60 * 60, blockDuration: 15 * 60 },
};
const failedPair = limiter({ keyPrefix: "login-pair", ...LOGIN_FAILURES.perPair });
const failedAddress = limiter({ keyPrefix: "login-addr", ...LOGIN_FAILURES.perAddress });
const pairKey = (username: string, address: string) => `${username.toLowerCase()}\n${address}`;

/** Whether this username may be tried from this address now. */
export async function loginAllowed(username: string, address: string): Promise<boolean> {
  const [pair, addr] = await Promise.all([failedPair.get(pairKey(username, address)), failedAddress.get(address)]);
  return !((pair && pair.consumedPoints >= LOGIN_FAILURES.perPair.points) || (addr && addr.consumedPoints >= LOGIN_FAILURES.perAddress.points));
}

export async function loginFailed(username: string, address: string) {
  // consume() rejects once over the limit: the count is what matters here, not the answer.
  await Promise.allSettled([failedPair.consume(pairKey(username, address)), failedAddress.consume(address)]);
}

/** A right password clears that pair's failures (the person typed it wrong before). */
export async function loginSucceeded(username: string, address: string) {
  await failedPair.delete(pairKey(username, address));
}

/**
 * Guesses at secrets in URLs (invitation tokens, meeting codes): only misses count, per
 * address or per person, so a room using real links and codes is never slowed.
 */
const misses = limiter({ keyPrefix: "miss", points: 30, duration: 15 * 60, blockDuration: 15 * 60 });

/** Whether `key` may look up another secret now. */
export async function lookupAllowed(key: string): Promise<boolean> {
  const r = await misses.get(key);
  return !(r && r.consumedPoints >= 30);
}

export async function lookupMissed(key: string) {
  await misses.consume(key).catch(() => undefined);
}

/**
 * Comments per member: a discussion stays readable, and one person (or a script with their
 * session) cannot bury it. Generous for a person typing.
 */
const commentsPerMinute = limiter({ keyPrefix: "comment-min", points: 10, duration: 60 });
const commentsPerDay = limiter({ keyPrefix: "comment-day", points: 300, duration: 24 * 60 * 60 });

/** Counts one comment; false when the member has written too many just now. */
export async function commentAllowed(userId: string): Promise<boolean> {
  try {
    await commentsPerMinute.consume(userId);
    await commentsPerDay.consume(userId);
    return true;
  } catch {
    return false;
  }
}
