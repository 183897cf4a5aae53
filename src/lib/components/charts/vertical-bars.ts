/**
 * Labelled vertical bars on a band scale, shared by the class-size histogram and the risk
 * distribution: every bar carries its number as text, so the value is read, not guessed from height.
 */
import { axisBottom, axisLeft, max, scaleBand, scaleLinear, scaleSymlog } from 'd3';
import { PALETTE, drawAxisTitles, textWidth, type Group, type Margin } from './chart-kit';

export interface VerticalBar {
	/** Category label under the bar. */
	readonly label: string;
	readonly value: number;
	/** Fill (colour or url(#pattern)). */
	readonly fill: string;
	/** Text of the bar's <title>. */
	readonly title: string;
}

export interface VerticalBarsLayout {
	readonly width: number;
	readonly height: number;
	readonly margin: Margin;
	/** Symmetric log scale (0 stays 0, 1 stays visible) for long-tailed counts. */
	readonly log: boolean;
	readonly formatValue: (n: number) => string;
	readonly xTitle?: string;
	readonly yTitle?: string;
}

/** Powers of ten up to `top` (and 0): the only ticks a log count axis needs. */
function logTicks(top: number): number[] {
	const ticks = [0];
	for (let p = 1; p <= top; p *= 10) ticks.push(p);
	return ticks;
}

/** Draws the bars into `plot` (already translated by the margin); returns the x scale. */
export function drawVerticalBars(plot: Group, bars: readonly VerticalBar[], layout: VerticalBarsLayout) {
	const innerW = layout.width - layout.margin.left - layout.margin.right;
	const innerH = layout.height - layout.margin.top - layout.margin.bottom;
	const x = scaleBand<number>()
		.domain(bars.map((_, i) => i))
		.range([0, innerW])
		.padding(0.15);
	const top = Math.max(1, max(bars, (b) => b.value) ?? 1);
	const y = layout.log
		? scaleSymlog().constant(1).domain([0, top]).range([innerH, 0])
		: scaleLinear().domain([0, top]).nice().range([innerH, 0]);

	const marks = plot.append('g').attr('class', 'bars');
	marks
		.selectAll('rect')
		.data(bars)
		.join('rect')
		.attr('x', (_, i) => x(i) ?? 0)
		.attr('width', x.bandwidth())
		.attr('y', (b) => y(b.value))
		.attr('height', (b) => innerH - y(b.value))
		.attr('fill', (b) => b.fill)
		.attr('stroke', PALETTE.ink)
		.attr('stroke-width', 0.5)
		.append('title')
		.text((b) => b.title);
	plot
		.append('g')
		.attr('class', 'values')
		.selectAll('text')
		.data(bars)
		.join('text')
		.attr('x', (_, i) => (x(i) ?? 0) + x.bandwidth() / 2)
		.attr('y', (b) => y(b.value) - 3)
		.attr('text-anchor', 'middle')
		.attr('fill', PALETTE.ink)
		// A number wider than its bar's slot would run into its neighbour: leave it to the <title>
		// and the chart's description rather than print overlapping digits.
		.text((b) => {
			const text = layout.formatValue(b.value);
			return textWidth(text, 11) <= x.step() + 2 ? text : '';
		});

	const yTicks = layout.log ? logTicks(top) : y.ticks(4).filter(Number.isInteger);
	plot
		.append('g')
		.attr('class', 'axis axis-y')
		.call(
			axisLeft(y)
				.tickValues(yTicks)
				.tickFormat((n) => layout.formatValue(Number(n)))
		);
	// Thin out category labels that would collide (e.g. 20 risk bins on a narrow screen).
	const widest = Math.max(0, ...bars.map((b) => textWidth(b.label, 10)));
	const every = Math.max(1, Math.ceil((widest + 4) / Math.max(1, x.step())));
	plot
		.append('g')
		.attr('class', 'axis axis-x')
		.attr('transform', `translate(0,${innerH})`)
		.call(
			axisBottom(x)
				.tickValues(x.domain().filter((i) => i % every === 0))
				.tickFormat((i) => bars[Number(i)].label)
		);
	drawAxisTitles(plot, { innerW, innerH, marginLeft: layout.margin.left }, layout.xTitle, layout.yTitle);
	return { x, y, innerW, innerH };
}
