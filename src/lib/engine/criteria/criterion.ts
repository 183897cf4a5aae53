/**
 * The contract between the privacy models (this folder) and the evaluation/search code.
 *
 * ARX distinguishes two kinds of criteria, and so do we:
 * - class-based criteria decide per equivalence class (k-anonymity, l-diversity, t-closeness,
 *   β-likeness, δ-presence, k-map). Records of failing classes are suppressed when the total
 *   stays within the suppression limit.
 * - sample-based criteria decide on the whole class-size distribution of the records that remain
 *   after that suppression (average re-identification risk, sample and population uniqueness).
 *
 * Monotonicity flags follow ARX's PrivacyCriterion#isMonotonicWithGeneralization /
 * #isMonotonicWithSuppression: the search uses them for predictive tagging.
 *
 * How ARX 3.9.2 evaluates one transformation (HashGroupify#analyzeAll), which the evaluator
 * must reproduce to get ARX's results:
 * 1. With a research subset (δ-presence, k-map with subset, inclusion) `size` counts subset
 *    rows and `populationSize` all rows; sensitive histograms and globalCounts count subset rows
 *    only; the absolute suppression limit is ⌊limit × subset rows⌋.
 * 2. A class smaller than ARX's minimal group size (max minimalClassSize over the criteria with
 *    minimalClassSizeAvailable) fails without asking any criterion. Otherwise the class
 *    criteria are asked in the order createCriteria returns them (δ-presence first).
 * 3. Failing classes are suppressed (their `size` rows count); a failing class of size 0 is
 *    never suppressed — and fails the whole transformation if the criterion that failed has
 *    emptyClassFailureIsFatal and the class did not already fail step 2.
 * 4. Sample criteria then run ARX's suppression search (sample-enforcement.ts,
 *    applySampleCriteria); its record count replaces the one of step 3.
 * 5. Anonymous iff the suppressed records ≤ the absolute limit.
 */

/** Distribution of one sensitive attribute's codes inside one equivalence class. */
export interface SensitiveHistogram {
	/**
	 * Distinct sensitive codes present in the class (codes index the sensitive column's values,
	 * assigned in order of first appearance in the input as ARX's dictionary does), each once and
	 * only with a positive count. List them in order of first appearance among the class's
	 * research-sample rows (ascending row index): that is the order in which ARX inserts them into
	 * its hash table, which decides entropy l-diversity's early exit with Grassberger's estimator
	 * (see arx-bucket-order.ts). Other models ignore the order.
	 */
	readonly codes: Int32Array;
	/** counts[i] = rows in the class whose sensitive code is codes[i]. */
	readonly counts: Int32Array;
	/** Number of valid entries in codes/counts. */
	readonly length: number;
}

export interface EquivalenceClassView {
	/** Rows of the research sample in this class (all rows of the class when there is no subset). */
	readonly size: number;
	/** Rows of the whole dataset (the population table) in this class; equals size without a subset. */
	readonly populationSize: number;
	/** One histogram per sensitive attribute, in the order of EvaluationSetup.sensitive. */
	readonly sensitive: readonly SensitiveHistogram[];
}

export interface ClassCriterion {
	readonly kind: 'class';
	/** Human-readable description, e.g. "5-anonymity" or "recursive-(4,5)-diversity for occupation". */
	readonly label: string;
	readonly monotonicWithGeneralization: boolean;
	readonly monotonicWithSuppression: boolean;
	/** Smallest class size that can possibly pass (k for k-anonymity, l for distinct l-diversity...), for pruning. */
	readonly minimalClassSize: number;
	/** Whether the criterion needs the research subset (δ-presence, k-map with a subset). */
	readonly needsSubset: boolean;
	/**
	 * Whether ARX counts minimalClassSize as an "available minimal class size" for this criterion
	 * (PrivacyCriterion#isMinimalClassSizeAvailable): true for k-anonymity, every l-diversity
	 * variant and k-map with an estimator. ARX's minimal group size is the max of those; without
	 * any, ARX treats privacy as "not even partially monotonic". Absent = false.
	 */
	readonly minimalClassSizeAvailable?: boolean;
	/**
	 * True for δ-presence only (ARX HashGroupify, d-presence must be checked first): a class
	 * with no research-sample rows (size 0) that fails this criterion cannot be suppressed,
	 * so the whole transformation fails — unless the class already failed the minimal class
	 * size check (size 0 < ARX's minimal group size), which ARX checks before any criterion.
	 */
	readonly emptyClassFailureIsFatal?: boolean;
	isAnonymous(cls: EquivalenceClassView): boolean;
}

/** Class sizes of the records that remain after class-based suppression. */
export interface RemainingDistribution {
	/** Size of each remaining (not suppressed) class, in rows of the research sample. */
	readonly classSizes: Int32Array;
	/** Number of valid entries in classSizes. */
	readonly classCount: number;
	/** Rows that remain (sum of classSizes). */
	readonly rows: number;
	/** Rows of the research sample before suppression. */
	readonly totalRows: number;
}

/**
 * The class-size distribution as ARX's HashGroupifyDistribution exposes it to sample-based
 * criteria: the classes that are neither suppressed, nor empty, nor completely generalized.
 */
export interface ClassSizeDistribution {
	/** Records in those classes. */
	readonly records: number;
	/** Number of those classes. */
	readonly classes: number;
	/** Number of those classes that have exactly `size` records. */
	classesOfSize(size: number): number;
	/** Distinct sizes ascending and the number of classes of each (sizes with a zero count omitted). */
	histogram(): {
		readonly sizes: Int32Array;
		readonly counts: Int32Array;
		readonly records: number;
		readonly classes: number;
	};
}

export interface SampleCriterion {
	readonly kind: 'sample';
	readonly label: string;
	readonly monotonicWithGeneralization: boolean;
	readonly monotonicWithSuppression: boolean;
	isAnonymous(remaining: RemainingDistribution): boolean;
	/** The same verdict on a histogram view (what ARX's binary-search suppression re-evaluates). */
	isFulfilled(distribution: ClassSizeDistribution): boolean;
}

export type PrivacyCriterion = ClassCriterion | SampleCriterion;

/** What a criterion may need to know about the data when it is created (once per search). */
export interface SensitiveAttributeSetup {
	readonly name: string;
	/** Distinct values of the sensitive column (code → value). */
	readonly values: readonly string[];
	/** Frequency of each code over the whole input (research sample when a subset is given). */
	readonly globalCounts: Float64Array;
	/**
	 * Hierarchy of the sensitive attribute, if one was given (needed by hierarchical t-closeness):
	 * levels[l][code] = generalized value at level l (level 0 = the value itself).
	 */
	readonly hierarchyLevels?: readonly (readonly string[])[];
	/**
	 * Codes in ascending order of their values (ordered-distance t-closeness). Absent: values are
	 * compared as strings by UTF-16 code units, as ARX's default string data type does. Give it
	 * for numeric/date attributes (ARX sorts with the attribute's data type).
	 */
	readonly order?: Int32Array;
}

export interface EvaluationSetup {
	/** Rows of the research sample (all rows without a subset). */
	readonly rows: number;
	/** Rows of the whole dataset. */
	readonly populationTableRows: number;
	readonly sensitive: readonly SensitiveAttributeSetup[];
	/**
	 * The project's population model (k-map with an estimator, population uniqueness), used when
	 * a privacy model spec does not give its own `population`. A sampling fraction f means a
	 * population of round(populationTableRows / f) people, as ARX's ARXPopulationModel does.
	 */
	readonly population?: { readonly size: number } | { readonly samplingFraction: number };
}
