/**
 * The generalization lattice: every transformation (level vector) as a mark, rows by height,
 * anonymous / not anonymous / not checked told apart by shape (circle / square / hollow diamond)
 * and colour, the optimum and the current rules ringed and labelled. Click or Enter on a node
 * calls `onselect(levels)`.
 *
 * Thousands of nodes: the marks of one state are ONE <path> (aggregated SVG), so 45,000 nodes
 * cost three DOM elements; hit testing maps the pointer to row and slot arithmetically
 * (lattice-layout.ts). d3-zoom scales and pans the marks; the keyboard moves a cursor node.
 */
import { pointer, zoom, zoomIdentity, zoomTransform, type ZoomTransform } from 'd3';
import { PALETTE, drawTooltip, formatters, frame, textWidth, type ChartText, type Group } from './chart-kit';
import {
	TAG_ANONYMOUS,
	TAG_NOT_ANONYMOUS,
	findNode,
	layoutLattice,
	levelsOf,
	moveCursor,
	rowSize,
	type LatticeLayout,
	type LatticeNodes
} from './lattice-layout';

export interface LatticeChartOptions extends ChartText {
	readonly width: number;
	readonly height: number;
	readonly locale?: string;
	readonly optimum?: ArrayLike<number> | null;
	readonly current?: ArrayLike<number> | null;
	readonly onselect?: (levels: Int32Array) => void;
	/** Translated names of the three states, in tag order: not checked, anonymous, not anonymous. */
	readonly stateLabels: {
		readonly notChecked: string;
		readonly anonymous: string;
		readonly notAnonymous: string;
	};
	readonly optimumLabel: string;
	readonly currentLabel: string;
	/** Quasi-identifier names, for the node descriptions ("年齢 2, 性別 0"). */
	readonly attributeNames?: readonly string[];
	/** Text of a row label, e.g. (h) => `高さ ${h}`; default: the number. */
	readonly heightLabel?: (height: number) => string;
	/** Summary for <desc>; default lists the counts per state. */
	readonly summarize?: (counts: { notChecked: number; anonymous: number; notAnonymous: number }) => string;
}

const MARGIN = { top: 30, right: 12, bottom: 12, left: 40 };
const SHAPES = [
	{ fill: 'none', stroke: PALETTE.grey },
	{ fill: PALETTE.blue, stroke: PALETTE.blue },
	{ fill: PALETTE.vermillion, stroke: PALETTE.vermillion }
];

/** Path of one mark of state `tag` centred at (x, y): circle, square or diamond. */
function shape(tag: number, x: number, y: number, r: number): string {
	// Below ~3 px the shapes cannot be told apart anyway; a square is the cheapest path to parse and
	// fill (45,000 arcs cost Chromium ~50 ms). The tooltip, the legend and zooming in give the state.
	if (r < 1.5) return `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
	if (tag === TAG_ANONYMOUS) return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
	if (tag === TAG_NOT_ANONYMOUS) return `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
	const d = r * 1.2;
	return `M${x},${y - d}l${d},${d}l${-d},${d}l${-d},${-d}Z`;
}

/**
 * Where the marks go. Zoom is horizontal and semantic: rows are few (height ≤ a few dozen) but wide
 * (thousands of nodes), so the zoom spreads the nodes of a row apart and lets marks grow up to a
 * readable size instead of magnifying them into blobs.
 */
interface Geometry {
	readonly innerW: number;
	readonly innerH: number;
	readonly rowGap: number;
	readonly widest: number;
	readonly layout: LatticeLayout;
	/** Zoom scale and x translation (in SVG coordinates, as d3-zoom reports them). */
	k: number;
	tx: number;
	radius: number;
}

function baseX(g: Geometry, i: number): number {
	return ((g.layout.slot[i] + 0.5) / rowSize(g.layout, g.layout.height[i])) * g.innerW;
}

function nodeX(g: Geometry, i: number): number {
	return g.k * (baseX(g, i) + MARGIN.left) + g.tx - MARGIN.left;
}

function radiusAt(g: Geometry): number {
	return Math.max(0.8, Math.min(6, ((g.innerW * g.k) / g.widest) * 0.4, g.rowGap * 0.35));
}

function rowY(g: Geometry, h: number): number {
	return g.layout.maxHeight === 0 ? g.innerH / 2 : g.innerH - h * g.rowGap;
}

