/**
 * Applies a full-domain transformation to every row: generalized QI columns and the equivalence
 * class of each row (groupify over the generalized codes). Used to produce output data and per-row
 * statistics; the searches work on snapshots instead (snapshot.ts).
 */
import { generalizeColumn, type Hierarchy } from '../hierarchy/hierarchy';
import type { EncodedColumn } from '../table/encoded-table';
import { groupify, type Classes } from './groupify';

export interface TransformedColumn {
	readonly name: string;
	/** codes[row] indexes `values` (the hierarchy's values at the chosen level). */
	readonly codes: Int32Array;
	readonly values: readonly string[];
	readonly level: number;
}

export interface TransformedTable {
	readonly columns: readonly TransformedColumn[];
	readonly classes: Classes;
}

export function applyTransformation(
	quasiIdentifiers: readonly { name: string; column: EncodedColumn; hierarchy: Hierarchy }[],
	levels: readonly number[],
	rowCount: number,
	rowFilter?: Uint8Array
): TransformedTable {
	if (levels.length !== quasiIdentifiers.length) {
		throw new RangeError(`expected ${quasiIdentifiers.length} levels, got ${levels.length}`);
	}
	const columns = quasiIdentifiers.map(({ name, column, hierarchy }, q) => {
		const generalized = generalizeColumn(column, hierarchy, levels[q]);
		return { name, codes: generalized.codes, values: generalized.values, level: levels[q] };
	});
	const classes = groupify(
		columns.map((c) => c.codes),
		columns.map((c) => c.values.length),
		rowCount,
		rowFilter
	);
	return { columns, classes };
}

/**
 * Rows to suppress: those of classes smaller than k (ARX's minimal class size), or of classes
 * flagged by `suppressClass`. Returns one flag per row (1 = suppressed).
 */
export function suppressedRows(
	classes: Classes,
	suppressClass: (classId: number, size: number) => boolean
): Uint8Array {
	const flagged = new Uint8Array(classes.count);
	for (let c = 0; c < classes.count; c++) flagged[c] = suppressClass(c, classes.sizes[c]) ? 1 : 0;
	const rows = new Uint8Array(classes.classOfRow.length);
	for (let row = 0; row < rows.length; row++) {
		const c = classes.classOfRow[row];
		rows[row] = c >= 0 ? flagged[c] : 0;
	}
	return rows;
}
