/**
 * In-memory entry points over {@link applyRows}: the browser export applies the loaded table, tests
 * compare with the streaming CLI. Both collect exactly the chunks `applyRows` yields.
 */
import { concatBytes } from '../export/delimited-writer';
import type { EncodedTable } from '../table/encoded-table';
import {
	applyRows,
	type ApplyInput,
	type ApplyOptions,
	type ApplyProject,
	type ApplySummary
} from './apply-rows';

/** Runs an apply to the end: the whole output file and the summary. */
export async function collectApply(
	run: AsyncGenerator<Uint8Array, ApplySummary>
): Promise<{ bytes: Uint8Array; summary: ApplySummary }> {
	const chunks: Uint8Array[] = [];
	for (;;) {
		const next = await run.next();
		if (next.done) return { bytes: concatBytes(chunks), summary: next.value };
		chunks.push(next.value);
	}
}

/** Parsed rows as an apply input (batches of `batchSize`). */
export function rowsInput(
	header: readonly string[],
	rows: readonly (readonly string[])[],
	batchSize = 4096
): ApplyInput {
	return {
		header,
		async *batches() {
			for (let i = 0; i < rows.length; i += batchSize) yield rows.slice(i, i + batchSize);
		}
	};
}

/** A dictionary-encoded table (the browser's loaded data) as an apply input, decoded batch by batch. */
export function tableInput(table: EncodedTable, batchSize = 4096): ApplyInput {
	return {
		header: table.columns.map((c) => c.name),
		async *batches() {
			for (let start = 0; start < table.rowCount; start += batchSize) {
				const end = Math.min(table.rowCount, start + batchSize);
				const batch: string[][] = [];
				for (let row = start; row < end; row++) batch.push(table.columns.map((c) => c.values[c.codes[row]]));
				yield batch;
			}
		}
	};
}

/** Applies the project to a table held in memory and returns the output file. */
export function applyTable(
	project: ApplyProject,
	input: ApplyInput,
	options: ApplyOptions = {}
): Promise<{ bytes: Uint8Array; summary: ApplySummary }> {
	return collectApply(applyRows(project, input, options));
}
