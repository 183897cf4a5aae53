/**
 * The full risk analysis of one table under one transformation: every measure of issue 4 from plain
 * inputs (generalized key codes, weights, household ids, sensitive codes), so the worker, the CLI
 * and the tests all call this one function. ARX's measures use exact equivalence classes (a missing
 * value is a value); sdcMicro's fk/Fk and individual risk treat missing key values as wildcards.
 */
import { groupify } from '../classes/groupify';
import { classSizeHistogram, classSizeBuckets } from './class-histogram';
import type { ClassSizeHistogram } from './class-histogram';
import { frequencies } from './frequencies';
import { globalRisk, householdRisk, unweightedRisk, weightedRisk } from './individual-risk';
import { lDiversity } from './l-diversity';
import {
	populationUniqueness,
	type PopulationModel,
	type PopulationUniqueness
} from './population-uniqueness';
import {
	DEFAULT_THRESHOLDS,
	journalistRisk,
	marketerRisk,
	prosecutorRisk,
	type RiskSummary
} from './sample-risk';
import { suda2, type Suda2Result } from './suda2';
import { attributeRisks } from './attribute-risk';

export interface RiskKey {
	readonly name: string;
	/** Generalized code of every row. */
	readonly codes: Int32Array;
	/** Exclusive upper bound of the codes. */
	readonly cardinality: number;
	/** missing[code] = 1 for codes that are missing values (wildcards for fk/Fk). */
	readonly missing?: Uint8Array;
}

export interface RiskSensitive {
	readonly name: string;
	readonly codes: Int32Array;
	/** Codes counted as missing by l-diversity (sdcMicro: −999). */
	readonly missing?: Uint8Array;
}

export interface RiskInput {
	readonly rowCount: number;
	readonly keys: readonly RiskKey[];
	readonly weights?: Float64Array;
	/** Household id code of every row. */
	readonly household?: Int32Array;
	readonly sensitive?: readonly RiskSensitive[];
	readonly population?: PopulationModel;
	/** Rows of the released research subset (1 = released); the whole table is the population table. */
	readonly researchSubset?: Uint8Array;
	/**
	 * Suppressed rows (1 = suppressed): left out of ARX's class-based measures, as ARX leaves outliers
	 * out of its risk models. sdcMicro's measures still see every row (suppressed values are expected
	 * as missing values there, which the wildcard rule handles).
	 */
	readonly suppressed?: Uint8Array;
	readonly thresholds?: readonly number[];
	readonly kValues?: readonly number[];
	/** SUDA2 options; false skips SUDA2 (it is the only measure that is not linear in the rows). */
	readonly suda?: { disFraction?: number } | false;
	/** Largest QI combination for the attribute analysis (default 2; 0 skips it). */
	readonly attributeCombinations?: number;
	/** Recursivity constant of recursive l-diversity (default 2). */
	readonly recursiveC?: number;
}

export interface RiskReport {
	records: number;
	equivalenceClasses: number;
	sampleUniques: number;
	classSizes: Record<string, number>;
	classSizeBuckets: Record<string, number>;
	prosecutor: RiskSummary;
	journalist: RiskSummary;
	marketer: { average: number };
	populationUniqueness: PopulationUniqueness | null;
	kViolations: Record<string, number>;
	kViolationsWeighted: Record<string, number> | null;
	individualRisk: {
		weighted: boolean;
		expectedReidentifications: number;
		globalRisk: number;
		globalRiskPercent: number;
		maxRisk: number;
		recordsAbove: Record<string, number>;
	};
	householdRisk: {
		households: number;
		expectedReidentifications: number;
		globalRisk: number;
		globalRiskPercent: number;
	} | null;
	lDiversity: Record<string, { distinct: number; entropy: number; recursive: number }>;
	suda2: {
		uniqueRecords: number;
		maxScore: number;
		scoreSum: number;
		maxDis: number;
		attributeContributions: Record<string, number>;
	} | null;
	attributes: { attributes: string[]; distinction: number; separation: number; uniqueShare: number }[];
}

export interface RiskResult {
	readonly report: RiskReport;
	/** Per record, in input order. */
	readonly fk: Float64Array;
	readonly Fk: Float64Array;
	readonly risk: Float64Array;
	readonly suda: Suda2Result | null;
	readonly histogram: ClassSizeHistogram;
}

const DEFAULT_K = [2, 3, 5];

