import { axisBottom, axisLeft, max, scaleLinear, select } from 'd3';

export interface Bin {
	readonly x0: number;
	readonly x1: number;
	readonly count: number;
}

export interface HistogramOptions {
	readonly width: number;
	readonly height: number;
	/** Formats a bin edge for the x axis (numbers, or dates given as ms since epoch). */
	readonly formatX: (x: number) => string;
	readonly formatCount: (n: number) => string;
	/** Text of each bar's tooltip (<title>), e.g. "20–30: 1,234". */
	readonly describe: (bin: Bin) => string;
}

const MARGIN = { top: 6, right: 8, bottom: 22, left: 44 };

/**
 * Draws a histogram of pre-binned counts into `svg` (replacing what was there): one rect per bin,
 * a count axis and an x axis with a few edge labels. Plain d3 (scales + axes), no framework,
 * so the same function serves the page and a test that compares the SVG.
 */
export function drawHistogram(svg: SVGSVGElement, bins: readonly Bin[], opts: HistogramOptions): void {
	const root = select(svg);
	root.selectAll('*').remove();
	root
		.attr('viewBox', `0 0 ${opts.width} ${opts.height}`)
		.attr('width', opts.width)
		.attr('height', opts.height);
	if (bins.length === 0) return;

	const innerW = opts.width - MARGIN.left - MARGIN.right;
	const innerH = opts.height - MARGIN.top - MARGIN.bottom;
	const x = scaleLinear()
		.domain([bins[0].x0, bins[bins.length - 1].x1])
		.range([0, innerW]);
	const y = scaleLinear()
		.domain([0, max(bins, (b) => b.count) ?? 1])
		.nice()
		.range([innerH, 0]);

	const plot = root.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
	plot
		.append('g')
		.attr('class', 'bars')
		.selectAll('rect')
		.data(bins)
		.join('rect')
		.attr('x', (b) => x(b.x0) + 0.5)
		.attr('width', (b) => Math.max(0, x(b.x1) - x(b.x0) - 1))
		.attr('y', (b) => y(b.count))
		.attr('height', (b) => innerH - y(b.count))
		.append('title')
		.text((b) => opts.describe(b));

	plot
		.append('g')
		.attr('class', 'axis axis-y')
		.call(
			axisLeft(y)
				// Counts are whole numbers: no 0.5 ticks on small histograms.
				.tickValues(y.ticks(3).filter(Number.isInteger))
				.tickFormat((n) => opts.formatCount(Number(n)))
		);
	const edges = [bins[0].x0, bins[Math.floor(bins.length / 2)].x0, bins[bins.length - 1].x1];
	plot
		.append('g')
		.attr('class', 'axis axis-x')
		.attr('transform', `translate(0,${innerH})`)
		.call(
			axisBottom(x)
				.tickValues(edges)
				.tickFormat((n) => opts.formatX(Number(n)))
		);
}
