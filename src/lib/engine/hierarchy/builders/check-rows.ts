/**
 * Output check shared by every builder: whatever a builder computes, what it hands to the engine must
 * be a valid ARX-layout hierarchy for exactly the values it was given. Checked here rather than trusted:
 * every value covered once, equal height, no empty label above level 0, levels that coarsen monotonically
 * (a label at level l has one generalization at level l+1) and a single root at the top level.
 */
import { fail } from './spec-fields';

export function checkBuiltRows(builder: string, values: readonly string[], rows: readonly string[][]): void {
	if (rows.length !== values.length) {
		fail(`builder "${builder}" produced ${rows.length} rows for ${values.length} distinct values`);
	}
	if (rows.length === 0) return;
	const height = rows[0].length;
	if (height < 2) fail(`builder "${builder}" produced a hierarchy without any generalization level`);
	const seen = new Set<string>();
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i];
		if (row[0] !== values[i]) {
			fail(
				`builder "${builder}": row ${i} starts with ${JSON.stringify(row[0])}, expected ${JSON.stringify(values[i])}`
			);
		}
		if (seen.has(row[0])) fail(`builder "${builder}": value ${JSON.stringify(row[0])} appears twice`);
		seen.add(row[0]);
		if (row.length !== height) {
			fail(
				`builder "${builder}": value ${JSON.stringify(row[0])} has ${row.length} levels, expected ${height}`
			);
		}
		for (let level = 1; level < height; level++) {
			if (typeof row[level] !== 'string' || row[level] === '') {
				fail(`builder "${builder}": value ${JSON.stringify(row[0])} has an empty label at level ${level}`);
			}
		}
	}
	for (let level = 1; level + 1 < height; level++) {
		const parent = new Map<string, string>();
		for (const row of rows) {
			const known = parent.get(row[level]);
			if (known === undefined) parent.set(row[level], row[level + 1]);
			else if (known !== row[level + 1]) {
				fail(
					`builder "${builder}": ${JSON.stringify(row[level])} at level ${level} generalizes to both ` +
						`${JSON.stringify(known)} and ${JSON.stringify(row[level + 1])} at level ${level + 1} ` +
						`(value ${JSON.stringify(row[0])})`
				);
			}
		}
	}
	const root = rows[0][height - 1];
	for (const row of rows) {
		if (row[height - 1] !== root) {
			fail(
				`builder "${builder}": top level has both ${JSON.stringify(root)} and ${JSON.stringify(row[height - 1])} ` +
					`(value ${JSON.stringify(row[0])})`
			);
		}
	}
}

/** Distinct values in order of first appearance (builders accept repeated values and de-duplicate). */
export function distinct(values: readonly string[]): string[] {
	return [...new Set(values)];
}
