// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { drawHistogram } from '../../../../src/lib/components/charts/histogram';

const options = {
	width: 200,
	height: 100,
	formatX: (x: number) => String(x),
	formatCount: (n: number) => String(n),
	describe: (b: { x0: number; x1: number; count: number }) => `${b.x0}–${b.x1}: ${b.count}`
};

function svg(): SVGSVGElement {
	return document.createElementNS('http://www.w3.org/2000/svg', 'svg') as SVGSVGElement;
}

/** The bars as [x, y, width, height] rounded to 0.1 px: the part of the SVG that carries the data. */
function bars(root: SVGSVGElement) {
	return [...root.querySelectorAll('.bars rect')].map((r) =>
		['x', 'y', 'width', 'height'].map((a) => Math.round(Number(r.getAttribute(a)) * 10) / 10)
	);
}

describe('drawHistogram', () => {
	it('draws one bar per bin, heights proportional to the counts', () => {
		const root = svg();
		drawHistogram(
			root,
			[
				{ x0: 0, x1: 10, count: 5 },
				{ x0: 10, x1: 20, count: 10 },
				{ x0: 20, x1: 30, count: 0 }
			],
			options
		);
		// plot area: 200 - 44 - 8 = 148 wide, 100 - 6 - 22 = 72 high; y domain [0, 10]
		expect(bars(root)).toEqual([
			[0.5, 36, 48.3, 36],
			[49.8, 0, 48.3, 72],
			[99.2, 72, 48.3, 0]
		]);
		expect(root.getAttribute('viewBox')).toBe('0 0 200 100');
		expect([...root.querySelectorAll('.bars title')].map((t) => t.textContent)).toEqual([
			'0–10: 5',
			'10–20: 10',
			'20–30: 0'
		]);
	});

	it('labels only whole counts and the outer and middle bin edges', () => {
		const root = svg();
		drawHistogram(
			root,
			[
				{ x0: 1, x1: 2, count: 1 },
				{ x0: 2, x1: 3, count: 1 }
			],
			options
		);
		const ticks = (axis: string) =>
			[...root.querySelectorAll(`.${axis} .tick text`)].map((t) => t.textContent);
		expect(ticks('axis-y')).toEqual(['0', '1']);
		expect(ticks('axis-x')).toEqual(['1', '2', '3']);
	});

	it('replaces the previous drawing and draws nothing for no bins', () => {
		const root = svg();
		drawHistogram(root, [{ x0: 0, x1: 1, count: 3 }], options);
		drawHistogram(root, [], options);
		expect(root.childNodes).toHaveLength(0);
	});
});
