/**
 * The engine's public entry (DESIGN.md): pure TypeScript, no DOM, no Node APIs. The UI worker,
 * the CLI and the tests import from here.
 */
export * from './config/project-config';
export * from './config/evaluation-setup';
export { levelZeroHierarchy } from './config/level-zero-hierarchy';
export * from './hierarchy/hierarchy';
export {
	detectHierarchyDelimiter,
	hierarchyFromCsv,
	hierarchyToCsv,
	parseHierarchyCsv
} from './hierarchy/arx-csv';
export * from './hierarchy/builders';
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
export * from './table';
export {
	censusArea,
	censusAreas,
	censusClassSizes,
	censusCount,
	japanPopulationModel,
	PopulationError,
	POPULATION_REFERENCE_DATE,
	POPULATION_SOURCE,
	type AreaRef,
	type CensusDimension
} from './jp/population';

// Column roles (step 1 of the rule design, issue 5).
export {
	proposeRole,
	proposeRoles,
	type ColumnRole,
	type ColumnStats,
	type RoleProposal,
	type RoleReason
} from './jp/identifiers';

// Re-identification risk (issue 4): the whole analysis, its live refresh, and its building blocks.
export {
	analyzeRisk,
	type RiskInput,
	type RiskKey,
	type RiskReport,
	type RiskResult,
	type RiskSensitive
} from './risk/risk-analysis';
export { refreshRisk, type RiskRefresh } from './risk/risk-refresh';
export { attributeRisks, type AttributeCombinationRisk } from './risk/attribute-risk';
export {
	pitmanUniques,
	populationSizeOf,
	populationUniqueness,
	snbUniques,
	zayatzUniques,
	type PopulationModel,
	type PopulationUniqueness,
	type UniquenessModelName
} from './risk/population-uniqueness';
export {
	DEFAULT_THRESHOLDS,
	journalistRisk,
	marketerRisk,
	prosecutorRisk,
	type RiskSummary
} from './risk/sample-risk';
export {
	classSizeBuckets,
	classSizeHistogram,
	classesOfSize,
	recordsInClassesSmallerThan,
	type ClassSizeHistogram
} from './risk/class-histogram';
export { suda2, type Suda2Options, type Suda2Result } from './risk/suda2';

// Release (issue 6): apply, export, pseudonyms, opt-out, processing record, SQL, project files.
export * from './apply';
export * from './apply/release';
export * from './export';
export * from './pseudonym';
export * from './optout';
export * from './report';
export * from './sql';
export * from './project';
