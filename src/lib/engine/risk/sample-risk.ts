/**
 * ARX's sample-based re-identification risks (org.deidentifier.arx.risk.RiskModelSampleSummary and
 * RiskModelSampleRisks, ARX 3.9.2), after El Emam, "Guide to the De-Identification of Personal
 * Health Information", 2013, ch. 13–14:
 * - prosecutor: the attacker knows the target is in the data: risk of a record = 1 / its class size;
 * - journalist: the attacker does not: risk = 1 / size of the matching class in the population table
 *   (the whole data set when the released data is a research subset of it);
 * - marketer: expected share of records re-identified when all are matched: Σ (sample/population size)/n.
 * "Records at risk" counts records whose risk exceeds a threshold strictly (ARX: 1/size > t).
 */
import type { ClassSizeHistogram } from './class-histogram';

export interface RiskSummary {
	readonly lowest: number;
	readonly highest: number;
	readonly average: number;
	/** Share of records with risk above each threshold (keys as given, e.g. "0.5"). */
	readonly recordsAtRisk: Record<string, number>;
	/** Share of records whose risk equals the highest risk. */
	readonly recordsAffectedByHighestRisk: number;
	/** Share of records whose risk equals the lowest risk. */
	readonly recordsAffectedByLowestRisk: number;
}

export const DEFAULT_THRESHOLDS: readonly number[] = [0.5, 0.2, 0.1, 0.05];

const EMPTY: RiskSummary = {
	lowest: 0,
	highest: 0,
	average: 0,
	recordsAtRisk: {},
	recordsAffectedByHighestRisk: 0,
	recordsAffectedByLowestRisk: 0
};

function atRisk(thresholds: readonly number[], share: (t: number) => number): Record<string, number> {
	const result: Record<string, number> = {};
	for (const t of thresholds) result[String(t)] = share(t);
	return result;
}

/** Prosecutor risk from the class-size histogram alone. */
export function prosecutorRisk(
	histogram: ClassSizeHistogram,
	thresholds: readonly number[] = DEFAULT_THRESHOLDS
): RiskSummary {
	const { sizes, counts, records, classes } = histogram;
	if (records === 0) return { ...EMPTY, recordsAtRisk: atRisk(thresholds, () => 0) };
	const last = sizes.length - 1;
	return {
		lowest: 1 / sizes[last],
		highest: 1 / sizes[0],
		average: classes / records,
		recordsAtRisk: atRisk(thresholds, (t) => {
			let above = 0;
			for (let i = 0; i < sizes.length && 1 / sizes[i] > t; i++) above += sizes[i] * counts[i];
			return above / records;
		}),
		recordsAffectedByHighestRisk: (sizes[0] * counts[0]) / records,
		recordsAffectedByLowestRisk: (sizes[last] * counts[last]) / records
	};
}

/**
 * Journalist risk: each sample class with the size of the same key in the population table.
 * ARX's average is max(classes / Σ population sizes, Σ(sample/population size) / n).
 */
export function journalistRisk(
	sampleSizes: ArrayLike<number>,
	populationSizes: ArrayLike<number>,
	thresholds: readonly number[] = DEFAULT_THRESHOLDS
): RiskSummary {
	let records = 0;
	let classes = 0;
	let populationSum = 0;
	let ratioSum = 0;
	let smallest = Infinity;
	let largest = -Infinity;
	for (let i = 0; i < sampleSizes.length; i++) {
		const s = sampleSizes[i];
		if (s <= 0) continue;
		const p = populationSizes[i];
		records += s;
		classes++;
		populationSum += p;
		ratioSum += s / p;
		if (p < smallest) smallest = p;
		if (p > largest) largest = p;
	}
	if (records === 0) return { ...EMPTY, recordsAtRisk: atRisk(thresholds, () => 0) };
	let highestRecords = 0;
	let lowestRecords = 0;
	for (let i = 0; i < sampleSizes.length; i++) {
		if (sampleSizes[i] <= 0) continue;
		if (populationSizes[i] === smallest) highestRecords += sampleSizes[i];
		if (populationSizes[i] === largest) lowestRecords += sampleSizes[i];
	}
	return {
		lowest: 1 / largest,
		highest: 1 / smallest,
		average: Math.max(classes / populationSum, ratioSum / records),
		recordsAtRisk: atRisk(thresholds, (t) => {
			let above = 0;
			for (let i = 0; i < sampleSizes.length; i++) {
				if (sampleSizes[i] > 0 && 1 / populationSizes[i] > t) above += sampleSizes[i];
			}
			return above / records;
		}),
		recordsAffectedByHighestRisk: highestRecords / records,
		recordsAffectedByLowestRisk: lowestRecords / records
	};
}

/** Marketer risk: Σ over classes of sample size / population size, divided by the records. */
export function marketerRisk(sampleSizes: ArrayLike<number>, populationSizes?: ArrayLike<number>): number {
	let records = 0;
	let sum = 0;
	for (let i = 0; i < sampleSizes.length; i++) {
		const s = sampleSizes[i];
		if (s <= 0) continue;
		records += s;
		sum += s / (populationSizes ? populationSizes[i] : s);
	}
	return records ? sum / records : 0;
}
