// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { drawRiskCurve } from '../../../../src/lib/components/charts/risk-curve-chart';
import { drawRiskDistribution } from '../../../../src/lib/components/charts/risk-distribution-chart';
import {
	riskBins,
	riskCurve,
	risksFromClassSizes,
	shareAbove
} from '../../../../src/lib/components/charts/risk-data';
import { attrs, newSvg, texts } from './svg-helpers';

// Classes: 2 uniques (risk 1), 3 pairs (risk 0.5), 1 class of 4 (0.25), 1 class of 10 (0.1): 2+6+4+10 = 22 records.
const histogram = { sizes: new Int32Array([1, 2, 4, 10]), counts: new Int32Array([2, 3, 1, 1]) };
const risks = risksFromClassSizes(histogram);

describe('risk data', () => {
	it('weights 1/size by the records of the classes', () => {
		expect(Array.from(risks.values)).toEqual([1, 0.5, 0.25, 0.1]);
		expect(Array.from(risks.weights ?? [])).toEqual([2, 6, 4, 10]);
	});

	it('counts the records strictly above a threshold', () => {
		expect(shareAbove(risks, 0.5)).toBeCloseTo(2 / 22);
		expect(shareAbove(risks, 0.2)).toBeCloseTo(12 / 22);
		expect(shareAbove(risks, 0.1)).toBeCloseTo(12 / 22);
		expect(shareAbove(risks, 0.05)).toBeCloseTo(1);
		expect(shareAbove({ values: [0.3, 0.7] }, 0.5)).toBe(0.5);
	});

	it('steps down at each distinct risk', () => {
		expect(riskCurve(risks).map((s) => [s.from, Math.round(s.share * 22)])).toEqual([
			[0, 22],
			[0.1, 12],
			[0.25, 8],
			[0.5, 2]
		]);
	});

	it('bins risks over [0, 1] with 1 in the last bin', () => {
		expect([...riskBins(risks, 10)]).toEqual([0, 10, 4, 0, 0, 6, 0, 0, 0, 2]);
		expect([...riskBins({ values: [0.3, 0.7, 0] }, 10)]).toEqual([1, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
	});
});

describe('drawRiskCurve', () => {
	const opts = { width: 312, height: 150, label: 'Records at risk', locale: 'en' };

	it('draws the step path at the shares of the data', () => {
		const svg = newSvg();
		drawRiskCurve(svg, risks, opts);
		// inner 248 × 100: x(t) = 248 t, y(s) = 100 (1 − s)
		const y = (records: number) => Math.round(100 * (1 - records / 22) * 1000) / 1000;
		const d = svg.querySelector('.curve')?.getAttribute('d') ?? '';
		const rounded = d.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 1000) / 1000));
		expect(rounded).toBe(`M0,0H24.8V${y(12)}H62V${y(8)}H124V${y(2)}H248`);
	});

	it('marks 50/20/10/5 % with their shares as text and in the description', () => {
		const svg = newSvg();
		drawRiskCurve(svg, risks, { ...opts, describeThreshold: (t, s) => `risk > ${t}: ${s} of records` });
		expect(texts(svg, '.threshold-values text')).toEqual([
			'risk > 50%: 9.1% of records',
			'risk > 20%: 54.5% of records',
			'risk > 10%: 54.5% of records',
			'risk > 5%: 100% of records'
		]);
		expect(attrs(svg, '.thresholds circle', ['cx', 'cy'])).toEqual([
			[124, 90.9],
			[49.6, 45.5],
			[24.8, 45.5],
			[12.4, 0]
		]);
		expect(svg.querySelector('desc')?.textContent).toContain('risk > 20%: 54.5% of records');
		expect(svg.getAttribute('role')).toBe('img');
		expect(svg.getAttribute('aria-label')).toBe('Records at risk');
	});

	it('formats the numbers for Japanese', () => {
		const svg = newSvg();
		drawRiskCurve(svg, risks, { ...opts, locale: 'ja', thresholds: [0.2] });
		expect(texts(svg, '.threshold-values text')).toEqual(['> 20%: 54.5%']);
	});
});

describe('drawRiskDistribution', () => {
	const opts = { width: 300, height: 200, label: 'Risk distribution', locale: 'en' };

	it('draws records per risk bin, hatching the bins at or above the threshold', () => {
		const svg = newSvg();
		drawRiskDistribution(svg, risks, { ...opts, threshold: 0.5 });
		// inner height 200 − 16 − 40 = 144; y domain [0, 10]
		expect(attrs(svg, '.bars rect', ['height']).map(([h]) => h)).toEqual([
			0, 144, 57.6, 0, 0, 86.4, 0, 0, 0, 28.8
		]);
		expect(texts(svg, '.values text')).toEqual(['0', '10', '4', '0', '0', '6', '0', '0', '0', '2']);
		const above = [...svg.querySelectorAll('.bars rect')].map((r) => r.getAttribute('data-above-threshold'));
		expect(above.indexOf('true')).toBe(5);
		expect(above.filter((a) => a === 'true')).toHaveLength(5);
		expect(svg.querySelector('desc')?.textContent).toContain('50%–60%: 6');
	});

	it('leaves out numbers wider than their bar (they stay in the titles)', () => {
		const svg = newSvg();
		drawRiskDistribution(svg, { values: [0.01, 0.99], weights: [123456, 7] }, { ...opts, bins: 20 });
		const values = texts(svg, '.values text');
		expect(values[0]).toBe('');
		expect(values[19]).toBe('7');
		expect(svg.querySelector('.bars title')?.textContent).toBe('0%–5%: 123,456');
	});

	it('redraws in place', () => {
		const svg = newSvg();
		drawRiskDistribution(svg, risks, opts);
		drawRiskDistribution(svg, { values: [0.95] }, { ...opts, bins: 4 });
		expect(texts(svg, '.values text')).toEqual(['0', '0', '0', '1']);
		expect(svg.querySelectorAll('desc')).toHaveLength(1);
	});
});
