/**
 * Optimal search over the full generalization lattice.
 *
 * With ARX's practical monotonicity the search is ARX's own Flash traversal (flash-search.ts).
 *
 * Phase 1 (when privacy is monotonic: no suppression with monotonic models, or models monotonic with
 * suppression such as k-anonymity) follows Flash (Kohlmayer et al.,
 * "Flash: efficient, stable and optimal k-anonymity", 2012): from the lowest untagged node, a path
 * upwards is binary-searched; an anonymous node tags all its generalizations anonymous, a
 * non-anonymous one all its specializations non-anonymous (predictive tagging).
 *
 * Phase 2 is a best-first branch and bound over the nodes not known to fail, in ascending order of a
 * lower bound of their loss (ARX's lower bounds: the generalization-only part of Loss, entropy and
 * precision from the levels alone; DM* and AECS from an evaluated specialization). It stops as soon
 * as the smallest bound reaches the best loss found, so the result is optimal — also with suppression
 * and non-monotonic models, where every node below that bound is checked.
 */
import type { PrivacyCriterion } from '../criteria/criterion';
import type { PreparedData } from '../classes/snapshot';
import { Lattice } from '../lattice/lattice';
import { compareLoss, maxLoss, type Loss, type QualityModel } from '../metrics/quality-model';
import {
	completelyGeneralized,
	describeClasses,
	Evaluator,
	singleAttributeRejection,
	type Evaluation
} from './evaluator';
import { minimalClassSize } from '../classes/equivalence-classes';
import { MinHeap } from './min-heap';
import { flashSearch } from './flash-search';

export const TAG_UNKNOWN = 0;
export const TAG_ANONYMOUS = 1;
export const TAG_NOT_ANONYMOUS = 2;

export interface SearchOptions {
	readonly data: PreparedData;
	readonly criteria: readonly PrivacyCriterion[];
	/** Fraction of research-sample rows that may be suppressed. */
	readonly suppressionLimit: number;
	readonly quality: QualityModel;
	readonly practicalMonotonicity?: boolean;
	readonly signal?: AbortSignal;
	/** Yield a progress report every this many checks (default 64). */
	readonly progressEvery?: number;
}

export interface SearchProgress {
	readonly checked: number;
	readonly latticeSize: number;
	readonly bestLoss: number | number[] | null;
	/** Per node: 0 unknown, 1 anonymous, 2 not anonymous (indexes of `Lattice`). */
	readonly tags: Uint8Array;
}

export interface SearchResult {
	readonly levels: Int32Array | null;
	readonly loss: Loss | null;
	readonly informationLoss: number | number[] | null;
	readonly suppressedRecords: number;
	readonly equivalenceClasses: number;
	readonly minClassSize: number;
	readonly checked: number;
	readonly latticeSize: number;
	readonly optimal: boolean;
	readonly tags: Uint8Array;
	readonly lattice: Lattice;
}

export function abortError(): Error {
	return Object.assign(new Error('The search was cancelled'), { name: 'AbortError', code: 'ABORTED' });
}

/** Whether the privacy verdict can be propagated through the lattice (ARX's Monotonicity.FULL). */
export function isPrivacyMonotonic(
	criteria: readonly PrivacyCriterion[],
	suppressionLimit: number,
	practical: boolean
): boolean {
	if (practical) return true;
	return criteria.every((c) =>
		suppressionLimit === 0
			? c.monotonicWithGeneralization
			: c.monotonicWithGeneralization && c.monotonicWithSuppression
	);
}

