/**
 * Quality (information-loss) measures, computed exactly as ARX 3.9.2 computes them
 * (org.deidentifier.arx.metric.v2). A loss is a vector compared lexicographically: one entry for the
 * scalar aggregates (geometric/arithmetic mean, sum, max) and the single-dimensional measures, the
 * weighted per-attribute losses sorted highest first for ARX's RANK aggregate.
 */
import type { ClassTable } from '../classes/equivalence-classes';
import type { QualityAggregate } from '../config/project-config';

export type Loss = Float64Array;

export interface NodeClasses {
	readonly classes: ClassTable;
	/** outlier[class] = 1 when the class is suppressed. */
	readonly outlier: Uint8Array;
}

export interface QualityModel {
	readonly name: string;
	/** ARX's Metric#isMonotonic(suppressionLimit): loss never decreases from an anonymous node upwards. */
	readonly monotonic: boolean;
	/** Whether `evaluate` needs the classes (otherwise it depends on the levels only). */
	readonly needsClasses: boolean;
	/**
	 * A lower bound of the loss of this node and of every generalization of it, from the levels
	 * alone (no classes). Null when the measure has none.
	 */
	staticBound(levels: Int32Array): Loss | null;
	/** A lower bound of the loss of every generalization of an evaluated node (ARX's getLowerBound). */
	classBound(node: NodeClasses): Loss | null;
	evaluate(node: NodeClasses): Loss;
	/**
	 * ARX's per-class loss (Metric#getInformationLoss(node, entry)) of every class, where it is not
	 * simply the class size; it orders the classes that sample-based criteria may suppress.
	 */
	classLosses?(classes: ClassTable): Float64Array;
	/** The loss as printed: a number, or the sorted per-attribute vector for RANK. */
	present(loss: Loss): number | number[];
}

export function compareLoss(a: Loss, b: Loss): number {
	for (let i = 0; i < a.length; i++) {
		if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
	}
	return 0;
}

export function maxLoss(a: Loss | null, b: Loss | null): Loss | null {
	if (!a) return b;
	if (!b) return a;
	return compareLoss(a, b) >= 0 ? a : b;
}

/** ARX's Metric#round: floor to 10 decimals (used for comparisons). */
export function arxRound(value: number): number {
	return Math.floor(value * 1e10) / 1e10;
}

/** ARX's AbstractMetricMultiDimensional weights: each QI's weight divided by the largest (all 1 if 0). */
export function normalizedWeights(names: readonly string[], weights?: Record<string, number>): Float64Array {
	const result = Float64Array.from(names, (name) => weights?.[name] ?? 1);
	const maximum = result.reduce((a, b) => Math.max(a, b), 0);
	if (maximum === 0) result.fill(1);
	else for (let i = 0; i < result.length; i++) result[i] /= maximum;
	return result;
}

/** ILMultiDimensional{GeometricMean,ArithmeticMean,Sum,Max,Rank}#getAggregate, in ARX's operation order. */
export function aggregate(values: Float64Array, weights: Float64Array, fn: QualityAggregate): Loss {
	const n = values.length;
	switch (fn) {
		case 'geometric-mean': {
			let result = 1;
			for (let i = 0; i < n; i++) result *= Math.pow(values[i] * weights[i] + 1, 1 / n);
			return Float64Array.of(result - 1);
		}
		case 'arithmetic-mean': {
			let result = 0;
			for (let i = 0; i < n; i++) result += (values[i] / n) * weights[i];
			return Float64Array.of(result);
		}
		case 'sum': {
			let result = 0;
			for (let i = 0; i < n; i++) result += values[i] * weights[i];
			return Float64Array.of(Number.isFinite(result) ? result : Number.MAX_VALUE);
		}
		case 'max': {
			let result = 0;
			for (let i = 0; i < n; i++) result = Math.max(result, values[i] * weights[i]);
			return Float64Array.of(result);
		}
		case 'rank': {
			const result = Float64Array.from(values, (v, i) => v * weights[i]);
			result.sort();
			return result.reverse();
		}
	}
}

export function presentLoss(loss: Loss, fn: QualityAggregate | null): number | number[] {
	return fn === 'rank' ? Array.from(loss) : loss[0];
}
