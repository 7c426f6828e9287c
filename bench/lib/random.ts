/**
 * A seeded random source, so two runs of the benchmark generate the same data set and
 * their figures can be compared.
 */
import crypto from "node:crypto";

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  /** mulberry32: small, fast, good enough for test data. */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** Picks by weight: `pickWeighted([["a", 3], ["b", 1]])` is "a" three times in four. */
  pickWeighted<T>(xs: ReadonlyArray<readonly [T, number]>): T {
    const total = xs.reduce((a, [, w]) => a + w, 0);
    let r = this.next() * total;
    for (const [x, w] of xs) {
      r -= w;
      if (r < 0) return x;
    }
    return xs[xs.length - 1][0];
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
  /** `k` distinct elements, in random order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    if (k >= xs.length) return this.shuffle([...xs]);
    const idx = new Set<number>();
    while (idx.size < k) idx.add(Math.floor(this.next() * xs.length));
    return [...idx].map((i) => xs[i]);
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }
  /** Same shape as the app's newId(): 15 bytes, base64url. */
  id(): string {
    return this.bytes(15).toString("base64url");
  }
  hex(n: number): string {
    return this.bytes(n).toString("hex");
  }
}

export function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

const FIRST = [
  "María", "Kofi", "Aiyana", "Dmitri", "Lucía", "Sam", "Grace", "Tomás", "Fatima", "Jin", "Rosa", "Ahmed", "Olga", "Pedro", "Nia", "Vikram",
  "Carmen", "Ben", "Amara", "Luis", "Hana", "Omar", "Elena", "Yusuf", "Ana", "Kwame", "Sofía", "Ravi", "Ingrid", "Diego", "Mei", "Joseph",
  "Leila", "Mateo", "Zainab", "Pablo", "Aroha", "Noor", "Gabriel", "Ayesha", "Iván", "Chloé", "Tariq", "Marta", "Kenji", "Adaeze", "Rafael", "Sara",
];
const LAST = [
  "López", "Mensah", "Redcloud", "Volkov", "Fernández", "Okafor", "Liu", "Rivera", "Haddad", "Park", "Martínez", "Yusuf", "Ivanova", "Sánchez",
  "Williams", "Shah", "Ortiz", "Cohen", "Diallo", "García", "Tanaka", "Farouk", "Popescu", "Demir", "Silva", "Asante", "Morales", "Iyer",
  "Larsen", "Castro", "Chen", "Baptiste", "Nasser", "Romero", "Bello", "Gómez", "Ngata", "Rahman", "Costa", "Siddiqui", "Petrov", "Moreau",
];
export function personName(r: Rng): string {
  return `${r.pick(FIRST)} ${r.pick(LAST)}`;
}

const TOPICS = [
  "rent strike fund", "repairs on the east stairwell", "heating complaints to the landlord", "a shared tool library", "the community garden rota",
  "childcare during assemblies", "translation at meetings", "a solidarity fund for evicted neighbours", "the bulk food order", "the winter coat drive",
  "a mural on the courtyard wall", "bike storage in the basement", "a noise agreement for the summer", "joining the citywide tenants' council",
  "the co-op's pay scale", "a four-day week trial", "buying a second van", "the delivery routes", "safety training for new members", "the annual budget",
  "a statement on the rezoning plan", "a phone tree for emergencies", "opening hours of the pantry", "the newsletter in three languages", "a quiet room",
];
const SENTENCES = [
  "We discussed this at the last two assemblies and most people agreed it needs a decision.",
  "The working group met three times and brings this text back with the changes people asked for.",
  "Costs are covered by the solidarity fund; the treasurer checked the figures.",
  "Anyone who cannot attend in person can vote on their phone until the deadline.",
  "If this passes, the working group reports back in six weeks.",
  "Neighbours on the ground floor raised concerns about access, which this version addresses.",
  "We propose to try this for three months and review it at the assembly after that.",
  "This does not change the charter; it is a decision under the current rules.",
  "Translation will be provided in Spanish and Arabic.",
  "The landlord has not answered our last two letters, so we need to escalate.",
  "Members who do the work should decide how it is shared.",
  "The council asked every member assembly to discuss this before the next council meeting.",
];
const COMMENTS = [
  "I support this, but can we make sure the rota is shared fairly?",
  "Thanks for the work on this. One question: who keeps the keys?",
  "I'm worried about the cost. Is there a cheaper option?",
  "Agree. We tried something similar in 2019 and it worked well.",
  "Could the text say who is responsible for the review?",
  "Please add that people with disabilities are consulted first.",
  "+1, let's not wait another month.",
  "I will stand aside on this one; I don't think it's urgent, but I won't stop it.",
  "The second paragraph contradicts what we decided in March.",
  "Can someone translate the summary for the Friday group?",
  "Good idea. I can help with the first shift.",
  "What happens if the landlord refuses?",
];

export function topic(r: Rng): string {
  return r.pick(TOPICS);
}

export function paragraphs(r: Rng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = r.int(2, 4);
    const s: string[] = [];
    for (let j = 0; j < k; j++) s.push(r.pick(SENTENCES));
    out.push(s.join(" "));
  }
  return out.join("\n\n");
}

export function proposalBody(r: Rng, title: string): string {
  return `## ${title}\n\n${paragraphs(r, r.int(2, 4))}\n\n- ${r.pick(SENTENCES)}\n- ${r.pick(SENTENCES)}\n\n**Why now:** ${r.pick(SENTENCES)}`;
}

export function comment(r: Rng): string {
  return r.chance(0.3) ? `${r.pick(COMMENTS)} ${r.pick(COMMENTS)}` : r.pick(COMMENTS);
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export function code(r: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += CODE_ALPHABET[Math.floor(r.next() * CODE_ALPHABET.length)];
  return s;
}
