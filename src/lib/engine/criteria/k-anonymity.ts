import type { ClassCriterion, EquivalenceClassView } from './criterion';

/**
 * k-anonymity: every equivalence class holds at least k records.
 *
 * Sweeney L. k-anonymity: A model for protecting privacy. International Journal of Uncertainty,
 * Fuzziness and Knowledge-Based Systems. 2002;10(5):557–570.
 *
 * As in ARX (criteria/KAnonymity.java): monotonic with generalization and with suppression, and
 * its k is the "minimal class size" that ARX's HashGroupify checks before every other model.
 * With a research subset, ARX counts only the subset's rows (HashGroupifyEntry.count), i.e.
 * `size`, not `populationSize`.
 */
export function kAnonymity(k: number): ClassCriterion {
	return {
		kind: 'class',
		label: `${k}-anonymity`,
		monotonicWithGeneralization: true,
		monotonicWithSuppression: true,
		minimalClassSize: k,
		minimalClassSizeAvailable: true,
		needsSubset: false,
		isAnonymous: (cls: EquivalenceClassView) => cls.size >= k
	};
}
