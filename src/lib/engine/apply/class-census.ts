/**
 * Pass 1 of applying a fixed transformation: counts the records of each equivalence class (and, with
 * sensitive attributes, of each class × sensitive-value tuple) without keeping any row. The result is
 * a Snapshot at the transformation's levels, the same structure the search builds by rolling up
 * (classes/snapshot.ts), so the engine's own classesOf + checkPrivacy decide the suppression.
 * Memory: one entry per distinct (class, sensitive values) tuple plus the hierarchies' leaf counts —
 * bounded by the number of classes, not the number of rows.
 */
import type { Snapshot } from '../classes/snapshot';
import type { ProjectConfig } from '../config/project-config';
import { hierarchyFromRows, hierarchyRows, type Hierarchy } from '../hierarchy/hierarchy';
import { DecidedAttribute, hasActiveDecisions } from '../peculiar/decisions';

export class ApplyError extends Error {
	readonly code: string;
	constructor(code: 'VALUE_NOT_IN_HIERARCHY' | 'NOT_ANONYMOUS' | 'BAD_INPUT', message: string) {
		super(message);
		this.name = 'ApplyError';
		this.code = code;
	}
}

/** Leaf value returned for a value whose records a peculiar-value decision suppresses. */
export const SUPPRESSED_BY_DECISION = -1;

/**
 * Generalizes one QI column to its level by a lookup on the raw value, after the attribute's
 * peculiar-value decisions (peculiar/decisions.ts): `hierarchy` is the decided hierarchy (extended by
 * generalization labels) and every raw leaf maps to the leaf of the value it becomes, so a decision
 * costs one array read per cell.
 */
export class QiGeneralizer {
	/** Code at the level of each leaf (index into `values`). */
	private readonly levelCodes: Int32Array;
	/** Decided leaf of each raw leaf (SUPPRESSED_BY_DECISION for suppressed values); null without decisions. */
	private readonly decidedLeaf: Int32Array | null;
	readonly values: readonly string[];
	readonly cardinality: number;

	constructor(
		readonly name: string,
		readonly column: number,
		readonly hierarchy: Hierarchy,
		readonly level: number,
		readonly decided: DecidedAttribute | null = null
	) {
		if (!Number.isInteger(level) || level < 0 || level >= hierarchy.height) {
			throw new ApplyError(
				'BAD_INPUT',
				`transformation.${name}: level ${level} is outside the hierarchy of "${name}" (0..${hierarchy.height - 1})`
			);
		}
		this.levelCodes = hierarchy.codes[level];
		this.values = hierarchy.levels[level];
		this.cardinality = this.values.length;
		this.decidedLeaf = null;
		if (decided?.active) {
			const leaves = hierarchy.levels[0];
			this.decidedLeaf = new Int32Array(leaves.length);
			for (let leaf = 0; leaf < leaves.length; leaf++) {
				const value = leaves[leaf];
				this.decidedLeaf[leaf] = decided.isSuppressed(value)
					? SUPPRESSED_BY_DECISION
					: hierarchy.leafIndex.get(decided.replacement(value))!;
			}
		}
	}

	/** Leaf index of a raw value as imported (one map lookup per cell: the hot path of both passes). */
	rawLeaf(value: string, record: number): number {
		const leaf = this.hierarchy.leafIndex.get(value);
		if (leaf === undefined) {
			throw new ApplyError(
				'VALUE_NOT_IN_HIERARCHY',
				`attributes.${this.name}.hierarchy: record ${record}: the value ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} of ` +
					`"${this.name}" is missing from its hierarchy (add it to the hierarchy)`
			);
		}
		return leaf;
	}

	/** The leaf a raw leaf becomes under the decisions, or SUPPRESSED_BY_DECISION. */
	decidedLeafOf(rawLeaf: number): number {
		return this.decidedLeaf === null ? rawLeaf : this.decidedLeaf[rawLeaf];
	}

	/** Code at the level of a (decided, not suppressed) leaf. */
	codeOfLeaf(leaf: number): number {
		return this.levelCodes[leaf];
	}

