/**
 * Before/after distributions of one attribute (issue 5).
 * - drawBeforeAfterChart: per value, the records before and after the transformation as two bars
 *   (solid blue / hatched green, plus a legend in words), the most frequent N values and the rest
 *   summed as "other".
 * - drawGroupedBeforeAfterChart: per generalized value, its records after and, under it, the
 *   original values it merges with their records, so a person sees which values were combined.
 */
import { axisBottom, scaleLinear } from 'd3';
import {
	PALETTE,
	chartId,
	drawLegend,
	fitText,
	formatters,
	frame,
	hatchPattern,
	textWidth,
	type ChartText
} from './chart-kit';
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

/** One generalized value and the original values it merges (the worker's CompareGroup). */
export interface MergedValue {
	readonly label: string;
	readonly count: number;
	/** Distinct original values merged into it. */
	readonly distinct: number;
	readonly members: readonly { readonly label: string; readonly count: number }[];
	/** Records of the originals past the listed members. */
	readonly otherMembers: number;
}

export interface GroupedRow {
	/** A generalized value (after), one of its originals (before), or the sum of the other originals. */
	readonly kind: 'group' | 'member' | 'rest';
	readonly label: string;
	readonly count: number;
	/** The generalized value the row belongs to ('' for the row that sums the other generalized values). */
	readonly group: string;
}

export interface GroupedOptions extends ChartText {
	readonly width: number;
	readonly locale?: string;
	readonly beforeLabel: string;
	readonly afterLabel: string;
	/** Label of the row that sums a group's originals past the listed ones, e.g. "others (12 values)". */
	readonly otherMembersLabel: (values: number) => string;
	/** Label of the row that sums the generalized values past the listed groups. */
	readonly otherGroupsLabel: (values: number) => string;
}

const GROUP_ROW = 20;
const MEMBER_ROW = 15;
const GROUP_BAR = 13;
const MEMBER_BAR = 9;
const INDENT = 14;

/**
 * Rows of the grouped chart: each generalized value, then the originals it merges (most frequent
 * first, the rest summed). A value that only stands for itself (nothing merged) gets no member rows.
 */
export function groupedRows(
	groups: readonly MergedValue[],
	otherGroups: { readonly values: number; readonly count: number },
	labels: Pick<GroupedOptions, 'otherMembersLabel' | 'otherGroupsLabel'>
): GroupedRow[] {
	const rows: GroupedRow[] = [];
	for (const g of groups) {
		rows.push({ kind: 'group', label: g.label, count: g.count, group: g.label });
		const itself = g.distinct === 1 && g.members[0]?.label === g.label;
		if (itself) continue;
		for (const m of g.members) rows.push({ kind: 'member', label: m.label, count: m.count, group: g.label });
		if (g.otherMembers > 0) {
			rows.push({
				kind: 'rest',
				label: labels.otherMembersLabel(g.distinct - g.members.length),
				count: g.otherMembers,
				group: g.label
			});
		}
	}
	if (otherGroups.count > 0) {
		rows.push({
			kind: 'group',
			label: labels.otherGroupsLabel(otherGroups.values),
			count: otherGroups.count,
			group: ''
		});
	}
	return rows;
}

export function groupedChartHeight(rows: readonly GroupedRow[]): number {
	return TOP + rows.reduce((h, r) => h + (r.kind === 'group' ? GROUP_ROW : MEMBER_ROW), 0) + 24;
}

/**
 * The before/after chart grouped by generalized value: a hatched green bar per generalized value
 * (records after) and, indented under it, a blue bar per original value it merges (records
 * before), all on one scale so the parts add up visibly to the whole.
 */
