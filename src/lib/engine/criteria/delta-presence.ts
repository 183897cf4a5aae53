import type { ClassCriterion, EquivalenceClassView } from './criterion';

/**
 * δ-presence: for every class, δ = (research-sample rows) / (rows of the whole table) lies in
 * [δmin, δmax], bounding the probability that a person of the population table is in the
 * published research sample.
 *
 * Nergiz M, Atzori M, Clifton C. Hiding the presence of individuals from shared databases.
 * SIGMOD 2007:665–676.
 *
 * As ARX 3.9.2 (criteria/DPresence): δ = 0 for a class without research rows; monotonic with
 * generalization, not with suppression; a failing class that has no research rows cannot be
 * suppressed, so it fails the whole transformation (see emptyClassFailureIsFatal).
 */
export function deltaPresence(deltaMin: number, deltaMax: number): ClassCriterion {
	return {
		kind: 'class',
		label: `(${deltaMin},${deltaMax})-presence`,
		monotonicWithGeneralization: true,
		monotonicWithSuppression: false,
		minimalClassSize: 0,
		needsSubset: true,
		emptyClassFailureIsFatal: true,
		isAnonymous(cls: EquivalenceClassView): boolean {
			const delta = cls.size === 0 ? 0 : cls.size / cls.populationSize;
			return delta >= deltaMin && delta <= deltaMax;
		}
	};
}

/**
 * A research subset without any privacy guarantee of its own (ARX's criteria/Inclusion): it only
 * makes the subset the research sample (sizes, suppression limit and distributions refer to it,
 * the other rows are left out of the output). Always satisfied; monotonic in both senses.
 */
export function inclusion(): ClassCriterion {
	return {
		kind: 'class',
		label: 'inclusion',
		monotonicWithGeneralization: true,
		monotonicWithSuppression: true,
		minimalClassSize: 0,
		needsSubset: true,
		isAnonymous: () => true
	};
}
