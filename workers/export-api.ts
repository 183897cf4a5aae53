/**
 * The export part of the data worker's API (issue 6): applies each table's design with the engine's
 * applyRows — the function `tokumei apply` streams through — so a one-table file is byte-identical to
 * the CLI's for the same data, project and key. Several tables form one release (prepareRelease): one
 * surrogate mapper for all, opt-out patients linked across tables and removed from every one, one
 * record. Progress and cancel follow the import/search jobs (job id, AbortController, a progress
 * callback at most every 100 ms); the file's bytes are transferred, not copied.
 */
import * as Comlink from 'comlink';
import initSqlJs from 'sql.js';
import { applySettings } from '$lib/engine/apply/apply-config';
import { collectApply } from '$lib/engine/apply/apply-table';
import { applyRows, type ApplyInput, type ApplySummary } from '$lib/engine/apply/apply-rows';
import { prepareRelease } from '$lib/engine/apply/release';
import type { ProjectConfig } from '$lib/engine/config/project-config';
import type { Hierarchy } from '$lib/engine/hierarchy/hierarchy';
import { restoreNeutralized } from '$lib/engine/export/delimited-writer';
import { parseKey } from '$lib/engine/pseudonym/hmac';
import type { InputFile } from '$lib/engine/report/processing-record';
import { parseCsvText } from '$lib/engine/table/csv';
import type { EncodedTable } from '$lib/engine/table/encoded-table';
import { EngineError } from '$lib/workbench/errors';
import type { TableSummary } from '$lib/workbench/types';
import { stemOf } from '$lib/workbench/file-names';
import { releaseFileNames, zipRelease } from './export-files';
import { aborted, loadedTableSha256, materializeProject, readOptOut, trackedInput } from './export-input';
import { sha256OfBlob } from './file-hash';
import { releasePreset, releaseRecordOf, type RecordedTable } from './export-record';
import { buildSqliteRelease, uniqueTableNames } from './sqlite-export';
import type {
	ExportedTable,
	ExportOutcome,
	ExportProgress,
	ExportRequest,
	ExportSummary,
	OptOutCheck
} from './export-types';

export { loadedTableSha256, materializeProject } from './export-input';

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

const EXTENSIONS: Record<string, string> = { ',': 'csv', '\t': 'tsv' };

/** One table of the release while it is exported. */
interface ReleasePart {
	readonly summary: TableSummary;
	readonly table: EncodedTable;
	readonly config: ProjectConfig;
	readonly hierarchies: Record<string, Hierarchy>;
	readonly input: ApplyInput;
}

/**
 * Runs `work`; when the release has several tables, an error from it says which table's design is at
 * fault (e.g. "labs.csv: transformation: it does not satisfy the privacy models …").
 */
function namingTable<T>(name: string | null, work: () => T): T {
	const named = (error: unknown) => {
		if (name !== null && error instanceof Error && !error.message.startsWith(`${name}: `)) {
			error.message = `${name}: ${error.message}`;
		}
		return error;
	};
	try {
		const result = work();
		return (
			result instanceof Promise ? result.catch((error: unknown) => Promise.reject(named(error))) : result
		) as T;
	} catch (error) {
		throw named(error);
	}
}

