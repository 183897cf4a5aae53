/**
 * Plain data the rule-design steps exchange with the data worker (structured-clone safe).
 * The worker computes; the page only shows.
 */
import type { PeculiarFinding } from '$lib/engine/peculiar';
import type { RoleProposal } from '$lib/engine/jp/identifiers';

/** The live risk panel's numbers for one transformation. */
export interface LiveFigures {
	/** Sequence number of the request (latest wins on the page). */
	readonly seq: number;
	readonly levels: Readonly<Record<string, number>>;
	/** Levels per QI (hierarchy height). */
	readonly heights: Readonly<Record<string, number>>;
	readonly rows: number;
	/** Rows analysed: rows minus those suppressed by peculiar-value decisions. */
	readonly analysedRows: number;
	/** Equivalence classes released (suppressed classes excluded). */
	readonly classes: number;
	/** Smallest released class. */
	readonly kReached: number;
	/** The k the privacy models ask for (at least 2). */
	readonly kTarget: number;
	/** Released records in classes smaller than kTarget. */
	readonly recordsAtRisk: number;
	/** Released records alone in their class. */
	readonly sampleUniques: number;
	readonly highestRisk: number;
	readonly averageRisk: number;
	/** Share of released records whose prosecutor risk exceeds each threshold. */
	readonly riskCurve: readonly { readonly threshold: number; readonly share: number }[];
	/** Records suppressed by the transformation (within the suppression limit). */
	readonly suppressed: number;
	readonly suppressedByDecision: number;
	/** Records the models would need suppressed (null when it is not known). */
	readonly neededSuppression: number | null;
	readonly suppressionLimitRows: number;
	readonly informationLoss: number | number[];
	readonly qualityModel: string;
	readonly verdict: 'met' | 'not-met' | 'no-model';
	/**
	 * One entry per privacy model of the project, in the project's order (the worker's liveRisk
	 * always fills it; optional only because the session's own figures come without it).
	 */
	readonly models?: readonly ModelFigure[];
	readonly classSizes: readonly { readonly size: number; readonly count: number }[];
	/** Worker time for this refresh. */
	readonly elapsedMs: number;
}

/** What a model's figure measures (how the page names and compares it with the target). */
export type ModelMeasure =
	'k' | 'l' | 'c' | 't' | 'beta' | 'average-risk' | 'sample-uniques' | 'population-uniques' | 'none';

/**
 * One privacy model judged on the transformation. `met` is the model alone with the project's
 * suppression limit (the engine's own check); `reached` is the model's figure on the released
 * classes: the smallest k or l, the largest c needed, t or β, or the risk share. Higher-is-better
 * measures are k and l; for the others lower is better.
 */
export interface ModelFigure {
	/** Position in the project's privacy list. */
	readonly index: number;
	readonly model: string;
	/** The engine's label, e.g. "distinct-2-diversity for ICD10". */
	readonly label: string;
	readonly attribute: string | null;
	readonly measure: ModelMeasure;
	/** Null when the figure is not computed for this model (hierarchical t, δ-presence). */
	readonly reached: number | null;
	readonly target: number | null;
	readonly met: boolean;
	/** Records this model alone needs suppressed (within the limit when met). */
	readonly suppressedAlone: number;
}

export interface ColumnProposal {
	readonly name: string;
	readonly proposal: RoleProposal;
}

export interface HierarchyPreviewLevel {
	readonly level: number;
	/** Distinct generalized values at this level that the data uses. */
	readonly groups: number;
	/** Largest groups: label and rows. */
	readonly top: readonly { readonly label: string; readonly count: number }[];
}

export interface HierarchyPreview {
	readonly attribute: string;
	readonly height: number;
	/** Most frequent values: value, rows, and its generalization at each level ≥ 1. */
	readonly values: readonly {
		readonly value: string;
		readonly count: number;
		readonly path: readonly string[];
	}[];
	readonly levels: readonly HierarchyPreviewLevel[];
	/** Rows of the hierarchy (ARX layout), for editing in place. */
	readonly rows: readonly (readonly string[])[];
	readonly error?: string;
}

export interface SearchProgressView {
	readonly checked: number;
	readonly latticeSize: number;
	readonly elapsedMs: number;
	readonly bestLoss: number | number[] | null;
}

export interface SearchOutcome {
	readonly transformation: Readonly<Record<string, number>> | null;
	readonly informationLoss: number | number[] | null;
	readonly suppressedRecords: number;
	readonly checked: number;
	readonly latticeSize: number;
	readonly optimal: boolean;
	readonly elapsedMs: number;
	readonly quasiIdentifiers: readonly string[];
	/** Levels of every lattice node, node after node (empty above the view limit). */
	readonly latticeLevels: Int32Array;
	/** Tag per node: 0 not checked, 1 anonymous, 2 not anonymous. */
	readonly latticeTags: Uint8Array;
}

/** One generalized value (after) and the original values it merges (before), with counts. */
export interface CompareGroup {
	readonly label: string;
	/** Released records with this generalized value. */
	readonly count: number;
	/** Distinct original values merged into it. */
	readonly distinct: number;
	/** The most frequent original values (released records each). */
	readonly members: readonly { readonly label: string; readonly count: number }[];
	/** Records of the members past the top ones (count − the listed members' counts). */
	readonly otherMembers: number;
}

export interface CompareAttribute {
	readonly name: string;
	/** Largest generalized values with their merged originals (released records only). */
	readonly groups: readonly CompareGroup[];
	/** Generalized values past the listed groups: how many, and their records. */
	readonly otherGroups: { readonly values: number; readonly count: number };
	readonly before: readonly { readonly label: string; readonly count: number }[];
	readonly after: readonly { readonly label: string; readonly count: number }[];
	readonly distinctBefore: number;
	readonly distinctAfter: number;
}

export interface CompareResult {
	readonly attributes: readonly CompareAttribute[];
	readonly suppressed: number;
	readonly changedRows: number;
	readonly rows: number;
	/** First changed rows: row number and QI values before/after. */
	readonly examples: readonly {
		readonly row: number;
		readonly before: readonly string[];
		readonly after: readonly string[];
	}[];
}

export interface TourResult {
	readonly row: number;
	readonly values: readonly string[];
	readonly generalized: readonly string[];
	/** Rows sharing the record's generalized QI values (itself included). */
	readonly sharing: number;
	readonly suppressed: boolean;
	/** A few of the other rows that share them (row numbers). */
	readonly others: readonly number[];
}

export interface PeculiarView {
	readonly findings: readonly PeculiarFinding[];
	readonly threshold: number;
}
