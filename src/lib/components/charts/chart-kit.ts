/**
 * Pieces every chart shares: the accessible frame (role, name, <title>, <desc>), a colour-blind-safe
 * palette, hatch patterns so a meaning never rests on colour alone, number formatting by locale,
 * and a rough text-width estimate for margins (SVG text cannot be measured in a test DOM).
 */
import { select, type Selection } from 'd3';

/**
 * Okabe & Ito, "Color Universal Design" (2008): distinguishable with every common colour-vision
 * deficiency. The darker variants keep ≥ 3:1 contrast against white for graphics (WCAG 1.4.11).
 */
export const PALETTE = {
	blue: '#0072b2',
	vermillion: '#c24e00',
	orange: '#e69f00',
	green: '#007a5a',
	grey: '#6b7280',
	ink: '#1f2937',
	paper: '#ffffff'
} as const;

export type Root = Selection<SVGSVGElement, unknown, null, undefined>;
export type Group = Selection<SVGGElement, unknown, null, undefined>;

/** Texts the caller passes already translated. */
export interface ChartText {
	/** Accessible name (aria-label and <title>). */
	readonly label: string;
	/** Overrides the generated summary of the numbers (<desc>). */
	readonly description?: string;
}

export interface ChartSize {
	readonly width: number;
	readonly height: number;
}

export interface Margin {
	readonly top: number;
	readonly right: number;
	readonly bottom: number;
	readonly left: number;
}

let chartCounter = 0;

/** An id prefix unique to this <svg>, so two charts on one page do not share pattern ids. */
export function chartId(svg: SVGSVGElement): string {
	let id = svg.getAttribute('data-chart-id');
	if (!id) {
		id = `chart${++chartCounter}`;
		svg.setAttribute('data-chart-id', id);
	}
	return id;
}

/**
 * Clears `svg` and sets its size, accessible name and description. Redrawing replaces everything,
 * which keeps every draw function idempotent.
 */
export function frame(
	svg: SVGSVGElement,
	size: ChartSize,
	text: { label: string; description: string },
	role: 'img' | 'group' = 'img'
): Root {
	const root = select(svg);
	root.selectAll('*').remove();
	root
		.attr('viewBox', `0 0 ${size.width} ${size.height}`)
		.attr('width', size.width)
		.attr('height', size.height)
		.attr('role', role)
		.attr('aria-label', text.label)
		.attr('font-family', 'system-ui, sans-serif')
		.attr('font-size', 11);
	const id = chartId(svg);
	root.append('title').attr('id', `${id}-title`).text(text.label);
	root.append('desc').attr('id', `${id}-desc`).text(text.description);
	root.attr('aria-describedby', `${id}-desc`);
	return root;
}

/** Diagonal hatch over a colour: the second visual channel for "below k", "after", etc. */
export function hatchPattern(root: Root, id: string, colour: string): string {
	let defs = root.select<SVGDefsElement>('defs');
	if (defs.empty()) defs = root.insert<SVGDefsElement>('defs', ':first-child');
	const pattern = defs
		.append('pattern')
		.attr('id', id)
		.attr('patternUnits', 'userSpaceOnUse')
		.attr('width', 6)
		.attr('height', 6)
		.attr('patternTransform', 'rotate(45)');
	pattern.append('rect').attr('width', 6).attr('height', 6).attr('fill', colour);
	pattern
		.append('line')
		.attr('x1', 0)
		.attr('y1', 0)
		.attr('x2', 0)
		.attr('y2', 6)
		.attr('stroke', PALETTE.paper)
		.attr('stroke-width', 2.5);
	return `url(#${id})`;
}

/** Number and percent formatters for a locale (ja and en both group by thousands). */
export function formatters(locale: string | undefined) {
	const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
	const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
	const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
	return {
		count: (n: number) => count.format(n),
		decimal: (n: number) => decimal.format(n),
		percent: (share: number) => percent.format(share)
	};
}

