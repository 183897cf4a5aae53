import type { ClassCriterion, EquivalenceClassView } from './criterion';
import { poissonProbability } from './poisson';

/**
 * k-map: every class of the research sample matches at least k people of the population.
 *
 * Sweeney L. Computational disclosure control: a primer on data privacy protection. PhD thesis,
 * MIT, 2001 (k-map). Without an explicit population, the population cell size is estimated
 * (El Emam K, Dankar FK. Protecting privacy using k-anonymity. JAMIA 2008;15(5):627–637,
 * estimators D3 Poisson — first in Pannekoek J, Statistica Neerlandica 1999;53(1):55–67 — and D4
 * zero-truncated Poisson): the sample is then required to be k′-anonymous, k′ being the
 * smallest sample cell size for which a population cell of fewer than k people has probability
 * at most the significance level.
 *
 * As ARX 3.9.2 (criteria/KMap): monotonic with generalization and suppression. With a subset
 * the check is populationSize ≥ k (ARX entry.pcount) and no minimal class size is declared;
 * with an estimator the check is size ≥ k′ and k′ is a minimal class size.
 */

/** k-map against the explicit population table (the whole dataset), the sample being a subset of it. */
export function kMapWithSubset(k: number): ClassCriterion {
	return {
		kind: 'class',
		label: `(${k})-map`,
		monotonicWithGeneralization: true,
		monotonicWithSuppression: true,
		minimalClassSize: 0,
		needsSubset: true,
		isAnonymous: (cls: EquivalenceClassView) => cls.populationSize >= k
	};
}

export type CellSizeEstimator = 'poisson' | 'zero-truncated-poisson';

export interface DerivedK {
	/** k′: the class size the sample must reach. */
	readonly k: number;
	/** The actual type I error, 1 − the cumulative probability reached (0 when k′ = k). */
	readonly typeOneError: number;
}

/**
 * k′ from λ = k · (rows / population size), exactly as ARX's KMap#calculateKPoisson and
 * #calculateKZeroPoisson walk the distribution (including their off-by-one conventions),
 * then bounded by the number of rows and by k.
 *
 * Poisson: accumulate P(X ≤ x) from x = 0 until it reaches 1 − α; k′ = x + 2 where x is the
 * first such value (ARX returns counter + 1 after incrementing). Zero-truncated:
 * accumulate P(X = x)/(1 − P(X = 0)) from x = 1; k′ = the first x with the sum ≥ 1 − α, plus 1.
 * Both stop early with probability 1 (error 0) once the counter reaches k.
 */
export function deriveK(
	k: number,
	significance: number,
	samplingFraction: number,
	estimator: CellSizeEstimator,
	rows: number
): DerivedK {
	const lambda = samplingFraction * k;
	const threshold = 1 - significance;
	let counter: number;
	let value = 0;
	if (estimator === 'poisson') {
		counter = 0;
		while (value < threshold) {
			value += poissonProbability(lambda, counter);
			counter++;
			if (counter >= k) {
				value = 1;
				break;
			}
		}
		counter += 1;
	} else {
		const notZero = 1 - poissonProbability(lambda, 0);
		counter = 1;
		while (value < threshold) {
			value += poissonProbability(lambda, counter) / notZero;
			counter++;
			if (counter >= k) {
				value = 1;
				break;
			}
		}
	}
	let derived = Math.min(counter, rows);
	derived = Math.min(k, derived);
	return { k: derived, typeOneError: 1 - value };
}

/** k-map estimated as k′-anonymity of the sample (no subset needed). */
export function kMapWithEstimator(
	k: number,
	significance: number,
	populationSize: number,
	populationTableRows: number,
	estimator: CellSizeEstimator
): ClassCriterion & { readonly derived: DerivedK } {
	// ARX: sampling fraction = rows of the whole input / population size (subsets are ignored).
	const derived = deriveK(
		k,
		significance,
		populationTableRows / populationSize,
		estimator,
		populationTableRows
	);
	const kPrime = derived.k;
	return {
		kind: 'class',
		label: `(${k})-map estimated as (${kPrime})-anonymity (${estimator})`,
		monotonicWithGeneralization: true,
		monotonicWithSuppression: true,
		minimalClassSize: kPrime,
		minimalClassSizeAvailable: true,
		needsSubset: false,
		derived,
		isAnonymous: (cls: EquivalenceClassView) => cls.size >= kPrime
	};
}
