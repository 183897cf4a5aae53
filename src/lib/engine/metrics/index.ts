import type { PreparedData } from '../classes/snapshot';
import type { QualityConfig } from '../config/project-config';
import {
	aecsMeasure,
	discernibilityMeasure,
	heightMeasure,
	lossMeasure,
	nonUniformEntropyMeasure,
	precisionMeasure,
	type MetricContext
} from './measures';
import { normalizedWeights, type QualityModel } from './quality-model';

export * from './quality-model';
export { gsFactors, type MetricContext } from './measures';

/** Rows per generalized value, per QI and level, counted on the research sample (ARX's Cardinalities). */
export function metricContext(
	data: PreparedData,
	suppressionLimit: number,
	attributeWeights?: Record<string, number>
): MetricContext {
	const { bottom } = data;
	const levelCounts = data.quasiIdentifiers.map(({ hierarchy }, q) => {
		const leafCounts = new Float64Array(hierarchy.levels[0].length);
		const codes = bottom.qi[q];
		for (let a = 0; a < bottom.count; a++) leafCounts[codes[a]] += bottom.size[a];
		return hierarchy.codes.map((map, level) => {
			if (level === 0) return leafCounts;
			const counts = new Float64Array(hierarchy.levels[level].length);
			for (let leaf = 0; leaf < leafCounts.length; leaf++) counts[map[leaf]] += leafCounts[leaf];
			return counts;
		});
	});
	return {
		hierarchies: data.quasiIdentifiers.map((q) => q.hierarchy),
		rows: data.sampleRows,
		levelCounts,
		weights: normalizedWeights(
			data.quasiIdentifiers.map((q) => q.name),
			attributeWeights
		),
		noSuppression: suppressionLimit === 0
	};
}

/**
 * The measure a project asks for, with ARX's defaults: Loss with gs-factor 0.5 and the geometric
 * mean; precision with the arithmetic mean; height, entropy and non-uniform entropy with the sum.
 * `non-uniform-entropy` is ARX's monotonic variant unless `monotonic: false`; `entropy` is what
 * ARX's Metric.createEntropyMetric() gives (the non-monotonic variant unless `monotonic: true`).
 */
export function createQualityModel(config: QualityConfig | undefined, ctx: MetricContext): QualityModel {
	const measure = config?.measure ?? 'loss';
	const gs = config?.gsFactor ?? 0.5;
	switch (measure) {
		case 'loss':
			return lossMeasure(ctx, gs, config?.aggregate ?? 'geometric-mean');
		case 'precision':
			return precisionMeasure(ctx, config?.monotonic ?? false, gs, config?.aggregate ?? 'arithmetic-mean');
		case 'height':
			return heightMeasure(ctx, config?.aggregate ?? 'sum');
		case 'discernibility':
			return discernibilityMeasure(ctx, config?.monotonic ?? false);
		case 'aecs':
			return aecsMeasure(ctx, gs);
		case 'non-uniform-entropy':
			return nonUniformEntropyMeasure(ctx, config?.monotonic ?? true, gs, config?.aggregate ?? 'sum');
		case 'entropy':
			return nonUniformEntropyMeasure(ctx, config?.monotonic ?? false, gs, config?.aggregate ?? 'sum');
	}
}
