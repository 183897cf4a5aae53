// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
	drawGroupedBeforeAfterChart,
	groupedRows,
	type MergedValue
} from '../../../../src/lib/components/charts/before-after-chart';
import { newSvg, texts } from './svg-helpers';

const groups: MergedValue[] = [
	{
		label: '関東',
		count: 100,
		distinct: 4,
		members: [
			{ label: '東京都', count: 50 },
			{ label: '神奈川県', count: 30 }
		],
		otherMembers: 20
	},
	{
		label: '近畿',
		count: 40,
		distinct: 2,
		members: [
			{ label: '大阪府', count: 25 },
			{ label: '京都府', count: 15 }
		],
		otherMembers: 0
	},
	// A value that only stands for itself: no member rows.
	{ label: '北海道', count: 10, distinct: 1, members: [{ label: '北海道', count: 10 }], otherMembers: 0 }
];
const labels = {
	otherMembersLabel: (n: number) => `${n} more`,
	otherGroupsLabel: (n: number) => `${n} more groups`
};

describe('before/after grouped by generalized value', () => {
	it('lists each generalized value, then the originals it merges and the rest', () => {
		const rows = groupedRows(groups, { values: 3, count: 7 }, labels);
		expect(rows.map((r) => [r.kind, r.label, r.count])).toEqual([
			['group', '関東', 100],
			['member', '東京都', 50],
			['member', '神奈川県', 30],
			['rest', '2 more', 20],
			['group', '近畿', 40],
			['member', '大阪府', 25],
			['member', '京都府', 15],
			['group', '北海道', 10],
			['group', '3 more groups', 7]
		]);
		expect(groupedRows(groups, { values: 0, count: 0 }, labels).at(-1)?.label).toBe('北海道');
	});

	it('draws the numbers it is given, all bars on one scale', () => {
		const svg = newSvg();
		drawGroupedBeforeAfterChart(
			svg,
			{ groups, otherGroups: { values: 3, count: 7 } },
			{ width: 420, label: 'Prefecture', beforeLabel: 'before', afterLabel: 'after', ...labels }
		);
		const rows = [...svg.querySelectorAll('.grow')];
		expect(rows.map((r) => r.getAttribute('data-count'))).toEqual([
			'100',
			'50',
			'30',
			'20',
			'40',
			'25',
			'15',
			'10',
			'7'
		]);
		expect(rows.map((r) => r.getAttribute('data-group'))).toEqual([
			'関東',
			'関東',
			'関東',
			'関東',
			'近畿',
			'近畿',
			'近畿',
			'北海道',
			''
		]);
		expect(texts(svg, '.grow .value')).toEqual(['100', '50', '30', '20', '40', '25', '15', '10', '7']);
		const width = (i: number) => Number(rows[i].querySelector('rect')!.getAttribute('width'));
		expect(width(1) / width(0)).toBeCloseTo(0.5, 6);
		expect(width(4) / width(0)).toBeCloseTo(0.4, 6);
		// Members of a group add up to the group's bar.
		expect(width(1) + width(2) + width(3)).toBeCloseTo(width(0), 6);
		expect(svg.querySelector('.grow-group rect')?.getAttribute('fill')).toMatch(/^url\(#chart\d+-after\)$/);
		expect(svg.querySelector('.grow-member rect')?.getAttribute('class')).toBe('bar bar-before');
		expect(texts(svg, '.legend text')).toEqual(['after', 'before']);
		expect(svg.querySelector('desc')?.textContent).toContain('関東 (100): 東京都 50, 神奈川県 30, … 20');
		expect(svg.getAttribute('aria-label')).toBe('Prefecture');
	});
});
