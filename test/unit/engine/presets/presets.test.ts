import { describe, expect, it } from 'vitest';
import { proposeRole } from '$lib/engine/jp/identifiers';
import { fillFromPreset, K_PRESETS, presetChecklist } from '$lib/engine/presets';

const columns = [
	{ name: '患者ID', values: Array.from({ length: 40 }, (_, i) => `P${String(i).padStart(7, '0')}`) },
	{ name: '氏名', values: Array.from({ length: 40 }, () => '山田　太郎') },
	{ name: '生年月日', values: Array.from({ length: 40 }, (_, i) => `19${50 + (i % 40)}-01-0${1 + (i % 9)}`) },
	{ name: '郵便番号', values: Array.from({ length: 40 }, (_, i) => `10${i % 10}-000${i % 10}`) },
	{
		name: '受診日',
		values: Array.from({ length: 40 }, (_, i) => `2024/04/${String(1 + (i % 28)).padStart(2, '0')}`)
	}
].map((c) => ({
	name: c.name,
	proposal: proposeRole(c.name, c.values, {
		distinctCount: new Set(c.values).size,
		rowCount: c.values.length
	})
}));

describe('presets', () => {
	it('k presets follow DOMAIN.md §2.4', () => {
		expect(K_PRESETS.map((p) => [p.k, p.maxRisk])).toEqual([
			[5, 0.2],
			[10, 0.1],
			[11, 0.09],
			[20, 0.05]
		]);
	});

	it('匿名加工: surrogate linking IDs, names removed, dates to year-month, ZIP3, k', () => {
		const filled = fillFromPreset('anonymous', columns, { k: 11 });
		expect(filled.attributes['患者ID']).toEqual({ role: 'identifying', treatment: 'surrogate' });
		expect(filled.attributes['氏名']).toEqual({ role: 'identifying', treatment: 'remove' });
		expect(filled.attributes['生年月日'].hierarchy).toEqual({
			builder: 'date',
			levels: ['month', 'year', 'years']
		});
		expect(filled.transformation['生年月日']).toBe(1);
		expect(filled.transformation['受診日']).toBe(1);
		expect(filled.transformation['郵便番号']).toBe(1);
		expect(filled.privacy).toEqual([{ model: 'k-anonymity', k: 11 }]);
	});

	it('仮名加工: keyed pseudonyms, values kept, no privacy model', () => {
		const filled = fillFromPreset('pseudonymous', columns);
		expect(filled.attributes['患者ID'].treatment).toBe('pseudonym');
		expect(Object.values(filled.transformation).every((l) => l === 0)).toBe(true);
		expect(filled.privacy).toEqual([]);
	});

	it('HIPAA: dates to the year, ZIP3', () => {
		const filled = fillFromPreset('hipaa', columns);
		expect(filled.attributes['生年月日'].hierarchy).toEqual({ builder: 'date', levels: ['year', 'years'] });
		expect(filled.transformation['生年月日']).toBe(1);
		expect(filled.attributes['郵便番号'].hierarchy).toMatchObject({ builder: 'mask', masked: [4, 7] });
		expect(filled.attributes['患者ID'].treatment).toBe('remove');
	});

	it('the checklist follows the data and the decisions', () => {
		const filled = fillFromPreset('anonymous', columns);
		const done = presetChecklist('anonymous', {
			columns,
			attributes: filled.attributes,
			peculiar: { found: 2, decided: 2 },
			anonymous: true
		});
		expect(done.map((i) => i.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
		const open = presetChecklist('anonymous', {
			columns,
			attributes: { ...filled.attributes, 氏名: { role: 'insensitive' } },
			peculiar: { found: 3, decided: 1 },
			anonymous: false
		});
		expect(open.find((i) => i.id === 'identifiers')).toMatchObject({ status: 'todo', pending: ['氏名'] });
		expect(open.find((i) => i.id === 'peculiar')).toMatchObject({ status: 'todo', pending: ['2'] });
		expect(open.find((i) => i.id === 'risk')?.status).toBe('todo');
		const unsearched = presetChecklist('anonymous', {
			columns,
			attributes: filled.attributes,
			peculiar: { found: 0, decided: 0, searched: false },
			anonymous: true
		});
		expect(unsearched.find((i) => i.id === 'peculiar')?.status).toBe('todo');
		expect(
			presetChecklist('pseudonymous', {
				columns,
				attributes: filled.attributes,
				peculiar: { found: 0, decided: 0 },
				anonymous: null
			})
		).toHaveLength(3);
	});
});
