/**
 * Heuristic search for lattices too large to enumerate (e.g. 30 QIs), with a time budget.
 * In the spirit of ARX's LIGHTNING (Prasser et al., "Lightning: utility-driven anonymization of
 * high-dimensional data", TDP 2016): a greedy dive from the bottom along the successor with the
 * lowest loss bound gives a first solution fast, a local descent (specializing one QI at a time)
 * improves it, and a best-first search over the lower bounds continues until the budget is spent. If that search runs out of candidates before the budget,
 * its answer is optimal. Otherwise the report gives the lowest bound left unexplored, so the caller
 * knows how far the answer can be from the optimum at most.
 */
import type { PrivacyCriterion } from '../criteria/criterion';
import type { PreparedData } from '../classes/snapshot';
import { Lattice } from '../lattice/lattice';
import { compareLoss, type Loss, type QualityModel } from '../metrics/quality-model';
import { completelyGeneralized, describeClasses, Evaluator, type Evaluation } from './evaluator';
import { MinHeap } from './min-heap';
import { abortError, type SearchProgress, type SearchResult } from './optimal-search';

export interface HeuristicOptions {
	readonly data: PreparedData;
	readonly criteria: readonly PrivacyCriterion[];
	readonly suppressionLimit: number;
	readonly quality: QualityModel;
	readonly timeLimitMs: number;
	readonly signal?: AbortSignal;
	readonly now?: () => number;
}

export interface HeuristicReport {
	/** Transformations whose privacy was checked. */
	readonly explored: number;
	/** Lowest loss bound among candidates left unexplored (null: none left, the answer is optimal). */
	readonly unexploredLowerBound: number | number[] | null;
}