export function drawGroupedBeforeAfterChart(
	svg: SVGSVGElement,
	data: {
		readonly groups: readonly MergedValue[];
		readonly otherGroups: { readonly values: number; readonly count: number };
	},
	opts: GroupedOptions
): GroupedRow[] {
	const f = formatters(opts.locale);
	const rows = groupedRows(data.groups, data.otherGroups, opts);
	const lines = data.groups.map(
		(g) =>
			`${g.label} (${f.count(g.count)}): ` +
			g.members.map((m) => `${m.label} ${f.count(m.count)}`).join(', ') +
			(g.otherMembers > 0 ? `, … ${f.count(g.otherMembers)}` : '')
	);
	const height = groupedChartHeight(rows);
	const root = frame(
		svg,
		{ width: opts.width, height },
		{ label: opts.label, description: opts.description ?? lines.join('; ') }
	);
	const afterFill = hatchPattern(root, `${chartId(svg)}-after`, PALETTE.green);
	const g = root.append('g');
	drawLegend(
		g,
		[
			{ label: opts.afterLabel, fill: afterFill },
			{ label: opts.beforeLabel, fill: PALETTE.blue }
		],
		4,
		14
	);
	const labelWidth = Math.min(
		opts.width * 0.42,
		Math.max(40, ...rows.map((r) => textWidth(r.label, 11) + (r.kind === 'group' ? 0 : INDENT))) + 8
	);
	const widestValue = Math.max(0, ...rows.map((r) => textWidth(f.count(r.count), 10)));
	const innerW = Math.max(10, opts.width - labelWidth - widestValue - 12);
	const x = scaleLinear()
		.domain([0, Math.max(1, ...rows.map((r) => r.count))])
		.range([0, innerW]);
	const plot = g.append('g').attr('transform', `translate(${labelWidth},${TOP})`);
	let y = 0;
	const offsets = rows.map((r) => {
		const top = y;
		y += r.kind === 'group' ? GROUP_ROW : MEMBER_ROW;
		return top;
	});
	const row = plot
		.append('g')
		.attr('class', 'rows')
		.selectAll('g')
		.data(rows)
		.join('g')
		.attr('class', (r) => `grow grow-${r.kind}`)
		.attr('data-kind', (r) => r.kind)
		.attr('data-label', (r) => r.label)
		.attr('data-group', (r) => r.group)
		.attr('data-count', (r) => r.count)
		.attr('transform', (_, i) => `translate(0,${offsets[i]})`);
	const barHeight = (r: GroupedRow) => (r.kind === 'group' ? GROUP_BAR : MEMBER_BAR);
	row
		.append('text')
		.attr('class', 'row-label')
		.attr('x', (r) => (r.kind === 'group' ? -labelWidth + 4 : -labelWidth + 4 + INDENT))
		.attr('y', (r) => barHeight(r) / 2 + 5)
		.attr('font-weight', (r) => (r.kind === 'group' ? 700 : 400))
		.attr('font-style', (r) => (r.kind === 'rest' ? 'italic' : 'normal'))
		.attr('fill', PALETTE.ink)
		.text((r) => fitText(r.label, 11, labelWidth - 8 - (r.kind === 'group' ? 0 : INDENT)))
		.append('title')
		.text((r) => r.label);
	row
		.append('rect')
		.attr('class', (r) => `bar bar-${r.kind === 'group' ? 'after' : 'before'}`)
		.attr('x', 0)
		.attr('y', 1)
		.attr('height', barHeight)
		.attr('width', (r) => x(r.count))
		.attr('fill', (r) => (r.kind === 'group' ? afterFill : r.kind === 'rest' ? PALETTE.grey : PALETTE.blue))
		.attr('stroke', PALETTE.ink)
		.attr('stroke-width', 0.5)
		.append('title')
		.text(
			(r) => `${r.label} · ${r.kind === 'group' ? opts.afterLabel : opts.beforeLabel}: ${f.count(r.count)}`
		);
	row
		.append('text')
		.attr('class', 'value')
		.attr('x', (r) => x(r.count) + 4)
		.attr('y', (r) => barHeight(r) / 2 + 5)
		.attr('font-size', 10)
		.attr('fill', PALETTE.ink)
		.text((r) => f.count(r.count));
	plot
		.append('g')
		.attr('class', 'axis axis-x')
		.attr('transform', `translate(0,${y})`)
		.call(
			axisBottom(x)
				.ticks(Math.max(2, Math.floor(innerW / 70)))
				.tickFormat((n) => f.count(Number(n)))
		);
	return rows;
}
