/**
 * Per-record re-identification risks as weighted values, the input of the risk curve and the risk
 * distribution. Under the prosecutor model every record of a class of size f has risk 1/f
 * (El Emam, "Guide to the De-Identification of Personal Health Information", 2013, §16), so a
 * class-size histogram gives the same data without one entry per record.
 */

export interface WeightedRisks {
	/** Risk values in [0, 1]. */
	readonly values: ArrayLike<number>;
	/** Records carrying each value (default 1 each: one value per record). */
	readonly weights?: ArrayLike<number>;
}

/** Risks 1/size, weighted by the records in classes of that size (size · count). */
export function risksFromClassSizes(histogram: {
	readonly sizes: ArrayLike<number>;
	readonly counts: ArrayLike<number>;
}): WeightedRisks {
	const n = histogram.sizes.length;
	const values = new Float64Array(n);
	const weights = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		values[i] = 1 / histogram.sizes[i];
		weights[i] = histogram.sizes[i] * histogram.counts[i];
	}
	return { values, weights };
}

function weight(data: WeightedRisks, i: number): number {
	return data.weights ? data.weights[i] : 1;
}

export function totalWeight(data: WeightedRisks): number {
	let total = 0;
	for (let i = 0; i < data.values.length; i++) total += weight(data, i);
	return total;
}

/** Share of records whose risk is strictly above `threshold` (ARX's "records at risk"). */
export function shareAbove(data: WeightedRisks, threshold: number): number {
	let above = 0;
	let total = 0;
	for (let i = 0; i < data.values.length; i++) {
		const w = weight(data, i);
		total += w;
		if (data.values[i] > threshold) above += w;
	}
	return total > 0 ? above / total : 0;
}

export interface CurveStep {
	/** The step starts at this threshold… */
	readonly from: number;
	/** …and the share holds for thresholds in [from, next step's from). */
	readonly share: number;
}

/**
 * The step function t ↦ share of records with risk > t on [0, 1]: it starts at t = 0 and drops at
 * each distinct risk value (the share is right-continuous because the inequality is strict).
 */
export function riskCurve(data: WeightedRisks): CurveStep[] {
	const total = totalWeight(data);
	if (total === 0) return [{ from: 0, share: 0 }];
	const byValue = new Map<number, number>();
	for (let i = 0; i < data.values.length; i++) {
		const v = data.values[i];
		byValue.set(v, (byValue.get(v) ?? 0) + weight(data, i));
	}
	const distinct = [...byValue.keys()].sort((a, b) => a - b);
	let above = 0;
	for (const v of distinct) if (v > 0) above += byValue.get(v) ?? 0;
	const steps: CurveStep[] = [{ from: 0, share: above / total }];
	for (const v of distinct) {
		if (v <= 0 || v >= 1) continue;
		above -= byValue.get(v) ?? 0;
		steps.push({ from: v, share: above / total });
	}
	return steps;
}

/** Weighted counts of risks in `bins` equal-width bins over [0, 1] (1 falls in the last bin). */
export function riskBins(data: WeightedRisks, bins: number): Float64Array {
	const counts = new Float64Array(bins);
	for (let i = 0; i < data.values.length; i++) {
		// The epsilon keeps 0.3 · 10 = 3.0000000000000004 and 0.7 · 10 in their exact bins.
		const b = Math.min(bins - 1, Math.max(0, Math.floor(data.values[i] * bins + 1e-9)));
		counts[b] += weight(data, i);
	}
	return counts;
}
