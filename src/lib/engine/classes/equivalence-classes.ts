/**
 * Equivalence classes of a snapshot (atoms grouped by their QI codes) and the privacy check
 * with record suppression, following ARX's HashGroupify#analyzeAll (ARX 3.9.2): classes that fail a
 * class-based criterion are suppressed; the transformation is anonymous when the suppressed
 * research-sample rows stay within the limit and the sample-based criteria hold on what remains.
 */
import type { EquivalenceClassView, PrivacyCriterion, SensitiveHistogram } from '../criteria/criterion';
import type { Snapshot } from './snapshot';
import { enforceSampleCriteria } from '../criteria/sample-enforcement';
import { ScratchPool } from './scratch-pool';

export interface ClassTable {
	readonly levels: Int32Array;
	readonly count: number;
	/** qi[q][class] = code of QI q at levels[q]. */
	readonly qi: readonly Int32Array[];
	/** Research-sample rows per class. */
	readonly size: Int32Array;
	/** All rows per class. */
	readonly population: Int32Array;
	/** Atoms of each class: atoms[atomStart[c] .. atomStart[c+1]) (only with sensitive attributes). */
	readonly atomStart?: Int32Array;
	readonly atoms?: Int32Array;
	readonly snapshot: Snapshot;
}

/** Groups the atoms into classes; with `maxClasses`, gives up (null) once there would be more. */
export function classesOf(snapshot: Snapshot): ClassTable;
export function classesOf(snapshot: Snapshot, maxClasses: number): ClassTable | null;
export function classesOf(snapshot: Snapshot, maxClasses = Infinity): ClassTable | null {
	if (snapshot.sensitive.length === 0) {
		if (snapshot.count > maxClasses) return null;
		return {
			levels: snapshot.levels,
			count: snapshot.count,
			qi: snapshot.qi,
			size: snapshot.size,
			population: snapshot.population,
			snapshot
		};
	}
	const n = snapshot.count;
	const columns = snapshot.qi;
	let capacity = 16;
	while (capacity < n * 2) capacity *= 2;
	const mask = capacity - 1;
	const slots = scratch.int32('slots', capacity);
	slots.fill(-1, 0, capacity);
	const firstAtom = scratch.int32('first', n);
	const classOfAtom = scratch.int32('classOf', n);
	const size = scratch.int32('size', n);
	const population = scratch.int32('population', n);
	let count = 0;
	const packed = packQuasiIdentifiers(columns, n);
	if (packed) {
		// One exact float key per atom: one comparison per probe instead of one per QI.
		const keyOf = scratch.float64('keys', n);
		for (let i = 0; i < n; i++) {
			const key = packed[i];
			let h = (key | 0) ^ Math.imul((key / 4294967296) | 0, 0x9e3779b1);
			h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
			h ^= h >>> 13;
			let slot = h & mask;
			for (;;) {
				const id = slots[slot];
				if (id === -1) {
					if (count >= maxClasses) return null;
					slots[slot] = count;
					keyOf[count] = key;
					firstAtom[count] = i;
					classOfAtom[i] = count;
					size[count] = snapshot.size[i];
					population[count] = snapshot.population[i];
					count++;
					break;
				}
				if (keyOf[id] === key) {
					classOfAtom[i] = id;
					size[id] += snapshot.size[i];
					population[id] += snapshot.population[i];
					break;
				}
				slot = (slot + 1) & mask;
			}
		}
	} else
		for (let i = 0; i < n; i++) {
			let h = 0x811c9dc5 | 0;
			for (let c = 0; c < columns.length; c++) h = Math.imul(h ^ columns[c][i], 0x01000193);
			h ^= h >>> 15;
			h = Math.imul(h, 0x2c1b3c6d);
			let slot = (h ^ (h >>> 12)) & mask;
			for (;;) {
				const id = slots[slot];
				if (id === -1) {
					if (count >= maxClasses) return null;
					slots[slot] = count;
					firstAtom[count] = i;
					classOfAtom[i] = count;
					size[count] = snapshot.size[i];
					population[count] = snapshot.population[i];
					count++;
					break;
				}
				const other = firstAtom[id];
				let same = true;
				for (let c = 0; c < columns.length && same; c++) same = columns[c][i] === columns[c][other];
				if (same) {
					classOfAtom[i] = id;
					size[id] += snapshot.size[i];
					population[id] += snapshot.population[i];
					break;
				}
				slot = (slot + 1) & mask;
			}
		}
	// Counting sort of the atoms by class, so each class's atoms are contiguous.
	const atomStart = new Int32Array(count + 1);
	for (let i = 0; i < n; i++) atomStart[classOfAtom[i] + 1]++;
	for (let c = 0; c < count; c++) atomStart[c + 1] += atomStart[c];
	const cursor = atomStart.slice(0, count);
	const atoms = new Int32Array(n);
	for (let i = 0; i < n; i++) atoms[cursor[classOfAtom[i]]++] = i;
	return {
		levels: snapshot.levels,
		count,
		qi: columns.map((column) => {
			const out = new Int32Array(count);
			for (let c = 0; c < count; c++) out[c] = column[firstAtom[c]];
			return out;
		}),
		size: size.slice(0, count),
		population: population.slice(0, count),
		atomStart,
		atoms,
		snapshot
	};
}