export function* heuristicSearch(
	options: HeuristicOptions
): Generator<SearchProgress, SearchResult & { heuristic: HeuristicReport }> {
	const { data, quality, signal } = options;
	const now = options.now ?? (() => performance.now());
	const deadline = now() + options.timeLimitMs;
	const maxLevels = data.quasiIdentifiers.map((q) => q.hierarchy.height - 1);
	const latticeSize = maxLevels.reduce((p, m) => p * (m + 1), 1);
	const evaluator = new Evaluator(data, {
		criteria: options.criteria,
		suppressionLimit: Math.floor(options.suppressionLimit * data.sampleRows),
		sensitiveCardinalities: data.sensitiveCardinalities,
		sampleRows: data.sampleRows,
		completelyGeneralized: completelyGeneralized(data),
		classLoss: quality.classLosses ? (classes) => quality.classLosses!(classes) : undefined
	});
	const nodes: Int32Array[] = [];
	const ids = new Map<string, number>();
	const bounds: Loss[] = [];
	const heights: number[] = [];
	const idOf = (levels: Int32Array) => {
		const key = levels.join(',');
		let id = ids.get(key);
		if (id === undefined) {
			id = nodes.length;
			ids.set(key, id);
			nodes.push(levels);
			bounds.push(quality.staticBound(levels) ?? Float64Array.of(0));
			heights.push(levels.reduce((a, b) => a + b, 0));
		}
		return id;
	};
	const successors = (id: number) => {
		const result: number[] = [];
		const levels = nodes[id];
		for (let q = 0; q < levels.length; q++) {
			if (levels[q] < maxLevels[q]) {
				const next = levels.slice();
				next[q]++;
				result.push(idOf(next));
			}
		}
		return result;
	};
	let bestId = -1;
	let bestLoss: Loss | null = null;
	let bestEvaluation: Evaluation | null = null;
	const evaluated = new Map<number, boolean>();
	const evaluate = (id: number): boolean => {
		if (signal?.aborted) throw abortError();
		const evaluation = evaluator.evaluate(nodes[id]);
		evaluated.set(id, evaluation.privacy.anonymous);
		if (!evaluation.privacy.anonymous || !evaluation.classes) return false;
		const loss = quality.evaluate({ classes: evaluation.classes, outlier: evaluation.privacy.outlier });
		if (!bestLoss || compareLoss(loss, bestLoss) < 0) {
			bestId = id;
			bestLoss = loss;
			bestEvaluation = evaluation;
		}
		return true;
	};
	const progress = (): SearchProgress => ({
		checked: evaluator.checks,
		latticeSize,
		bestLoss: bestLoss ? quality.present(bestLoss) : null,
		tags: new Uint8Array(0)
	});

	// Greedy dive: follow the successor with the lowest bound until a node is anonymous.
	for (let id = idOf(new Int32Array(maxLevels.length)); ;) {
		if (evaluate(id)) break;
		const next = successors(id).sort((a, b) => compareLoss(bounds[a], bounds[b]))[0];
		if (next === undefined || now() > deadline) break;
		id = next;
		if (evaluator.checks % 16 === 0) yield progress();
	}
	// The budget ran out during the dive (a slow or busy machine): the completely generalized
	// transformation is the fallback, so a person always gets a release to start from when one exists.
	if (bestId < 0) {
		const top = idOf(Int32Array.from(maxLevels));
		if (!evaluated.has(top)) evaluate(top);
	}

	// Local descent: specialize one QI of the incumbent at a time while that stays anonymous and lowers
	// the loss (the greedy dive tends to overshoot on some QIs).
	for (let improved = bestId >= 0; improved && now() <= deadline;) {
		improved = false;
		const current = nodes[bestId];
		for (let q = 0; q < current.length && now() <= deadline; q++) {
			if (current[q] === 0) continue;
			const lower = current.slice();
			lower[q]--;
			const id = idOf(lower);
			if (evaluated.has(id)) continue;
			const before = bestId;
			evaluate(id);
			if (bestId !== before) improved = true;
			if (evaluator.checks % 16 === 0) yield progress();
		}
	}

	// Best-first improvement within the budget.
	const heap = new MinHeap<Loss>((a, an, b, bn) => {
		const c = compareLoss(a, b);
		return c !== 0 ? c < 0 : heights[an] !== heights[bn] ? heights[an] < heights[bn] : an < bn;
	});
	const bottom = idOf(new Int32Array(maxLevels.length));
	heap.push(bottom, bounds[bottom]);
	const queued = new Set<number>([bottom]);
	let finished = false;
	for (;;) {
		const key = heap.peekKey();
		if (key === undefined || (bestLoss && compareLoss(key, bestLoss) >= 0)) {
			finished = true;
			break;
		}
		if (now() > deadline) break;
		const id = heap.pop() as number;
		const anonymous = evaluated.get(id) ?? evaluate(id);
		if (evaluator.checks % 64 === 0) yield progress();
		if (anonymous && quality.monotonic) continue;
		for (const next of successors(id)) {
			if (!queued.has(next)) {
				queued.add(next);
				heap.push(next, bounds[next]);
			}
		}
	}
	const left = heap.peekKey();
	const heuristic: HeuristicReport = {
		explored: evaluator.checks,
		unexploredLowerBound: finished || left === undefined ? null : quality.present(left)
	};
	const lattice = new Lattice(latticeSize <= 2 ** 31 ? maxLevels : maxLevels.map(() => 0));
	if (!bestLoss || !bestEvaluation) {
		return {
			levels: null,
			loss: null,
			informationLoss: null,
			suppressedRecords: 0,
			equivalenceClasses: 0,
			minClassSize: 0,
			checked: evaluator.checks,
			latticeSize,
			optimal: finished,
			tags: new Uint8Array(0),
			lattice,
			heuristic
		};
	}
	return {
		levels: nodes[bestId],
		loss: bestLoss,
		informationLoss: quality.present(bestLoss),
		...describeClasses(bestEvaluation),
		checked: evaluator.checks,
		latticeSize,
		optimal: finished,
		tags: new Uint8Array(0),
		lattice,
		heuristic
	};
}
