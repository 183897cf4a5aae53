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
 */

/** Distribution of one sensitive attribute's codes inside one equivalence class. */
export interface SensitiveHistogram {
	/** Distinct sensitive codes present in the class (codes index the sensitive column's values). */
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

export interface SampleCriterion {
	readonly kind: 'sample';
	readonly label: string;
	readonly monotonicWithGeneralization: boolean;
	readonly monotonicWithSuppression: boolean;
	isAnonymous(remaining: RemainingDistribution): boolean;
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
}

export interface EvaluationSetup {
	/** Rows of the research sample (all rows without a subset). */
	readonly rows: number;
	/** Rows of the whole dataset. */
	readonly populationTableRows: number;
	readonly sensitive: readonly SensitiveAttributeSetup[];
}