	/** Code at the level of a raw value, or SUPPRESSED_BY_DECISION. */
	code(value: string, record: number): number {
		const leaf = this.decidedLeafOf(this.rawLeaf(value, record));
		return leaf < 0 ? leaf : this.levelCodes[leaf];
	}
}

/**
 * The generalizer of each QI of `header`: the hierarchy extended by the attribute's decisions (a
 * decision that does not fit its hierarchy is a BAD_INPUT naming `decisions[i]`).
 */
export function qiGeneralizers(
	header: readonly string[],
	config: ProjectConfig,
	hierarchies: Readonly<Record<string, Hierarchy>>
): QiGeneralizer[] {
	const transformation = config.transformation ?? {};
	const decisions = config.decisions ?? [];
	return header.flatMap((name, column) => {
		if (config.attributes[name]?.role !== 'quasi-identifying') return [];
		let hierarchy = hierarchies[name];
		if (!hierarchy) throw new ApplyError('BAD_INPUT', `attributes.${name}.hierarchy: no hierarchy loaded`);
		let decided: DecidedAttribute | null = null;
		if (hasActiveDecisions(decisions, name)) {
			try {
				decided = new DecidedAttribute(name, hierarchyRows(hierarchy), decisions);
				if (decided.rows!.length !== hierarchy.levels[0].length)
					hierarchy = hierarchyFromRows(name, decided.rows!);
			} catch (error) {
				throw new ApplyError('BAD_INPUT', (error as Error).message);
			}
		}
		return [new QiGeneralizer(name, column, hierarchy, transformation[name] ?? 0, decided)];
	});
}

/**
 * Class keys: a mixed-radix number over the level cardinalities when the key space fits in 2^53
 * (exact in a double), else the codes joined as a string.
 */
export class ClassKeyer {
	private readonly radix: number[];
	readonly numeric: boolean;

	constructor(cardinalities: readonly number[]) {
		this.radix = cardinalities.map((c) => Math.max(1, c));
		this.numeric = this.radix.reduce((p, c) => p * c, 1) <= 2 ** 53;
	}

	key(codes: ArrayLike<number>): number | string {
		if (this.numeric) {
			let key = 0;
			for (let q = 0; q < this.radix.length; q++) key = key * this.radix[q] + codes[q];
			return key;
		}
		return Array.prototype.join.call(codes, ',');
	}
}

/** Incremental dictionary of a sensitive column (codes in order of first appearance, as the importer). */
class Dictionary {
	readonly values: string[] = [];
	readonly counts: number[] = [];
	private readonly index = new Map<string, number>();

	code(value: string): number {
		let code = this.index.get(value);
		if (code === undefined) {
			code = this.values.length;
			this.values.push(value);
			this.counts.push(0);
			this.index.set(value, code);
		}
		this.counts[code]++;
		return code;
	}
}

export interface Census {
	/** Records analysed: counted records minus those suppressed by peculiar-value decisions. */
	readonly rows: number;
	/** Records suppressed by peculiar-value decisions (not analysed, not counted against the limit). */
	readonly suppressedByDecision: number;
	readonly snapshot: Snapshot;
	/** Leaf frequencies per QI (levelCounts[q][0] of the quality model). */
	readonly leafCounts: readonly Float64Array[];
	readonly sensitive: readonly { name: string; values: readonly string[]; counts: Float64Array }[];
	/**
	 * Class sizes of the original data (every QI at level 0), for the risk before processing; null when
	 * there were more than {@link MAX_RAW_CLASSES} distinct combinations (not counted, to bound memory).
	 */
	readonly rawClassSizes: Int32Array | null;
}

/** Largest number of distinct original QI combinations counted for the risk before processing. */
export const MAX_RAW_CLASSES = 1 << 20;

