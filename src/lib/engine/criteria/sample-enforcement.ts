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
	const distribution = new MutableClassSizeDistribution();
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
