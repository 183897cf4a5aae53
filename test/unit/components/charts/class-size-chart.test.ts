// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { classSizeBuckets, drawClassSizeChart } from '../../../../src/lib/components/charts/class-size-chart';
import { attrs, newSvg, normalizedSvg, texts } from './svg-helpers';

// 3 classes of size 1, 2 of size 2, 1 of size 4, 4 of size 6, 1 of size 12 → 36 records.
const data = { sizes: new Int32Array([1, 2, 4, 6, 12]), counts: new Int32Array([3, 2, 1, 4, 1]) };
const base = { width: 300, height: 200, label: 'Class sizes', locale: 'en' };

describe('classSizeBuckets', () => {
	it('groups 1, 2, 3–4, 5–9, 10+ and counts classes and records', () => {
		expect(classSizeBuckets(data, 'grouped')).toEqual([
			{ from: 1, to: 1, classes: 3, records: 3 },
			{ from: 2, to: 2, classes: 2, records: 4 },
			{ from: 3, to: 4, classes: 1, records: 4 },
			{ from: 5, to: 9, classes: 4, records: 24 },
			{ from: 10, to: Infinity, classes: 1, records: 12 }
		]);
	});

	it('adds an edge at k so no bucket straddles it', () => {
		const buckets = classSizeBuckets(data, 'grouped', 7);
		expect(buckets.map((b) => [b.from, b.to, b.classes])).toEqual([
			[1, 1, 3],
			[2, 2, 2],
			[3, 4, 1],
			[5, 6, 4],
			[7, 9, 0],
			[10, Infinity, 1]
		]);
	});

	it('has one bucket per distinct size in exact mode', () => {
		expect(classSizeBuckets(data, 'exact').map((b) => [b.from, b.classes, b.records])).toEqual([
			[1, 3, 3],
			[2, 2, 4],
			[4, 1, 4],
			[6, 4, 24],
			[12, 1, 12]
		]);
	});
});

describe('drawClassSizeChart', () => {
	it('draws bar heights proportional to the class counts, with the counts as text', () => {
		const svg = newSvg();
		drawClassSizeChart(svg, data, base);
		// inner height 200 − 32 − 40 = 128; y domain [0, 4]
		const heights = attrs(svg, '.bars rect', ['height']).map(([h]) => h);
		expect(heights).toEqual([96, 64, 32, 128, 32]);
		expect(texts(svg, '.values text')).toEqual(['3', '2', '1', '4', '1']);
		expect(texts(svg, '.axis-x .tick text')).toEqual(['1', '2', '3–4', '5–9', '10+']);
	});

	it('counts records when asked, formatted for the locale', () => {
		const svg = newSvg();
		const big = { sizes: new Int32Array([1, 5000]), counts: new Int32Array([2, 1]) };
		drawClassSizeChart(svg, big, { ...base, measure: 'records', buckets: 'exact', locale: 'ja' });
		expect(texts(svg, '.values text')).toEqual(['2', '5,000']);
	});

	it('marks the classes below k with a hatch and a labelled line at k', () => {
		const svg = newSvg();
		drawClassSizeChart(svg, data, { ...base, k: 5, kLabel: (k) => `k=${k}` });
		const below = [...svg.querySelectorAll('.bars rect')].map((r) => r.getAttribute('data-below-k'));
		expect(below).toEqual(['true', 'true', 'true', 'false', 'false']);
		const fills = [...svg.querySelectorAll('.bars rect')].map((r) => r.getAttribute('fill'));
		expect(fills[0]).toMatch(/^url\(#chart\d+-below\)$/);
		expect(fills[3]).toBe('#0072b2');
		expect(texts(svg, '.k-line text')).toEqual(['k=5']);
		// The line lies between the 3rd and the 4th bar.
		const [[x1]] = attrs(svg, '.k-line line', ['x1']);
		const xs = attrs(svg, '.bars rect', ['x', 'width']);
		expect(x1).toBeGreaterThan(xs[2][0] + xs[2][1]);
		expect(x1).toBeLessThan(xs[3][0]);
	});

	it('uses a symmetric log scale that keeps single classes visible', () => {
		const svg = newSvg();
		const skewed = { sizes: new Int32Array([1, 2]), counts: new Int32Array([1000, 1]) };
		drawClassSizeChart(svg, skewed, { ...base, log: true, buckets: 'exact' });
		const [[h1000], [h1]] = attrs(svg, '.bars rect', ['height']);
		expect(h1000).toBe(128);
		// symlog(1) / symlog(1000) = log(2) / log(1001) ≈ 0.1003
		expect(h1).toBeCloseTo(128 * (Math.log(2) / Math.log(1001)), 0);
		expect(texts(svg, '.axis-y .tick text')).toEqual(['0', '1', '10', '100', '1,000']);
	});

	it('has an accessible name, title and a description with the numbers', () => {
		const svg = newSvg();
		drawClassSizeChart(svg, data, {
			...base,
			describeBucket: (label, classes, records) => `${label}: ${classes} classes, ${records} records`
		});
		expect(svg.getAttribute('role')).toBe('img');
		expect(svg.getAttribute('aria-label')).toBe('Class sizes');
		expect(svg.querySelector('title')?.textContent).toBe('Class sizes');
		const desc = svg.querySelector('desc');
		expect(desc?.textContent).toContain('5–9: 4 classes, 24 records');
		expect(svg.getAttribute('aria-describedby')).toBe(desc?.getAttribute('id'));
	});

	it('redraws idempotently', () => {
		const svg = newSvg();
		drawClassSizeChart(svg, data, { ...base, k: 3 });
		const first = normalizedSvg(svg);
		drawClassSizeChart(svg, data, { ...base, k: 3 });
		expect(normalizedSvg(svg)).toBe(first);
		expect(first).toMatchSnapshot();
	});
});