/** Node under plot coordinates (x, y), or −1. */
export function nodeAt(g: Geometry, x: number, y: number): number {
	const h = g.layout.maxHeight === 0 ? 0 : Math.round((g.innerH - y) / g.rowGap);
	if (h < 0 || h > g.layout.maxHeight || Math.abs(rowY(g, h) - y) > Math.max(g.rowGap / 2, g.radius))
		return -1;
	const size = rowSize(g.layout, h);
	const bx = (x + MARGIN.left - g.tx) / g.k - MARGIN.left;
	if (size === 0 || x < 0 || x > g.innerW || bx < 0 || bx > g.innerW) return -1;
	const s = Math.min(size - 1, Math.floor((bx / g.innerW) * size));
	return g.layout.order[g.layout.rowStart[h] + s];
}

export function drawLatticeChart(svg: SVGSVGElement, nodes: LatticeNodes, opts: LatticeChartOptions): void {
	const f = formatters(opts.locale);
	const layout = layoutLattice(nodes);
	const counts = [0, 0, 0];
	for (let i = 0; i < layout.count; i++) counts[nodes.tags[i]]++;
	const stateText = [opts.stateLabels.notChecked, opts.stateLabels.anonymous, opts.stateLabels.notAnonymous];
	const optimum = findNode(nodes, opts.optimum);
	const current = findNode(nodes, opts.current);
	const levelText = (i: number) => {
		const levels = levelsOf(nodes, i);
		return opts.attributeNames
			? [...levels].map((l, d) => `${opts.attributeNames?.[d] ?? d} ${l}`).join(', ')
			: `[${levels.join(', ')}]`;
	};
	const describe = (i: number) =>
		[
			levelText(i),
			stateText[nodes.tags[i]],
			i === optimum ? opts.optimumLabel : '',
			i === current ? opts.currentLabel : ''
		]
			.filter(Boolean)
			.join(' · ');
	const summary = opts.summarize
		? opts.summarize({ notChecked: counts[0], anonymous: counts[1], notAnonymous: counts[2] })
		: [1, 2, 0].map((t) => `${stateText[t]}: ${f.count(counts[t])}`).join('; ') +
			(optimum >= 0 ? `; ${opts.optimumLabel}: ${levelText(optimum)}` : '');
	const root = frame(svg, opts, { label: opts.label, description: opts.description ?? summary }, 'group');
	root
		.attr('tabindex', layout.count > 0 ? 0 : null)
		.attr('class', 'lattice-chart')
		.attr(
			'aria-keyshortcuts',
			layout.count > 0 ? 'ArrowLeft ArrowRight ArrowUp ArrowDown Home End Enter + - 0' : null
		);
	root.on('.lattice', null).on('.zoom', null);
	if (layout.count === 0) return;

	const innerW = opts.width - MARGIN.left - MARGIN.right;
	const innerH = opts.height - MARGIN.top - MARGIN.bottom;
	let widest = 1;
	for (let h = 0; h <= layout.maxHeight; h++) widest = Math.max(widest, rowSize(layout, h));
	const rowGap = layout.maxHeight === 0 ? innerH : innerH / layout.maxHeight;
	const start = zoomTransform(svg);
	const geo: Geometry = { innerW, innerH, rowGap, widest, layout, k: start.k, tx: start.x, radius: 0 };
	geo.radius = radiusAt(geo);

	drawStateLegend(root, stateText, counts, f.count);
	const plot = root.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
	root
		.insert('clipPath', ':first-child')
		.attr('id', `${svg.getAttribute('data-chart-id')}-clip`)
		.append('rect')
		.attr('x', -8)
		.attr('y', -8)
		.attr('width', innerW + 16)
		.attr('height', innerH + 16);
	plot
		.append('g')
		.attr('class', 'axis axis-y')
		.selectAll('text')
		.data(Array.from({ length: layout.maxHeight + 1 }, (_, h) => h).filter((h) => rowSize(layout, h) > 0))
		.join('text')
		.attr('x', -8)
		.attr('y', (h) => rowY(geo, h) + 4)
		.attr('text-anchor', 'end')
		.attr('fill', PALETTE.ink)
		.text((h) => (opts.heightLabel ? opts.heightLabel(h) : f.count(h)));
	const viewport = plot.append('g').attr('clip-path', `url(#${svg.getAttribute('data-chart-id')}-clip)`);
	const content = viewport.append('g').attr('class', 'zoom-layer');

	const nodesLayer = content.append('g').attr('class', 'nodes');
	const marks = content.append('g').attr('class', 'marks');
	const mark = (i: number, text: string, dashed: boolean) => {
		if (i < 0) return;
		const x = nodeX(geo, i);
		const y = rowY(geo, layout.height[i]);
		const g = marks
			.append('g')
			.attr('class', dashed ? 'current' : 'optimum')
			.attr('data-node', i);
		g.append('circle')
			.attr('cx', x)
			.attr('cy', y)
			.attr('r', geo.radius + 4)
			.attr('fill', 'none')
			.attr('stroke', PALETTE.ink)
			.attr('stroke-width', 2)
			.attr('stroke-dasharray', dashed ? '3 2' : null);
		g.append('text')
			.attr('x', x + geo.radius + 6)
			.attr('y', y + (dashed ? 14 : -6))
			.attr('fill', PALETTE.ink)
			.attr('font-weight', 'bold')
			.text(text);
	};
	/** (Re)draws the marks for the current zoom: one path per state, nodes outside the view skipped. */
	const render = () => {
		nodesLayer.selectAll('*').remove();
		marks.selectAll('*').remove();
		// Edges only while they stay readable: each node to its direct successors (one level up in one QI).
		if (layout.count <= 400) drawEdges(nodesLayer, nodes, geo);
		const paths: string[][] = [[], [], []];
		const r = geo.radius;
		for (let i = 0; i < layout.count; i++) {
			const x = nodeX(geo, i);
			if (x < -r - 8 || x > innerW + r + 8) continue;
			paths[nodes.tags[i]].push(shape(nodes.tags[i], x, rowY(geo, layout.height[i]), r));
		}
		nodesLayer
			.selectAll('path.state')
			.data([0, 1, 2])
			.join('path')
			.attr('class', (t) => `state state-${t}`)
			.attr('data-count', (t) => counts[t])
			.attr('d', (t) => paths[t].join(''))
			.attr('fill', (t) => SHAPES[t].fill)
			.attr('stroke', (t) => SHAPES[t].stroke)
			.attr('stroke-width', 1);
		mark(optimum, opts.optimumLabel, false);
		mark(current, opts.currentLabel, true);
	};
	render();

	const cursorLayer = content.append('g').attr('class', 'cursor');
	const tipLayer = plot.append('g').attr('class', 'tooltip-layer') as unknown as Group;
	let cursor = current >= 0 ? current : optimum >= 0 ? optimum : layout.order[0];
	let shown = -1;
	let shownFocused = false;

	const show = (i: number, focused: boolean) => {
		shown = i;
		shownFocused = focused;
		cursorLayer.selectAll('*').remove();
		tipLayer.selectAll('*').remove();
		if (i < 0) return;
		const x = nodeX(geo, i);
		const y = rowY(geo, layout.height[i]);
		// Focus ring: a wide orange halo under a dark ring, visible on the blue, red and grey marks.
		for (const [colour, strokeWidth] of [
			[PALETTE.orange, focused ? 6 : 0],
			[PALETTE.ink, 2]
		] as const) {
			if (strokeWidth === 0) continue;
			cursorLayer
				.append('circle')
				.attr('data-node', i)
				.attr('cx', x)
				.attr('cy', y)
				.attr('r', geo.radius + 3)
				.attr('fill', 'none')
				.attr('stroke', colour)
				.attr('stroke-width', strokeWidth);
		}
		drawTooltip(tipLayer, x, y, describe(i).split(' · '), { width: innerW, height: innerH });
	};
	const select_ = (i: number) => {
		if (i >= 0) opts.onselect?.(levelsOf(nodes, i));
	};

	const zoomBehaviour = zoom<SVGSVGElement, unknown>()
		.scaleExtent([1, Math.max(4, widest / 4)])
		.extent([
			[MARGIN.left, MARGIN.top],
			[MARGIN.left + innerW, MARGIN.top + innerH]
		])
		.translateExtent([
			[MARGIN.left, MARGIN.top],
			[MARGIN.left + innerW, MARGIN.top + innerH]
		])
		// The wheel zooms only with Ctrl/⌘ (and trackpad pinch, which sets ctrlKey), so it still scrolls the page.
		.filter((event: MouseEvent) =>
			event.type === 'wheel' ? event.ctrlKey || event.metaKey : event.type !== 'dblclick' && !event.button
		)
		.on('zoom', (event: { transform: ZoomTransform }) => {
			geo.k = event.transform.k;
			geo.tx = event.transform.x;
			geo.radius = radiusAt(geo);
			render();
			show(shown, shownFocused);
		});
	root.call(zoomBehaviour);

	const plotPoint = (event: Event): [number, number] => {
		const [px, py] = pointer(event, svg);
		return [px - MARGIN.left, py - MARGIN.top];
	};
	root
		.on('pointermove.lattice', (event: PointerEvent) => {
			const [x, y] = plotPoint(event);
			show(nodeAt(geo, x, y), false);
		})
		.on('pointerleave.lattice', () => show(document.activeElement === svg ? cursor : -1, true))
		.on('click.lattice', (event: MouseEvent) => {
			const [x, y] = plotPoint(event);
			const i = nodeAt(geo, x, y);
			if (i >= 0) {
				cursor = i;
				show(i, document.activeElement === svg);
			}
			select_(i);
		})
		.on('focus.lattice', () => show(cursor, true))
		.on('blur.lattice', () => show(-1, false))
		.on('keydown.lattice', (event: KeyboardEvent) => {
			if (event.key === 'Enter' || event.key === ' ') {
				select_(cursor);
			} else if (event.key === '+' || event.key === '=' || event.key === '-') {
				root.call(zoomBehaviour.scaleBy, event.key === '-' ? 0.5 : 2);
			} else if (event.key === '0') {
				root.call(zoomBehaviour.transform, zoomIdentity);
			} else {
				const next = moveCursor(layout, cursor, event.key);
				if (next === cursor && !event.key.startsWith('Arrow') && event.key !== 'Home' && event.key !== 'End')
					return;
				cursor = next;
				root.attr('aria-label', `${opts.label}: ${describe(cursor)}`);
				// Keep the cursor in view when zoomed in: pan to it once it leaves the visible part.
				const x = nodeX(geo, cursor);
				if (x < 0 || x > innerW) {
					root.call(zoomBehaviour.translateTo, baseX(geo, cursor) + MARGIN.left, MARGIN.top + innerH / 2);
				}
				show(cursor, true);
			}
			event.preventDefault();
		});
}

