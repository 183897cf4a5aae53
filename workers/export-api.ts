/**
 * The export part of the data worker's API (issue 6): applies the designed project to a loaded table
 * with the engine's applyRows — the function `tokumei apply` streams through — so the browser's file
 * is byte-identical to the CLI's for the same data, project and key. Progress and cancel follow the
 * import/search jobs (job id, AbortController, a progress callback at most every 100 ms); the file's
 * bytes are transferred, not copied. The SQLite format and the processing record are built here too.
 */
import * as Comlink from 'comlink';
import initSqlJs from 'sql.js';
import { collectApply } from '$lib/engine/apply/apply-table';
import {
	applyRows,
	type ApplyInput,
	type ApplyOptions,
	type ApplySummary
} from '$lib/engine/apply/apply-rows';
import { parseProjectConfig, type ProjectConfig } from '$lib/engine/config/project-config';
import { quoteField, restoreNeutralized } from '$lib/engine/export/delimited-writer';
import { buildHierarchyRows } from '$lib/engine/hierarchy/builders';
import { hierarchyFromRows, type Hierarchy } from '$lib/engine/hierarchy/hierarchy';
import { parseOptOutList, type OptOutEntry } from '$lib/engine/optout/opt-out';
import { parseKey } from '$lib/engine/pseudonym/hmac';
import { projectHash, sha256Hex } from '$lib/engine/project/project-file';
import type { PeculiarValueDecision, Preset } from '$lib/engine/report/checklist';
import {
	buildProcessingRecord,
	processingRecordJson,
	type InputFile
} from '$lib/engine/report/processing-record';
import { renderProcessingRecordHtml } from '$lib/engine/report/report-html';
import { parseCsvText } from '$lib/engine/table/csv';
import type { EncodedTable } from '$lib/engine/table/encoded-table';
import { importTable } from '$lib/engine/table/import';
import { EngineError } from '$lib/workbench/errors';
import type { TableSummary } from '$lib/workbench/types';
import { version } from '../package.json';
import { hierarchyRowsOf } from './rule-session';
import { sha256OfBlob } from './file-hash';
import { buildSqliteRelease, tableNameOf } from './sqlite-export';
import type {
	ExportOutcome,
	ExportProgress,
	ExportRequest,
	ExportSummary,
	OptOutCheck
} from './export-types';

export interface ExportDeps {
	/** The loaded table with this id (throws UNKNOWN_TABLE when absent). */
	tableOf(id: string): EncodedTable;
	/** Every loaded table, in the order they were loaded. */
	summaries(): TableSummary[];
	/** The file a table was imported from, while the page lives (gone after a reload). */
	sourceOf?(id: string): Blob | undefined;
	/** sql.js for the SQLite format (default: the worker's sql.js, started with `wasmUrl`). */
	loadSql?(wasmUrl: string | undefined): ReturnType<typeof initSqlJs>;
}

const PROGRESS_INTERVAL_MS = 100;
/** The apply yields to the worker's event loop this often, so cancel and heartbeats get through. */
const SLICE_MS = 50;
const BATCH_ROWS = 4096;

const aborted = () => new EngineError('ABORTED', 'The export was cancelled.');

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
 * The loaded table as an apply input that reports progress, checks for cancel and gives the event
 * loop a turn every SLICE_MS (applyRows reads it twice: census, then output).
 */
function trackedInput(table: EncodedTable, signal: AbortSignal, onRows: (rows: number) => void): ApplyInput {
	const header = table.columns.map((c) => c.name);
	let read = 0;
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
				read += end - start;
				onRows(read);
				yield batch;
			}
		}
	};
}

/** SHA-256 of the loaded table written as UTF-8 CSV (what the record hashes without the file). */
export async function loadedTableSha256(table: EncodedTable): Promise<string> {
	const parts: string[] = [table.columns.map((c) => quoteField(c.name, ',')).join(',') + '\n'];
	for (let row = 0; row < table.rowCount; row++) {
		let line = '';
		for (let c = 0; c < table.columns.length; c++) {
			const column = table.columns[c];
			if (c > 0) line += ',';
			line += quoteField(column.values[column.codes[row]], ',');
		}
		parts.push(line + '\n');
	}
	return sha256Hex(parts.join(''));
}

