import { describe, expect, it } from "vitest";
import { checkQuorum } from "./quorum";

// An online round has no one "present": its quorum is of those who voted (docs/domain.md#quorum).
describe("quorum explained for the way a round is held", () => {
  const quorum = { kind: "fraction" as const, fraction: { num: 1, den: 2 }, strict: true, minCount: 0 };

  it("in a meeting, counts the members present", () => {
    expect(checkQuorum(quorum, { members: 10, present: 4 })).toEqual({
      met: false,
      required: 6,
      explanation: {
        en: "No quorum: 4 of 10 members present; quorum is more than 1/2 of the members (and at least 0), so 6 must be present.",
        es: "Sin quórum: 4 de 10 miembros presentes; el quórum es más de 1/2 de los miembros (y al menos 0), así que deben estar presentes 6.",
      },
    });
  });

  it("online, counts the members who voted", () => {
    expect(checkQuorum(quorum, { members: 10, present: 4, online: true }).explanation).toEqual({
      en: "No quorum: 4 of 10 members voted; quorum is more than 1/2 of the members (and at least 0), so 6 must vote.",
      es: "Sin quórum: votaron 4 de 10 miembros; el quórum es más de 1/2 de los miembros (y al menos 0), así que deben votar 6.",
    });
    expect(checkQuorum(quorum, { members: 10, present: 6, online: true }).explanation.en).toBe("Quorum met: 6 of 10 members voted.");
  });
});
