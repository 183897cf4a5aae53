/**
 * ARX's Flash traversal for practical monotonicity (Kohlmayer et al., "Flash: efficient, stable and
 * optimal k-anonymity", 2012; ARX 3.9.2 org.deidentifier.arx.algorithm.FLASHAlgorithm#createFullFull
 * and FLASHAlgorithmImpl). With practical monotonicity ARX assumes both privacy and utility to be
 * monotonic, runs the binary phase only and answers with the best node it *checked*: nodes tagged
 * anonymous by prediction are never evaluated. Its answer therefore depends on the exact order of
 * the traversal, which this module reproduces:
 *
 * - levels bottom-up; within a level the untagged nodes in ARX's identifier order (first QI varies
 *   fastest, jhpl's reversed index), stably sorted by {@link FlashOrder};
 * - from each, a Java PriorityQueue (binary heap, same sift rules) of path starts; a path goes up
 *   through the first untagged successor in the sorted successor list (successors in identifier
 *   order, stably sorted);
 * - binary search on the path: a tagged node moves the upper end down (ARX does so whatever the
 *   tag), a checked non-anonymous node queues its untagged successors;
 * - a checked node replaces the optimum when its loss is smaller, or equal at a lower height.
 */
import type { PreparedData } from '../classes/snapshot';
import { Lattice } from '../lattice/lattice';
import { compareLoss, type Loss } from '../metrics/quality-model';
import {
	completelyGeneralized,
	describeClasses,
	Evaluator,
	singleAttributeRejection,
	type Evaluation
} from './evaluator';
import { minimalClassSize } from '../classes/equivalence-classes';
import {
	abortError,
	TAG_ANONYMOUS,
	TAG_NOT_ANONYMOUS,
	TAG_UNKNOWN,
	type SearchOptions,
	type SearchProgress,
	type SearchResult
} from './optimal-search';
import { JavaPriorityQueue } from './java-priority-queue';

/**
 * ARX's FLASHStrategy: nodes ordered by (height / lattice height, mean relative level, 1 − mean
 * share of distinct values kept). The same floating-point operations in the same order, so that
 * ties (and NaN for single-level hierarchies) compare as in ARX.
 */
export class FlashOrder {
	private readonly cache: (Float64Array | undefined)[];
	private readonly distinct: number[][];
	private readonly latticeHeight: number;

	constructor(
		private readonly lattice: Lattice,
		data: PreparedData
	) {
		this.cache = new Array(lattice.size);
		this.latticeHeight = lattice.height;
		this.distinct = distinctValuesPerLevel(data);
	}

	private criteria(node: number): Float64Array {
		let c = this.cache[node];
		if (c) return c;
		const levels = this.lattice.levelsOf(node);
		const maxLevels = this.lattice.maxLevels;
		let height = 0;
		for (let q = 0; q < levels.length; q++) height += levels[q];
		let ddistinct = 0;
		let prec = 0;
		for (let q = 0; q < levels.length; q++) {
			ddistinct += this.distinct[q][levels[q]] / this.distinct[q][0];
			prec += levels[q] / maxLevels[q];
		}
		ddistinct /= levels.length;
		prec /= levels.length;
		c = Float64Array.of(height / this.latticeHeight, prec, 1 - ddistinct);
		this.cache[node] = c;
		return c;
	}

	readonly compare = (a: number, b: number): number => {
		const m1 = this.criteria(a);
		const m2 = this.criteria(b);
		for (let i = 0; i < 3; i++) {
			if (m1[i] < m2[i]) return -1;
			if (m1[i] > m2[i]) return 1;
		}
		return 0;
	};
}

/**
 * ARX's GeneralizationHierarchy#getDistinctValues: per level, the number of distinct generalized
 * values of the attribute's values present in the data (all rows, also outside a research subset).
 */
export function distinctValuesPerLevel(data: PreparedData): number[][] {
	const { bottom } = data;
	return data.quasiIdentifiers.map(({ hierarchy }, q) => {
		const present = new Uint8Array(hierarchy.levels[0].length);
		const codes = bottom.qi[q];
		for (let a = 0; a < bottom.count; a++) present[codes[a]] = 1;
		return hierarchy.codes.map((map, level) => {
			const seen = new Uint8Array(hierarchy.levels[level].length);
			let count = 0;
			for (let leaf = 0; leaf < present.length; leaf++) {
				if (present[leaf] && !seen[map[leaf]]) {
					seen[map[leaf]] = 1;
					count++;
				}
			}
			return count;
		});
	});
}

/** ARX's node identifier (jhpl: the transformation reversed, first QI varying fastest). */
function arxIdentifiers(lattice: Lattice): Float64Array {
	const ids = new Float64Array(lattice.size);
	const stride = new Float64Array(lattice.dimensions);
	let s = 1;
	for (let q = 0; q < lattice.dimensions; q++) {
		stride[q] = s;
		s *= lattice.maxLevels[q] + 1;
	}
	for (let node = 0; node < lattice.size; node++) {
		let id = 0;
		for (let q = 0; q < lattice.dimensions; q++) id += lattice.levelOf(node, q) * stride[q];
		ids[node] = id;
	}
	return ids;
}

