/**
 * Per-attribute contribution to uniqueness: for each quasi-identifier or combination, the share of
 * records it alone makes unique (ARX RiskModelAttributes / Motwani & Xu 2007, computed by the
 * engine's attribute-risk), largest first, so the attributes to generalize first stand at the top.
 */
import { PALETTE, formatters, frame, type ChartText } from './chart-kit';
import { drawHorizontalBars, horizontalBarsHeight } from './horizontal-bars';

export interface UniquenessItem {
	/** Attribute or combination, e.g. "年齢 × 性別". */
	readonly label: string;
	/** Share of records unique on it, 0 … 1. */
	readonly share: number;
}

export interface UniquenessChartOptions extends ChartText {
	readonly width: number;
	readonly locale?: string;
	/** Show at most this many (default 15). */
	readonly maxBars?: number;
	/** Summary of one bar, e.g. (label, share) => `${label}: ${share} が一意`. */
	readonly describeItem?: (label: string, share: string) => string;
}

const TOP = 4;

/** Items from the engine's report.attributes, names joined by `separator`. */
export function uniquenessItems(
	attributes: readonly { readonly attributes: readonly string[]; readonly uniqueShare: number }[],
	separator = ' × '
): UniquenessItem[] {
	return attributes.map((a) => ({ label: a.attributes.join(separator), share: a.uniqueShare }));
}

/** Largest share first; equal shares keep their given order. */
export function sortedItems(items: readonly UniquenessItem[], maxBars: number): UniquenessItem[] {
	return items
		.map((item, i) => ({ item, i }))
		.sort((a, b) => b.item.share - a.item.share || a.i - b.i)
		.slice(0, maxBars)
		.map((e) => e.item);
}

export function uniquenessChartHeight(items: number, maxBars = 15): number {
	return horizontalBarsHeight(Math.min(items, maxBars), 1, TOP);
}

export function drawUniquenessChart(
	svg: SVGSVGElement,
	items: readonly UniquenessItem[],
	opts: UniquenessChartOptions
): void {
	const f = formatters(opts.locale);
	const maxBars = opts.maxBars ?? 15;
	const shown = sortedItems(items, maxBars);
	const describe = opts.describeItem ?? ((label: string, share: string) => `${label}: ${share}`);
	const lines = shown.map((item) => describe(item.label, f.percent(item.share)));
	const height = uniquenessChartHeight(items.length, maxBars);
	const root = frame(
		svg,
		{ width: opts.width, height },
		{ label: opts.label, description: opts.description ?? lines.join('; ') }
	);
	const g = root.append('g');
	drawHorizontalBars(
		g,
		shown.map((item, i) => ({ label: item.label, values: [item.share], titles: [lines[i]] })),
		{
			width: opts.width,
			series: [{ key: 'unique', fill: PALETTE.blue }],
			domainMax: 1,
			formatValue: f.percent,
			formatTick: f.percent,
			top: TOP
		}
	);
}
