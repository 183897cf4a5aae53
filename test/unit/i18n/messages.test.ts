import { describe, expect, it } from 'vitest';
import { en, ja } from '../../../src/lib/i18n/messages';
import { format, preferredLocale } from '../../../src/lib/i18n/i18n.svelte';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
	it('have the same keys and the same placeholders in Japanese and English', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
		for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
			expect(en[key].trim(), key).not.toBe('');
			expect(placeholders(en[key]), key).toEqual(placeholders(ja[key]));
		}
	});

	it('has a message for every import error and warning code of the engine', async () => {
		const source = await import('node:fs').then((fs) =>
			fs.readFileSync('src/lib/engine/table/import-error.ts', 'utf8')
		);
		const union = (name: string) =>
			[...(source.match(new RegExp(`type ${name} =([^;]+);`))?.[1] ?? '').matchAll(/'(\w+)'/g)].map(
				(m) => m[1]
			);
		const errors = union('ImportErrorCode');
		const warnings = union('ImportWarningCode');
		expect(errors.length).toBeGreaterThan(3);
		for (const code of errors) expect(Object.keys(ja)).toContain(`error.${code}`);
		for (const code of warnings) expect(Object.keys(ja)).toContain(`warning.${code}`);
	});
});

describe('locale helpers', () => {
	it('picks the first preferred language with a catalog', () => {
		expect(preferredLocale(['ja-JP', 'en-US'])).toBe('ja');
		expect(preferredLocale(['fr-FR', 'en-GB', 'ja'])).toBe('en');
		expect(preferredLocale(['de'])).toBe('en');
	});

	it('fills placeholders and groups numbers for the locale', () => {
		expect(format('{rows} 行 × {cols} 列', { rows: 20000, cols: 12 }, 'ja')).toBe('20,000 行 × 12 列');
		expect(format('{missing} stays', {}, 'en')).toBe('{missing} stays');
	});
});