/**
 * Width of `text` at `fontSize`, estimated: CJK and full-width characters take about 1 em, others
 * about 0.6 em. Good enough for margins; tests in happy-dom get the same number as browsers.
 */
export function textWidth(text: string, fontSize: number): number {
	let em = 0;
	for (const ch of text) {
		const c = ch.codePointAt(0) ?? 0;
		em += c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xffdc)) ? 1 : 0.6;
	}
	return em * fontSize;
}

/** `text` cut (with an ellipsis) to fit `maxWidth` at `fontSize`. */
export function fitText(text: string, fontSize: number, maxWidth: number): string {
	if (textWidth(text, fontSize) <= maxWidth) return text;
	const chars = [...text];
	while (chars.length > 1 && textWidth(chars.join('') + '…', fontSize) > maxWidth) chars.pop();
	return chars.join('') + '…';
}

/**
 * A tooltip drawn as SVG text (no innerHTML): a white box with one line per entry, placed next to
 * (x, y) and kept inside the plot.
 */
export function drawTooltip(
	layer: Group,
	x: number,
	y: number,
	lines: readonly string[],
	bounds: ChartSize
): void {
	layer.selectAll('*').remove();
	if (lines.length === 0) return;
	const fontSize = 11;
	const w = Math.max(...lines.map((l) => textWidth(l, fontSize))) + 12;
	const h = lines.length * 14 + 8;
	const left = x + 10 + w > bounds.width ? Math.max(0, x - 10 - w) : x + 10;
	const top = Math.min(Math.max(0, y - h / 2), Math.max(0, bounds.height - h));
	const g = layer
		.append('g')
		.attr('class', 'tooltip')
		.attr('transform', `translate(${left},${top})`)
		.attr('pointer-events', 'none');
	g.append('rect')
		.attr('width', w)
		.attr('height', h)
		.attr('rx', 3)
		.attr('fill', PALETTE.paper)
		.attr('stroke', PALETTE.ink);
	g.selectAll('text')
		.data(lines)
		.join('text')
		.attr('x', 6)
		.attr('y', (_, i) => 16 + i * 14)
		.attr('fill', PALETTE.ink)
		.text((l) => l);
}

/** A legend row: swatch (colour + pattern or shape) and text, for the meaning without colour. */
export function drawLegend(
	parent: Group,
	items: readonly { label: string; fill: string; stroke?: string }[],
	x: number,
	y: number
): void {
	const g = parent.append('g').attr('class', 'legend').attr('transform', `translate(${x},${y})`);
	let offset = 0;
	for (const item of items) {
		const row = g.append('g').attr('transform', `translate(${offset},0)`);
		row
			.append('rect')
			.attr('width', 12)
			.attr('height', 12)
			.attr('y', -10)
			.attr('fill', item.fill)
			.attr('stroke', item.stroke ?? PALETTE.ink)
			.attr('stroke-width', 0.5);
		row.append('text').attr('x', 16).attr('fill', PALETTE.ink).text(item.label);
		offset += 16 + textWidth(item.label, 11) + 14;
	}
}

/** Axis titles of a plot area: x centred below its axis, y rotated left of its axis (omitted when empty). */
export function drawAxisTitles(
	plot: Group,
	area: { innerW: number; innerH: number; marginLeft: number },
	xTitle: string | undefined,
	yTitle: string | undefined
): void {
	if (xTitle) {
		plot
			.append('text')
			.attr('class', 'axis-title')
			.attr('x', area.innerW / 2)
			.attr('y', area.innerH + 32)
			.attr('text-anchor', 'middle')
			.attr('fill', PALETTE.ink)
			.text(xTitle);
	}
	if (yTitle) {
		plot
			.append('text')
			.attr('class', 'axis-title')
			.attr('transform', `translate(${-area.marginLeft + 12},${area.innerH / 2}) rotate(-90)`)
			.attr('text-anchor', 'middle')
			.attr('fill', PALETTE.ink)
			.text(yTitle);
	}
}
