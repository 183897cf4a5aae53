/**
 * The measures of ARX 3.9.2's metric/v2 package, one factory each. Formulas (per QI q, class c with
 * n_c research-sample rows, node level l_q, generalization factor g and suppression factor s derived
 * from the gs-factor as in ARX's Metric constructor: s = gs < ½ ? 2gs : 1, g = gs ≤ ½ ? 1 : 1 − 2(gs − ½)):
 * - Loss (MetricMDNMLoss): Σ_c n_c·share_q(c)·g for kept classes, suppressed ones count n_c when s = 1
 *   (else share + s·(n_c − share)); normalized (x − min)/(N − min) with min = g·N/|domain_q|.
 * - Non-uniform entropy (MetricMDNUEntropyPrecomputed): −g·Σ_leaf a·log2(a/b), a = rows of the leaf,
 *   b = rows of its generalization; the non-monotonic variant adds −s·Σ cnt·log2(cnt/S) over the
 *   suppressed rows' generalized values (MetricMDNUNMEntropyPrecomputed).
 * - Precision (MetricMD[NM]Precision): l_q/h_q·g per kept row, s per suppressed row, over N rows.
 * - Height (MetricMDHeight): l_q.  Discernibility (MetricSD[NM]Discernability): Σ n_c², suppressed
 *   classes N·n_c in the non-monotonic variant.  AECS (MetricSDAECS): N / (kept classes·g + s if any
 *   row is suppressed).
 */
import type { Hierarchy } from '../hierarchy/hierarchy';
import type { QualityAggregate } from '../config/project-config';
import {
	aggregate,
	arxRound,
	presentLoss,
	type Loss,
	type NodeClasses,
	type QualityModel
} from './quality-model';

export interface MetricContext {
	readonly hierarchies: readonly Hierarchy[];
	/** Research-sample rows (ARX's getNumRecords). */
	readonly rows: number;
	/** levelCounts[q][l][code] = research-sample rows whose QI q generalizes to `code` at level l. */
	readonly levelCounts: readonly (readonly Float64Array[])[];
	readonly weights: Float64Array;
	/** Whether the suppression limit is 0 (ARX then uses monotonicity with generalization). */
	readonly noSuppression: boolean;
}

export function gsFactors(gsFactor: number): { g: number; s: number } {
	return { s: gsFactor < 0.5 ? 2 * gsFactor : 1, g: gsFactor <= 0.5 ? 1 : 1 - 2 * (gsFactor - 0.5) };
}

function monotonicity(ctx: MetricContext, withGeneralization: boolean, withSuppression: boolean): boolean {
	return ctx.noSuppression ? withGeneralization : withSuppression;
}

/** DomainShareMaterialized: leaves under a generalized value / leaves of the hierarchy. */
function domainShares(h: Hierarchy): Float64Array[] {
	const leaves = h.levels[0].length;
	return h.codes.map((codes, level) => {
		const counts = new Float64Array(h.levels[level].length);
		for (let leaf = 0; leaf < leaves; leaf++) counts[codes[leaf]]++;
		return counts.map((c) => c / leaves);
	});
}

