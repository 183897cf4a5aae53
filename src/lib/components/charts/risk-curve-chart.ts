/**
 * Records at risk: for every threshold t from 0 to 1 the share of records whose prosecutor risk is
 * above t, as a step plot (ARX's "re-identification risk" view), with the usual thresholds marked
 * and their values written out.
 */
import { axisBottom, axisLeft, scaleLinear } from 'd3';
import { PALETTE, drawAxisTitles, formatters, frame, type ChartText } from './chart-kit';
import { riskCurve, shareAbove, type WeightedRisks } from './risk-data';

export interface RiskCurveOptions extends ChartText {
	readonly width: number;
	readonly height: number;
	readonly locale?: string;
	/** Thresholds to mark (default 0.5, 0.2, 0.1, 0.05). */
	readonly thresholds?: readonly number[];
	readonly xTitle?: string;
	readonly yTitle?: string;
	/** Text for one marked threshold, e.g. (t, share) => `リスク > ${t}: ${share}`. */
	readonly describeThreshold?: (threshold: string, share: string) => string;
}

export const DEFAULT_THRESHOLDS = [0.5, 0.2, 0.1, 0.05];
const MARGIN = { top: 10, right: 12, bottom: 40, left: 52 };

export function drawRiskCurve(svg: SVGSVGElement, data: WeightedRisks, opts: RiskCurveOptions): void {
	const f = formatters(opts.locale);
	const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
	const describe = opts.describeThreshold ?? ((t: string, share: string) => `> ${t}: ${share}`);
	const marked = thresholds.map((t) => ({ t, share: shareAbove(data, t) }));
	const lines = marked.map((m) => describe(f.percent(m.t), f.percent(m.share)));
	const root = frame(svg, opts, { label: opts.label, description: opts.description ?? lines.join('; ') });

	const innerW = opts.width - MARGIN.left - MARGIN.right;
	const innerH = opts.height - MARGIN.top - MARGIN.bottom;
	const x = scaleLinear().domain([0, 1]).range([0, innerW]);
	const y = scaleLinear().domain([0, 1]).range([innerH, 0]);
	const plot = root.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);

	plot
		.append('g')
		.attr('class', 'axis axis-x')
		.attr('transform', `translate(0,${innerH})`)
		.call(
			axisBottom(x)
				.ticks(5)
				.tickFormat((n) => f.percent(Number(n)))
		);
	plot
		.append('g')
		.attr('class', 'axis axis-y')
		.call(
			axisLeft(y)
				.ticks(5)
				.tickFormat((n) => f.percent(Number(n)))
		);

	const steps = riskCurve(data);
	let d = `M${x(0)},${y(steps[0].share)}`;
	for (let i = 1; i < steps.length; i++) d += `H${x(steps[i].from)}V${y(steps[i].share)}`;
	d += `H${x(1)}`;
	plot
		.append('path')
		.attr('class', 'curve')
		.attr('d', d)
		.attr('fill', 'none')
		.attr('stroke', PALETTE.blue)
		.attr('stroke-width', 2);

	const marks = plot.append('g').attr('class', 'thresholds');
	const mark = marks
		.selectAll('g')
		.data(marked)
		.join('g')
		.attr('data-threshold', (m) => m.t);
	mark
		.append('line')
		.attr('x1', (m) => x(m.t))
		.attr('x2', (m) => x(m.t))
		.attr('y1', innerH)
		.attr('y2', (m) => y(m.share))
		.attr('stroke', PALETTE.grey)
		.attr('stroke-dasharray', '2 2');
	mark
		.append('circle')
		.attr('cx', (m) => x(m.t))
		.attr('cy', (m) => y(m.share))
		.attr('r', 4)
		.attr('fill', PALETTE.paper)
		.attr('stroke', PALETTE.vermillion)
		.attr('stroke-width', 2)
		.append('title')
		.text((_, i) => lines[i]);
	// The values as text, listed top right (the marks crowd near t = 0 where 0.05 and 0.1 sit).
	marks
		.append('g')
		.attr('class', 'threshold-values')
		.selectAll('text')
		.data(lines)
		.join('text')
		.attr('x', innerW)
		.attr('y', (_, i) => 12 + i * 14)
		.attr('text-anchor', 'end')
		.attr('fill', PALETTE.ink)
		.text((l) => l);

	drawAxisTitles(plot, { innerW, innerH, marginLeft: MARGIN.left }, opts.xTitle, opts.yTitle);
}
