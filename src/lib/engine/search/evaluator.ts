/**
 * Evaluates transformations for the searches: computes a node's atoms by rolling up the smallest
 * cached snapshot of a more specialized node (DESIGN.md: classes ≪ rows), then its classes and
 * privacy verdict. Snapshots are cached first-in first-out within a budget of atoms.
 */
import {
	checkPrivacy,
	classesOf,
	minimalClassSize,
	type ClassTable,
	type PrivacyResult,
	type PrivacySetup
} from '../classes/equivalence-classes';
import { rollUp, type PreparedData, type Snapshot } from '../classes/snapshot';
import { rollUpClasses } from '../classes/roll-up-classes';

export interface Evaluation {
	/** Null when the evaluation stopped early because the node cannot be anonymous. */
	readonly classes: ClassTable | null;
	readonly privacy: PrivacyResult;
}

export class Evaluator {
	private readonly cache = new Map<string, Snapshot>();
	private cachedAtoms = 0;
	private readonly budget: number;
	/** Number of privacy checks performed. */
	checks = 0;
	/**
	 * Most classes a node may have and still meet ARX's minimal class size k within the limit L:
	 * at most N/k classes hold k rows or more, every other class is suppressed and holds ≥ 1 row,
	 * so more than L + ⌊N/k⌋ classes means failure; grouping stops there (already while rolling up
	 * when atoms are classes, i.e. without sensitive attributes). Only when every row counts (no
	 * research subset: classes without sample rows would not be suppressed).
	 */
	private readonly maxClasses: number;

	constructor(
		readonly data: PreparedData,
		readonly setup: PrivacySetup,
		budgetAtoms = 48 * Math.max(data.bottom.count, 1 << 16)
	) {
		this.budget = budgetAtoms;
		const k = minimalClassSize(setup.criteria);
		const exact = data.sampleRows === data.rowCount;
		this.maxClasses = exact && k > 1 ? setup.suppressionLimit + Math.floor(data.sampleRows / k) : Infinity;
	}

	private source(levels: ArrayLike<number>): Snapshot {
		let best = this.data.bottom;
		for (const snapshot of this.cache.values()) {
			if (snapshot.count >= best.count) continue;
			let below = true;
			for (let q = 0; q < levels.length && below; q++) below = snapshot.levels[q] <= levels[q];
			if (below) best = snapshot;
		}
		return best;
	}

	snapshot(levels: ArrayLike<number>): Snapshot;
	snapshot(levels: ArrayLike<number>, maxAtoms: number): Snapshot | null;
	snapshot(levels: ArrayLike<number>, maxAtoms = Infinity): Snapshot | null {
		const key = Array.prototype.join.call(levels, ',');
		const cached = this.cache.get(key);
		if (cached) return cached.count > maxAtoms ? null : cached;
		const snapshot = rollUp(this.data, this.source(levels), levels, maxAtoms);
		if (!snapshot) return null;
		this.remember(snapshot);
		return snapshot;
	}

	/** Caches a snapshot when it is noticeably smaller than the bottom one (first in, first out). */
	private remember(snapshot: Snapshot): void {
		if (snapshot.count * 5 > this.data.bottom.count * 4 && this.data.bottom.count >= 64) return;
		this.cache.set(Array.prototype.join.call(snapshot.levels, ','), snapshot);
		this.cachedAtoms += snapshot.count;
		while (this.cachedAtoms > this.budget && this.cache.size > 0) {
			const [oldest, old] = this.cache.entries().next().value as [string, Snapshot];
			this.cache.delete(oldest);
			this.cachedAtoms -= old.count;
		}
	}

	/**
	 * With one sensitive attribute, an uncached node is rolled up and grouped in one pass
	 * (roll-up-classes.ts); undefined when that path does not apply.
	 */
	private rolledUpClasses(levels: ArrayLike<number>): ClassTable | null | undefined {
		if (this.data.sensitiveCardinalities.length !== 1) return undefined;
		if (this.cache.has(Array.prototype.join.call(levels, ','))) return undefined;
		const rolled = rollUpClasses(this.data, this.source(levels), levels, this.maxClasses);
		if (!rolled) return rolled;
		this.remember(rolled.snapshot);
		return rolled.classes;
	}

	evaluate(levels: ArrayLike<number>): Evaluation {
		this.checks++;
		const atomsAreClasses = this.data.sensitiveCardinalities.length === 0;
		let classes = this.rolledUpClasses(levels);
		if (classes === undefined) {
			const snapshot = this.snapshot(levels, atomsAreClasses ? this.maxClasses : Infinity);
			classes = snapshot ? classesOf(snapshot, this.maxClasses) : null;
		}
		if (!classes) {
			const privacy = {
				anonymous: false,
				outlier: new Uint8Array(0),
				suppressed: NaN,
				minimalSizeFailed: true
			};
			return { classes: null, privacy };
		}
		return { classes, privacy: checkPrivacy(classes, this.setup) };
	}
}

/** Summary of an evaluated transformation for reports. */
export function describeClasses(evaluation: Evaluation): {
	suppressedRecords: number;
	equivalenceClasses: number;
	minClassSize: number;
} {
	const { classes, privacy } = evaluation;
	if (!classes) return { suppressedRecords: privacy.suppressed, equivalenceClasses: 0, minClassSize: 0 };
	let equivalenceClasses = 0;
	let minClassSize = 0;
	for (let c = 0; c < classes.count; c++) {
		if (privacy.outlier[c] || classes.size[c] === 0) continue;
		equivalenceClasses++;
		if (minClassSize === 0 || classes.size[c] < minClassSize) minClassSize = classes.size[c];
	}
	return { suppressedRecords: privacy.suppressed, equivalenceClasses, minClassSize };
}

/** ARX's HashGroupify#isCompletelyGeneralized: every QI at the top level of a single-valued root. */
export function completelyGeneralized(data: PreparedData): (levels: Int32Array) => boolean {
	return (levels) =>
		data.quasiIdentifiers.every(
			({ hierarchy }, q) => levels[q] === hierarchy.height - 1 && hierarchy.levels[levels[q]].length === 1
		);
}

/**
 * A necessary condition of ARX's minimal class size: the classes of one QI alone are unions of the
 * node's classes, so the rows in that QI's values with fewer than k rows are suppressed in any
 * transformation with that QI at that level. If they exceed the limit, the node fails without
 * grouping (and so do its specializations, which the caller tags).
 */
export function singleAttributeRejection(
	data: PreparedData,
	k: number,
	suppressionLimit: number
): (levels: ArrayLike<number>) => boolean {
	if (k <= 1) return () => false;
	const { bottom } = data;
	const failing = data.quasiIdentifiers.map(({ hierarchy }, q) => {
		const leafCounts = new Float64Array(hierarchy.levels[0].length);
		const codes = bottom.qi[q];
		for (let a = 0; a < bottom.count; a++) leafCounts[codes[a]] += bottom.size[a];
		return hierarchy.codes.map((map, level) => {
			const counts = new Float64Array(hierarchy.levels[level].length);
			for (let leaf = 0; leaf < leafCounts.length; leaf++) counts[map[leaf]] += leafCounts[leaf];
			let below = 0;
			for (const count of counts) if (count > 0 && count < k) below += count;
			return below > suppressionLimit;
		});
	});
	return (levels) => {
		for (let q = 0; q < failing.length; q++) if (failing[q][levels[q]]) return true;
		return false;
	};
}
