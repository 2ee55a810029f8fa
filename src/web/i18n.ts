/** Every language Convene speaks; staff pages use only STAFF_LOCALES. */
export const LOCALES = ['zh', 'en', 'ko', 'ja'] as const;
/** A supported language code. */
export type Locale = (typeof LOCALES)[number];
/** Languages of the staff interface. */
export const STAFF_LOCALES = ['zh', 'en'] as const satisfies readonly Locale[];
/** Parameters interpolated into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;
/** Translate a key into the current language. */
export type Translate = (key: string, params?: MessageParams) => string;

/** A component's messages: complete in en and zh, optional in ko and ja (public pages only). */
export interface ComponentMessages<K extends string> {
  en: Record<K, string>;
  zh: Record<NoInfer<K>, string>;
  ko?: Partial<Record<NoInfer<K>, string>>;
  ja?: Partial<Record<NoInfer<K>, string>>;
}

/** Declare a component's messages; the compiler checks zh has every en key. */
export function defineMessages<K extends string>(messages: ComponentMessages<K>): ComponentMessages<K> {
  return messages;
}

const catalogue: Record<Locale, Map<string, string>> = {
  zh: new Map(),
  en: new Map(),
  ko: new Map(),
  ja: new Map(),
};

/** Add a component's messages to the shared catalogue (called once per component at start). */
export function registerMessages(messages: ComponentMessages<string>): void {
  for (const locale of LOCALES) {
    for (const [key, text] of Object.entries(messages[locale] ?? {})) {
      if (text !== undefined) catalogue[locale].set(key, text);
    }
  }
}

/** Every key known in a language (for completeness tests). */
export function listMessageKeys(locale: Locale): string[] {
  return [...catalogue[locale].keys()];
}

/** Whether a string is a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function interpolate(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Look up a key: the language, then English; an unknown key is returned as-is so a message still shows. */
export function translate(locale: Locale, key: string, params?: MessageParams): string {
  const text = catalogue[locale].get(key) ?? catalogue.en.get(key);
  return interpolate(text ?? key, params);
}

/** A translate function bound to one language. */
export function translatorFor(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** Pick the best supported language from an Accept-Language header. */
export function negotiateLocale(header: string | undefined, allowed: readonly Locale[]): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.lang && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.lang).find((lang): lang is Locale => (allowed as readonly string[]).includes(lang));
}
