/**
 * Generalization hierarchies (DESIGN.md "Engine notes"): per attribute, each leaf value maps to one
 * generalized value per level. Stored as one Int32Array per level (leaf index → code of the
 * generalized value at that level), so generalizing a column is one array lookup per row.
 *
 * The layout is ARX's: row i lists a leaf value in column 0 and its generalization at level l in
 * column l; all rows have the same number of columns (the height).
 */
import type { EncodedColumn } from '../table/encoded-table';

export interface Hierarchy {
	readonly attribute: string;
	/** Number of levels, including level 0 (the original values). */
	readonly height: number;
	/** levels[l] = distinct values at level l, in order of first appearance; levels[0] are the leaves. */
	readonly levels: readonly (readonly string[])[];
	/** codes[l][leaf] = index into levels[l] of the leaf's generalization at level l. */
	readonly codes: readonly Int32Array[];
	/** Leaf value → leaf index. */
	readonly leafIndex: ReadonlyMap<string, number>;
}

export class HierarchyError extends Error {
	readonly code = 'BAD_HIERARCHY';
	constructor(message: string) {
		super(message);
		this.name = 'HierarchyError';
	}
}

/**
 * Builds and validates a hierarchy from rows in ARX layout. Checks: at least one row, equal height,
 * no duplicate leaf, no empty cell, and levels that coarsen monotonically (a value at level l has
 * exactly one generalization at level l+1), with messages naming the offending value.
 */
export function hierarchyFromRows(attribute: string, rows: string[][]): Hierarchy {
	const clean = rows.filter((row) => !(row.length === 1 && row[0] === ''));
	if (clean.length === 0) throw new HierarchyError(`hierarchy of "${attribute}" is empty`);
	const height = clean[0].length;
	const levels: string[][] = Array.from({ length: height }, () => []);
	const codes = Array.from({ length: height }, () => new Int32Array(clean.length));
	const indexes = Array.from({ length: height }, () => new Map<string, number>());
	for (let leaf = 0; leaf < clean.length; leaf++) {
		const row = clean[leaf];
		if (row.length !== height) {
			throw new HierarchyError(
				`hierarchy of "${attribute}": value "${row[0]}" has ${row.length} levels, expected ${height} ` +
					`(as "${clean[0][0]}")`
			);
		}
		if (indexes[0].has(row[0])) {
			throw new HierarchyError(`hierarchy of "${attribute}": value "${row[0]}" is listed twice`);
		}
		for (let level = 0; level < height; level++) {
			const value = row[level];
			if (value === '' && level > 0) {
				throw new HierarchyError(
					`hierarchy of "${attribute}": value "${row[0]}" has an empty generalization at level ${level}`
				);
			}
			let code = indexes[level].get(value);
			if (code === undefined) {
				code = levels[level].length;
				levels[level].push(value);
				indexes[level].set(value, code);
			}
			codes[level][leaf] = code;
		}
	}
	checkMonotonic(attribute, levels, codes);
	return { attribute, height, levels, codes, leafIndex: indexes[0] };
}

function checkMonotonic(attribute: string, levels: string[][], codes: Int32Array[]): void {
	for (let level = 1; level + 1 < levels.length; level++) {
		const parent = new Int32Array(levels[level].length).fill(-1);
		const from = codes[level];
		const to = codes[level + 1];
		for (let leaf = 0; leaf < from.length; leaf++) {
			const seen = parent[from[leaf]];
			if (seen === -1) parent[from[leaf]] = to[leaf];
			else if (seen !== to[leaf]) {
				throw new HierarchyError(
					`hierarchy of "${attribute}": "${levels[level][from[leaf]]}" at level ${level} generalizes to both ` +
						`"${levels[level + 1][seen]}" and "${levels[level + 1][to[leaf]]}" at level ${level + 1}`
				);
			}
		}
	}
}

/** Values of the column that the hierarchy does not list (in order of first appearance). */
export function missingValues(column: EncodedColumn, hierarchy: Hierarchy): string[] {
	return column.values.filter((value) => !hierarchy.leafIndex.has(value));
}

/** Leaf index of each of the column's distinct values; throws when a value is not in the hierarchy. */
export function leafOfValues(column: EncodedColumn, hierarchy: Hierarchy): Int32Array {
	const leaves = new Int32Array(column.values.length);
	for (let code = 0; code < column.values.length; code++) {
		const leaf = hierarchy.leafIndex.get(column.values[code]);
		if (leaf === undefined) {
			throw new HierarchyError(
				`value "${column.values[code]}" of "${column.name}" is missing from the hierarchy of "${hierarchy.attribute}"`
			);
		}
		leaves[code] = leaf;
	}
	return leaves;
}

/**
 * Generalizes a column to a level: codes index `values` (the distinct values of that level, as listed
 * by the hierarchy; values of the level that no row uses still count in `cardinality`).
 */
export function generalizeColumn(
	column: EncodedColumn,
	hierarchy: Hierarchy,
	level: number
): { codes: Int32Array; cardinality: number; values: readonly string[] } {
	if (!Number.isInteger(level) || level < 0 || level >= hierarchy.height) {
		throw new HierarchyError(
			`level ${level} is outside the hierarchy of "${hierarchy.attribute}" (0..${hierarchy.height - 1})`
		);
	}
	const leaves = leafOfValues(column, hierarchy);
	const levelCodes = hierarchy.codes[level];
	const byValue = new Int32Array(leaves.length);
	for (let code = 0; code < leaves.length; code++) byValue[code] = levelCodes[leaves[code]];
	const source = column.codes;
	const codes = new Int32Array(source.length);
	for (let row = 0; row < source.length; row++) codes[row] = byValue[source[row]];
	const values = hierarchy.levels[level];
	return { codes, cardinality: values.length, values };
}

/**
 * Maps codes of level `from` to codes of level `to` (from ≤ to). Well defined because levels
 * coarsen monotonically; this is what lets classes roll up from a more specialized transformation.
 */
export function levelMap(hierarchy: Hierarchy, from: number, to: number): Int32Array {
	const map = new Int32Array(hierarchy.levels[from].length);
	const a = hierarchy.codes[from];
	const b = hierarchy.codes[to];
	for (let leaf = 0; leaf < a.length; leaf++) map[a[leaf]] = b[leaf];
	return map;
}

/** The hierarchy as rows in ARX layout (inverse of {@link hierarchyFromRows}). */
export function hierarchyRows(hierarchy: Hierarchy): string[][] {
	const leaves = hierarchy.levels[0].length;
	const rows: string[][] = [];
	for (let leaf = 0; leaf < leaves; leaf++) {
		rows.push(hierarchy.levels.map((values, level) => values[hierarchy.codes[level][leaf]]));
	}
	return rows;
}
