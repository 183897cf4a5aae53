/**
 * From a loaded project (table, roles, hierarchies, config) to a search: prepares the atoms, the
 * privacy criteria (criteria/createCriteria), the quality model, and runs the optimal search or,
 * for lattices too large to enumerate, the heuristic one.
 */
import { prepareData, type PreparedData } from '../classes/snapshot';
import { ConfigError, type ProjectConfig } from '../config/project-config';
import { createCriteria, type PrivacyModelSpec as CriteriaSpec } from '../criteria';
import type { EvaluationSetup, PrivacyCriterion } from '../criteria/criterion';
import type { Hierarchy } from '../hierarchy/hierarchy';
import { createQualityModel, metricContext, type QualityModel } from '../metrics';
import type { EncodedColumn, EncodedTable } from '../table/encoded-table';
import { heuristicSearch } from './heuristic-search';
import { optimalSearch, type SearchProgress, type SearchResult } from './optimal-search';

export interface SearchProject {
	readonly config: ProjectConfig;
	readonly table: EncodedTable;
	/** In data column order. */
	readonly quasiIdentifiers: readonly { name: string; column: EncodedColumn; hierarchy: Hierarchy }[];
	readonly sensitive: readonly string[];
	readonly hierarchies: Readonly<Record<string, Hierarchy>>;
	readonly researchSubset?: Uint8Array;
}

export interface PreparedSearch {
	readonly data: PreparedData;
	readonly criteria: PrivacyCriterion[];
	readonly quality: QualityModel;
	readonly suppressionLimit: number;
	readonly latticeSize: number;
}

/** Largest lattice the optimal search enumerates (ARX allows Flash up to 100,000 nodes; ours keeps
 * a few objects per node, so a quarter million stays within ~100 MB). */
export const OPTIMAL_LATTICE_LIMIT = 250_000;

function evaluationSetup(project: SearchProject, sensitiveColumns: EncodedColumn[]): EvaluationSetup {
	const rows = project.table.rowCount;
	const subset = project.researchSubset;
	return {
		rows: subset ? subset.reduce((a, b) => a + b, 0) : rows,
		populationTableRows: rows,
		population: project.config.population,
		sensitive: sensitiveColumns.map((column) => {
			const globalCounts = new Float64Array(column.values.length);
			for (let row = 0; row < rows; row++) if (!subset || subset[row]) globalCounts[column.codes[row]]++;
			const hierarchy = project.hierarchies[column.name];
			const hierarchyLevels = hierarchy
				? hierarchy.levels.map((values, level) =>
						column.values.map((value) => values[hierarchy.codes[level][hierarchy.leafIndex.get(value) ?? 0]])
					)
				: undefined;
			return { name: column.name, values: column.values, globalCounts, hierarchyLevels };
		})
	};
}

export function prepareSearch(project: SearchProject): PreparedSearch {
	const { config, table } = project;
	const sensitiveColumns = project.sensitive.map((name) => {
		const column = table.columns.find((c) => c.name === name);
		if (!column) throw new Error(`no column "${name}"`);
		return column;
	});
	const data = prepareData(
		project.quasiIdentifiers,
		sensitiveColumns,
		table.rowCount,
		project.researchSubset
	);
	const criteria = createCriteria(
		(config.privacy ?? []) as unknown as CriteriaSpec[],
		evaluationSetup(project, sensitiveColumns)
	);
	const suppressionLimit = config.suppressionLimit ?? 0;
	const quality = createQualityModel(
		config.quality,
		metricContext(data, suppressionLimit, config.quality?.attributeWeights)
	);
	const latticeSize = project.quasiIdentifiers.reduce((p, q) => p * q.hierarchy.height, 1);
	return { data, criteria, quality, suppressionLimit, latticeSize };
}

/** The search the config asks for: optimal unless the lattice is too large or "heuristic" is set. */
export function searchProject(
	prepared: PreparedSearch,
	config: ProjectConfig,
	signal?: AbortSignal
): Generator<SearchProgress, SearchResult> {
	const algorithm = config.search?.algorithm ?? 'auto';
	if (algorithm === 'optimal' && prepared.latticeSize > OPTIMAL_LATTICE_LIMIT) {
		throw new ConfigError(
			`search.algorithm: the lattice has ${prepared.latticeSize} transformations, more than the optimal ` +
				`search enumerates (${OPTIMAL_LATTICE_LIMIT}); use "heuristic" or "auto"`
		);
	}
	const heuristic =
		algorithm === 'heuristic' || (algorithm === 'auto' && prepared.latticeSize > OPTIMAL_LATTICE_LIMIT);
	const options = {
		data: prepared.data,
		criteria: prepared.criteria,
		suppressionLimit: prepared.suppressionLimit,
		quality: prepared.quality,
		practicalMonotonicity: config.search?.practicalMonotonicity ?? false,
		signal
	};
	return heuristic
		? heuristicSearch({ ...options, timeLimitMs: config.search?.timeLimitMs ?? 10_000 })
		: optimalSearch(options);
}
