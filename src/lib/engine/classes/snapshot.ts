/**
 * Applying a full-domain transformation and rolling classes up (DESIGN.md "Engine notes").
 *
 * The rows are first collapsed into "atoms": distinct tuples of (QI leaf codes, sensitive codes),
 * each with the number of research-sample rows (`size`) and of all rows (`population`) it holds.
 * A snapshot is the atom list of one transformation. Because hierarchy levels coarsen monotonically,
 * the snapshot of a transformation T can be computed from the snapshot of any S ≤ T by mapping the
 * codes level-to-level and merging equal tuples: the cost is the number of atoms of S, not the
 * number of rows (ARX does the same with its snapshots, Kohlmayer et al. 2012, §5).
 */
import { levelMap, leafOfValues, type Hierarchy } from '../hierarchy/hierarchy';
import type { EncodedColumn } from '../table/encoded-table';
import { ScratchPool } from './scratch-pool';

export interface PreparedQuasiIdentifier {
	readonly name: string;
	readonly hierarchy: Hierarchy;
}

export interface Snapshot {
	/** Generalization level of each QI. */
	readonly levels: Int32Array;
	/** Number of atoms. */
	readonly count: number;
	/** qi[q][atom] = code of QI q at levels[q] (index into hierarchy.levels[levels[q]]). */
	readonly qi: readonly Int32Array[];
	/** sensitive[s][atom] = code of sensitive attribute s. */
	readonly sensitive: readonly Int32Array[];
	/** Research-sample rows in the atom (all rows without a subset). */
	readonly size: Int32Array;
	/** All rows in the atom. */
	readonly population: Int32Array;
}

export interface PreparedData {
	readonly quasiIdentifiers: readonly PreparedQuasiIdentifier[];
	/** Rows of the table (the population table when a subset is given). */
	readonly rowCount: number;
	/** Rows of the research sample (= rowCount without a subset). */
	readonly sampleRows: number;
	readonly sensitiveCardinalities: readonly number[];
	/** The snapshot of the bottom node (every QI at level 0). */
	readonly bottom: Snapshot;
	/** levelMaps[q][from][to], built on demand. */
	readonly levelMaps: (Int32Array | undefined)[][][];
}

/**
 * Collapses rows into atoms.
 * @param subset optional research subset (1 = row in the sample)
 */
export function prepareData(
	quasiIdentifiers: readonly { name: string; column: EncodedColumn; hierarchy: Hierarchy }[],
	sensitiveColumns: readonly EncodedColumn[],
	rowCount: number,
	subset?: Uint8Array
): PreparedData {
	const rowKeys: Int32Array[] = quasiIdentifiers.map(({ column, hierarchy }) => {
		const leaves = leafOfValues(column, hierarchy);
		const codes = new Int32Array(rowCount);
		for (let row = 0; row < rowCount; row++) codes[row] = leaves[column.codes[row]];
		return codes;
	});
	const sensitiveKeys = sensitiveColumns.map((c) => c.codes);
	const size = new Int32Array(rowCount);
	let sampleRows = 0;
	for (let row = 0; row < rowCount; row++) {
		const inSample = subset ? subset[row] : 1;
		size[row] = inSample;
		sampleRows += inSample;
	}
	const rowsAsSnapshot: Snapshot = {
		levels: new Int32Array(quasiIdentifiers.length),
		count: rowCount,
		qi: rowKeys,
		sensitive: sensitiveKeys,
		size,
		population: new Int32Array(rowCount).fill(1)
	};
	const bottom = mergeAll(
		rowsAsSnapshot,
		rowKeys.map(() => null),
		rowsAsSnapshot.levels,
		[
			...quasiIdentifiers.map((q) => q.hierarchy.levels[0].length),
			...sensitiveColumns.map((c) => c.values.length)
		]
	);
	return {
		quasiIdentifiers: quasiIdentifiers.map(({ name, hierarchy }) => ({ name, hierarchy })),
		rowCount,
		sampleRows,
		sensitiveCardinalities: sensitiveColumns.map((c) => c.values.length),
		bottom,
		levelMaps: quasiIdentifiers.map(({ hierarchy }) =>
			Array.from({ length: hierarchy.height }, () => new Array(hierarchy.height).fill(undefined))
		)
	};
}

function mapBetween(data: PreparedData, q: number, from: number, to: number): Int32Array {
	let map = data.levelMaps[q][from][to];
	if (!map) {
		map = levelMap(data.quasiIdentifiers[q].hierarchy, from, to);
		data.levelMaps[q][from][to] = map;
	}
	return map;
}

/**
 * Computes the snapshot of `levels` from `source`, whose levels must all be ≤ `levels`.
 * With `maxAtoms`, gives up (returns null) as soon as the result would have more atoms.
 */
