// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
	compareDistributions,
	drawBeforeAfterChart
} from '../../../../src/lib/components/charts/before-after-chart';
import {
	drawUniquenessChart,
	sortedItems,
	uniquenessItems
} from '../../../../src/lib/components/charts/uniqueness-chart';
import { newSvg, normalizedSvg, texts } from './svg-helpers';

/** The shown text of the row labels (each also holds a <title> with the full text). */
const rowLabels = (svg: SVGSVGElement) =>
	[...svg.querySelectorAll('.row-label')].map((t) => t.firstChild?.textContent);

const widths = (svg: SVGSVGElement, selector: string) =>
	[...svg.querySelectorAll(selector)].map((r) => Math.round(Number(r.getAttribute('width')) * 100) / 100);

describe('uniqueness chart', () => {
	const items = uniquenessItems([
		{ attributes: ['年齢'], uniqueShare: 0.1 },
		{ attributes: ['性別'], uniqueShare: 0 },
		{ attributes: ['年齢', '住所'], uniqueShare: 0.62 },
		{ attributes: ['年齢', '性別'], uniqueShare: 0.31 }
	]);

	it('sorts the largest share first and joins combinations', () => {
		expect(sortedItems(items, 3).map((i) => i.label)).toEqual(['年齢 × 住所', '年齢 × 性別', '年齢']);
	});

	it('draws bar lengths proportional to the shares with the percent written out', () => {
		const svg = newSvg();
		drawUniquenessChart(svg, items, { width: 400, label: 'Uniqueness', locale: 'ja' });
		expect(rowLabels(svg)).toEqual(['年齢 × 住所', '年齢 × 性別', '年齢', '性別']);
		expect(texts(svg, '.value')).toEqual(['62%', '31%', '10%', '0%']);
		const w = widths(svg, '.bar');
		expect(w[0] / w[1]).toBeCloseTo(2, 5);
		expect(w[2] / w[0]).toBeCloseTo(0.1 / 0.62, 5);
		expect(w[3]).toBe(0);
		expect(svg.getAttribute('role')).toBe('img');
		expect(svg.querySelector('desc')?.textContent).toBe(
			'年齢 × 住所: 62%; 年齢 × 性別: 31%; 年齢: 10%; 性別: 0%'
		);
		// The height follows the rows: 4 + 4 · (14 + 8) + 24
		expect(svg.getAttribute('height')).toBe('116');
	});

	it('cuts labels too long for the left column, keeping the full text in a title', () => {
		const svg = newSvg();
		const long = '都道府県 × 市区町村 × 郵便番号 × 生年月日 × 性別 × 国籍';
		drawUniquenessChart(svg, [{ label: long, share: 1 }], { width: 200, label: 'U' });
		const label = svg.querySelector('.row-label');
		expect(label?.firstChild?.textContent).toMatch(/…$/);
		expect(label?.querySelector('title')?.textContent).toBe(long);
	});
});

describe('before/after chart', () => {
	const before = [
		{ value: '東京都', count: 50 },
		{ value: '大阪府', count: 30 },
		{ value: '京都府', count: 5 },
		{ value: '奈良県', count: 3 }
	];
	const after = [
		{ value: '東京都', count: 48 },
		{ value: '大阪府', count: 30 },
		{ value: '*', count: 10 }
	];

	it('ranks values by the larger count and sums the rest as other', () => {
		expect(compareDistributions(before, after, 3, 'other')).toEqual([
			{ label: '東京都', before: 50, after: 48, other: false },
			{ label: '大阪府', before: 30, after: 30, other: false },
			{ label: '*', before: 0, after: 10, other: false },
			{ label: 'other', before: 8, after: 0, other: true }
		]);
	});

	it('draws two bars per value at the counts, with a legend in words', () => {
		const svg = newSvg();
		drawBeforeAfterChart(
			svg,
			{ before, after },
			{
				width: 400,
				label: 'Prefecture',
				beforeLabel: 'before',
				afterLabel: 'after',
				otherLabel: 'other',
				topN: 3
			}
		);
		expect(rowLabels(svg)).toEqual(['東京都', '大阪府', '*', 'other']);
		expect(texts(svg, '.value-before')).toEqual(['50', '30', '0', '8']);
		expect(texts(svg, '.value-after')).toEqual(['48', '30', '10', '0']);
		const b = widths(svg, '.bar-before');
		const a = widths(svg, '.bar-after');
		// scale domain [0, 50]
		expect(a[0] / b[0]).toBeCloseTo(48 / 50, 5);
		expect(b[1]).toBeCloseTo(a[1], 5);
		expect(b[3] / b[0]).toBeCloseTo(8 / 50, 5);
		expect(a[3]).toBe(0);
		expect(texts(svg, '.legend text')).toEqual(['before', 'after']);
		expect(svg.querySelector('.bar-after')?.getAttribute('fill')).toMatch(/^url\(#chart\d+-after\)$/);
		expect([...svg.querySelectorAll('.row')].map((r) => r.getAttribute('data-other'))).toEqual([
			'false',
			'false',
			'false',
			'true'
		]);
		expect(svg.querySelector('desc')?.textContent).toContain('東京都: 50 → 48');
	});

	it('snapshot of a small comparison', () => {
		const svg = newSvg();
		drawBeforeAfterChart(
			svg,
			{ before: [{ value: 'M', count: 1200 }], after: [{ value: 'M', count: 1100 }] },
			{
				width: 300,
				label: 'Sex',
				beforeLabel: '加工前',
				afterLabel: '加工後',
				otherLabel: 'その他',
				locale: 'ja'
			}
		);
		expect(texts(svg, '.value')).toEqual(['1,200', '1,100']);
		expect(normalizedSvg(svg)).toMatchSnapshot();
	});
});
