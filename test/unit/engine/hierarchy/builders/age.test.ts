import { describe, expect, it } from 'vitest';
import { buildHierarchyRows } from '../../../../../src/lib/engine/hierarchy/builders';

describe('age builder', () => {
	it('5y → 10y → 20y with 90歳以上 by default (DOMAIN §5.3)', () => {
		const rows = buildHierarchyRows(['0', '24', '89', '90', '116', 'x', '-1'], { builder: 'age' });
		expect(rows).toEqual([
			['0', '0-4歳', '0-9歳', '0-19歳', '*'],
			['24', '20-24歳', '20-29歳', '20-39歳', '*'],
			['89', '85-89歳', '80-89歳', '80-89歳', '*'],
			['90', '90歳以上', '90歳以上', '90歳以上', '*'],
			['116', '90歳以上', '90歳以上', '90歳以上', '*'],
			['x', '不明', '不明', '不明', '*'],
			['-1', '不明', '不明', '不明', '*']
		]);
	});

	it('PPC band sets with English labels and a 100+ top code', () => {
		const rows = buildHierarchyRows(['14', '19', '72', '101'], {
			builder: 'age',
			levels: ['5y', 'ppc15', 'ppc7'],
			top: 100,
			style: 'en'
		});
		expect(rows).toEqual([
			['14', '10-14', '<15', '<20', '*'],
			['19', '15-19', '15-19', '<20', '*'],
			['72', '70-74', '70-74', '70+', '*'],
			['101', '100+', '80+', '70+', '*']
		]);
	});

	it('insurance bands', () => {
		const rows = buildHierarchyRows(['5', '6', '64', '70', '75'], {
			builder: 'age',
			levels: ['jp_insurance']
		});
		expect(rows.map((r) => r[1])).toEqual(['0-5歳', '6-14歳', '40-64歳', '70-74歳', '75歳以上']);
	});

	it('rejects band sets that split the previous level', () => {
		expect(() => buildHierarchyRows(['1'], { builder: 'age', levels: ['10y', '5y'] })).toThrow(
			'hierarchy.levels[1]: "5y" does not merge whole bands of "10y" (cut at 5)'
		);
		expect(() => buildHierarchyRows(['1'], { builder: 'age', levels: ['ppc15', 'jp_insurance'] })).toThrow(
			/does not merge whole bands/
		);
	});
});
