/**
 * Editing hierarchy rows in ARX layout (rows[i][0] = value, rows[i][l] = its generalization at level l)
 * as a grid: every operation returns new rows (the old ones stay valid for undo), validation is the
 * engine's own hierarchyFromRows (same messages as the worker's), and export writes ARX's CSV format.
 */
import Papa from 'papaparse';
import { hierarchyFromRows } from '$lib/engine/hierarchy/hierarchy';

export type Rows = readonly (readonly string[])[];

export function editCell(rows: Rows, row: number, column: number, value: string): string[][] {
	return rows.map((r, i) => (i === row ? r.map((cell, c) => (c === column ? value : cell)) : [...r]));
}

/**
 * Inserts a level column at `column` (1 ≤ column < height), a copy of the level below it: an identity
 * step keeps the hierarchy valid, and the person then merges labels in the new column.
 */
export function insertLevel(rows: Rows, column: number): string[][] {
	return rows.map((r) => {
		const at = Math.max(1, Math.min(column, r.length));
		return [...r.slice(0, at), r[at - 1], ...r.slice(at)];
	});
}

/** Removes a level column (not the values in column 0; at least one level stays). */
export function removeLevel(rows: Rows, column: number): string[][] {
	return rows.map((r) => (column >= 1 && r.length > 2 ? r.filter((_, c) => c !== column) : [...r]));
}

/**
 * Adds rows for values the hierarchy lacks (values of the data it does not cover): each keeps itself
 * as its label up to the top level, whose label is shared by every row, so the result stays valid.
 */
export function addValues(rows: Rows, values: readonly string[]): string[][] {
	const height = rows[0]?.length ?? 2;
	const top = rows[0]?.[height - 1] ?? '*';
	const known = new Set(rows.map((r) => r[0]));
	const added = [...new Set(values)]
		.filter((v) => !known.has(v))
		.map((v) => [...Array<string>(height - 1).fill(v), top]);
	return [...rows.map((r) => [...r]), ...added];
}

export function removeRow(rows: Rows, row: number): string[][] {
	return rows.filter((_, i) => i !== row).map((r) => [...r]);
}

/** The engine's verdict on the rows: null when valid, else its message (naming the value). */
export function rowsProblem(attribute: string, rows: Rows): string | null {
	try {
		hierarchyFromRows(attribute, rows as string[][]);
		return null;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

/** ARX's hierarchy file: `;`-separated, no header, quoting only where a cell needs it. */
export function rowsToArxCsv(rows: Rows): string {
	return Papa.unparse(rows as string[][], { delimiter: ';', newline: '\n' }) + '\n';
}

/** Values the preview says are missing from the hierarchy (`MISSING:a, b` from the worker). */
export function missingValues(previewError: string | undefined): string[] {
	if (!previewError?.startsWith('MISSING:')) return [];
	return previewError
		.slice('MISSING:'.length)
		.split(', ')
		.filter((v) => v !== '');
}

/** A bounded undo history of row snapshots (the grid's "undo the last edit"). */
export class RowsHistory {
	private readonly stack: string[][][] = [];
	constructor(private readonly limit = 50) {}

	push(rows: Rows): void {
		this.stack.push(rows.map((r) => [...r]));
		if (this.stack.length > this.limit) this.stack.shift();
	}

	pop(): string[][] | undefined {
		return this.stack.pop();
	}

	get size(): number {
		return this.stack.length;
	}
}
