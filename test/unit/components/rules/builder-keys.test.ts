import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGE_BAND_SETS } from '../../../../src/lib/engine/jp/age-bands';
import { en, ja } from '../../../../src/lib/i18n/messages';
import { AGE_PRESETS, DATE_LEVEL_ORDER, DATE_PRESETS } from '../../../../src/lib/components/rules/spec-form';

const dir = 'src/lib/components/rules';
const sources = [
	...readdirSync(dir)
		.filter((f) => f.endsWith('.svelte') || f.endsWith('.ts'))
		.map((f) => readFileSync(join(dir, f), 'utf8')),
	readFileSync('src/lib/components/RuleEditor.svelte', 'utf8')
];

describe('builder form messages', () => {
	it('every literal key the forms use is in both catalogs', () => {
		const keys = new Set(
			sources.flatMap((s) => [...s.matchAll(/'((?:builder|rules)\.[\w.-]+)'/g)].map((m) => m[1]))
		);
		expect(keys.size).toBeGreaterThan(100);
		for (const key of keys) {
			expect(Object.keys(ja), key).toContain(key);
			expect(Object.keys(en), key).toContain(key);
		}
	});

	it('every key built at run time exists: band sets, presets, date levels and their examples', () => {
		const built = [
			...AGE_BAND_SETS.map((s) => `builder.age.set.${s}`),
			...Object.keys(AGE_PRESETS).map((id) => `builder.age.preset.${id}`),
			...Object.keys(DATE_PRESETS).map((id) => `builder.date.preset.${id}`),
			...DATE_LEVEL_ORDER.flatMap((l) => [`builder.date.level.${l}`, `builder.date.example.${l}`]),
			...['code', 'category', 'block', 'chapter'].map((l) => `builder.prefix.icd.${l}`),
			...['bottom', 'top', 'origin'].map((f) => `builder.interval.${f}`)
		];
		for (const key of built) expect(Object.keys(ja), key).toContain(key);
	});
});
