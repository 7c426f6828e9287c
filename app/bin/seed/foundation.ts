import { transaction } from "~/db.server";
import { CHARTER_PRESETS, defaultCharter } from "~/lib/charter";
import { foundAssembly } from "~/models/assembly.server";
import { addMember, type InviteRole } from "~/models/membership.server";
import { hashPassword, insertUser, updateProfile } from "~/models/user.server";

export const DEMO_PASSWORD = "plenary-demo";

export type SeedUser = { id: string; username: string; displayName: string };
export type SeedContext = {
  now: number;
  users: Record<string, SeedUser>;
  assemblies: Record<string, { id: string; slug: string; name: string }>;
  /** "username — what they are", printed at the end. */
  logins: string[];
};

type PersonSpec = [username: string, name: string, gender: string | null];

const ELM: PersonSpec[] = [
  ["maria", "María López", "woman"],
  ["kofi", "Kofi Mensah", "man"],
  ["aiyana", "Aiyana Redcloud", "woman"],
  ["dmitri", "Dmitri Volkov", "man"],
  ["lucia", "Lucía Fernández", "woman"],
  ["sam", "Sam Okafor", "nonbinary"],
  ["grace", "Grace Liu", "woman"],
  ["tomas", "Tomás Rivera", "man"],
  ["fatima", "Fatima Haddad", "woman"],
  ["jin", "Jin Park", "man"],
  ["rosa", "Rosa Martínez", "woman"],
  ["ahmed", "Ahmed Yusuf", "man"],
  ["olga", "Olga Ivanova", "woman"],
  ["pedro", "Pedro Sánchez", "man"],
  ["nia", "Nia Williams", "woman"],
  ["vik", "Vikram Shah", "man"],
];
const RIVERSIDE: PersonSpec[] = [
  ["carmen", "Carmen Ortiz", "woman"],
  ["ben", "Ben Cohen", "man"],
  ["amara", "Amara Diallo", "woman"],
  ["luis", "Luis Moreno", "man"],
  ["hana", "Hana Sato", "woman"],
  ["omar", "Omar Farouk", "man"],
  ["ines", "Inés Castillo", "woman"],
  ["theo", "Theo Baptiste", "man"],
  ["zoe", "Zoe Adams", "woman"],
  ["ravi", "Ravi Kumar", "man"],
  ["eli", "Eli Brooks", null],
  ["marta", "Marta Nowak", "woman"],
];
const BAKERS: PersonSpec[] = [
  ["yara", "Yara Haddad", "woman"],
  ["chen", "Chen Wei", "man"],
  ["ada", "Ada Obi", "woman"],
  ["felix", "Félix Duarte", "man"],
  ["noor", "Noor Rahman", "woman"],
  ["jon", "Jon Eriksen", "man"],
];

/** People, three assemblies with every role, and their charters. */
export async function seedFoundation(now: number): Promise<SeedContext> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ctx: SeedContext = { now, users: {}, assemblies: {}, logins: [] };
  transaction(() => {
    for (const [username, displayName, gender] of [...ELM, ...RIVERSIDE, ...BAKERS]) {
      const u = insertUser({ username, displayName, passwordHash, locale: ["lucia", "carmen", "tomas", "ines", "felix"].includes(username) ? "es" : "en" })!;
      if (gender) updateProfile(u.id, { displayName, locale: u.locale ?? "en", gender });
      ctx.users[username] = { id: u.id, username, displayName };
    }
    const bodies: Array<{ key: string; name: string; slug: string; kind: string; description: string; charter: ReturnType<typeof defaultCharter>; people: PersonSpec[]; roles: Record<string, InviteRole> }> = [
      {
        key: "elm",
        name: "Elm Street Tenants Union",
        slug: "elm-street-tenants",
        kind: "tenant_union",
        description: "Tenants of 12–40 Elm Street organising for repairs, fair rents and a say in the building.",
        charter: structuredClone(CHARTER_PRESETS.modified_consensus),
        people: ELM,
        roles: { kofi: "facilitator", aiyana: "steward", vik: "observer", nia: "observer" },
      },
      {
        key: "riverside",
        name: "Riverside Neighborhood Assembly",
        slug: "riverside",
        kind: "neighborhood_assembly",
        description: "Open assembly of the Riverside neighborhood: parks, safety, the Thursday market.",
        charter: structuredClone(CHARTER_PRESETS.two_thirds),
        people: RIVERSIDE,
        roles: { ben: "facilitator", marta: "observer" },
      },
      {
        key: "bakers",
        name: "Northside Bakers' Co-op",
        slug: "northside-bakers",
        kind: "worker_coop",
        description: "A worker-owned bakery. One worker, one vote.",
        charter: structuredClone(CHARTER_PRESETS.simple_majority),
        people: BAKERS,
        roles: { chen: "facilitator" },
      },
    ];
    for (const b of bodies) {
      const [founder, ...rest] = b.people;
      const a = foundAssembly({ name: b.name, kind: b.kind, slug: b.slug, description: b.description, charter: b.charter, founderId: ctx.users[founder[0]].id })!;
      ctx.assemblies[b.key] = { id: a.id, slug: a.slug, name: a.name };
      ctx.logins.push(`${founder[0].padEnd(8)} — ${b.name}: steward and facilitator (founder)`);
      for (const [username] of rest) {
        const role = b.roles[username] ?? "member";
        addMember(a.id, ctx.users[username].id, role);
        if (b.roles[username]) ctx.logins.push(`${username.padEnd(8)} — ${b.name}: ${role}`);
      }
    }
    // Someone in two assemblies, to show moving between them.
    addMember(ctx.assemblies.riverside.id, ctx.users.maria.id, "member");
    ctx.logins.push(`${"lucia".padEnd(8)} — ${"Elm Street Tenants Union"}: member (uses Spanish)`);
    ctx.logins.push(`${"grace".padEnd(8)} — ${"Elm Street Tenants Union"}: member`);
  });
  return ctx;
}
