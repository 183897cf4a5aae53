import { describe, expect, it } from 'vitest';
import { buildHierarchyRows } from '../../../../../src/lib/engine/hierarchy/builders';

describe('groups builder', () => {
	it('consecutive groups in natural order, labelled by the values they span', () => {
		const rows = buildHierarchyRows(['10', '2', '1', '3', '20'], {
			builder: 'groups',
			levels: [{ size: 2 }, { size: 2 }]
		});
		// natural order 1 2 3 10 20 → {1,2} {3,10} {20} → {1..10} {20}
		expect(rows).toEqual([
			['10', '3-10', '1-10', '*'],
			['2', '1-2', '1-10', '*'],
			['1', '1-2', '1-10', '*'],
			['3', '3-10', '1-10', '*'],
			['20', '20', '20', '*']
		]);
	});

	it('explicit order', () => {
		const rows = buildHierarchyRows(['軽症', '重症', '中等症'], {
			builder: 'groups',
			order: ['軽症', '中等症', '重症'],
			levels: [{ size: 2 }]
		});
		expect(rows.map((r) => r[1])).toEqual(['軽症-中等症', '重症', '軽症-中等症']);
		expect(() =>
			buildHierarchyRows(['軽症', '死亡'], { builder: 'groups', order: ['軽症'], levels: [{ size: 2 }] })
		).toThrow('groups builder: value "死亡" is not in "order"');
	});

	it('explicit mappings, chained, with an "other" group', () => {
		const rows = buildHierarchyRows(['入院', '外来', '在宅', ''], {
			builder: 'groups',
			levels: [
				{ groups: { 入院: ['入院'], 入院外: ['外来', '在宅'] } },
				{ map: { 入院: '医療', 入院外: '医療' } }
			],
			missing: '不明'
		});
		expect(rows).toEqual([
			['入院', '入院', '医療', '*'],
			['外来', '入院外', '医療', '*'],
			['在宅', '入院外', '医療', '*'],
			['', '不明', '不明', '*']
		]);
		const other = buildHierarchyRows(['a', 'b'], {
			builder: 'groups',
			levels: [{ map: { a: 'A' } }],
			other: 'その他'
		});
		expect(other.map((r) => r[1])).toEqual(['A', 'その他']);
	});

	it('names unmapped values and conflicting groups', () => {
		expect(() =>
			buildHierarchyRows(['a', 'b'], { builder: 'groups', levels: [{ map: { a: 'A' } }] })
		).toThrow('groups builder: "b" is not mapped to a group (add it or set "other")');
		expect(() =>
			buildHierarchyRows(['a'], { builder: 'groups', levels: [{ groups: { X: ['a'], Y: ['a'] } }] })
		).toThrow('hierarchy.levels[0].groups: "a" is in both "X" and "Y"');
		expect(() => buildHierarchyRows(['a'], { builder: 'groups', levels: [{ size: 1 }] })).toThrow(
			'hierarchy.levels[0].size: a group must hold at least 2 values, got 1'
		);
	});
});
