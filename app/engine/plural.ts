/**
 * Counted words in the engine's explanations, in each language's own plural forms.
 *
 * The forms are the CLDR plural categories that ICU message format uses (`one`, `other`,
 * and `zero`/`two`/`few`/`many` where a language has them); the category for a number comes
 * from ECMA-402's Intl.PluralRules, part of the language, so the engine stays pure. The app's
 * catalogues write the same thing as `{n, plural, one {# seat} other {# seats}}`
 * (docs/decisions/017-words-and-results.md). `#` stands for the number.
 */
export type PluralForms = { other: string; one?: string; zero?: string; two?: string; few?: string; many?: string };

const rules = new Map<string, Intl.PluralRules>();

export function plural(lang: "en" | "es", n: number, forms: PluralForms): string {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  const form = forms[r.select(n) as keyof PluralForms] ?? forms.other;
  return form.replace(/#/g, String(n));
}
