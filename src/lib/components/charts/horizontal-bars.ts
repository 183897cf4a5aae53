/**
 * Rows of horizontal bars with the category text on the left and the value written at the bar's end:
 * long Japanese labels ("年齢 × 性別 × 住所") read better on rows than under vertical bars.
 */
import { axisBottom, scaleLinear } from 'd3';
import { PALETTE, fitText, textWidth, type Group } from './chart-kit';

export interface BarSeries {
	readonly key: string;
	readonly fill: string;
}

export interface BarRow {
	readonly label: string;
	/** One value per series. */
	readonly values: readonly number[];
	/** <title> of each bar. */
	readonly titles: readonly string[];
}

export interface HorizontalBarsLayout {
	readonly width: number;
	readonly series: readonly BarSeries[];
	/** Largest value of the axis (e.g. 1 for shares). */
	readonly domainMax: number;
	readonly formatValue: (n: number) => string;
	readonly formatTick: (n: number) => string;
	readonly top: number;
}

export const ROW_GAP = 8;
export const BAR_HEIGHT = 14;
const LABEL_FONT = 11;
const AXIS_HEIGHT = 24;

/** Height of the drawing for `rows` rows of `seriesCount` bars. */
export function horizontalBarsHeight(rows: number, seriesCount: number, top: number): number {
	return top + rows * (seriesCount * BAR_HEIGHT + ROW_GAP) + AXIS_HEIGHT;
}

export function drawHorizontalBars(
	parent: Group,
	rows: readonly BarRow[],
	layout: HorizontalBarsLayout
): void {
	const labelWidth = Math.min(
		layout.width * 0.4,
		Math.max(24, ...rows.map((r) => textWidth(r.label, LABEL_FONT))) + 8
	);
	const widestValue = Math.max(
		0,
		...rows.flatMap((r) => r.values.map((v) => textWidth(layout.formatValue(v), 10)))
	);
	const innerW = Math.max(10, layout.width - labelWidth - widestValue - 12);
	const rowH = layout.series.length * BAR_HEIGHT + ROW_GAP;
	const x = scaleLinear()
		.domain([0, Math.max(layout.domainMax, 1e-12)])
		.range([0, innerW]);
	const plot = parent.append('g').attr('transform', `translate(${labelWidth},${layout.top})`);

	const row = plot
		.append('g')
		.attr('class', 'rows')
		.selectAll('g')
		.data(rows)
		.join('g')
		.attr('class', 'row')
		.attr('transform', (_, i) => `translate(0,${i * rowH})`);
	row
		.append('text')
		.attr('class', 'row-label')
		.attr('x', -6)
		.attr('y', (layout.series.length * BAR_HEIGHT) / 2 + 4)
		.attr('text-anchor', 'end')
		.attr('fill', PALETTE.ink)
		.text((r) => fitText(r.label, LABEL_FONT, labelWidth - 8))
		.append('title')
		.text((r) => r.label);
	layout.series.forEach((series, s) => {
		row
			.append('rect')
			.attr('class', `bar bar-${series.key}`)
			.attr('x', 0)
			.attr('y', s * BAR_HEIGHT + 1)
			.attr('height', BAR_HEIGHT - 2)
			.attr('width', (r) => x(r.values[s]))
			.attr('fill', series.fill)
			.attr('stroke', PALETTE.ink)
			.attr('stroke-width', 0.5)
			.append('title')
			.text((r) => r.titles[s]);
		row
			.append('text')
			.attr('class', `value value-${series.key}`)
			.attr('x', (r) => x(r.values[s]) + 4)
			.attr('y', s * BAR_HEIGHT + BAR_HEIGHT - 3)
			.attr('font-size', 10)
			.attr('fill', PALETTE.ink)
			.text((r) => layout.formatValue(r.values[s]));
	});
	plot
		.append('g')
		.attr('class', 'axis axis-x')
		.attr('transform', `translate(0,${rows.length * rowH})`)
		.call(
			axisBottom(x)
				.ticks(Math.max(2, Math.floor(innerW / 70)))
				.tickFormat((n) => layout.formatTick(Number(n)))
		);
}
