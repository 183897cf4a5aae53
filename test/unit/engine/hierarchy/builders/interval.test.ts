import { describe, expect, it } from 'vitest';
import { buildHierarchyRows } from '../../../../../src/lib/engine/hierarchy/builders';
import { parseNumber } from '../../../../../src/lib/engine/hierarchy/builders/interval';

const codeOf = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		return { code: (e as { code?: string }).code, message: (e as Error).message };
	}
	return undefined;
};

describe('interval builder', () => {
	it('bands by width with top coding and a missing group', () => {
		const rows = buildHierarchyRows(['23', '37', '91', '116', '', '不明', '0'], {
			builder: 'interval',
			levels: [{ width: 10 }, { width: 20 }],
			top: 90,
			aboveLabel: '{n}歳以上',
			missing: '不明'
		});
		expect(rows).toEqual([
			['23', '20-29', '20-39', '*'],
			['37', '30-39', '20-39', '*'],
			['91', '90歳以上', '90歳以上', '*'],
			['116', '90歳以上', '90歳以上', '*'],
			['', '不明', '不明', '*'],
			['不明', '不明', '不明', '*'],
			['0', '0-9', '0-19', '*']
		]);
	});

	it('bottom codes and clips bands that cross the bottom or top', () => {
		// bands of width 10 from origin 0, clipped at bottom 15 and top 85: 12 → <15, 15 → 15-19, 84 → 80-84
		const rows = buildHierarchyRows(['12', '15', '84', '85'], {
			builder: 'interval',
			levels: [{ width: 10 }],
			origin: 0,
			bottom: 15,
			top: 85
		});
		expect(rows.map((r) => r[1])).toEqual(['<15', '15-19', '80-84', '85+']);
	});

	it('uses explicit cut points and [a, b) labels for non-integer data', () => {
		const rows = buildHierarchyRows(['5.5', '6.4', '7.0', '12'], {
			builder: 'interval',
			levels: [{ cuts: [6, 6.5, 7] }, { cuts: [6.5] }]
		});
		expect(rows).toEqual([
			['5.5', '<6', '<6.5', '*'],
			['6.4', '[6, 6.5)', '<6.5', '*'],
			['7.0', '7+', '6.5+', '*'],
			['12', '7+', '6.5+', '*']
		]);
	});

	it('adds a unit and can force interval labels', () => {
		const unit = buildHierarchyRows(['3'], { builder: 'interval', levels: [{ width: 5 }], unit: '歳' });
		expect(unit[0][1]).toBe('0-4歳');
		const forced = buildHierarchyRows(['3'], {
			builder: 'interval',
			levels: [{ width: 5 }],
			format: 'interval'
		});
		expect(forced[0][1]).toBe('[0, 5)');
	});

	it('writes negative bands as intervals', () => {
		const rows = buildHierarchyRows(['-5', '5'], { builder: 'interval', levels: [{ width: 10 }] });
		expect(rows.map((r) => r[1])).toEqual(['[-10, 0)', '0-9']);
	});

	it('parses Japanese-style numbers', () => {
		expect(parseNumber('１２３')).toBe(123);
		expect(parseNumber(' 1,234.5 ')).toBe(1234.5);
		expect(parseNumber('-3')).toBe(-3);
		expect(parseNumber('12歳')).toBeNull();
		expect(parseNumber('')).toBeNull();
	});

	it('rejects specs that do not coarsen, naming the field', () => {
		expect(
			codeOf(() => buildHierarchyRows(['1'], { builder: 'interval', levels: [{ width: 10 }, { width: 15 }] }))
		).toEqual({
			code: 'BAD_HIERARCHY',
			message: "hierarchy.levels[1].width: 15 is not a multiple of the previous level's width 10"
		});
		expect(
			codeOf(() =>
				buildHierarchyRows(['1'], { builder: 'interval', levels: [{ cuts: [10, 20] }, { cuts: [15] }] })
			)?.message
		).toBe('hierarchy.levels[1].cuts: cut 15 splits a band of the previous level');
		expect(
			codeOf(() => buildHierarchyRows(['1'], { builder: 'interval', levels: [{ width: -1 }] }))?.message
		).toBe('hierarchy.levels[0].width: expected a positive number, got -1');
		expect(
			codeOf(() => buildHierarchyRows(['1'], { builder: 'interval', levels: [], top: 3 }))?.message
		).toBe('hierarchy.levels: expected a non-empty array, got []');
		expect(
			codeOf(() => buildHierarchyRows(['1'], { builder: 'interval', levels: [{ width: 1 }], widht: 3 }))
				?.message
		).toMatch(/hierarchy\.widht: unknown option/);
		expect(
			codeOf(() => buildHierarchyRows(['x'], { builder: 'interval', levels: [{ width: 1 }], strict: true }))
		).toEqual({ code: 'BAD_HIERARCHY', message: 'interval builder: value "x" is not a number' });
	});
});
