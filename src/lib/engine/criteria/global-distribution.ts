import type { SensitiveAttributeSetup } from './criterion';

/**
 * Relative frequency of each sensitive code over the research sample (the whole input without
 * a subset): ARX's DataManager#getDistribution, which t-closeness and β-likeness compare each
 * class against. The denominator is the number of counted rows (ARX: rows or subset size).
 */
export function globalDistribution(setup: SensitiveAttributeSetup): Float64Array {
	const counts = setup.globalCounts;
	let total = 0;
	for (let i = 0; i < counts.length; i++) total += counts[i];
	const distribution = new Float64Array(Math.max(counts.length, setup.values.length));
	if (total > 0) for (let i = 0; i < counts.length; i++) distribution[i] = counts[i] / total;
	return distribution;
}
