/**
 * One transformation checked on its own, as ARX checks the single node of a lattice whose minimum
 * and maximum generalization levels are fixed to it: the privacy verdict (with record suppression
 * up to the limit) and, when it is anonymous, its information loss.
 */
import { describeClasses, completelyGeneralized, Evaluator } from './evaluator';
import type { PreparedSearch } from './project-search';

export interface TransformationEvaluation {
	readonly anonymous: boolean;
	/** The loss as printed (null when the transformation is not anonymous). */
	readonly informationLoss: number | number[] | null;
	readonly suppressedRecords: number;
	readonly equivalenceClasses: number;
	readonly minClassSize: number;
}

export function evaluateTransformation(
	prepared: PreparedSearch,
	levels: readonly number[]
): TransformationEvaluation {
	const { data, criteria, quality } = prepared;
	const evaluator = new Evaluator(data, {
		criteria,
		suppressionLimit: Math.floor(prepared.suppressionLimit * data.sampleRows),
		sensitiveCardinalities: data.sensitiveCardinalities,
		sampleRows: data.sampleRows,
		completelyGeneralized: completelyGeneralized(data),
		classLoss: quality.classLosses ? (classes) => quality.classLosses!(classes) : undefined
	});
	const evaluation = evaluator.evaluate(Int32Array.from(levels));
	const { privacy, classes } = evaluation;
	const anonymous = privacy.anonymous && classes !== null;
	return {
		anonymous,
		informationLoss:
			anonymous && classes ? quality.present(quality.evaluate({ classes, outlier: privacy.outlier })) : null,
		...describeClasses(evaluation)
	};
}
