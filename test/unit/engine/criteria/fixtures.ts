import type {
	EquivalenceClassView,
	EvaluationSetup,
	SensitiveAttributeSetup,
	SensitiveHistogram
} from '../../../../src/lib/engine/criteria/criterion';

/** A histogram from code → count pairs, in the order given. */
export function histogram(counts: Record<number, number>): SensitiveHistogram {
	const entries = Object.entries(counts).map(([code, count]) => [Number(code), count] as const);
	return {
		codes: Int32Array.from(entries, ([code]) => code),
		counts: Int32Array.from(entries, ([, count]) => count),
		length: entries.length
	};
}

/** A class whose size is the sum of its (single) sensitive histogram. */
export function classWith(counts: Record<number, number>, populationSize?: number): EquivalenceClassView {
	const h = histogram(counts);
	let size = 0;
	for (let i = 0; i < h.length; i++) size += h.counts[i];
	return { size, populationSize: populationSize ?? size, sensitive: [h] };
}

/** A class without sensitive attributes. */
export function sizedClass(size: number, populationSize = size): EquivalenceClassView {
	return { size, populationSize, sensitive: [] };
}

export function sensitive(
	name: string,
	values: string[],
	globalCounts: number[],
	extra: Partial<SensitiveAttributeSetup> = {}
): SensitiveAttributeSetup {
	return { name, values, globalCounts: Float64Array.from(globalCounts), ...extra };
}

export function setupWith(
	attributes: SensitiveAttributeSetup[] = [],
	rows?: number,
	extra: Partial<EvaluationSetup> = {}
): EvaluationSetup {
	const total = rows ?? attributes[0]?.globalCounts.reduce((a, b) => a + b, 0) ?? 100;
	return { rows: total, populationTableRows: total, sensitive: attributes, ...extra };
}
