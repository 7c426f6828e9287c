/**
 * Set-up for the decisions tests: an assembly with a founder and N voting members, made
 * through the real models (no password hashing for the crowd, so 200 members stay quick).
 */
import { foundAssembly } from "~/models/assembly.server";
import { addMember, type InviteRole } from "~/models/membership.server";
import { insertUser } from "~/models/user.server";
import { startSession } from "~/web/session.server";
import { defaultCharter, type Charter } from "~/lib/charter";
import { makeRequest } from "./remix";

let seq = 0;

export type Member = { id: string; username: string; cookie: string };

export async function quickPerson(prefix: string): Promise<Member> {
  seq++;
  const username = `${prefix}${seq}`.toLowerCase();
  const user = insertUser({ username, displayName: `${prefix} ${seq}`, passwordHash: "not-a-real-hash" })!;
  const setCookie = await startSession(makeRequest("/"), user.id);
  return { id: user.id, username, cookie: setCookie.split(";")[0] };
}

export async function assemblyWith(opts: { members: number; charter?: Charter; observers?: number; facilitators?: number; prefix?: string }) {
  const prefix = opts.prefix ?? "m";
  const founder = await quickPerson(`${prefix}founder`);
  seq++;
  const slug = `asm-${prefix}-${seq}`.toLowerCase();
  const assembly = foundAssembly({ name: `Assembly ${seq}`, kind: "tenant_union", slug, description: "", charter: opts.charter ?? defaultCharter(), founderId: founder.id })!;
  const add = async (n: number, role: InviteRole, p: string) => {
    const out: Member[] = [];
    for (let i = 0; i < n; i++) {
      const m = await quickPerson(p);
      addMember(assembly.id, m.id, role);
      out.push(m);
    }
    return out;
  };
  // The founder is a voting member too, so the electorate is members + 1.
  const members = await add(opts.members, "member", `${prefix}mem`);
  const observers = await add(opts.observers ?? 0, "observer", `${prefix}obs`);
  const facilitators = await add(opts.facilitators ?? 0, "facilitator", `${prefix}fac`);
  return { assembly, slug, founder, members, observers, facilitators };
}
