import type { en } from "./en";
import { coreEs } from "./areas/core.es";
import { decisionsEs } from "./areas/decisions.es";
import { meetingsEs } from "./areas/meetings.es";
import { federationEs } from "./areas/federation.es";
import { aidEs } from "./areas/aid.es";
import { pollsEs } from "./areas/polls.es";
import { inboxEs } from "./areas/inbox.es";
import { transferEs } from "./areas/transfer.es";

export const es: Record<keyof typeof en, string> = { ...coreEs, ...decisionsEs, ...meetingsEs, ...federationEs, ...aidEs, ...pollsEs, ...inboxEs, ...transferEs };
