/**
 * What the privacy criteria and the quality model are created from, derived from a project the same
 * way wherever a transformation is judged: by the search (from the prepared data) and by apply (from
 * the counts of its streaming pass 1). Kept in one place so both reach the same verdict and the same
 * information loss for the same transformation.
 */
import type { ProjectConfig } from './project-config';
import { createCriteria } from '../criteria';
import type { EvaluationSetup, PrivacyCriterion, SensitiveAttributeSetup } from '../criteria/criterion';
import type { Hierarchy } from '../hierarchy/hierarchy';
import type { MetricContext } from '../metrics/measures';
import { normalizedWeights } from '../metrics/quality-model';

/**
 * A sensitive attribute for the criteria: its values, their frequencies, and — for hierarchical
 * t-closeness — each value's generalization at every level of its hierarchy.
 */
export function sensitiveAttributeSetup(
	name: string,
	values: readonly string[],
	globalCounts: Float64Array,
	hierarchy: Hierarchy | undefined
): SensitiveAttributeSetup {
	const hierarchyLevels = hierarchy
		? hierarchy.levels.map((levelValues, level) =>
				values.map((value) => levelValues[hierarchy.codes[level][hierarchy.leafIndex.get(value) ?? 0]])
			)
		: undefined;
	return { name, values, globalCounts, hierarchyLevels };
}

/** The project's privacy models as criteria (criteria/createCriteria) for a sample of `rows` rows. */
export function projectCriteria(
	config: ProjectConfig,
	rows: number,
	populationTableRows: number,
	sensitive: readonly SensitiveAttributeSetup[]
): PrivacyCriterion[] {
	const setup: EvaluationSetup = { rows, populationTableRows, population: config.population, sensitive };
	return createCriteria(config.privacy ?? [], setup);
}

/**
 * Rows per generalized value at every level of the hierarchy, from the rows per leaf
 * (ARX's Cardinalities, which the quality measures read).
 */
export function levelCounts(hierarchy: Hierarchy, leafCounts: Float64Array): Float64Array[] {
	return hierarchy.codes.map((map, level) => {
		if (level === 0) return leafCounts;
		const counts = new Float64Array(hierarchy.levels[level].length);
		for (let leaf = 0; leaf < leafCounts.length; leaf++) counts[map[leaf]] += leafCounts[leaf];
		return counts;
	});
}

/** The quality model's context for the QIs (in lattice order) and their rows per leaf. */
export function qualityContext(
	qis: readonly { name: string; hierarchy: Hierarchy }[],
	leafCounts: readonly Float64Array[],
	rows: number,
	suppressionLimit: number,
	attributeWeights?: Record<string, number>
): MetricContext {
	return {
		hierarchies: qis.map((q) => q.hierarchy),
		rows,
		levelCounts: qis.map((q, i) => levelCounts(q.hierarchy, leafCounts[i])),
		weights: normalizedWeights(
			qis.map((q) => q.name),
			attributeWeights
		),
		noSuppression: suppressionLimit === 0
	};
}