function drawStateLegend(
	root: ReturnType<typeof frame>,
	stateText: readonly string[],
	counts: readonly number[],
	count: (n: number) => string
): void {
	const g = root.append('g').attr('class', 'legend').attr('transform', `translate(${MARGIN.left},14)`);
	let offset = 0;
	for (const tag of [1, 2, 0]) {
		const text = `${stateText[tag]} (${count(counts[tag])})`;
		g.append('path')
			.attr('d', shape(tag, offset + 5, -4, 5))
			.attr('fill', SHAPES[tag].fill)
			.attr('stroke', SHAPES[tag].stroke);
		g.append('text')
			.attr('x', offset + 14)
			.attr('fill', PALETTE.ink)
			.text(text);
		offset += 14 + textWidth(text, 11) + 16;
	}
}

function drawEdges(content: Group, nodes: LatticeNodes, geo: Geometry): void {
	const { dimensions } = nodes;
	const index = new Map<string, number>();
	for (let i = 0; i < geo.layout.count; i++) index.set(levelsOf(nodes, i).join(','), i);
	const parts: string[] = [];
	for (let i = 0; i < geo.layout.count; i++) {
		const levels = levelsOf(nodes, i);
		for (let d = 0; d < dimensions; d++) {
			levels[d]++;
			const j = index.get(levels.join(','));
			levels[d]--;
			if (j === undefined) continue;
			parts.push(
				`M${nodeX(geo, i)},${rowY(geo, geo.layout.height[i])}L${nodeX(geo, j)},${rowY(geo, geo.layout.height[j])}`
			);
		}
	}
	content
		.append('path')
		.attr('class', 'edges')
		.attr('d', parts.join(''))
		.attr('fill', 'none')
		.attr('stroke', '#c7cdd6')
		.attr('stroke-width', 1);
}
