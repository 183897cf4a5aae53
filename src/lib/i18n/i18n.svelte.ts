import { getContext, setContext } from 'svelte';
import { catalogs, locales, type Locale, type MessageKey } from './messages';

export type Params = Record<string, string | number>;

const STORAGE_KEY = 'tokumei.locale';

/** Fills `{name}` placeholders; numbers are formatted for the locale (20000 → 20,000). */
export function format(template: string, params: Params | undefined, locale: Locale): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
		const value = params[name];
		if (value === undefined) return whole;
		return typeof value === 'number' ? value.toLocaleString(locale) : value;
	});
}

/** The first language the browser prefers that we have a catalog for; English otherwise. */
export function preferredLocale(languages: readonly string[]): Locale {
	for (const tag of languages) {
		const base = tag.toLowerCase().split('-')[0];
		const hit = locales.find((l) => l === base);
		if (hit) return hit;
	}
	return 'en';
}

export class I18n {
	locale = $state<Locale>('ja');

	/** Called once in the browser: a saved choice wins over the browser's preference. */
	detect(): void {
		let saved: string | null = null;
		try {
			saved = localStorage.getItem(STORAGE_KEY);
		} catch {
			// Storage can be blocked (private mode policies); the browser preference still applies.
		}
		this.locale = locales.includes(saved as Locale)
			? (saved as Locale)
			: preferredLocale(navigator.languages);
	}

	set(locale: Locale): void {
		this.locale = locale;
		try {
			localStorage.setItem(STORAGE_KEY, locale);
		} catch {
			// Not persisted; the choice still applies to this page.
		}
	}

	/** For keys built at run time (e.g. from an error code): is there a message for it? */
	has(key: string): key is MessageKey {
		return Object.hasOwn(catalogs[this.locale], key);
	}

	t = (key: MessageKey, params?: Params): string => format(catalogs[this.locale][key], params, this.locale);

	number = (value: number): string => value.toLocaleString(this.locale);

	bytes = (value: number): string => {
		const units = ['B', 'KB', 'MB', 'GB', 'TB'];
		let v = value;
		let u = 0;
		while (v >= 1024 && u < units.length - 1) {
			v /= 1024;
			u++;
		}
		return `${v.toLocaleString(this.locale, { maximumFractionDigits: u === 0 ? 0 : 1 })} ${units[u]}`;
	};
}

const KEY = Symbol('i18n');

export function setI18n(i18n: I18n): I18n {
	return setContext(KEY, i18n);
}

export function getI18n(): I18n {
	const i18n = getContext<I18n | undefined>(KEY);
	if (!i18n) throw new Error('getI18n() called outside a component tree that called setI18n()');
	return i18n;
}
