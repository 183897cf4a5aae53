import type { Database, SqlJsStatic } from 'sql.js';
import type { EncodedTable } from '$lib/engine/table/encoded-table';
import { importTable } from '$lib/engine/table/import';
import { EngineError, errorMessage } from '$lib/workbench/errors';
import {
	emptyProject,
	normalizeProject,
	type EngineState,
	type ImportChoices,
	type ImportOutcome,
	type ImportProgress,
	type Project,
	type TableSummary
} from '$lib/workbench/types';
import { decodeTableFile, writeTableFile } from './table-codec';
import { SqlMirror } from './sql-mirror';
import { createDesignApi } from './design-api';
import { createExportApi } from './export-api';
import { rowsOf } from './sql-tables';
import type { TableStore } from './table-store';

export interface EngineDeps {
	/** Loads sql.js; in the browser with the wasm URL the page passes in (STACK.md gotcha 6). */
	loadSql(wasmUrl: string): Promise<SqlJsStatic>;
	/** Opens the private storage (OPFS in the browser, memory in tests). */
	openStore(): Promise<TableStore>;
	newId?(): string;
}

/** The most rows one `rows()` call returns; the grid pages through the table in blocks. */
export const MAX_ROWS_PER_CALL = 5000;
const PROGRESS_INTERVAL_MS = 100;

interface LoadedTable {
	summary: TableSummary;
	table: EncodedTable;
	/** The imported file itself, while this page lives (a disk-backed Blob): the record hashes it. */
	source?: Blob;
}

const sqlNameOf = (id: string) => `t_${id}`;

/**
 * The data worker's API: one sql.js database plus the dictionary-encoded tables, and the private
 * storage they are restored from. The page only ever sees plain summaries and row blocks.
 * Built by a factory so unit tests can drive it through a MessageChannel without a browser.
 */
