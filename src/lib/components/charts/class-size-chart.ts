/**
 * Class-size histogram: how many equivalence classes (or records) have each class size, with the
 * classes smaller than k hatched and a line at k. Classes below k are the ones a k-anonymity
 * target must generalize or suppress.
 */
import { PALETTE, formatters, frame, hatchPattern, chartId, type ChartText } from './chart-kit';
import { drawVerticalBars } from './vertical-bars';

/** Same shape as the engine's ClassSizeHistogram (distinct sizes ascending, classes per size). */
export interface ClassSizeData {
	readonly sizes: ArrayLike<number>;
	readonly counts: ArrayLike<number>;
}

export interface ClassSizeBucket {
	/** Smallest size in the bucket. */
	readonly from: number;
	/** Largest size, or Infinity for the open last bucket. */
	readonly to: number;
	readonly classes: number;
	readonly records: number;
}

export interface ClassSizeChartOptions extends ChartText {
	readonly width: number;
	readonly height: number;
	/** BCP 47 locale for numbers ('ja', 'en'). */
	readonly locale?: string;
	/** Grouped buckets 1, 2, 3–4, 5–9, 10+ (split at k), or one bar per distinct size. */
	readonly buckets?: 'grouped' | 'exact';
	/** What the bar height counts. */
	readonly measure?: 'classes' | 'records';
	readonly log?: boolean;
	/** Target k: classes smaller than k are marked. */
	readonly k?: number;
	readonly xTitle?: string;
	readonly yTitle?: string;
	/** Text of the k line, e.g. (k) => `k = ${k}`. */
	readonly kLabel?: (k: number) => string;
	/** Legend text for the classes below k. */
	readonly belowKLabel?: string;
	/** Summary for <desc> when `description` is not given, e.g. "3–4: 12 classes, 40 records". */
	readonly describeBucket?: (bucketLabel: string, classes: string, records: string) => string;
}

const DEFAULT_EDGES = [1, 2, 3, 5, 10];

/**
 * Buckets of class sizes. Grouped: 1, 2, 3–4, 5–9, 10+, with an extra edge at k so every bucket is
 * entirely below or entirely at/above k. Exact: one bucket per distinct size present.
 */
export function classSizeBuckets(
	data: ClassSizeData,
	mode: 'grouped' | 'exact',
	k?: number
): ClassSizeBucket[] {
	if (mode === 'exact') {
		return Array.from({ length: data.sizes.length }, (_, i) => ({
			from: data.sizes[i],
			to: data.sizes[i],
			classes: data.counts[i],
			records: data.sizes[i] * data.counts[i]
		}));
	}
	const edges = [...DEFAULT_EDGES];
	if (k !== undefined && k > 1 && !edges.includes(k)) edges.push(k);
	edges.sort((a, b) => a - b);
	const buckets = edges.map((from, i) => ({
		from,
		to: i + 1 < edges.length ? edges[i + 1] - 1 : Infinity,
		classes: 0,
		records: 0
	}));
	for (let i = 0; i < data.sizes.length; i++) {
		const size = data.sizes[i];
		let b = buckets.length - 1;
		while (b > 0 && size < buckets[b].from) b--;
		buckets[b].classes += data.counts[i];
		buckets[b].records += size * data.counts[i];
	}
	return buckets;
}

function bucketLabel(b: ClassSizeBucket, count: (n: number) => string): string {
	if (b.to === Infinity) return `${count(b.from)}+`;
	return b.from === b.to ? count(b.from) : `${count(b.from)}–${count(b.to)}`;
}

const MARGIN = { top: 32, right: 10, bottom: 40, left: 56 };

export function drawClassSizeChart(
	svg: SVGSVGElement,
	data: ClassSizeData,
	opts: ClassSizeChartOptions
): void {
	const f = formatters(opts.locale);
	const buckets = classSizeBuckets(data, opts.buckets ?? 'grouped', opts.k);
	const measure = opts.measure ?? 'classes';
	const labels = buckets.map((b) => bucketLabel(b, f.count));
	const describe =
		opts.describeBucket ??
		((label: string, classes: string, records: string) => `${label}: ${classes} / ${records}`);
	const lines = buckets.map((b, i) => describe(labels[i], f.count(b.classes), f.count(b.records)));
	const root = frame(svg, opts, { label: opts.label, description: opts.description ?? lines.join('; ') });
	if (buckets.length === 0) return;

	const below = hatchPattern(root, `${chartId(svg)}-below`, PALETTE.vermillion);
	const isBelow = (b: ClassSizeBucket) => opts.k !== undefined && b.to < opts.k;
	const plot = root.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
	const { x, innerH } = drawVerticalBars(
		plot,
		buckets.map((b, i) => ({
			label: labels[i],
			value: measure === 'classes' ? b.classes : b.records,
			fill: isBelow(b) ? below : PALETTE.blue,
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
	plot.selectAll('.bars rect').attr('data-below-k', (_, i) => (isBelow(buckets[i]) ? 'true' : 'false'));

	if (opts.k !== undefined) {
		// The line sits between the last bucket below k and the first at or above it.
		const first = buckets.findIndex((b) => !isBelow(b));
		const index = first === -1 ? buckets.length : first;
		const lineX = index < buckets.length ? (x(index) ?? 0) - (x.step() * x.paddingInner()) / 2 : x.range()[1];
		const g = plot.append('g').attr('class', 'k-line');
		g.append('line')
			.attr('x1', lineX)
			.attr('x2', lineX)
			.attr('y1', -24)
			.attr('y2', innerH)
			.attr('stroke', PALETTE.ink)
			.attr('stroke-width', 1.5)
			.attr('stroke-dasharray', '4 3');
		const text = opts.kLabel ? opts.kLabel(opts.k) : `k = ${f.count(opts.k)}`;
		g.append('text')
			.attr('x', lineX + 4)
			.attr('y', -16)
			.attr('fill', PALETTE.ink)
			.attr('font-weight', 'bold')
			.text(opts.belowKLabel ? `${text} (◀ ${opts.belowKLabel})` : text);
	}
}