export function analyzeRisk(input: RiskInput): RiskResult {
	const { rowCount, keys } = input;
	const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
	const codes = keys.map((k) => k.codes);
	// Rows of the population table (all but suppressed ones) and of the released data (also in the subset).
	const populationRows = input.suppressed?.map((flag) => (flag === 0 ? 1 : 0));
	const released =
		input.researchSubset && populationRows
			? input.researchSubset.map((flag, row) => flag & populationRows[row])
			: (input.researchSubset ?? populationRows);
	const cardinalities = keys.map((k) => k.cardinality);

	// ARX: exact classes of the released rows.
	const classes = groupify(codes, cardinalities, rowCount, released);
	const histogram = classSizeHistogram(classes.sizes, classes.count);
	const prosecutor = prosecutorRisk(histogram, thresholds);
	let journalist = prosecutor;
	let marketer = marketerRisk(classes.sizes);
	// Classes of the population table: journalist risk with a subset, and l-diversity.
	const all = released ? groupify(codes, cardinalities, rowCount, populationRows) : classes;
	if (input.researchSubset) {
		const populationSizes = new Int32Array(classes.count);
		for (let c = 0; c < classes.count; c++)
			populationSizes[c] = all.sizes[all.classOfRow[classes.firstRow[c]]];
		journalist = journalistRisk(classes.sizes, populationSizes, thresholds);
		marketer = marketerRisk(classes.sizes, populationSizes);
	}
	const classSizes: Record<string, number> = {};
	for (let i = 0; i < histogram.sizes.length; i++)
		classSizes[String(histogram.sizes[i])] = histogram.counts[i];

	// sdcMicro: fk/Fk with wildcards and individual risk, over every row.
	const freq = frequencies({
		keys: codes,
		rowCount,
		missing: keys.map((k) => k.missing),
		weights: input.weights,
		classes: released ? undefined : classes
	});
	const risk = input.weights ? weightedRisk(freq.fk, freq.Fk) : unweightedRisk(freq.fk);
	const global = globalRisk(risk, [0.5, 0.1]);
	const kValues = input.kValues ?? DEFAULT_K;
	const kViolations: Record<string, number> = {};
	const kViolationsWeighted: Record<string, number> = {};
	for (const k of kValues) {
		let below = 0;
		let belowWeighted = 0;
		for (let i = 0; i < rowCount; i++) {
			if (freq.fk[i] < k) below++;
			if (freq.Fk[i] < k) belowWeighted++;
		}
		kViolations[String(k)] = below;
		kViolationsWeighted[String(k)] = belowWeighted;
	}
	// sdcMicro's count (fk = 1): without missing key values it equals ARX's records in classes of size 1.
	let sampleUniques = 0;
	for (let i = 0; i < rowCount; i++) if (freq.fk[i] === 1) sampleUniques++;

	const household = input.household ? householdRisk(risk, input.household) : null;

	const lDiversityReport: RiskReport['lDiversity'] = {};
	if (input.sensitive && input.sensitive.length > 0) {
		for (const s of input.sensitive) {
			const l = lDiversity({
				classOfRow: all.classOfRow,
				classCount: all.count,
				sensitive: s.codes,
				missing: s.missing,
				c: input.recursiveC
			});
			lDiversityReport[s.name] = {
				distinct: l.minDistinct,
				entropy: l.minEntropy,
				recursive: l.minRecursive
			};
		}
	}

	const suda =
		input.suda === false || keys.length === 0
			? null
			: suda2(codes, rowCount, { ...(input.suda ?? {}), missing: keys.map((k) => k.missing) });
	const attributeContributions: Record<string, number> = {};
	if (suda) keys.forEach((k, v) => (attributeContributions[k.name] = suda.attributeContributions[v]));

	const combinations = input.attributeCombinations ?? 2;
	const attributes =
		combinations > 0
			? attributeRisks(codes, rowCount, Math.min(combinations, keys.length)).map((a) => ({
					attributes: a.attributes.map((v) => keys[v].name),
					distinction: a.distinction,
					separation: a.separation,
					uniqueShare: a.uniqueShare
				}))
			: [];

	const report: RiskReport = {
		records: histogram.records,
		equivalenceClasses: histogram.classes,
		sampleUniques,
		classSizes,
		classSizeBuckets: classSizeBuckets(histogram),
		prosecutor,
		journalist,
		marketer: { average: marketer },
		populationUniqueness: input.population ? populationUniqueness(histogram, input.population) : null,
		kViolations,
		kViolationsWeighted: input.weights ? kViolationsWeighted : null,
		individualRisk: {
			weighted: input.weights !== undefined,
			expectedReidentifications: global.expectedReidentifications,
			globalRisk: global.globalRisk,
			globalRiskPercent: global.globalRiskPercent,
			maxRisk: global.maxRisk,
			recordsAbove: global.recordsAbove
		},
		householdRisk: household && {
			households: household.households,
			expectedReidentifications: household.expectedReidentifications,
			globalRisk: household.globalRisk,
			globalRiskPercent: household.globalRiskPercent
		},
		lDiversity: lDiversityReport,
		suda2: suda && {
			uniqueRecords: suda.uniqueRecords,
			maxScore: suda.maxScore,
			scoreSum: suda.scoreSum,
			maxDis: suda.maxDis,
			attributeContributions
		},
		attributes
	};
	return { report, fk: freq.fk, Fk: freq.Fk, risk, suda, histogram };
}