export function createEngineApi(deps: EngineDeps) {
	const newId = deps.newId ?? (() => crypto.randomUUID().replaceAll('-', ''));
	const tables = new Map<string, LoadedTable>();
	const jobs = new Map<string, AbortController>();
	// A cancel can arrive while the job still waits in the queue; it is honoured when the job starts.
	const cancelledEarly = new Set<string>();
	let started: Promise<{ db: Database; mirror: SqlMirror; store: TableStore; sqliteVersion: string }> | null =
		null;
	let project: Project = emptyProject();
	/** Each loaded table's design, by table id (the active one included): see saveProject. */
	const designs = new Map<string, Project>();
	// One import at a time: each holds an open SQLite transaction.
	let importQueue: Promise<unknown> = Promise.resolve();

	async function start(wasmUrl: string) {
		const SQL = await deps.loadSql(wasmUrl);
		const db = new SQL.Database();
		const sqliteVersion = String(db.exec('select sqlite_version()')[0].values[0][0]);
		const mirror = new SqlMirror(db);
		const store = await deps.openStore();
		for (const summary of await store.listTables()) {
			try {
				const table = decodeTableFile(await store.loadTableData(summary.id));
				tables.set(summary.id, { summary, table });
			} catch (error) {
				// A damaged entry must not block the rest of the project: drop it and go on.
				console.warn(`Tokumei: stored table "${summary.name}" could not be restored:`, errorMessage(error));
				await store.deleteTable(summary.id).catch(() => undefined);
			}
		}
		project = normalizeProject(await store.loadProject());
		for (const id of tables.keys()) {
			const saved = await store.loadDesign(id).catch(() => null);
			if (saved) designs.set(id, normalizeProject(saved));
		}
		// Stored before designs were kept per table: the project is its table's design.
		const activeId = project.ui?.tableId;
		if (activeId && tables.has(activeId) && !designs.has(activeId)) {
			designs.set(activeId, project);
			await store.saveDesign(activeId, project).catch(() => undefined);
		}
		return { db, mirror, store, sqliteVersion };
	}

	function ready() {
		if (!started) throw new EngineError('NOT_STARTED', 'The data engine was used before init().');
		return started;
	}

	function loaded(id: string): LoadedTable {
		const entry = tables.get(id);
		if (!entry) throw new EngineError('UNKNOWN_TABLE', `No table with id ${id} is loaded.`);
		return entry;
	}

	async function state(): Promise<EngineState> {
		const { store, sqliteVersion } = await ready();
		return {
			tables: [...tables.values()].map((t) => t.summary),
			project,
			designs: Object.fromEntries(designs),
			persistent: store.persistent,
			sqliteVersion
		};
	}

	async function runImport(
		jobId: string,
		source: Blob,
		name: string,
		choices: ImportChoices,
		onProgress?: (p: ImportProgress) => void
	): Promise<ImportOutcome> {
		const { store } = await ready();
		const t0 = performance.now();
		const controller = new AbortController();
		jobs.set(jobId, controller);
		if (cancelledEarly.delete(jobId)) controller.abort();
		const id = newId();
		let lastProgress = 0;
		// Wall-clock marks (the page's clock too) of the stage ends, for the benchmark's memory attribution.
		const marks = { start: Date.now(), parsed: 0, profiled: 0, saved: 0 };
		try {
			const result = await importTable(source, {
				encoding: choices.encoding,
				delimiter: choices.delimiter,
				signal: controller.signal,
				onParsed: () => (marks.parsed = Date.now()),
				onProgress: (p) => {
					const now = performance.now();
					if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
					lastProgress = now;
					onProgress?.({ bytesRead: p.bytesRead, totalBytes: p.totalBytes, rows: p.rows });
				}
			});
			const summary: TableSummary = {
				id,
				name,
				rowCount: result.table.rowCount,
				header: result.header,
				profiles: result.profiles,
				encoding: result.encoding,
				delimiter: result.delimiter,
				warnings: result.warnings.map((w) => ({ code: w.code, message: w.message, count: w.count })),
				fileBytes: source.size,
				importedAt: new Date().toISOString()
			};
			tables.set(id, { summary, table: result.table, source });
			marks.profiled = Date.now();
			const t1 = performance.now();
			let persistError: string | undefined;
			try {
				await store.saveTable(summary, (write) => writeTableFile(result.table, write));
			} catch (error) {
				persistError = errorMessage(error);
			}
			const t2 = performance.now();
			marks.saved = Date.now();
			onProgress?.({ bytesRead: source.size, totalBytes: source.size, rows: result.table.rowCount });
			const timings = { importMs: t1 - t0, persistMs: t2 - t1, totalMs: t2 - t0, marks };
			return { table: summary, timings, persistError };
		} catch (error) {
			tables.delete(id);
			throw error;
		} finally {
			jobs.delete(jobId);
		}
	}

	const design = createDesignApi((id) => loaded(id).table);
	const exporter = createExportApi({
		tableOf: (id) => loaded(id).table,
		summaries: () => [...tables.values()].map((t) => t.summary),
		sourceOf: (id) => tables.get(id)?.source
	});

	return {
		...design,
		...exporter,

		/** Starts sql.js and restores the stored tables and project. Safe to call again. */
		async init(wasmUrl: string): Promise<EngineState> {
			started ??= start(wasmUrl);
			return state();
		},

		state,

		/** Answers the page's heartbeat (see EngineClient). */
		ping(): true {
			return true;
		},

		/**
		 * Imports one file as a new table. `jobId` names the job for `cancel()`; progress arrives
		 * through the (comlink-proxied) callback at most every 100 ms.
		 */
		importFile(
			jobId: string,
			source: Blob,
			name: string,
			choices: ImportChoices,
			onProgress?: (p: ImportProgress) => void
		): Promise<ImportOutcome> {
			const run = importQueue.then(() => runImport(jobId, source, name, choices, onProgress));
			importQueue = run.catch(() => undefined);
			return run;
		},

		/** Cancels a running import; the import then rejects with code ABORTED. */
		cancel(jobId: string): boolean {
			const job = jobs.get(jobId);
			if (job) job.abort();
			else cancelledEarly.add(jobId);
			return job !== undefined;
		},

		/** Rows [start, start + count) of a table, as text, straight from the encoded columns. */
		async rows(tableId: string, start: number, count: number): Promise<string[][]> {
			await ready();
			return rowsOf(loaded(tableId).table, start, Math.min(count, MAX_ROWS_PER_CALL));
		},

		/**
		 * Row count of a table as SQLite sees it (a consistency check for tests and diagnostics). The SQLite
		 * copy is made on this first SQL use (see SqlMirror), then kept.
		 */
		async sqlRowCount(tableId: string): Promise<number> {
			const { db, mirror } = await ready();
			await mirror.ensure(sqlNameOf(tableId), loaded(tableId).table);
			await mirror.ready(sqlNameOf(tableId));
			return Number(db.exec(`SELECT count(*) FROM ${sqlNameOf(tableId)}`)[0].values[0][0]);
		},

		async removeTable(tableId: string): Promise<EngineState> {
			const { mirror, store } = await ready();
			loaded(tableId);
			tables.delete(tableId);
			designs.delete(tableId);
			await mirror.drop(sqlNameOf(tableId));
			await store.deleteTable(tableId);
			return state();
		},

		async saveProject(next: Project): Promise<void> {
			const { store } = await ready();
			project = next;
			await store.saveProject(next);
			// The project is the design of the table it names: kept per table, so switching back restores it.
			const tableId = next.ui?.tableId;
			if (tableId && tables.has(tableId)) {
				designs.set(tableId, next);
				await store.saveDesign(tableId, next);
			}
		},

		/** Deletes every table and the project, in memory and in storage. */
		async clearAll(): Promise<EngineState> {
			const { mirror, store } = await ready();
			for (const job of jobs.values()) job.abort();
			const ids = [...tables.keys()];
			tables.clear();
			designs.clear();
			await Promise.all(ids.map((id) => mirror.drop(sqlNameOf(id))));
			project = emptyProject();
			await store.clear();
			return state();
		}
	};
}

export type EngineApi = ReturnType<typeof createEngineApi>;
