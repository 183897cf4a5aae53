import { describe, expect, it } from 'vitest';
import { groupByGeneralized } from '../../../workers/compare-groups';

describe('compare grouped by generalized value', () => {
	// Rows: 東京都 ×3, 神奈川県 ×2, 大阪府 ×2, 京都府 ×1 → 関東 / 近畿.
	const source = {
		name: '都道府県',
		values: ['東京都', '神奈川県', '大阪府', '京都府'],
		codes: Int32Array.of(0, 0, 1, 2, 0, 1, 2, 3)
	};
	const region = (code: number) => (code < 2 ? 0 : 1);

	it('counts each original under its generalized value, most frequent first', () => {
		const generalized = { values: ['関東', '近畿'], codes: Int32Array.from(source.codes, region) };
		const { groups, otherGroups } = groupByGeneralized(source, null, generalized, () => true, 10, 10);
		expect(groups).toEqual([
			{
				label: '関東',
				count: 5,
				distinct: 2,
				members: [
					{ label: '東京都', count: 3 },
					{ label: '神奈川県', count: 2 }
				],
				otherMembers: 0
			},
			{
				label: '近畿',
				count: 3,
				distinct: 2,
				members: [
					{ label: '大阪府', count: 2 },
					{ label: '京都府', count: 1 }
				],
				otherMembers: 0
			}
		]);
		expect(otherGroups).toEqual({ values: 0, count: 0 });
	});

	it('skips rows not analysed and rows suppressed, and sums what is past the top', () => {
		// Row 1 was removed by a peculiar-value decision: the analysed table has 7 rows.
		const keep = Uint8Array.of(1, 0, 1, 1, 1, 1, 1, 1);
		const analysed = Int32Array.from(
			[...source.codes].filter((_, r) => keep[r]),
			region
		);
		const generalized = { values: ['関東', '近畿'], codes: analysed };
		// Analysed row 6 (source row 7, 京都府) is suppressed by the transformation.
		const { groups, otherGroups } = groupByGeneralized(source, keep, generalized, (j) => j !== 6, 1, 1);
		expect(groups).toEqual([
			{ label: '関東', count: 4, distinct: 2, members: [{ label: '東京都', count: 2 }], otherMembers: 2 }
		]);
		expect(otherGroups).toEqual({ values: 1, count: 2 });
	});
});