export function lossMeasure(ctx: MetricContext, gsFactor: number, fn: QualityAggregate): QualityModel {
	const { g, s } = gsFactors(gsFactor);
	const shares = ctx.hierarchies.map(domainShares);
	const n = ctx.rows;
	const normalize = (value: number, q: number) => {
		const min = (g * n) / ctx.hierarchies[q].levels[0].length;
		const result = (value - min) / (n - min);
		return arxRound(result >= 0 ? result : 0);
	};
	// The generalization part over all rows depends on (QI, level) only: ARX's
	// MetricMDNMLossPrecomputed#getLowerBoundInternal, cached per level.
	const perLevel = ctx.hierarchies.map((h, q) =>
		Float64Array.from({ length: h.height }, (_, level) => {
			const counts = ctx.levelCounts[q][level];
			const share = shares[q][level];
			let sum = 0;
			for (let code = 0; code < counts.length; code++) sum += counts[code] * share[code] * g;
			return normalize(sum, q);
		})
	);
	// The geometric mean multiplies one factor per QI in QI order, as ARX does: precomputing the
	// factors gives bit-identical results without allocating per node.
	const factors =
		fn === 'geometric-mean'
			? perLevel.map((values, q) => values.map((v) => Math.pow(v * ctx.weights[q] + 1, 1 / perLevel.length)))
			: null;
	const bound = (levels: Int32Array) => {
		if (factors) {
			let result = 1;
			for (let q = 0; q < levels.length; q++) result *= factors[q][levels[q]];
			return Float64Array.of(result - 1);
		}
		return aggregate(
			Float64Array.from(levels, (level, q) => perLevel[q][level]),
			ctx.weights,
			fn
		);
	};
	return {
		name: `Loss (${gsFactor})`,
		monotonic: monotonicity(ctx, true, false),
		needsClasses: true,
		staticBound: bound,
		classBound: () => null,
		evaluate({ classes, outlier }: NodeClasses): Loss {
			const values = new Float64Array(classes.qi.length);
			for (let q = 0; q < classes.qi.length; q++) {
				const share = shares[q][classes.levels[q]];
				const codes = classes.qi[q];
				let sum = 0;
				for (let c = 0; c < classes.count; c++) {
					const count = classes.size[c];
					if (count === 0) continue;
					const part = count * share[codes[c]];
					sum += !outlier[c] ? part * g : s === 1 ? count : part + s * (count - part);
				}
				values[q] = normalize(sum, q);
			}
			return aggregate(values, ctx.weights, fn);
		},
		classLosses(classes) {
			// Per class: the aggregate of count·share per QI (MetricMDNMLoss#getInformationLossInternal(node, entry)).
			const result = new Float64Array(classes.count);
			const values = new Float64Array(classes.qi.length);
			const singletons = classes.qi.map((_, q) =>
				new Float64Array(shares[q][classes.levels[q]].length).fill(NaN)
			);
			const n = classes.qi.length;
			for (let c = 0; c < classes.count; c++) {
				if (fn === 'geometric-mean') {
					let product = 1;
					const count = classes.size[c];
					for (let q = 0; q < n; q++) {
						const code = classes.qi[q][c];
						if (count === 1) {
							// Most classes are singletons: their factors depend on (QI, code) only.
							const table = singletons[q];
							let factor = table[code];
							if (Number.isNaN(factor)) {
								factor = Math.pow(shares[q][classes.levels[q]][code] * ctx.weights[q] + 1, 1 / n);
								table[code] = factor;
							}
							product *= factor;
						} else {
							const v = count * shares[q][classes.levels[q]][code];
							product *= Math.pow(v * ctx.weights[q] + 1, 1 / n);
						}
					}
					result[c] = product - 1;
				} else {
					for (let q = 0; q < n; q++)
						values[q] = classes.size[c] * shares[q][classes.levels[q]][classes.qi[q][c]];
					result[c] = aggregate(values, ctx.weights, fn)[0];
				}
			}
			return result;
		},
		present: (loss) => presentLoss(loss, fn)
	};
}

export function nonUniformEntropyMeasure(
	ctx: MetricContext,
	monotonic: boolean,
	gsFactor: number,
	fn: QualityAggregate
): QualityModel {
	const { g, s } = gsFactors(gsFactor);
	const log2 = (x: number) => Math.log(x) / Math.LN2;
	const cache = ctx.hierarchies.map((h) => new Float64Array(h.height).fill(NaN));
	const raw = (levels: Int32Array) => {
		const values = new Float64Array(levels.length);
		for (let q = 0; q < levels.length; q++) {
			const level = levels[q];
			let value = cache[q][level];
			if (Number.isNaN(value)) {
				value = 0;
				const h = ctx.hierarchies[q];
				const leafCounts = ctx.levelCounts[q][0];
				const generalized = ctx.levelCounts[q][level];
				const map = h.codes[level];
				for (let leaf = 0; leaf < leafCounts.length; leaf++) {
					const a = leafCounts[leaf];
					if (a !== 0) value += a * log2(a / generalized[map[leaf]]);
				}
				cache[q][level] = value;
			}
			values[q] = value * g;
		}
		return values;
	};
	const finish = (values: Float64Array) => {
		for (let q = 0; q < values.length; q++) values[q] = arxRound(values[q] === 0 ? values[q] : -values[q]);
		return aggregate(values, ctx.weights, fn);
	};
	return {
		name: monotonic ? 'Non-uniform entropy' : 'Non-monotonic non-uniform entropy',
		monotonic: monotonicity(ctx, true, monotonic),
		needsClasses: !monotonic,
		staticBound: (levels) => finish(raw(levels)),
		classBound: () => null,
		evaluate({ classes, outlier }: NodeClasses): Loss {
			const values = raw(classes.levels);
			if (!monotonic) {
				let suppressed = 0;
				for (let c = 0; c < classes.count; c++)
					if (outlier[c] && classes.size[c] > 0) suppressed += classes.size[c];
				if (suppressed !== 0) {
					for (let q = 0; q < values.length; q++) {
						const counts = new Map<number, number>();
						const codes = classes.qi[q];
						for (let c = 0; c < classes.count; c++) {
							if (outlier[c] && classes.size[c] > 0) {
								counts.set(codes[c], (counts.get(codes[c]) ?? 0) + classes.size[c]);
							}
						}
						for (const count of counts.values()) values[q] += count * log2(count / suppressed) * s;
					}
				}
			}
			return finish(values);
		},
		present: (loss) => presentLoss(loss, fn)
	};
}

