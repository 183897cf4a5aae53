import type { ClassSizeDistribution, SampleCriterion } from './criterion';
import { MutableClassSizeDistribution } from './class-size-distribution';

/**
 * How ARX 3.9.2 enforces sample-based criteria (HashGroupify#analyzeSampleBasedCriteria,
 * RiskBasedCriterion#enforce, HashGroupifyDistribution#suppressWhileNotFulfilledBinary): after
 * class-based suppression, a criterion that does not hold makes ARX suppress further classes —
 * always a prefix of the candidates in a fixed order — found by binary search. The
 * transformation is then anonymous iff ARX's count of suppressed records stays within the
 * suppression limit. This module replays that procedure step by step, including its quirks
 * (criteria are enforced one after the other on the same state; a later criterion's search
 * re-suppresses from the first candidate on).
 */

export interface SampleEnforcementInput {
	/**
	 * Sizes (research-sample rows) of the classes a sample-based criterion may still suppress,
	 * in ARX's order: classes that passed every class-based criterion, have size > 0 and are not
	 * completely generalized (every QI at its hierarchy's top value), sorted by size ascending,
	 * then — unless the quality measure is one whose per-class loss equals its size (height,
	 * precision, non-uniform entropy, AECS, discernibility, static) — by the class's information
	 * loss ascending, then by representative (smallest row index of the class) ascending.
	 */
	readonly candidateSizes: Int32Array;
	/**
	 * ARX's internal count of records suppressed before this step: the records of classes that
	 * failed a class-based criterion, except classes that are completely generalized.
	 */
	readonly suppressedRecords: number;
}

export interface SampleEnforcementResult {
	/** suppressed[i] = 1 when candidate i ends up suppressed. */
	readonly suppressed: Uint8Array;
	/** ARX's internal count of suppressed records afterwards (compare it with the limit). */
	readonly suppressedRecords: number;
	/** Whether the search stopped early because that count exceeded maxSuppressedRecords. */
	readonly aborted: boolean;
}

type State = 'fulfilled' | 'not-fulfilled' | 'abort';

/**
 * @param maxSuppressedRecords ARX passes the absolute suppression limit during the search
 *   (early abort) and Number.MAX_SAFE_INTEGER when it re-evaluates a transformation fully.
 */
export function enforceSampleCriteria(
	criteria: readonly SampleCriterion[],
	input: SampleEnforcementInput,
	maxSuppressedRecords: number
): SampleEnforcementResult {
	const sizes = input.candidateSizes;
	const n = sizes.length;
	const suppressed = new Uint8Array(n);
	let largest = 0;
	for (let i = 0; i < n; i++) if (sizes[i] > largest) largest = sizes[i];
	const distribution = new MutableClassSizeDistribution(largest);
	for (let i = 0; i < n; i++) distribution.add(sizes[i]);
	let suppressedRecords = input.suppressedRecords;

	const suppress = (i: number) => {
		// ARX does not check whether the class is already suppressed here.
		suppressed[i] = 1;
		distribution.remove(sizes[i]);
		suppressedRecords += sizes[i];
	};
	const unsuppress = (i: number) => {
		suppressed[i] = 0;
		suppressedRecords -= sizes[i];
		distribution.add(sizes[i]);
	};

	for (const criterion of criteria) {
		const isFulfilled = (d: ClassSizeDistribution) => criterion.isFulfilled(d);
		if (!isFulfilled(distribution) && n > 0) {
			const state = (): State => {
				if (isFulfilled(distribution)) return 'fulfilled';
				return suppressedRecords > maxSuppressedRecords ? 'abort' : 'not-fulfilled';
			};
			let low = 0;
			let high = n - 1;
			let mid = Math.trunc((low + high) / 2);
			let current: State = 'abort';
			for (let i = low; i <= mid; i++) suppress(i);
			while (low <= high) {
				current = state();
				if (current === 'abort') break;
				if (current === 'fulfilled') {
					high = mid - 1;
					mid = Math.trunc((low + high) / 2);
					for (let i = mid + 1; i < n && suppressed[i] === 1; i++) unsuppress(i);
				} else {
					low = mid + 1;
					mid = Math.trunc((low + high) / 2);
					for (let i = low; i <= mid; i++) suppress(i);
				}
			}
			if (current !== 'abort') {
				current = state();
				if (current === 'not-fulfilled' && mid + 1 < n && suppressed[mid + 1] === 0) suppress(mid + 1);
			}
		}
		if (suppressedRecords > maxSuppressedRecords) {
			return { suppressed, suppressedRecords, aborted: true };
		}
	}
	return { suppressed, suppressedRecords, aborted: false };
}

export interface SampleStageInput {
	/** Research-sample rows of each class. */
	readonly sizes: Int32Array;
	/** 1 for classes already suppressed by the class-based criteria (updated in place). */
	readonly outlier: Uint8Array;
	/** Smallest row index of each class (ARX's representative), the last tie-breaker. */
	readonly representative: Int32Array;
	/**
	 * 1 for classes whose QI values are all the top value of their hierarchy (ARX
	 * HashGroupify#isCompletelyGeneralized): the risk model treats them as suppressed, but their
	 * records are not counted as suppressed. Absent: none.
	 */
	readonly completelyGeneralized?: Uint8Array;
	/**
	 * Information loss of each class under the quality measure, the second sort key (ARX
	 * HashGroupifyDistribution). Leave it out for measures whose per-class loss is its size
	 * (height, precision, non-uniform entropy, AECS, discernibility) — ARX skips it for those.
	 */
	readonly classLoss?: Float64Array;
	/** Number of classes (default: sizes.length). */
	readonly count?: number;
}

/**
 * ARX's sample-based stage for one transformation (HashGroupify#analyzeSampleBasedCriteria):
 * builds the candidate list in ARX's order, enforces the criteria, marks the classes it
 * suppressed in `input.outlier`, and returns ARX's count of suppressed records, which replaces
 * the class-based count: the transformation is anonymous iff it is ≤ the absolute limit.
 * @param maxSuppressedRecords the absolute suppression limit for an early abort during the
 *   search, or Number.MAX_SAFE_INTEGER to evaluate fully (ARX analyzeAll).
 */
export function applySampleCriteria(
	criteria: readonly SampleCriterion[],
	input: SampleStageInput,
	maxSuppressedRecords: number
): SampleEnforcementResult & { readonly candidates: Int32Array } {
	const count = input.count ?? input.sizes.length;
	const { sizes, outlier, completelyGeneralized, classLoss, representative } = input;
	const candidateList: number[] = [];
	let suppressedRecords = 0;
	for (let c = 0; c < count; c++) {
		const generalized = completelyGeneralized !== undefined && completelyGeneralized[c] === 1;
		if (outlier[c] === 0 && sizes[c] > 0 && !generalized) candidateList.push(c);
		else if (!generalized) suppressedRecords += sizes[c];
	}
	candidateList.sort(
		(a, b) =>
			sizes[a] - sizes[b] ||
			(classLoss ? compareNumbers(classLoss[a], classLoss[b]) : 0) ||
			representative[a] - representative[b]
	);
	const candidates = Int32Array.from(candidateList);
	const result = enforceSampleCriteria(
		criteria,
		{ candidateSizes: Int32Array.from(candidateList, (c) => sizes[c]), suppressedRecords },
		maxSuppressedRecords
	);
	for (let i = 0; i < candidates.length; i++) if (result.suppressed[i] === 1) outlier[candidates[i]] = 1;
	return { ...result, candidates };
}

/** Double#compareTo order for finite values. */
function compareNumbers(a: number, b: number): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
