/**
 * Roll-up and grouping in one pass for one sensitive attribute: the search's hot path.
 *
 * rollUp (snapshot.ts) merges equal (QI, sensitive) tuples with a hash table, then classesOf
 * hashes the merged atoms again by their QI codes; with a sensitive attribute of many values both
 * tables are nearly as large as the source and each probe misses the cache. Here the source atoms
 * are hashed once by their QI key only; atoms of one class are then merged by sensitive code with a
 * small stamp table indexed by code (it stays in cache). The result is identical to
 * classesOf(rollUp(...)): merged atoms and classes are both numbered in order of their first
 * source atom, as the hash merges number them.
 */
import { levelMap } from '../hierarchy/hierarchy';
import type { ClassTable } from './equivalence-classes';
import type { PreparedData, Snapshot } from './snapshot';
import { ScratchPool } from './scratch-pool';

export interface RolledUpClasses {
	readonly snapshot: Snapshot;
	readonly classes: ClassTable;
}

const scratch = new ScratchPool();

function mapBetween(data: PreparedData, q: number, from: number, to: number): Int32Array {
	let map = data.levelMaps[q][from][to];
	if (!map) {
		map = levelMap(data.quasiIdentifiers[q].hierarchy, from, to);
		data.levelMaps[q][from][to] = map;
	}
	return map;
}

/**
 * The snapshot of `levels` rolled up from `source` (levels ≤ `levels`) and its classes.
 * Returns null when there would be more than `maxClasses` classes, and undefined when this path
 * does not apply (not exactly one sensitive attribute, or QI keys that do not pack into 2^53).
 */