export function* optimalSearch(options: SearchOptions): Generator<SearchProgress, SearchResult> {
	// ARX's answer with practical monotonicity is the best node its Flash traversal checked.
	if (options.practicalMonotonicity) return yield* flashSearch(options);
	const { data, criteria, quality, signal } = options;
	const lattice = new Lattice(data.quasiIdentifiers.map((q) => q.hierarchy.height - 1));
	const size = lattice.size;
	const evaluator = new Evaluator(data, {
		criteria,
		suppressionLimit: Math.floor(options.suppressionLimit * data.sampleRows),
		sensitiveCardinalities: data.sensitiveCardinalities,
		sampleRows: data.sampleRows,
		completelyGeneralized: completelyGeneralized(data),
		classLoss: quality.classLosses ? (classes) => quality.classLosses!(classes) : undefined
	});
	const rejected = singleAttributeRejection(
		data,
		minimalClassSize(criteria),
		Math.floor(options.suppressionLimit * data.sampleRows)
	);
	const privacyMonotonic = isPrivacyMonotonic(criteria, options.suppressionLimit, false);
	const utilityMonotonic = quality.monotonic;
	const progressEvery = options.progressEvery ?? 64;
	const tags = new Uint8Array(size);
	const bounds: (Loss | null)[] = new Array(size).fill(null);
	const losses: (Loss | null)[] = new Array(size).fill(null);
	const heights = new Int32Array(size);
	const levels = Array.from({ length: size }, (_, i) => lattice.levelsOf(i));
	for (let i = 0; i < size; i++) {
		const l = levels[i];
		let height = 0;
		for (let q = 0; q < l.length; q++) height += l[q];
		heights[i] = height;
		bounds[i] = quality.staticBound(levels[i]);
	}
	let best: number = -1;
	let bestLoss: Loss | null = null;
	let bestEvaluation: Evaluation | null = null;
	let lastReport = 0;

	const tagFrom = (start: number, tag: number, up: boolean) => {
		const stack = [start];
		while (stack.length > 0) {
			const node = stack.pop() as number;
			const next = up ? lattice.successors(node) : lattice.predecessors(node);
			for (const n of next) {
				if (tags[n] !== tag) {
					tags[n] = tag;
					stack.push(n);
				}
			}
		}
	};
	const record = (node: number, evaluation: Evaluation) => {
		const { privacy, classes } = evaluation;
		if (privacy.anonymous && classes) {
			tags[node] = TAG_ANONYMOUS;
			if (privacyMonotonic) tagFrom(node, TAG_ANONYMOUS, true);
			const loss = quality.evaluate({ classes, outlier: privacy.outlier });
			losses[node] = loss;
			if (bestLoss === null || compareLoss(loss, bestLoss) < 0) {
				best = node;
				bestLoss = loss;
				bestEvaluation = evaluation;
			}
		} else {
			tags[node] = TAG_NOT_ANONYMOUS;
			if (privacyMonotonic || privacy.minimalSizeFailed) tagFrom(node, TAG_NOT_ANONYMOUS, false);
		}
		const classBound = classes ? quality.classBound({ classes, outlier: privacy.outlier }) : null;
		if (classBound) bounds[node] = maxLoss(bounds[node], classBound);
	};
	const progress = (): SearchProgress => ({
		checked: evaluator.checks,
		latticeSize: size,
		bestLoss: bestLoss ? quality.present(bestLoss) : null,
		tags
	});
	const shouldReport = () => {
		if (signal?.aborted) throw abortError();
		if (evaluator.checks - lastReport >= progressEvery) {
			lastReport = evaluator.checks;
			return true;
		}
		return false;
	};

	// Phase 1: Flash's binary search along paths, when the verdict can be propagated.
	if (privacyMonotonic) {
		// Nodes by height, then index (a counting sort: heights are small integers).
		const starts = new Int32Array(lattice.height + 2);
		for (let i = 0; i < size; i++) starts[heights[i] + 1]++;
		for (let h = 0; h <= lattice.height; h++) starts[h + 1] += starts[h];
		const order = new Int32Array(size);
		for (let i = 0; i < size; i++) order[starts[heights[i]]++] = i;
		const byBound = (a: number, b: number) => compareLoss(bounds[a] as Loss, bounds[b] as Loss) || a - b;
		// Like ARX's FLASH, nodes whose loss bound already reaches the best loss found are skipped
		// (they and all their generalizations cannot be better); phase 2 never pops them either.
		// With a monotonic measure only path starts are skipped that way (skipping inside paths would
		// shorten Flash's binary searches and cost more checks).
		const skip = (node: number) =>
			tags[node] !== TAG_UNKNOWN ||
			(!utilityMonotonic && bestLoss !== null && compareLoss(bounds[node] as Loss, bestLoss) >= 0);
		for (const start of order) {
			if (skip(start) || (bestLoss !== null && compareLoss(bounds[start] as Loss, bestLoss) >= 0)) continue;
			const path = [start];
			for (let current = start; ;) {
				const next = lattice
					.successors(current)
					.filter((n) => !skip(n))
					.sort(byBound)[0];
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
					if (tags[node] === TAG_NOT_ANONYMOUS) low = mid + 1;
					else high = mid - 1;
					continue;
				}
				if (rejected(levels[node])) {
					tags[node] = TAG_NOT_ANONYMOUS;
					tagFrom(node, TAG_NOT_ANONYMOUS, false);
					low = mid + 1;
					continue;
				}
				record(node, evaluator.evaluate(levels[node]));
				if (shouldReport()) yield progress();
				if ((tags[node] as number) === TAG_ANONYMOUS) high = mid - 1;
				else low = mid + 1;
			}
		}
	}

	// Phase 2: best-first branch and bound on the lower bounds.
	const heap = new MinHeap<Loss>((a, an, b, bn) => {
		const c = compareLoss(a, b);
		return c !== 0 ? c < 0 : heights[an] !== heights[bn] ? heights[an] < heights[bn] : an < bn;
	});
	for (let i = 0; i < size; i++) if (tags[i] !== TAG_NOT_ANONYMOUS) heap.push(i, bounds[i] as Loss);
	const raise = (node: number, bound: Loss | null) => {
		if (!bound) return;
		for (const s of lattice.successors(node)) bounds[s] = maxLoss(bounds[s], bound);
	};
	while (heap.size > 0) {
		const key = heap.peekKey() as Loss;
		if (bestLoss && compareLoss(key, bestLoss) >= 0) break;
		const node = heap.pop() as number;
		const bound = bounds[node] as Loss;
		if (compareLoss(bound, key) > 0) {
			heap.push(node, bound);
			continue;
		}
		if (tags[node] === TAG_NOT_ANONYMOUS) {
			raise(node, bound);
			continue;
		}
		// A predicted-anonymous node is evaluated for its loss.
		if (losses[node] === null && tags[node] === TAG_UNKNOWN && rejected(levels[node])) {
			tags[node] = TAG_NOT_ANONYMOUS;
			tagFrom(node, TAG_NOT_ANONYMOUS, false);
			raise(node, bound);
			continue;
		}
		if (losses[node] === null) {
			const evaluation = evaluator.evaluate(levels[node]);
			record(node, evaluation);
			if (shouldReport()) yield progress();
		}
		const loss = losses[node];
		raise(node, utilityMonotonic && loss ? maxLoss(bounds[node], loss) : bounds[node]);
	}

	if (bestLoss === null || best < 0) {
		return {
			levels: null,
			loss: null,
			informationLoss: null,
			suppressedRecords: 0,
			equivalenceClasses: 0,
			minClassSize: 0,
			checked: evaluator.checks,
			latticeSize: size,
			optimal: true,
			tags,
			lattice
		};
	}
	const summary = describeClasses(bestEvaluation as unknown as Evaluation);
	return {
		levels: levels[best],
		loss: bestLoss,
		informationLoss: quality.present(bestLoss),
		...summary,
		checked: evaluator.checks,
		latticeSize: size,
		optimal: true,
		tags,
		lattice
	};
}

/** Runs a search generator to completion (for callers that need no progress). */
export function runToEnd<T, R>(generator: Generator<T, R>): R {
	for (;;) {
		const step = generator.next();
		if (step.done) return step.value;
	}
}