const scratch = new ScratchPool();

/**
 * The QI codes of each atom packed into one exact float (mixed radix of each column's largest code
 * + 1), or null when the product of the radixes exceeds 2^53 (then tuples are compared column-wise).
 */
function packQuasiIdentifiers(columns: readonly Int32Array[], n: number): Float64Array | null {
	const radixes: number[] = [];
	let product = 1;
	for (const column of columns) {
		let max = 0;
		for (let i = 0; i < n; i++) if (column[i] > max) max = column[i];
		radixes.push(max + 1);
		product *= max + 1;
	}
	if (product > 2 ** 53) return null;
	const packed = scratch.float64('packed', n);
	packed.fill(0, 0, n);
	for (let c = 0; c < columns.length; c++) {
		const base = radixes[c];
		const column = columns[c];
		for (let i = 0; i < n; i++) packed[i] = packed[i] * base + column[i];
	}
	return packed;
}

/**
 * Reusable histogram buffers (one per sensitive attribute): the contract's `length` lets the
 * evaluator fill the same arrays for every class instead of allocating per class.
 */
interface HistogramBuffers {
	readonly stamp: Int32Array;
	readonly sums: Int32Array;
	readonly order: Int32Array;
	readonly view: { codes: Int32Array; counts: Int32Array; length: number };
}

function histogramBuffers(cardinality: number): HistogramBuffers {
	return {
		stamp: new Int32Array(cardinality).fill(-1),
		sums: new Int32Array(cardinality),
		order: new Int32Array(cardinality),
		view: { codes: new Int32Array(cardinality), counts: new Int32Array(cardinality), length: 0 }
	};
}

/**
 * Fills the histograms of each sensitive attribute for class c: codes with a positive count, in
 * order of first appearance among the class's rows (atoms are in first-row order).
 */
function fillHistograms(classes: ClassTable, c: number, buffers: readonly HistogramBuffers[]): void {
	const { snapshot, atomStart, atoms } = classes;
	if (!atomStart || !atoms) return;
	const start = atomStart[c];
	const end = atomStart[c + 1];
	for (let s = 0; s < buffers.length; s++) {
		const { stamp, sums, order, view } = buffers[s];
		const column = snapshot.sensitive[s];
		let distinct = 0;
		for (let i = start; i < end; i++) {
			const atom = atoms[i];
			const code = column[atom];
			if (stamp[code] !== c) {
				stamp[code] = c;
				sums[code] = 0;
				order[distinct++] = code;
			}
			sums[code] += snapshot.size[atom];
		}
		let length = 0;
		for (let j = 0; j < distinct; j++) {
			const code = order[j];
			if (sums[code] > 0) {
				view.codes[length] = code;
				view.counts[length] = sums[code];
				length++;
			}
		}
		view.length = length;
	}
}

export interface PrivacyResult {
	readonly anonymous: boolean;
	/** 1 = the class is suppressed. Complete only for anonymous results (early abort otherwise). */
	readonly outlier: Uint8Array;
	/** Suppressed research-sample rows. */
	readonly suppressed: number;
	/**
	 * Whether the minimal class size alone (k of k-anonymity and the like) already needs more
	 * suppression than allowed: then every more specialized transformation fails too.
	 */
	readonly minimalSizeFailed: boolean;
}

export interface PrivacySetup {
	readonly criteria: readonly PrivacyCriterion[];
	/** Largest number of research-sample rows that may be suppressed: ⌊limit × rows⌋ as in ARX. */
	readonly suppressionLimit: number;
	readonly sensitiveCardinalities: readonly number[];
	/** Rows of the research sample (for sample-based criteria). */
	readonly sampleRows: number;
	/** Whether a node's classes are completely generalized (every QI at a single-valued top level). */
	readonly completelyGeneralized?: (levels: Int32Array) => boolean;
	/** Per-class information loss that orders ARX's suppression candidates (Loss only). */
	readonly classLoss?: (classes: ClassTable) => Float64Array;
}

