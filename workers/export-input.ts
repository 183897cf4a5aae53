/**
 * What the export reads (issue 6): a loaded table's project as its saved file reads it, the table as
 * an apply input with progress, cancel and event-loop turns, its content hash when the imported file
 * is gone, and the opt-out list file.
 */
import { parseProjectConfig, type ProjectConfig } from '$lib/engine/config/project-config';
import type { ApplyInput } from '$lib/engine/apply/apply-rows';
import { quoteField } from '$lib/engine/export/delimited-writer';
import { buildHierarchyRows } from '$lib/engine/hierarchy/builders';
import { hierarchyFromRows, type Hierarchy } from '$lib/engine/hierarchy/hierarchy';
import { parseOptOutList, type OptOutEntry } from '$lib/engine/optout/opt-out';
import { sha256 } from '@noble/hashes/sha2.js';
import type { EncodedTable } from '$lib/engine/table/encoded-table';
import { importTable } from '$lib/engine/table/import';
import { EngineError } from '$lib/workbench/errors';
import { hierarchyRowsOf } from './rule-session';

/** The apply yields to the worker's event loop this often, so cancel and heartbeats get through. */
const SLICE_MS = 50;
const BATCH_ROWS = 4096;
const HASH_PIECE_CHARS = 1 << 20;

export const aborted = () => new EngineError('ABORTED', 'The export was cancelled.');

/**
 * The project as its saved file reads (every quasi-identifier's rule as inline rows, as the
 * project-file download writes it) and the hierarchies `tokumei apply` would load from that file.
 */
export function materializeProject(
	table: EncodedTable,
	project: ProjectConfig
): { config: ProjectConfig; hierarchies: Record<string, Hierarchy> } {
	const attributes: ProjectConfig['attributes'] = {};
	const hierarchies: Record<string, Hierarchy> = {};
	for (const [name, a] of Object.entries(project.attributes)) {
		const column = table.columns.find((c) => c.name === name);
		if (!column) {
			throw new EngineError('BAD_CONFIG', `attributes.${name}: no column "${name}" in the loaded table`);
		}
		if (a.role === 'quasi-identifying') {
			// As the project-file download writes it: peculiar-value decisions extend the hierarchy inside
			// the apply (apply/class-census.ts), not here.
			const rows = hierarchyRowsOf(column, a);
			attributes[name] = {
				...a,
				hierarchy: { rows },
				...(a.hierarchy && 'builder' in a.hierarchy ? { rule: a.hierarchy } : {})
			};
			hierarchies[name] = hierarchyFromRows(name, rows);
		} else {
			attributes[name] = a;
			// Only a sensitive attribute's hierarchy is used (hierarchical t-closeness); one kept on a
			// column whose role changed is left alone (building it can be costly: 100,000 postal codes).
			const spec = a.role === 'sensitive' ? a.hierarchy : undefined;
			if (spec && 'rows' in spec) hierarchies[name] = hierarchyFromRows(name, spec.rows as string[][]);
			else if (spec && 'builder' in spec) {
				hierarchies[name] = hierarchyFromRows(name, buildHierarchyRows(column.values, spec));
			}
		}
	}
	// A level left over from a column that is no longer a quasi-identifier (the role step keeps it)
	// means nothing to the apply; parseProjectConfig would refuse the project for it.
	const transformation = Object.fromEntries(
		Object.entries(project.transformation ?? {}).filter(
			([name]) => project.attributes[name]?.role === 'quasi-identifying'
		)
	);
	const config = parseProjectConfig({ ...project, attributes, transformation });
	return { config, hierarchies };
}

/**
 * The loaded table as an apply input that counts what it reads, checks for cancel and gives the event
 * loop a turn every SLICE_MS. It may be read several times (opt-out linking, census, output): `onRead`
 * gets each batch's record count.
 */
export function trackedInput(
	table: EncodedTable,
	signal: AbortSignal,
	onRead: (records: number) => void
): ApplyInput {
	const header = table.columns.map((c) => c.name);
	let sliceStart = performance.now();
	return {
		header,
		async *batches() {
			for (let start = 0; start < table.rowCount; start += BATCH_ROWS) {
				if (performance.now() - sliceStart >= SLICE_MS) {
					await new Promise((resolve) => setTimeout(resolve, 0));
					sliceStart = performance.now();
				}
				if (signal.aborted) throw aborted();
				const end = Math.min(table.rowCount, start + BATCH_ROWS);
				const batch: string[][] = [];
				for (let row = start; row < end; row++) batch.push(table.columns.map((c) => c.values[c.codes[row]]));
				onRead(end - start);
				yield batch;
			}
		}
	};
}

/** SHA-256 of the loaded table written as UTF-8 CSV (what the record hashes without the file). */
export async function loadedTableSha256(table: EncodedTable, signal?: AbortSignal): Promise<string> {
	// Hashed in ~1 MB pieces: one string of a multi-million-row table could pass V8's string limit.
	const hash = sha256.create();
	const encoder = new TextEncoder();
	let piece = table.columns.map((c) => quoteField(c.name, ',')).join(',') + '\n';
	for (let row = 0; row < table.rowCount; row++) {
		for (let c = 0; c < table.columns.length; c++) {
			const column = table.columns[c];
			if (c > 0) piece += ',';
			piece += quoteField(column.values[column.codes[row]], ',');
		}
		piece += '\n';
		if (piece.length >= HASH_PIECE_CHARS) {
			hash.update(encoder.encode(piece));
			piece = '';
			if (signal?.aborted) throw aborted();
			await new Promise((resolve) => setTimeout(resolve, 0));
		}
	}
	hash.update(encoder.encode(piece));
	return Array.from(hash.digest(), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Reads an opt-out list file with the importer (encoding and delimiter detected). */
export async function readOptOut(file: Blob): Promise<OptOutEntry[]> {
	let imported;
	try {
		imported = await importTable(file, { encoding: 'auto', delimiter: 'auto' });
	} catch (error) {
		throw new EngineError('BAD_OPT_OUT', `The opt-out list could not be read: ${(error as Error).message}`);
	}
	const { table, header } = imported;
	const rows: string[][] = [];
	for (let row = 0; row < table.rowCount; row++) rows.push(table.columns.map((c) => c.values[c.codes[row]]));
	return parseOptOutList(header, rows);
}
