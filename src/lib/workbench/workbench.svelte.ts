import type { MessageKey } from '$lib/i18n/messages';
import type { Params } from '$lib/i18n/i18n.svelte';
import type { EngineClient } from './engine-client';
import { Design } from './design.svelte';
import { errorCode, errorMessage } from './errors';
import {
	emptyProject,
	type EngineState,
	type ImportChoices,
	type ImportTimings,
	type Project,
	type TableSummary
} from './types';

export interface Message {
	readonly key: MessageKey;
	readonly params?: Params;
}

/** A status line for the person: translated when shown, so switching language re-renders it. */
export interface Notice extends Message {
	readonly kind: 'info' | 'success' | 'error';
	/** A translated reason filled into the `{message}` placeholder of `key`. */
	readonly reason?: Message;
}

export interface ImportJobState {
	readonly jobId: string;
	readonly name: string;
	readonly bytesRead: number;
	readonly totalBytes: number;
	readonly rows: number;
}

export type SampleVariant = 'utf8' | 'sjis';

export interface WorkbenchOptions {
	/** URL of a sample file on this origin. */
	sampleUrl(variant: SampleVariant): string;
	/** Storage use of this origin; absent where the browser has no StorageManager. */
	estimateStorage?(): Promise<{ usage?: number; quota?: number }>;
}

const DEFAULT_CHOICES: ImportChoices = { encoding: 'auto', delimiter: 'auto' };

function savedChoices(project: Project): ImportChoices {
	const saved = project.settings.import as Partial<ImportChoices> | undefined;
	return { ...DEFAULT_CHOICES, ...saved };
}

const KNOWN_ERRORS = new Set<string>([
	'EMPTY_FILE',
	'BINARY_FILE',
	'NO_DATA_ROWS',
	'ENCODING',
	'ABORTED',
	'TOO_MANY_COLUMNS',
	'FIELD_TOO_LARGE',
	'READ_FAILED',
	'WORKER_CRASHED'
]);

/** Maps a worker error to a translatable reason; unknown errors keep their own text. */
export function reasonOf(error: unknown): Message {
	const code = errorCode(error);
	if (KNOWN_ERRORS.has(code)) return { key: `error.${code}` as MessageKey };
	return { key: 'error.UNKNOWN', params: { message: errorMessage(error) } };
}

/**
 * The workbench's state on the page (Svelte 5 runes). Components read it and call its methods;
 * it is the only thing that talks to the data worker.
 */
export class Workbench {
	status = $state<'starting' | 'ready' | 'failed'>('starting');
	tables = $state.raw<readonly TableSummary[]>([]);
	activeId = $state<string | null>(null);
	/** Selected column index per table id. */
	selectedColumn = $state<Record<string, number>>({});
	job = $state<ImportJobState | null>(null);
	notice = $state<Notice | null>(null);
	persistent = $state(true);
	storage = $state<{ usage: number; quota: number } | null>(null);
	choices = $state.raw<ImportChoices>(DEFAULT_CHOICES);
	/** The project file: the engine's ProjectConfig plus import choices (settings) and UI fields. */
	project = $state.raw<Project>(emptyProject());
	/** Each loaded table's design by table id (the project above is the active table's). */
	designs = $state.raw<Readonly<Record<string, Project>>>({});
	/** Phase timings of the last successful import (shown in seconds; read in full by the benchmark). */
	lastTimings = $state.raw<ImportTimings | null>(null);

	private client: EngineClient | null = null;
	/** The rule-design steps (roles, rules, risk, search, compare). */
	readonly design: Design;

	constructor(private readonly options: WorkbenchOptions) {
		this.design = new Design({
			project: () => this.project,
			setProject: (next) => this.setProject(next),
			designOf: (tableId) => this.designs[tableId],
			client: () => this.engine()
		});
	}

	/** The project changes; it is also the design of the table it names. */
	private setProject(next: Project): void {
		this.project = next;
		const tableId = next.ui?.tableId;
		if (tableId && this.tables.some((t) => t.id === tableId))
			this.designs = { ...this.designs, [tableId]: next };
	}

	private engine(): EngineClient {
		if (!this.client) throw new Error('Workbench used before start()');
		return this.client;
	}

	get active(): TableSummary | undefined {
		return this.tables.find((t) => t.id === this.activeId);
	}

	/** Applies a state from the worker (start, restart, delete). */
	apply(state: EngineState): void {
		this.tables = state.tables;
		this.persistent = state.persistent;
		this.project = state.project;
		this.designs = state.designs ?? {};
		this.choices = savedChoices(state.project);
		if (!this.tables.some((t) => t.id === this.activeId)) {
			// Back where the person left off: the table of the design last worked on, else the newest.
			const designed = state.project.ui?.tableId;
			const table = this.tables.find((t) => t.id === designed) ?? this.tables.at(-1);
			this.activeId = table?.id ?? null;
		}
	}

