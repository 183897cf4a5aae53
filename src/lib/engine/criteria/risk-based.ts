import type { ClassSizeDistribution, RemainingDistribution, SampleCriterion } from './criterion';
import { distributionOf, fractionOfRecordsInClassesOfSize } from './class-size-distribution';

/**
 * Sample-based privacy models: thresholds on risk estimates computed from the class-size
 * distribution of the records that remain after suppression. As ARX 3.9.2
 * (criteria/RiskBasedCriterion and subclasses), every one of them holds trivially when no record
 * remains, and ARX enforces them by suppressing further classes (see sample-enforcement.ts).
 */

function sampleCriterion(
	label: string,
	monotonicWithGeneralization: boolean,
	monotonicWithSuppression: boolean,
	isFulfilled: (distribution: ClassSizeDistribution) => boolean
): SampleCriterion {
	return {
		kind: 'sample',
		label,
		monotonicWithGeneralization,
		monotonicWithSuppression,
		isFulfilled,
		isAnonymous: (remaining: RemainingDistribution) => isFulfilled(distributionOf(remaining))
	};
}

/**
 * Average re-identification risk (prosecutor model): the mean over records of 1/class size,
 * i.e. classes/records = 1/(average class size), is at most the threshold.
 * ARX criteria/AverageReidentificationRisk; monotonic in both senses.
 */
export function averageReidentificationRisk(threshold: number): SampleCriterion {
	return sampleCriterion(`(${threshold})-avg-reidentification-risk`, true, true, (d) => {
		if (d.records === 0) return true;
		return 1 / (d.records / d.classes) <= threshold;
	});
}

/**
 * Sample uniqueness: the share of records that are unique in the sample (classes of size 1)
 * is at most the threshold. ARX criteria/SampleUniqueness; monotonic in both senses.
 */
export function sampleUniqueness(threshold: number): SampleCriterion {
	return sampleCriterion(`(${threshold})-sample-uniqueness`, true, true, (d) => {
		return fractionOfRecordsInClassesOfSize(d, 1) <= threshold;
	});
}

/** A class-size histogram as the population-uniqueness estimators take it. */
export interface UniquesHistogram {
	readonly sizes: Int32Array;
	readonly counts: Int32Array;
	readonly records: number;
	readonly classes: number;
}

/**
 * Estimators of the number of population uniques from a sample's class-size histogram and the
 * population size; NaN when a model cannot be fitted (src/lib/engine/risk provides them).
 */
export interface PopulationUniquesEstimators {
	pitman(histogram: UniquesHistogram, populationSize: number): number;
	zayatz(histogram: UniquesHistogram, populationSize: number): number;
	snb(histogram: UniquesHistogram, populationSize: number): number;
}

export type PopulationUniquenessEstimator = 'pitman' | 'zayatz' | 'snb' | 'dankar';

/** ARX's RiskModelPopulationUniqueness#isValid: an estimate is usable unless NaN or exactly 0. */
const isValid = (uniques: number) => !Number.isNaN(uniques) && uniques !== 0;

/**
 * Number of population uniques as ARX's PopulationUniqueness criterion obtains it:
 * getNumUniqueTuples(model) for one model (0 when invalid) and, for Dankar's rule,
 * getNumUniqueTuplesDankar(useZayatzAsFallback = false). In that call, when the sampling
 * fraction is ≤ 0.1 and Pitman's model fails, ARX leaves its "not computed" marker −1 as the
 * result, so the criterion fails; we return −1 likewise.
 *
 * Dankar FK, El Emam K, Neisa A, Roffey T. Estimating the re-identification risk of clinical
 * data sets. BMC Med Inform Decis Mak 2012;12:66 (decision rule).
 */
export function populationUniques(
	histogram: UniquesHistogram,
	populationSize: number,
	estimator: PopulationUniquenessEstimator,
	estimators: PopulationUniquesEstimators
): number {
	let sampleUniques = 0;
	for (let i = 0; i < histogram.sizes.length; i++)
		if (histogram.sizes[i] === 1) sampleUniques = histogram.counts[i];
	if (sampleUniques === 0) return 0;
	if (estimator !== 'dankar') {
		const uniques = estimators[estimator](histogram, populationSize);
		return isValid(uniques) ? uniques : 0;
	}
	const samplingFraction = histogram.records / populationSize;
	let uniques: number;
	if (samplingFraction <= 0.1) {
		const pitman = estimators.pitman(histogram, populationSize);
		uniques = isValid(pitman) ? pitman : -1;
	} else {
		const snb = estimators.snb(histogram, populationSize);
		const zayatz = estimators.zayatz(histogram, populationSize);
		uniques = isValid(snb) ? (zayatz < snb ? zayatz : snb) : zayatz;
	}
	return isValid(uniques) ? uniques : 0;
}

/**
 * Population uniqueness: the estimated share of the population that is unique on the QIs is
 * at most the threshold. An estimate of 0 is accepted only when the sample has no uniques
 * (ARX: the models may fail to converge and report 0). ARX criteria/PopulationUniqueness:
 * not monotonic with suppression; monotonic with generalization only with Zayatz's model.
 * The sampling fraction is (remaining records)/(population size), as ARX's risk model computes it.
 */
export function populationUniqueness(
	threshold: number,
	estimator: PopulationUniquenessEstimator,
	populationSize: number,
	estimators: PopulationUniquesEstimators
): SampleCriterion {
	return sampleCriterion(
		`(${threshold})-population-uniqueness (${estimator})`,
		estimator === 'zayatz',
		false,
		(d) => {
			if (d.records === 0) return true;
			const fraction =
				populationUniques(d.histogram(), populationSize, estimator, estimators) / populationSize;
			if (fraction > 0 && fraction <= threshold) return true;
			return fraction === 0 && fractionOfRecordsInClassesOfSize(d, 1) === 0;
		}
	);
}
