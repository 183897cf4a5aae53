/**
 * The engine's public entry (DESIGN.md): pure TypeScript, no DOM, no Node APIs. The UI worker,
 * the CLI and the tests import from here.
 */
export * from './config/project-config';
export * from './hierarchy/hierarchy';
export {
	detectHierarchyDelimiter,
	hierarchyFromCsv,
	hierarchyToCsv,
	parseHierarchyCsv
} from './hierarchy/arx-csv';
export { Lattice } from './lattice/lattice';
export { groupify, type Classes } from './classes/groupify';
export {
	applyTransformation,
	suppressedRows,
	type TransformedColumn,
	type TransformedTable
} from './classes/apply-transformation';
export {
	prepareData,
	rollUp,
	type PreparedData,
	type PreparedQuasiIdentifier,
	type Snapshot
} from './classes/snapshot';
export {
	checkPrivacy,
	classesOf,
	minimalClassSize,
	type ClassTable,
	type PrivacyResult,
	type PrivacySetup
} from './classes/equivalence-classes';
export {
	aggregate,
	compareLoss,
	createQualityModel,
	metricContext,
	type Loss,
	type MetricContext,
	type NodeClasses,
	type QualityModel
} from './metrics';
export {
	abortError,
	isPrivacyMonotonic,
	optimalSearch,
	runToEnd,
	TAG_ANONYMOUS,
	TAG_NOT_ANONYMOUS,
	TAG_UNKNOWN,
	type SearchOptions,
	type SearchProgress,
	type SearchResult
} from './search/optimal-search';
export { heuristicSearch, type HeuristicOptions, type HeuristicReport } from './search/heuristic-search';
export {
	completelyGeneralized,
	describeClasses,
	Evaluator,
	singleAttributeRejection,
	type Evaluation
} from './search/evaluator';
export {
	OPTIMAL_LATTICE_LIMIT,
	prepareSearch,
	searchProject,
	type PreparedSearch,
	type SearchProject
} from './search/project-search';
export { createCriteria } from './criteria';
export type { EncodedColumn, EncodedTable } from './table/encoded-table';
