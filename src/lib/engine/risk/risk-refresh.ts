/**
 * The quick risk figures for one transformation (what the UI redraws while the user changes levels):
 * class sizes, prosecutor risk, k-violations and population uniqueness. Only class sizes are needed,
 * so no per-row class ids are kept: dense counting over the key space when it is small, groupify
 * otherwise. The heavy measures (fk/Fk with wildcards, SUDA2, l-diversity) stay in analyzeRisk.
 */
import { groupify } from '../classes/groupify';
import {
	classSizeHistogram,
	classSizesByCounting,
	recordsInClassesSmallerThan,
	type ClassSizeHistogram
} from './class-histogram';
import {
	populationUniqueness,
	type PopulationModel,
	type PopulationUniqueness
} from './population-uniqueness';
import { DEFAULT_THRESHOLDS, prosecutorRisk, type RiskSummary } from './sample-risk';

export interface RiskRefresh {
	readonly histogram: ClassSizeHistogram;
	readonly prosecutor: RiskSummary;
	/** Records in classes smaller than k, for each k asked. */
	readonly kViolations: Record<string, number>;
	readonly populationUniqueness: PopulationUniqueness | null;
}

export function refreshRisk(
	keys: readonly Int32Array[],
	cardinalities: readonly number[],
	rowCount: number,
	options: { population?: PopulationModel; thresholds?: readonly number[]; kValues?: readonly number[] } = {}
): RiskRefresh {
	const counted = classSizesByCounting(keys, cardinalities, rowCount);
	const histogram = counted
		? classSizeHistogram(counted)
		: (() => {
				const classes = groupify(keys, cardinalities, rowCount);
				return classSizeHistogram(classes.sizes, classes.count);
			})();
	const kViolations: Record<string, number> = {};
	for (const k of options.kValues ?? [2, 3, 5])
		kViolations[String(k)] = recordsInClassesSmallerThan(histogram, k);
	return {
		histogram,
		prosecutor: prosecutorRisk(histogram, options.thresholds ?? DEFAULT_THRESHOLDS),
		kViolations,
		populationUniqueness: options.population ? populationUniqueness(histogram, options.population) : null
	};
}