export function createExportApi(deps: ExportDeps) {
	const jobs = new Map<string, AbortController>();
	const cancelledEarly = new Set<string>();
	const loadSql = deps.loadSql ?? ((wasmUrl) => initSqlJs(wasmUrl ? { locateFile: () => wasmUrl } : {}));

	/** Hashes of imported files, per table (a file is hashed once, at its first export). */
	const fileHashes = new Map<string, string>();

	async function describeInput(
		summary: TableSummary,
		table: EncodedTable,
		signal: AbortSignal,
		picked?: Blob
	) {
		// The file imported in this page, or the same file picked again after a reload.
		const original = picked ?? deps.sourceOf?.(summary.id);
		if (original) {
			let sha256 = picked ? undefined : fileHashes.get(summary.id);
			sha256 ??= await sha256OfBlob(original, signal);
			if (!picked) fileHashes.set(summary.id, sha256);
			return { name: summary.name, bytes: original.size, sha256, sha256Of: 'file' } satisfies InputFile;
		}
		return {
			name: summary.name,
			bytes: summary.fileBytes,
			sha256: await loadedTableSha256(table, signal),
			sha256Of: 'loaded-table'
		} satisfies InputFile;
	}

	/** The tables of a request with their designs as the saved project files read them. */
	function partsOf(request: ExportRequest, signal: AbortSignal, onRead: (n: number) => void): ReleasePart[] {
		if (request.tables.length === 0) throw new EngineError('BAD_REQUEST', 'No table to export.');
		const ids = request.tables.map((t) => t.tableId);
		if (new Set(ids).size !== ids.length) {
			throw new EngineError('BAD_REQUEST', 'A table is named twice in the release.');
		}
		const summaries = deps.summaries();
		return request.tables.map(({ tableId, project }) => {
			const table = deps.tableOf(tableId);
			const summary = summaries.find((s) => s.id === tableId)!;
			return namingTable(request.tables.length > 1 ? summary.name : null, () => {
				const { config, hierarchies } = materializeProject(table, project as ProjectConfig);
				return { summary, table, config, hierarchies, input: trackedInput(table, signal, onRead) };
			});
		});
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
			let done = 0;
			let total = 0;
			let lastProgress = 0;
			const parts = partsOf(request, controller.signal, (records) => {
				done += records;
				const now = performance.now();
				if (now - lastProgress < PROGRESS_INTERVAL_MS && done < total) return;
				lastProgress = now;
				onProgress?.({ done, total: Math.max(total, done) });
			});
			const first = parts[0];
			releasePreset(parts.map((p) => ({ name: p.summary.name, config: p.config })));
			if (request.original && request.original.size !== first.summary.fileBytes) {
				// Refused before the work: the record must describe the file the table came from.
				throw new EngineError(
					'ORIGINAL_MISMATCH',
					`The chosen file has ${request.original.size} bytes; "${first.summary.name}" had ${first.summary.fileBytes} when it was imported.`
				);
			}
			// The first (open) table's output settings hold for the whole release, as the Export step says —
			// date-shift and notice days included; the SQLite file is built from the UTF-8 CSV the same
			// apply writes (parsed back in sqliteOf).
			const output = { ...applySettings(first.config, first.input.header).output };
			if (request.format === 'sqlite') Object.assign(output, { encoding: 'utf-8', delimiter: ',' });
			const optOut = request.optOut ? await readOptOut(request.optOut) : undefined;
			const rows = parts.reduce((sum, p) => sum + p.table.rowCount, 0);
			// The opt-out linking scan reads the tables with a patient ID column once more.
			total = rows * (optOut ? 3 : 2);
			const release = await prepareRelease(
				parts.map((p) => ({
					name: p.summary.name,
					project: { config: p.config, hierarchies: p.hierarchies },
					input: p.input
				})),
				{
					output,
					...(request.pseudonymKey ? { pseudonymKey: parseKey(request.pseudonymKey) } : {}),
					...(optOut ? { optOut } : {})
				}
			);
			total = done + rows * 2;
			const applied: { bytes: Uint8Array; summary: ApplySummary }[] = [];
			for (let i = 0; i < parts.length; i++) {
				const { config, hierarchies, input } = parts[i];
				const { options } = release.tables[i];
				const name = parts.length > 1 ? parts[i].summary.name : null;
				applied.push(
					await namingTable(name, () => collectApply(applyRows({ config, hierarchies }, input, options)))
				);
				if (controller.signal.aborted) throw aborted();
			}

			const optOutCounts = optOut ? release.optOutCounts() : null;
			const several = parts.length > 1;
			const recorded: RecordedTable[] = [];
			for (let i = 0; i < parts.length; i++) {
				const { summary, table, config, hierarchies } = parts[i];
				const original = i === 0 ? request.original : undefined;
				const input = await describeInput(summary, table, controller.signal, original);
				recorded.push({ name: summary.name, config, hierarchies, input, summary: applied[i].summary });
			}
			const { record, recordJson, recordHtml } = await releaseRecordOf(recorded, {
				optOut: optOutCounts,
				linkedBy: release.linkedBy
			});
			if (controller.signal.aborted) throw aborted();

			const names = parts.map((p) => p.summary.name);
			const delimiter = applied[0].summary.settings.output.delimiter;
			let outputs: string[];
			let bytes: Uint8Array;
			let fileName: string;
			let mimeType: string;
			if (request.format === 'sqlite') {
				outputs = uniqueTableNames(names);
				bytes = await sqliteOf(applied, parts, outputs, recordJson, request.wasmUrl);
				fileName = several ? 'tokumei-release.sqlite' : `${stemOf(names[0])}-anonymized.sqlite`;
				mimeType = 'application/vnd.sqlite3';
			} else {
				outputs = releaseFileNames(names, EXTENSIONS[delimiter] ?? 'csv');
				if (several) {
					bytes = zipRelease(outputs.map((name, i) => ({ fileName: name, bytes: applied[i].bytes })));
					fileName = 'tokumei-release.zip';
					mimeType = 'application/zip';
				} else {
					bytes = applied[0].bytes;
					fileName = outputs[0];
					mimeType = delimiter === '\t' ? 'text/tab-separated-values' : 'text/csv';
				}
			}
			const tables: ExportedTable[] = parts.map((p, i) => {
				const { settings, ...counts } = applied[i].summary;
				const summary: ExportSummary = { ...counts, output: settings.output };
				return { tableId: p.summary.id, name: p.summary.name, output: outputs[i], summary };
			});
			const outcome: ExportOutcome = {
				bytes,
				fileName,
				mimeType,
				tables,
				optOut: several ? optOutCounts : (applied[0].summary.optOut ?? null),
				record,
				recordJson,
				recordHtml,
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

	/** Every table's UTF-8 CSV parsed back into one SQLite file with the record. */
	async function sqliteOf(
		applied: readonly { bytes: Uint8Array; summary: ApplySummary }[],
		parts: readonly ReleasePart[],
		tableNames: readonly string[],
		recordJson: string,
		wasmUrl: string | undefined
	): Promise<Uint8Array> {
		const SQL = await loadSql(wasmUrl);
		const tables = applied.map(({ bytes }, i) => {
			const { header, rows } = parseCsvText(new TextDecoder().decode(bytes), ',');
			for (const row of rows) for (let c = 0; c < row.length; c++) row[c] = restoreNeutralized(row[c]);
			const suppressible = new Set(
				Object.entries(parts[i].config.attributes)
					.filter(([, a]) => a.role === 'quasi-identifying')
					.map(([name]) => name)
			);
			return { tableName: tableNames[i], header: header.map(restoreNeutralized), rows, suppressible };
		});
		return buildSqliteRelease(SQL, {
			tables,
			marker: applied[0].summary.settings.output.marker,
			recordJson
		});
	}

	return {
		/**
		 * Applies each table's design and returns the release (one table's CSV/TSV in the project's
		 * output encoding, a ZIP of several, or one SQLite file of all) with its record. `cancelExport(jobId)` stops it (the
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