export function rollUp(data: PreparedData, source: Snapshot, levels: ArrayLike<number>): Snapshot;
export function rollUp(
	data: PreparedData,
	source: Snapshot,
	levels: ArrayLike<number>,
	maxAtoms: number
): Snapshot | null;
export function rollUp(
	data: PreparedData,
	source: Snapshot,
	levels: ArrayLike<number>,
	maxAtoms = Infinity
): Snapshot | null {
	const target = Int32Array.from(levels);
	const maps: (Int32Array | null)[] = [];
	for (let q = 0; q < target.length; q++) {
		const from = source.levels[q];
		const to = target[q];
		if (from > to) throw new RangeError(`cannot roll up from level ${from} to ${to} (dimension ${q})`);
		maps.push(from === to ? null : mapBetween(data, q, from, to));
	}
	const cardinalities = [
		...data.quasiIdentifiers.map((q, i) => q.hierarchy.levels[target[i]].length),
		...data.sensitiveCardinalities
	];
	return merge(source, maps, target, cardinalities, maxAtoms);
}

function mergeAll(
	source: Snapshot,
	maps: readonly (Int32Array | null)[],
	levels: Int32Array,
	cardinalities: readonly number[]
): Snapshot {
	return merge(source, maps, levels, cardinalities) as Snapshot;
}

const scratch = new ScratchPool();

/**
 * Merges the source's atoms whose (mapped QI codes, sensitive codes) tuples are equal; `maps[q]`
 * maps QI q's codes to the target level (null: unchanged). Open addressing; atoms keep the order of
 * their first occurrence. When the product of the cardinalities fits in 2^53 the tuple is packed
 * into one exact float key (one comparison per probe); otherwise tuples are compared column-wise.
 */
function merge(
	source: Snapshot,
	maps: readonly (Int32Array | null)[],
	levels: Int32Array,
	cardinalities: readonly number[],
	maxAtoms = Infinity
): Snapshot | null {
	const n = source.count;
	const qiCount = source.qi.length;
	let capacity = 16;
	while (capacity < n * 2) capacity *= 2;
	const mask = capacity - 1;
	const slots = scratch.int32('slots', capacity);
	slots.fill(-1, 0, capacity);
	const firstOf = scratch.int32('first', n); // merged atom → source atom holding its key
	const size = scratch.int32('size', n);
	const population = scratch.int32('population', n);
	const sourceSize = source.size;
	const sourcePopulation = source.population;
	let count = 0;
	let radix = 1;
	for (const c of cardinalities) radix *= Math.max(1, c);
	if (radix <= 2 ** 53) {
		const packed = scratch.float64('packed', n);
		packed.fill(0, 0, n);
		for (let c = 0; c < qiCount + source.sensitive.length; c++) {
			const base = Math.max(1, cardinalities[c]);
			const column = c < qiCount ? source.qi[c] : source.sensitive[c - qiCount];
			const map = c < qiCount ? maps[c] : null;
			if (map) for (let i = 0; i < n; i++) packed[i] = packed[i] * base + map[column[i]];
			else for (let i = 0; i < n; i++) packed[i] = packed[i] * base + column[i];
		}
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
					if (count >= maxAtoms) return null;
					slots[slot] = count;
					keyOf[count] = key;
					firstOf[count] = i;
					size[count] = sourceSize[i];
					population[count] = sourcePopulation[i];
					count++;
					break;
				}
				if (keyOf[id] === key) {
					size[id] += sourceSize[i];
					population[id] += sourcePopulation[i];
					break;
				}
				slot = (slot + 1) & mask;
			}
		}
	} else {
		const columns = [
			...source.qi.map((column, q) => {
				const map = maps[q];
				return map ? Int32Array.from(column.subarray(0, n), (code) => map[code]) : column;
			}),
			...source.sensitive
		];
		const width = columns.length;
		for (let i = 0; i < n; i++) {
			let h = 0x811c9dc5 | 0;
			for (let c = 0; c < width; c++) h = Math.imul(h ^ columns[c][i], 0x01000193);
			h ^= h >>> 15;
			h = Math.imul(h, 0x2c1b3c6d);
			let slot = (h ^ (h >>> 12)) & mask;
			for (;;) {
				const id = slots[slot];
				if (id === -1) {
					if (count >= maxAtoms) return null;
					slots[slot] = count;
					firstOf[count] = i;
					size[count] = sourceSize[i];
					population[count] = sourcePopulation[i];
					count++;
					break;
				}
				const other = firstOf[id];
				let same = true;
				for (let c = 0; c < width; c++) {
					if (columns[c][i] !== columns[c][other]) {
						same = false;
						break;
					}
				}
				if (same) {
					size[id] += sourceSize[i];
					population[id] += sourcePopulation[i];
					break;
				}
				slot = (slot + 1) & mask;
			}
		}
	}
	const pick = (column: Int32Array, map: Int32Array | null) => {
		const out = new Int32Array(count);
		if (map) for (let a = 0; a < count; a++) out[a] = map[column[firstOf[a]]];
		else for (let a = 0; a < count; a++) out[a] = column[firstOf[a]];
		return out;
	};
	return {
		levels,
		count,
		qi: source.qi.map((column, q) => pick(column, maps[q])),
		sensitive: source.sensitive.map((column) => pick(column, null)),
		size: size.slice(0, count),
		population: population.slice(0, count)
	};
}