export function rollUpClasses(
	data: PreparedData,
	source: Snapshot,
	levels: ArrayLike<number>,
	maxClasses = Infinity
): RolledUpClasses | null | undefined {
	if (source.sensitive.length !== 1) return undefined;
	const target = Int32Array.from(levels);
	const qiCount = target.length;
	let radix = 1;
	for (let q = 0; q < qiCount; q++)
		radix *= Math.max(1, data.quasiIdentifiers[q].hierarchy.levels[target[q]].length);
	if (radix > 2 ** 53) return undefined;
	const n = source.count;
	let capacity = 16;
	while (capacity < n * 2) capacity *= 2;
	const mask = capacity - 1;
	const maps: (Int32Array | null)[] = [];
	const packed = scratch.float64('packed', n);
	packed.fill(0, 0, n);
	let packedColumns = 0;
	for (let q = 0; q < qiCount; q++) {
		const from = source.levels[q];
		const to = target[q];
		if (from > to) throw new RangeError(`cannot roll up from level ${from} to ${to} (dimension ${q})`);
		const map = from === to ? null : mapBetween(data, q, from, to);
		maps.push(map);
		const base = Math.max(1, data.quasiIdentifiers[q].hierarchy.levels[to].length);
		const column = source.qi[q];
		// A single-valued level adds nothing to the key (every code is 0).
		if (base === 1) continue;
		if (packedColumns++ === 0) {
			if (map) for (let i = 0; i < n; i++) packed[i] = map[column[i]];
			else for (let i = 0; i < n; i++) packed[i] = column[i];
		} else if (map) for (let i = 0; i < n; i++) packed[i] = packed[i] * base + map[column[i]];
		else for (let i = 0; i < n; i++) packed[i] = packed[i] * base + column[i];
	}

	// Classes of the source atoms, numbered in order of first occurrence.
	const slots = scratch.int32('slots', capacity);
	slots.fill(-1, 0, capacity);
	const keyOf = scratch.float64('keys', n);
	const classOf = scratch.int32('classOf', n);
	let classCount = 0;
	for (let i = 0; i < n; i++) {
		const key = packed[i];
		let h = (key | 0) ^ Math.imul((key / 4294967296) | 0, 0x9e3779b1);
		h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
		h ^= h >>> 13;
		let slot = h & mask;
		for (;;) {
			const id = slots[slot];
			if (id === -1) {
				if (classCount >= maxClasses) return null;
				slots[slot] = classCount;
				keyOf[classCount] = key;
				classOf[i] = classCount++;
				break;
			}
			if (keyOf[id] === key) {
				classOf[i] = id;
				break;
			}
			slot = (slot + 1) & mask;
		}
	}

	// Source atoms grouped by class (stable), then merged by sensitive code within each class:
	// rep[i] = the first source atom of i's (class, code) tuple.
	const start = scratch.int32('firstOfClass', n + 1);
	start.fill(0, 0, classCount + 1);
	for (let i = 0; i < n; i++) start[classOf[i] + 1]++;
	for (let c = 0; c < classCount; c++) start[c + 1] += start[c];
	const order = scratch.int32('order', n);
	const cursor = scratch.int32('merged', n); // borrowed as a cursor before it holds merged ids
	cursor.set(start.subarray(0, classCount));
	for (let i = 0; i < n; i++) order[cursor[classOf[i]]++] = i;
	const codes = source.sensitive[0];
	const cardinality = data.sensitiveCardinalities[0];
	const stamp = new Int32Array(cardinality).fill(-1);
	const firstWithCode = new Int32Array(cardinality);
	const rep = scratch.int32('rep', n);
	for (let c = 0; c < classCount; c++) {
		for (let j = start[c]; j < start[c + 1]; j++) {
			const i = order[j];
			const code = codes[i];
			if (stamp[code] !== c) {
				stamp[code] = c;
				firstWithCode[code] = i;
			}
			rep[i] = firstWithCode[code];
		}
	}

	// Merged atoms numbered in order of their first source atom.
	const merged = scratch.int32('merged', n);
	const firstSource = scratch.int32('firstSource', n);
	const size = scratch.int32('size', n);
	const population = scratch.int32('population', n);
	let count = 0;
	for (let i = 0; i < n; i++) {
		const r = rep[i];
		if (r === i) {
			merged[i] = count;
			firstSource[count] = i;
			size[count] = source.size[i];
			population[count] = source.population[i];
			count++;
		} else {
			const m = merged[r];
			merged[i] = m;
			size[m] += source.size[i];
			population[m] += source.population[i];
		}
	}
	const pick = (column: Int32Array, map: Int32Array | null) => {
		const out = new Int32Array(count);
		if (map) for (let a = 0; a < count; a++) out[a] = map[column[firstSource[a]]];
		else for (let a = 0; a < count; a++) out[a] = column[firstSource[a]];
		return out;
	};
	const snapshot: Snapshot = {
		levels: target,
		count,
		qi: source.qi.map((column, q) => pick(column, maps[q])),
		sensitive: [pick(codes, null)],
		size: size.slice(0, count),
		population: population.slice(0, count)
	};

	// Classes: per-class totals, QI codes from the first atom, atoms of each class in ascending order.
	const classSize = new Int32Array(classCount);
	const classPopulation = new Int32Array(classCount);
	const firstAtomOfClass = new Int32Array(classCount).fill(-1);
	const atomStart = new Int32Array(classCount + 1);
	const atomClass = new Int32Array(count);
	for (let a = 0; a < count; a++) {
		const c = classOf[firstSource[a]];
		atomClass[a] = c;
		classSize[c] += snapshot.size[a];
		classPopulation[c] += snapshot.population[a];
		if (firstAtomOfClass[c] === -1) firstAtomOfClass[c] = a;
		atomStart[c + 1]++;
	}
	for (let c = 0; c < classCount; c++) atomStart[c + 1] += atomStart[c];
	const atomCursor = atomStart.slice(0, classCount);
	const atoms = new Int32Array(count);
	for (let a = 0; a < count; a++) atoms[atomCursor[atomClass[a]]++] = a;
	const classes: ClassTable = {
		levels: target,
		count: classCount,
		qi: snapshot.qi.map((column) => {
			const out = new Int32Array(classCount);
			for (let c = 0; c < classCount; c++) out[c] = column[firstAtomOfClass[c]];
			return out;
		}),
		size: classSize,
		population: classPopulation,
		atomStart,
		atoms,
		snapshot
	};
	return { snapshot, classes };
}
