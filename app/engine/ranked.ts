// Choosing the count for an election: STV, or IRV for one seat (docs/domain.md#elections).

import { countIrv } from "./irv";
import { countApproval, countSchulze } from "./schulze";
import { countStv } from "./stv";
import type { Election, RankedMethod, RankedResult, SeatConstraint } from "./ranked-types";

export function defaultRankedMethod(seats: number): RankedMethod {
  return seats <= 1 ? "irv" : "stv";
}

export function countRanked(e: Election, method?: RankedMethod, opts?: { constraint?: SeatConstraint }): RankedResult {
  const m = method ?? defaultRankedMethod(e.seats);
  switch (m) {
    case "irv":
      return countIrv(e);
    case "stv":
      return countStv(e, opts);
    case "schulze":
      return countSchulze(e);
    case "approval":
      return countApproval(e);
  }
}
