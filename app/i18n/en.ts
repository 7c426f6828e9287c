/**
 * The English catalogue, the reference: one file per area so parts of the app can grow
 * their messages independently. Spanish must cover every key (typed, and tested).
 */
import { coreEn } from "./areas/core.en";
import { decisionsEn } from "./areas/decisions.en";
import { meetingsEn } from "./areas/meetings.en";
import { federationEn } from "./areas/federation.en";
import { aidEn } from "./areas/aid.en";
import { pollsEn } from "./areas/polls.en";
import { inboxEn } from "./areas/inbox.en";
import { transferEn } from "./areas/transfer.en";

export const en = { ...coreEn, ...decisionsEn, ...meetingsEn, ...federationEn, ...aidEn, ...pollsEn, ...inboxEn, ...transferEn } as const;
