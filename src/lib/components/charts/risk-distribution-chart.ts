/**
 * Distribution of per-record risk: records per risk bin over [0, 1]. Bins at or above an optional
 * threshold are hatched, so "how many records are too risky" reads without colour.
 */
import { PALETTE, chartId, formatters, frame, hatchPattern, type ChartText } from './chart-kit';
import { riskBins, type WeightedRisks } from './risk-data';
import { drawVerticalBars } from './vertical-bars';

export interface RiskDistributionOptions extends ChartText {
	readonly width: number;
	readonly height: number;
	readonly locale?: string;
	/** Number of equal-width bins over [0, 1] (default 10). */
	readonly bins?: number;
	readonly log?: boolean;
	/** Bins starting at or above this risk are hatched (e.g. the target 0.2). */
	readonly threshold?: number;
	readonly xTitle?: string;
	readonly yTitle?: string;
	/** Summary line of one bin, e.g. (range, records) => `${range}: ${records} 件`. */
	readonly describeBin?: (range: string, records: string) => string;
}

const MARGIN = { top: 16, right: 10, bottom: 40, left: 56 };

export function drawRiskDistribution(
	svg: SVGSVGElement,
	data: WeightedRisks,
	opts: RiskDistributionOptions
): void {
	const f = formatters(opts.locale);
	const bins = Math.max(1, opts.bins ?? 10);
	const counts = riskBins(data, bins);
	const describe = opts.describeBin ?? ((range: string, records: string) => `${range}: ${records}`);
	const ranges = Array.from(counts, (_, i) => `${f.percent(i / bins)}–${f.percent((i + 1) / bins)}`);
	const lines = Array.from(counts, (c, i) => describe(ranges[i], f.count(c)));
	const root = frame(svg, opts, { label: opts.label, description: opts.description ?? lines.join('; ') });
	const risky = hatchPattern(root, `${chartId(svg)}-risky`, PALETTE.vermillion);
	const isRisky = (i: number) => opts.threshold !== undefined && i / bins >= opts.threshold - 1e-9;
	const plot = root.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
	drawVerticalBars(
		plot,
		Array.from(counts, (c, i) => ({
			label: f.percent(i / bins),
			value: c,
			fill: isRisky(i) ? risky : PALETTE.blue,
			title: lines[i]
		})),
		{
			width: opts.width,
			height: opts.height,
			margin: MARGIN,
			log: opts.log ?? false,
			formatValue: f.count,
			xTitle: opts.xTitle,
			yTitle: opts.yTitle
		}
	);
	plot.selectAll('.bars rect').attr('data-above-threshold', (_, i) => String(isRisky(i)));
}
