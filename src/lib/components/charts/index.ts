/** The charts of the workbench: plain d3 draw functions (drawX(svg, data, opts)) and their Svelte wrappers. */
export { drawHistogram, type Bin, type HistogramOptions } from './histogram';
export {
	classSizeBuckets,
	drawClassSizeChart,
	type ClassSizeBucket,
	type ClassSizeChartOptions,
	type ClassSizeData
} from './class-size-chart';
export { riskBins, riskCurve, risksFromClassSizes, shareAbove, type WeightedRisks } from './risk-data';
export { DEFAULT_THRESHOLDS, drawRiskCurve, type RiskCurveOptions } from './risk-curve-chart';
export { drawRiskDistribution, type RiskDistributionOptions } from './risk-distribution-chart';
export {
	drawUniquenessChart,
	uniquenessItems,
	type UniquenessChartOptions,
	type UniquenessItem
} from './uniqueness-chart';
export {
	compareDistributions,
	drawBeforeAfterChart,
	type BeforeAfterOptions,
	type ValueCount
} from './before-after-chart';
export {
	TAG_ANONYMOUS,
	TAG_NOT_ANONYMOUS,
	TAG_NOT_CHECKED,
	fullLatticeLevels,
	layoutLattice,
	type LatticeNodes
} from './lattice-layout';
export { drawLatticeChart, type LatticeChartOptions } from './lattice-chart';
export { default as ClassSizeChart } from './ClassSizeChart.svelte';
export { default as RiskCurveChart } from './RiskCurveChart.svelte';
export { default as RiskDistributionChart } from './RiskDistributionChart.svelte';
export { default as UniquenessChart } from './UniquenessChart.svelte';
export { default as BeforeAfterChart } from './BeforeAfterChart.svelte';
export { default as LatticeChart } from './LatticeChart.svelte';
export { default as Histogram } from './Histogram.svelte';
