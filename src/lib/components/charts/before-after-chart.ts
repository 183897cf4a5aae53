/**
 * Before/after distribution of one attribute: per value, the records before and after the
 * transformation as two bars (solid blue / hatched green, plus a legend in words), the most frequent
 * N values and the rest summed as "other".
 */
import { PALETTE, chartId, drawLegend, formatters, frame, hatchPattern, type ChartText } from './chart-kit';
import { drawHorizontalBars, horizontalBarsHeight } from './horizontal-bars';

export interface ValueCount {
	readonly value: string;
	readonly count: number;
}

export interface ComparedValue {
	readonly label: string;
	readonly before: number;
	readonly after: number;
	/** True for the "other" row that sums the values past the top N. */
	readonly other: boolean;
}

export interface BeforeAfterOptions extends ChartText {
	readonly width: number;
	readonly locale?: string;
	/** Values shown one by one (default 10); the rest go to "other". */
	readonly topN?: number;
	readonly beforeLabel: string;
	readonly afterLabel: string;
	readonly otherLabel: string;
	/** Summary of one row, e.g. (value, before, after) => `${value}: ${before} → ${after}`. */
	readonly describeValue?: (value: string, before: string, after: string) => string;
}

const TOP = 26;

/**
 * Rows for the values of both distributions, ranked by the larger of the two counts (then by
 * value), the first `topN` kept and the rest summed into one "other" row.
 */
export function compareDistributions(
	before: readonly ValueCount[],
	after: readonly ValueCount[],
	topN: number,
	otherLabel: string
): ComparedValue[] {
	const rows = new Map<string, { before: number; after: number }>();
	for (const { value, count } of before) {
		const row = rows.get(value) ?? { before: 0, after: 0 };
		row.before += count;
		rows.set(value, row);
	}
	for (const { value, count } of after) {
		const row = rows.get(value) ?? { before: 0, after: 0 };
		row.after += count;
		rows.set(value, row);
	}
	const ranked = [...rows]
		.map(([label, r]) => ({ label, before: r.before, after: r.after, other: false }))
		.sort(
			(a, b) => Math.max(b.before, b.after) - Math.max(a.before, a.after) || (a.label < b.label ? -1 : 1)
		);
	if (ranked.length <= topN) return ranked;
	const rest = ranked.slice(topN);
	return [
		...ranked.slice(0, topN),
		{
			label: otherLabel,
			before: rest.reduce((s, r) => s + r.before, 0),
			after: rest.reduce((s, r) => s + r.after, 0),
			other: true
		}
	];
}

export function beforeAfterChartHeight(rows: number): number {
	return horizontalBarsHeight(rows, 2, TOP);
}

export function drawBeforeAfterChart(
	svg: SVGSVGElement,
	data: { readonly before: readonly ValueCount[]; readonly after: readonly ValueCount[] },
	opts: BeforeAfterOptions
): void {
	const f = formatters(opts.locale);
	const rows = compareDistributions(data.before, data.after, opts.topN ?? 10, opts.otherLabel);
	const describe =
		opts.describeValue ??
		((value: string, before: string, after: string) => `${value}: ${before} → ${after}`);
	const lines = rows.map((r) => describe(r.label, f.count(r.before), f.count(r.after)));
	const root = frame(
		svg,
		{ width: opts.width, height: beforeAfterChartHeight(rows.length) },
		{ label: opts.label, description: opts.description ?? lines.join('; ') }
	);
	const afterFill = hatchPattern(root, `${chartId(svg)}-after`, PALETTE.green);
	const g = root.append('g');
	drawLegend(
		g,
		[
			{ label: opts.beforeLabel, fill: PALETTE.blue },
			{ label: opts.afterLabel, fill: afterFill }
		],
		4,
		14
	);
	drawHorizontalBars(
		g,
		rows.map((r) => ({
			label: r.label,
			values: [r.before, r.after],
			titles: [
				`${r.label} · ${opts.beforeLabel}: ${f.count(r.before)}`,
				`${r.label} · ${opts.afterLabel}: ${f.count(r.after)}`
			]
		})),
		{
			width: opts.width,
			series: [
				{ key: 'before', fill: PALETTE.blue },
				{ key: 'after', fill: afterFill }
			],
			domainMax: Math.max(1, ...rows.map((r) => Math.max(r.before, r.after))),
			formatValue: f.count,
			formatTick: f.count,
			top: TOP
		}
	);
	g.selectAll('.row').attr('data-other', (_, i) => String(rows[i].other));
}