/** ARX's minimal group size: the largest minimal class size the criteria make available (0 if none). */
export function minimalClassSize(criteria: readonly PrivacyCriterion[]): number {
	let k = 0;
	for (const c of criteria) {
		if (c.kind === 'class' && c.minimalClassSizeAvailable) k = Math.max(k, c.minimalClassSize);
	}
	return k;
}

export function checkPrivacy(classes: ClassTable, setup: PrivacySetup): PrivacyResult {
	const classCriteria = setup.criteria.filter((c) => c.kind === 'class');
	const sampleCriteria = setup.criteria.filter((c) => c.kind === 'sample');
	const k = minimalClassSize(setup.criteria);
	const outlier = new Uint8Array(classes.count);
	const { size, population } = classes;
	// ARX first counts the rows of classes below the minimal class size (k-anonymity's k).
	let belowMinimal = 0;
	for (let c = 0; c < classes.count; c++) if (size[c] < k) belowMinimal += size[c];
	const minimalSizeFailed = belowMinimal > setup.suppressionLimit;
	if (minimalSizeFailed) return { anonymous: false, outlier, suppressed: belowMinimal, minimalSizeFailed };

	const needsHistograms = classes.snapshot.sensitive.length > 0;
	const buffers = needsHistograms ? setup.sensitiveCardinalities.map(histogramBuffers) : [];
	const sensitiveViews = buffers.map((b) => b.view);
	// One view object, refilled per class (criteria must not keep it).
	const view = { size: 0, populationSize: 0, sensitive: sensitiveViews as readonly SensitiveHistogram[] };
	let suppressed = 0;
	for (let c = 0; c < classes.count; c++) {
		let fulfilled = size[c] >= k;
		let presenceFailed = false;
		if (fulfilled && classCriteria.length > 0) {
			view.size = size[c];
			view.populationSize = population[c];
			if (needsHistograms) fillHistograms(classes, c, buffers);
			for (const criterion of classCriteria) {
				if (!criterion.isAnonymous(view as EquivalenceClassView)) {
					fulfilled = false;
					presenceFailed = criterion.emptyClassFailureIsFatal === true;
					break;
				}
			}
		}
		if (!fulfilled) {
			// ARX: rows of the population table without a match in the research sample cannot be
			// suppressed, so a δ-presence violation there makes the whole transformation fail.
			if (size[c] === 0) {
				if (presenceFailed) return { anonymous: false, outlier, suppressed, minimalSizeFailed };
				continue;
			}
			outlier[c] = 1;
			suppressed += size[c];
			if (suppressed > setup.suppressionLimit) {
				return { anonymous: false, outlier, suppressed, minimalSizeFailed };
			}
		}
	}
	if (sampleCriteria.length > 0) {
		// ARX enforces sample-based criteria by suppressing further classes (prefixes of the
		// candidates in its order), see criteria/sample-enforcement.ts.
		const completely = setup.completelyGeneralized?.(classes.levels) ?? false;
		const candidates: number[] = [];
		if (!completely) {
			for (let c = 0; c < classes.count; c++) if (!outlier[c] && size[c] > 0) candidates.push(c);
		}
		const before = completely ? 0 : suppressed;
		const sizes = Int32Array.from(candidates, (c) => size[c]);
		// The candidates' order matters only when a criterion has to suppress: try unsorted first.
		let enforced = enforceSampleCriteria(
			sampleCriteria,
			{ candidateSizes: sizes, suppressedRecords: before },
			setup.suppressionLimit
		);
		if (enforced.suppressedRecords !== before || enforced.aborted) {
			const loss = setup.classLoss ? setup.classLoss(classes) : null;
			candidates.sort((a, b) => size[a] - size[b] || (loss ? loss[a] - loss[b] : 0) || a - b);
			enforced = enforceSampleCriteria(
				sampleCriteria,
				{ candidateSizes: Int32Array.from(candidates, (c) => size[c]), suppressedRecords: before },
				setup.suppressionLimit
			);
		}
		if (enforced.aborted || enforced.suppressedRecords > setup.suppressionLimit) {
			return { anonymous: false, outlier, suppressed: enforced.suppressedRecords, minimalSizeFailed };
		}
		candidates.forEach((c, i) => {
			if (enforced.suppressed[i]) {
				outlier[c] = 1;
				suppressed += size[c];
			}
		});
	}
	return { anonymous: true, outlier, suppressed, minimalSizeFailed };
}