/** Reads an opt-out list file with the importer (encoding and delimiter detected). */
async function readOptOut(file: Blob): Promise<OptOutEntry[]> {
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

/** The record's preset: 仮名加工 for the pseudonymous preset, the 匿名加工 measures otherwise. */
function recordPreset(project: ProjectConfig): Preset {
	return (project.ui as { preset?: string } | undefined)?.preset === 'pseudonymous'
		? 'pseudonymous'
		: 'anonymous';
}

/** The project's peculiar-value decisions as the record lists them (as `tokumei apply --report` does). */
function recordDecisions(project: ProjectConfig): PeculiarValueDecision[] {
	return (project.decisions ?? []).map(({ attribute, value, action, note }) => ({
		attribute,
		value,
		action,
		note: note ?? ''
	}));
}

const EXTENSIONS: Record<string, string> = { ',': 'csv', '\t': 'tsv' };

export function createExportApi(deps: ExportDeps) {
	const jobs = new Map<string, AbortController>();
	const cancelledEarly = new Set<string>();
	const loadSql = deps.loadSql ?? ((wasmUrl) => initSqlJs(wasmUrl ? { locateFile: () => wasmUrl } : {}));

	/** Hashes of imported files, per table (a file is hashed once, at its first export). */
	const fileHashes = new Map<string, string>();

	async function describeInput(summary: TableSummary, table: EncodedTable, picked?: Blob) {
		// The file imported in this page, or the same file picked again after a reload.
		const original = picked ?? deps.sourceOf?.(summary.id);
		if (original) {
			let sha256 = picked ? undefined : fileHashes.get(summary.id);
			sha256 ??= await sha256OfBlob(original);
			if (!picked) fileHashes.set(summary.id, sha256);
			return { name: summary.name, bytes: original.size, sha256, sha256Of: 'file' } satisfies InputFile;
		}
		return {
			name: summary.name,
			bytes: summary.fileBytes,
			sha256: await loadedTableSha256(table),
			sha256Of: 'loaded-table'
		} satisfies InputFile;
	}

	async function runExport(
		jobId: string,
		request: ExportRequest,
		onProgress?: (p: ExportProgress) => void
	): Promise<ExportOutcome> {
		const controller = new AbortController();
		jobs.set(jobId, controller);
		if (cancelledEarly.delete(jobId)) controller.abort();
		const t0 = performance.now();
		try {
			const table = deps.tableOf(request.tableId);
			const summary = deps.summaries().find((s) => s.id === request.tableId)!;
			if (request.original && request.original.size !== summary.fileBytes) {
				// Refused before the work: the record must describe the file the table came from.
				throw new EngineError(
					'ORIGINAL_MISMATCH',
					`The chosen file has ${request.original.size} bytes; "${summary.name}" had ${summary.fileBytes} when it was imported.`
				);
			}
			const { config, hierarchies } = materializeProject(table, request.project as ProjectConfig);
			const options: ApplyOptions = {};
			if (request.pseudonymKey) options.pseudonymKey = parseKey(request.pseudonymKey);
			if (request.optOut) options.optOut = await readOptOut(request.optOut);
			// The SQLite file is built from the UTF-8 CSV the same apply writes (parsed back below).
			if (request.format === 'sqlite') options.output = { encoding: 'utf-8', delimiter: ',' };
			const total = table.rowCount * 2;
			let lastProgress = 0;
			const input = trackedInput(table, controller.signal, (done) => {
				const now = performance.now();
				if (now - lastProgress < PROGRESS_INTERVAL_MS && done < total) return;
				lastProgress = now;
				onProgress?.({ done, total });
			});
			const applied = await collectApply(applyRows({ config, hierarchies }, input, options));
			if (controller.signal.aborted) throw aborted();

			const inputFile = await describeInput(summary, table, request.original);
			const record = await buildProcessingRecord({
				toolVersion: version,
				createdAt: new Date().toISOString(),
				preset: recordPreset(config),
				config,
				projectHash: await projectHash(config),
				inputs: [inputFile],
				summary: applied.summary,
				hierarchies,
				decisions: recordDecisions(config)
			});
			const recordJson = processingRecordJson(record);
			const stem = summary.name.replace(/\.[^.]*$/, '') || 'export';
			let bytes = applied.bytes;
			let fileName = `${stem}-anonymized.${EXTENSIONS[applied.summary.settings.output.delimiter] ?? 'csv'}`;
			let mimeType =
				applied.summary.settings.output.delimiter === '\t' ? 'text/tab-separated-values' : 'text/csv';
			if (request.format === 'sqlite') {
				bytes = await sqliteOf(applied, config, recordJson, summary.name, request.wasmUrl);
				fileName = `${stem}-anonymized.sqlite`;
				mimeType = 'application/vnd.sqlite3';
			}
			const { settings, ...counts } = applied.summary;
			const outcome: ExportOutcome = {
				bytes,
				fileName,
				mimeType,
				summary: { ...counts, output: settings.output } satisfies ExportSummary,
				record,
				recordJson,
				recordHtml: {
					ja: renderProcessingRecordHtml(record, 'ja'),
					en: renderProcessingRecordHtml(record, 'en')
				},
				elapsedMs: performance.now() - t0
			};
			return Comlink.transfer(outcome, [bytes.buffer as ArrayBuffer]);
		} catch (error) {
			if (controller.signal.aborted) throw aborted();
			throw error;
		} finally {
			jobs.delete(jobId);
		}
	}

	async function sqliteOf(
		applied: { bytes: Uint8Array; summary: ApplySummary },
		config: ProjectConfig,
		recordJson: string,
		fileName: string,
		wasmUrl: string | undefined
	): Promise<Uint8Array> {
		const SQL = await loadSql(wasmUrl);
		const { header, rows } = parseCsvText(new TextDecoder().decode(applied.bytes), ',');
		for (const row of rows) for (let c = 0; c < row.length; c++) row[c] = restoreNeutralized(row[c]);
		const names = header.map(restoreNeutralized);
		const suppressible = new Set(
			Object.entries(config.attributes)
				.filter(([, a]) => a.role === 'quasi-identifying')
				.map(([name]) => name)
		);
		return buildSqliteRelease(SQL, {
			tableName: tableNameOf(fileName),
			header: names,
			rows,
			suppressible,
			marker: applied.summary.settings.output.marker,
			recordJson
		});
	}

	return {
		/**
		 * Applies the project to a loaded table and returns the release file (CSV/TSV in the project's
		 * output encoding, or SQLite) with its processing record. `cancelExport(jobId)` stops it (the
		 * promise then rejects with code ABORTED); progress arrives at most every 100 ms.
		 */
		exportTable(
			jobId: string,
			request: ExportRequest,
			onProgress?: (p: ExportProgress) => void
		): Promise<ExportOutcome> {
			return runExport(jobId, request, onProgress);
		},

		cancelExport(jobId: string): boolean {
			const job = jobs.get(jobId);
			if (job) job.abort();
			else cancelledEarly.add(jobId);
			return job !== undefined;
		},

		/** Reads an opt-out list and answers how many entries it has of each kind (counts only). */
		async checkOptOut(file: Blob): Promise<OptOutCheck> {
			const entries = await readOptOut(file);
			return {
				entries: entries.length,
				byPatientId: entries.filter((e) => e.patientId).length,
				byInsurance: entries.filter((e) => e.insurer && e.number).length,
				byKanaNameBirthSex: entries.filter((e) => e.kanaName && e.birthDate && e.sex).length,
				withNoticeDate: entries.filter((e) => e.noticeDate !== undefined).length
			};
		}
	};
}
