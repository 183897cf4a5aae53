import { describe, expect, it } from 'vitest';
import {
	buildHierarchyRows,
	HIERARCHY_BUILDER_DEFAULTS,
	HIERARCHY_BUILDERS,
	hierarchySpecProblems
} from '../../../../../src/lib/engine/hierarchy/builders';

describe('prefecture builder', () => {
	it('codes, both name forms and addresses → prefecture → 地方 → * (DOMAIN §5.1)', () => {
		const rows = buildHierarchyRows(['13', '東京', '東京都', '1', '京都府京都市左京区', '三重県', 'どこか'], {
			builder: 'prefecture'
		});
		expect(rows).toEqual([
			['13', '東京都', '関東', '*'],
			['東京', '東京都', '関東', '*'],
			['東京都', '東京都', '関東', '*'],
			['1', '北海道', '北海道', '*'],
			['京都府京都市左京区', '京都府', '近畿', '*'],
			['三重県', '三重県', '近畿', '*'],
			['どこか', '*', '*', '*']
		]);
	});

	it('addresses → 市区町村 → 郡/政令市 → prefecture (PPC 事例編)', () => {
		const rows = buildHierarchyRows(['神奈川県横浜市中区日本大通1', '北海道余市郡余市町朝日町4', '東京都'], {
			builder: 'prefecture',
			levels: ['municipality', 'city', 'prefecture']
		});
		expect(rows).toEqual([
			['神奈川県横浜市中区日本大通1', '神奈川県横浜市中区', '神奈川県横浜市', '神奈川県', '*'],
			['北海道余市郡余市町朝日町4', '北海道余市郡余市町', '北海道余市郡', '北海道', '*'],
			['東京都', '東京都', '東京都', '東京都', '*']
		]);
		expect(() =>
			buildHierarchyRows(['x'], { builder: 'prefecture', levels: ['prefecture', 'city'] })
		).toThrow('hierarchy.levels[1]: "city" cannot follow "prefecture"');
	});

	it('code labels and the 地方厚生局 grouping; the two groupings cannot be stacked', () => {
		const rows = buildHierarchyRows(['三重'], {
			builder: 'prefecture',
			levels: ['prefecture', 'kouseikyoku'],
			labels: 'code'
		});
		expect(rows).toEqual([['三重', '24', '東海北陸', '*']]);
		expect(() =>
			buildHierarchyRows(['三重'], { builder: 'prefecture', levels: ['prefecture', 'region', 'kouseikyoku'] })
		).toThrow(/cannot be stacked/);
	});
});

describe('sex builder', () => {
	it('merges the code schemes of DOMAIN §5.7', () => {
		const rows = buildHierarchyRows(['1', 'M', '女', 'female', '9', 'U', '?'], { builder: 'sex' });
		expect(rows.map((r) => r[1])).toEqual(['男性', '男性', '女性', '女性', 'その他', '不明', '不明']);
		expect(rows.every((r) => r.length === 3 && r[2] === '*')).toBe(true);
	});
});

describe('dispatcher', () => {
	it('names an unknown builder', () => {
		expect(() => buildHierarchyRows(['a'], { builder: 'magic' })).toThrow(
			'hierarchy.builder: expected one of interval, age, date, mask, groups, prefix, prefecture, sex, got "magic"'
		);
		expect(() => buildHierarchyRows(['a'], null)).toThrow('hierarchy: expected an object, got null');
	});

	it('has a valid default spec for every builder', () => {
		for (const name of HIERARCHY_BUILDERS) {
			const spec = HIERARCHY_BUILDER_DEFAULTS[name];
			expect(spec.builder).toBe(name);
			expect(hierarchySpecProblems(spec)).toEqual([]);
			const rows = buildHierarchyRows(['1', '13', '2019-05-01', 'E11.9', '男'], spec);
			expect(rows).toHaveLength(5);
		}
		expect(hierarchySpecProblems({ builder: 'mask', masked: [0] }, 'attributes.zip.hierarchy')).toEqual([
			'attributes.zip.hierarchy.masked[0]: expected a positive integer, got 0'
		]);
	});

	it('de-duplicates values', () => {
		expect(buildHierarchyRows(['1', '1', '2'], { builder: 'sex' }).map((r) => r[0])).toEqual(['1', '2']);
	});
});