export function precisionMeasure(
	ctx: MetricContext,
	monotonic: boolean,
	gsFactor: number,
	fn: QualityAggregate
): QualityModel {
	const { g, s } = gsFactors(gsFactor);
	const heights = ctx.hierarchies.map((h) => h.height - 1);
	const ratio = (levels: Int32Array, q: number) => (heights[q] === 0 ? 0 : levels[q] / heights[q]);
	return {
		name: monotonic ? 'Monotonic precision' : 'Non-monotonic precision',
		monotonic: monotonicity(ctx, true, monotonic),
		needsClasses: !monotonic,
		staticBound(levels) {
			const values = Float64Array.from(levels, (_, q) =>
				monotonic ? ratio(levels, q) * g : Math.min(ratio(levels, q) * g, s)
			);
			return aggregate(values, ctx.weights, fn);
		},
		classBound: () => null,
		evaluate({ classes, outlier }: NodeClasses): Loss {
			const levels = classes.levels;
			if (monotonic)
				return aggregate(
					Float64Array.from(levels, (_, q) => ratio(levels, q) * g),
					ctx.weights,
					fn
				);
			let suppressed = 0;
			let kept = 0;
			for (let c = 0; c < classes.count; c++) {
				if (outlier[c]) suppressed += classes.size[c];
				else kept += classes.size[c];
			}
			const values = Float64Array.from(
				levels,
				(_, q) => (kept * ratio(levels, q) * g + suppressed * s) / ctx.rows
			);
			return aggregate(values, ctx.weights, fn);
		},
		present: (loss) => presentLoss(loss, fn)
	};
}

export function heightMeasure(ctx: MetricContext, fn: QualityAggregate): QualityModel {
	const value = (levels: Int32Array) => aggregate(Float64Array.from(levels), ctx.weights, fn);
	return {
		name: 'Height',
		monotonic: true,
		needsClasses: false,
		staticBound: value,
		classBound: () => null,
		evaluate: ({ classes }) => value(classes.levels),
		present: (loss) => presentLoss(loss, fn)
	};
}

export function discernibilityMeasure(ctx: MetricContext, monotonic: boolean): QualityModel {
	const squares = ({ classes }: NodeClasses) => {
		let sum = 0;
		for (let c = 0; c < classes.count; c++) sum += classes.size[c] * classes.size[c];
		return Float64Array.of(sum);
	};
	return {
		name: monotonic ? 'Monotonic discernability (DM*)' : 'Non-monotonic discernability',
		monotonic: monotonicity(ctx, true, monotonic),
		needsClasses: true,
		staticBound: () => Float64Array.of(ctx.rows),
		classBound: squares,
		evaluate(node: NodeClasses): Loss {
			if (monotonic) return squares(node);
			const { classes, outlier } = node;
			let dm = 0;
			for (let c = 0; c < classes.count; c++) {
				const count = classes.size[c];
				dm += outlier[c] ? ctx.rows * count : count * count;
			}
			return Float64Array.of(dm);
		},
		present: (loss) => loss[0]
	};
}

export function aecsMeasure(ctx: MetricContext, gsFactor: number): QualityModel {
	const { g, s } = gsFactors(gsFactor);
	return {
		name: 'Average equivalence class size',
		monotonic: monotonicity(ctx, true, false),
		needsClasses: true,
		staticBound: () => Float64Array.of(1),
		classBound({ classes }: NodeClasses) {
			let groups = 0;
			for (let c = 0; c < classes.count; c++) if (classes.size[c] > 0) groups++;
			return Float64Array.of(ctx.rows / (groups * g));
		},
		evaluate({ classes, outlier }: NodeClasses): Loss {
			let kept = 0;
			let all = 0;
			for (let c = 0; c < classes.count; c++) {
				if (classes.size[c] > 0) {
					if (!outlier[c]) kept++;
					all++;
				}
			}
			const groups = kept !== all ? kept * g + s : kept * g;
			return Float64Array.of(ctx.rows / groups);
		},
		present: (loss) => loss[0]
	};
}
