/**
 * Helpers for the tests against ../shared/reference (ARX and sdcMicro figures): locating the
 * shared data, loading a reference input as an encoded table, and comparing with a relative tolerance.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { encodeCsvText } from '../../../../src/lib/engine/table/csv';
import type { EncodedTable } from '../../../../src/lib/engine/table/encoded-table';

export const shared = path.resolve(process.cwd(), '../shared');
export const sdcReference = path.join(shared, 'reference/sdcmicro');
export const hasShared = existsSync(path.join(sdcReference, 'summary.json'));
if (!hasShared) console.warn(`risk reference tests skipped: ${sdcReference} is absent`);

/** sdcMicro's R scripts renamed three adult columns. */
const ADULT_RENAMES: Record<string, string> = {
	'marital-status': 'marital_status',
	'native-country': 'native_country',
	'salary-class': 'salary_class'
};

/** Loads the input named in summary.json ("inputs/<file>") from ../shared/datasets. */
export function loadReferenceInput(input: string): EncodedTable {
	const file = path.basename(input);
	if (file === 'adult.csv') {
		const table = encodeCsvText(readFileSync(path.join(shared, 'datasets/arx/adult/adult.csv'), 'utf8'), ';');
		return {
			rowCount: table.rowCount,
			columns: table.columns.map((c) => ({ ...c, name: ADULT_RENAMES[c.name] ?? c.name }))
		};
	}
	return encodeCsvText(readFileSync(path.join(shared, 'datasets/sdcmicro', file), 'utf8'));
}

export function readCsvColumns(file: string): Record<string, number[]> {
	const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
	const names = header.split(',');
	const columns: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
	for (const line of lines) {
		const cells = line.split(',');
		names.forEach((n, i) => columns[n].push(cells[i] === 'NA' ? NaN : Number(cells[i])));
	}
	return columns;
}

export function expectClose(actual: number, expected: number, tolerance = 1e-9, what = ''): void {
	const scale = Math.max(Math.abs(expected), Math.abs(actual));
	const ok = actual === expected || Math.abs(actual - expected) <= tolerance * (scale < 1e-300 ? 1 : scale);
	if (!ok) expect.fail(`${what}: expected ${expected}, got ${actual} (tolerance ${tolerance} relative)`);
}

export function expectAllClose(
	actual: ArrayLike<number>,
	expected: ArrayLike<number>,
	tolerance = 1e-9,
	what = ''
) {
	expect(actual.length, `${what}: length`).toBe(expected.length);
	for (let i = 0; i < expected.length; i++)
		expectClose(actual[i], expected[i], tolerance, `${what}[${i + 1}]`);
}