export function* flashSearch(options: SearchOptions): Generator<SearchProgress, SearchResult> {
	const { data, criteria, quality, signal } = options;
	const lattice = new Lattice(data.quasiIdentifiers.map((q) => q.hierarchy.height - 1));
	const size = lattice.size;
	const limit = Math.floor(options.suppressionLimit * data.sampleRows);
	const evaluator = new Evaluator(data, {
		criteria,
		suppressionLimit: limit,
		sensitiveCardinalities: data.sensitiveCardinalities,
		sampleRows: data.sampleRows,
		completelyGeneralized: completelyGeneralized(data),
		classLoss: quality.classLosses ? (classes) => quality.classLosses!(classes) : undefined
	});
	// A node failing ARX's minimal class size on a single attribute is a check with a negative verdict.
	const rejected = singleAttributeRejection(data, minimalClassSize(criteria), limit);
	const order = new FlashOrder(lattice, data);
	const progressEvery = options.progressEvery ?? 64;
	const tags = new Uint8Array(size);
	const heights = new Int32Array(size);
	for (let i = 0; i < size; i++) heights[i] = lattice.heightOf(i);
	const sortedSuccessors: (number[] | undefined)[] = new Array(size);
	const successorsOf = (node: number): number[] => {
		let s = sortedSuccessors[node];
		if (!s) {
			// Lattice#successors lists QI 0 first, i.e. ascending ARX identifiers; Array#sort is stable.
			s = lattice.successors(node).sort(order.compare);
			sortedSuccessors[node] = s;
		}
		return s;
	};
	const skip = (node: number) => tags[node] !== TAG_UNKNOWN;
	const tagFrom = (start: number, tag: number, up: boolean) => {
		tags[start] = tag;
		const stack = [start];
		while (stack.length > 0) {
			const node = stack.pop() as number;
			for (const n of up ? lattice.successors(node) : lattice.predecessors(node)) {
				if (tags[n] !== tag) {
					tags[n] = tag;
					stack.push(n);
				}
			}
		}
	};

	let best = -1;
	let bestLoss: Loss | null = null;
	let bestEvaluation: Evaluation | null = null;
	let lastReport = 0;
	// Nodes failing on a single attribute count as checks, as they do in ARX.
	let rejections = 0;
	const progress = (): SearchProgress => ({
		checked: evaluator.checks + rejections,
		latticeSize: size,
		bestLoss: bestLoss ? quality.present(bestLoss) : null,
		tags
	});

	/** checkAndTag of the binary phase; returns whether the node is anonymous. */
	const check = (node: number): boolean => {
		const levels = lattice.levelsOf(node);
		if (rejected(levels)) {
			rejections++;
			tagFrom(node, TAG_NOT_ANONYMOUS, false);
			return false;
		}
		const evaluation = evaluator.evaluate(levels);
		const { privacy, classes } = evaluation;
		if (!privacy.anonymous || !classes) {
			tagFrom(node, TAG_NOT_ANONYMOUS, false);
			return false;
		}
		tagFrom(node, TAG_ANONYMOUS, true);
		const loss = quality.evaluate({ classes, outlier: privacy.outlier });
		const c = bestLoss === null ? -1 : compareLoss(loss, bestLoss);
		if (c < 0 || (c === 0 && heights[node] < heights[best])) {
			best = node;
			bestLoss = loss;
			bestEvaluation = evaluation;
		}
		return true;
	};

	const ids = arxIdentifiers(lattice);
	const byLevel: number[][] = Array.from({ length: lattice.height + 1 }, () => []);
	for (let i = 0; i < size; i++) byLevel[heights[i]].push(i);
	const queue = new JavaPriorityQueue(order.compare);
	for (const nodes of byLevel) {
		nodes.sort((a, b) => ids[a] - ids[b]);
		const starts = nodes.filter((n) => !skip(n)).sort(order.compare);
		for (const start of starts) {
			queue.offer(start);
			while (queue.size > 0) {
				const head = queue.poll();
				if (skip(head)) continue;
				const path = [head];
				for (let current = head; ;) {
					const next = successorsOf(current).find((n) => !skip(n));
					if (next === undefined) break;
					path.push(next);
					current = next;
				}
				let low = 0;
				let high = path.length - 1;
				while (low <= high) {
					const mid = (low + high) >> 1;
					const node = path[mid];
					if (skip(node)) {
						high = mid - 1;
						continue;
					}
					const anonymous = check(node);
					if (signal?.aborted) throw abortError();
					if (evaluator.checks - lastReport >= progressEvery) {
						lastReport = evaluator.checks;
						yield progress();
					}
					if (anonymous) {
						high = mid - 1;
					} else {
						for (const up of successorsOf(node)) if (!skip(up)) queue.offer(up);
						low = mid + 1;
					}
				}
			}
		}
	}

	const common = { checked: evaluator.checks + rejections, latticeSize: size, optimal: false, tags, lattice };
	if (bestLoss === null || best < 0) {
		return {
			levels: null,
			loss: null,
			informationLoss: null,
			suppressedRecords: 0,
			equivalenceClasses: 0,
			minClassSize: 0,
			...common
		};
	}
	return {
		levels: lattice.levelsOf(best),
		loss: bestLoss,
		informationLoss: quality.present(bestLoss),
		...describeClasses(bestEvaluation as unknown as Evaluation),
		...common
	};
}