export class ClassCensus {
	private readonly atoms = new Map<number | string, number>();
	private readonly atomQi: number[][];
	private readonly atomSensitive: number[][];
	private readonly atomSize: number[] = [];
	private readonly leafCounts: Float64Array[];
	private readonly dictionaries: Dictionary[];
	private readonly keyer: ClassKeyer;
	private readonly codes: Int32Array;
	private readonly leaves: Int32Array;
	private readonly decidedLeaves: Int32Array;
	private readonly rawKeyer: ClassKeyer;
	private rawClasses: Map<number | string, number> | null = new Map();
	/** Records seen (their number names a record in error messages). */
	private records = 0;
	rows = 0;
	suppressedByDecision = 0;

	constructor(
		readonly qis: readonly QiGeneralizer[],
		readonly sensitive: readonly { name: string; column: number }[]
	) {
		this.atomQi = qis.map(() => []);
		this.atomSensitive = sensitive.map(() => []);
		this.leafCounts = qis.map((q) => new Float64Array(q.hierarchy.levels[0].length));
		this.dictionaries = sensitive.map(() => new Dictionary());
		this.keyer = new ClassKeyer(qis.map((q) => q.cardinality));
		this.codes = new Int32Array(qis.length);
		this.leaves = new Int32Array(qis.length);
		this.decidedLeaves = new Int32Array(qis.length);
		this.rawKeyer = new ClassKeyer(qis.map((q) => q.hierarchy.levels[0].length));
	}

	add(row: readonly string[]): void {
		const record = ++this.records;
		const qis = this.qis;
		let suppressed = false;
		for (let q = 0; q < qis.length; q++) {
			const raw = qis[q].rawLeaf(row[qis[q].column] ?? '', record);
			const leaf = qis[q].decidedLeafOf(raw);
			this.leaves[q] = raw;
			this.decidedLeaves[q] = leaf;
			if (leaf < 0) suppressed = true;
		}
		// The risk before processing is the data's as imported: every record, original values.
		if (this.rawClasses) {
			const raw = this.rawKeyer.key(this.leaves);
			this.rawClasses.set(raw, (this.rawClasses.get(raw) ?? 0) + 1);
			if (this.rawClasses.size > MAX_RAW_CLASSES) this.rawClasses = null;
		}
		if (suppressed) {
			this.suppressedByDecision++;
			return;
		}
		this.rows++;
		for (let q = 0; q < qis.length; q++) {
			const leaf = this.decidedLeaves[q];
			this.codes[q] = qis[q].codeOfLeaf(leaf);
			this.leafCounts[q][leaf]++;
		}
		let key = this.keyer.key(this.codes);
		let sensitiveCodes: number[] | undefined;
		if (this.sensitive.length > 0) {
			sensitiveCodes = this.sensitive.map((s, i) => this.dictionaries[i].code(row[s.column] ?? ''));
			key = `${key}|${sensitiveCodes.join(',')}`;
		}
		const atom = this.atoms.get(key);
		if (atom !== undefined) {
			this.atomSize[atom]++;
			return;
		}
		this.atoms.set(key, this.atomSize.length);
		this.atomSize.push(1);
		for (let q = 0; q < qis.length; q++) this.atomQi[q].push(this.codes[q]);
		if (sensitiveCodes) sensitiveCodes.forEach((code, s) => this.atomSensitive[s].push(code));
	}

	finish(): Census {
		const size = Int32Array.from(this.atomSize);
		return {
			rows: this.rows,
			suppressedByDecision: this.suppressedByDecision,
			snapshot: {
				levels: Int32Array.from(this.qis, (q) => q.level),
				count: size.length,
				qi: this.atomQi.map((codes) => Int32Array.from(codes)),
				sensitive: this.atomSensitive.map((codes) => Int32Array.from(codes)),
				size,
				population: size.slice()
			},
			leafCounts: this.leafCounts,
			rawClassSizes: this.rawClasses ? Int32Array.from(this.rawClasses.values()) : null,
			sensitive: this.sensitive.map((s, i) => ({
				name: s.name,
				values: this.dictionaries[i].values,
				counts: Float64Array.from(this.dictionaries[i].counts)
			}))
		};
	}
}