	/** Connects the engine (in the browser only) and applies the state restored from storage. */
	async start(client: EngineClient): Promise<void> {
		this.client = client;
		try {
			this.apply(await client.start());
			this.status = 'ready';
		} catch (error) {
			this.status = 'failed';
			this.notice = {
				kind: 'error',
				key: 'app.engineFailed',
				params: { message: errorMessage(error) }
			};
		}
		await this.refreshStorage();
	}

	/** Called by the client after it restarted a crashed worker and restored the stored project. */
	restored(state: EngineState): void {
		this.apply(state);
		this.status = 'ready';
		this.notice = { kind: 'info', key: 'app.engineRestarted' };
	}

	fatal(message: string): void {
		this.status = 'failed';
		this.job = null;
		this.notice = { kind: 'error', key: 'app.engineFailed', params: { message } };
	}

	private importChain: Promise<void> = Promise.resolve();

	/** Queues an import; files dropped while another imports are taken in turn, never dropped. */
	importFile(file: Blob, name: string): Promise<void> {
		const run = this.importChain.then(() => this.runImport(file, name));
		this.importChain = run.catch(() => undefined);
		return run;
	}

	private async runImport(file: Blob, name: string): Promise<void> {
		const job = this.engine().importFile(file, name, this.choices, (p) => {
			if (this.job?.jobId === job.jobId) this.job = { ...this.job, ...p };
		});
		this.job = { jobId: job.jobId, name, bytesRead: 0, totalBytes: file.size, rows: 0 };
		this.notice = null;
		try {
			const outcome = await job.done;
			this.tables = [...this.tables, outcome.table];
			this.activeId = outcome.table.id;
			this.lastTimings = outcome.timings;
			this.notice = outcome.persistError
				? {
						kind: 'error',
						key: 'error.STORAGE',
						params: { message: outcome.persistError }
					}
				: {
						kind: 'success',
						key: 'import.done',
						params: {
							name,
							rows: outcome.table.rowCount,
							cols: outcome.table.header.length,
							encoding: outcome.table.encoding,
							seconds: (outcome.timings.totalMs / 1000).toFixed(1)
						}
					};
		} catch (error) {
			this.notice =
				errorCode(error) === 'ABORTED'
					? { kind: 'info', key: 'import.cancelled' }
					: { kind: 'error', key: 'import.failed', params: { name }, reason: reasonOf(error) };
		} finally {
			this.job = null;
			await this.refreshStorage();
		}
	}

	async importSample(variant: SampleVariant): Promise<void> {
		const url = this.options.sampleUrl(variant);
		const name = url.slice(url.lastIndexOf('/') + 1);
		let response: Response;
		try {
			response = await fetch(url);
		} catch (error) {
			this.notice = { kind: 'error', key: 'import.failed', params: { name }, reason: reasonOf(error) };
			return;
		}
		if (!response.ok) {
			this.notice = {
				kind: 'error',
				key: 'import.failed',
				params: { name },
				reason: { key: 'import.sampleMissing', params: { status: response.status } }
			};
			return;
		}
		await this.importFile(await response.blob(), name);
	}

	/** Remembers the encoding/delimiter choice in the project, so it survives a reload. */
	async setChoices(next: ImportChoices): Promise<void> {
		this.choices = next;
		this.project = { ...this.project, settings: { ...this.project.settings, import: next } };
		try {
			await this.engine().saveProject(this.project);
		} catch (error) {
			this.notice = { kind: 'error', key: 'error.STORAGE', params: { message: errorMessage(error) } };
		}
	}

	async cancelImport(): Promise<void> {
		if (!this.job) return;
		// A failed cancel needs no message of its own: the import's own outcome reports what happened.
		await this.engine()
			.cancel(this.job.jobId)
			.catch(() => undefined);
	}

	async closeTable(id: string): Promise<void> {
		await this.guard(async () => {
			// A pending save would otherwise write the project over the worker's answer afterwards.
			await this.design.flush();
			this.apply(await this.engine().removeTable(id));
		});
	}

	async deleteAllLocalData(): Promise<void> {
		const ok = await this.guard(async () => this.apply(await this.engine().clearAll()));
		if (!ok) return;
		this.selectedColumn = {};
		this.notice = { kind: 'info', key: 'storage.deleted' };
	}

	/** Runs a worker call; a failure becomes a notice (never an unhandled rejection). */
	private async guard(task: () => Promise<void>): Promise<boolean> {
		try {
			await task();
			return true;
		} catch (error) {
			this.notice = { kind: 'error', key: 'error.UNKNOWN', params: { message: errorMessage(error) } };
			return false;
		} finally {
			await this.refreshStorage();
		}
	}

	rows(tableId: string, start: number, count: number): Promise<string[][]> {
		return this.engine().rows(tableId, start, count);
	}

	selectColumn(tableId: string, column: number): void {
		this.selectedColumn = { ...this.selectedColumn, [tableId]: column };
	}

	async refreshStorage(): Promise<void> {
		if (!this.options.estimateStorage) return;
		try {
			const { usage, quota } = await this.options.estimateStorage();
			this.storage = usage === undefined || quota === undefined ? null : { usage, quota };
		} catch {
			this.storage = null;
		}
	}
}
