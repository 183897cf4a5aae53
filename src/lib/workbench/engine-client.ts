import * as Comlink from 'comlink';
import type { EngineApi } from '../../../workers/engine-api';
import type {
	ExportOutcome,
	ExportProgress,
	ExportRequest,
	OptOutCheck
} from '../../../workers/export-types';
import { EngineError, installErrorTransfer } from './errors';
import type { EngineState, ImportChoices, ImportOutcome, ImportProgress, Project } from './types';
import type {
	ColumnProposal,
	CompareResult,
	HierarchyPreview,
	LiveFigures,
	PeculiarView,
	SearchOutcome,
	SearchProgressView,
	TourResult
} from './design-types';

/** What the client needs of a Worker (a real one in the browser, a MessageChannel port in tests). */
export interface WorkerLike extends Comlink.Endpoint {
	terminate(): void;
}

export interface EngineClientOptions {
	createWorker(): WorkerLike;
	/** URL of sql.js's wasm, resolved on the page so the service worker caches it (STACK.md gotcha 6). */
	wasmUrl: string;
	/** After a crash the worker is restarted and restored from storage; this receives the restored state. */
	onRestart?(state: EngineState): void;
	/** The worker crashed repeatedly (or could not start again); the engine is unusable. */
	onFatal?(error: EngineError): void;
	/** While calls are pending the worker is pinged this often (ms)… */
	heartbeatMs?: number;
	/** …and declared dead when it has not answered for this long (ms). */
	heartbeatTimeoutMs?: number;
}

const MAX_RESTARTS = 3;
/**
 * A worker killed for running out of memory, or one that closed itself, fires no `error` event; its
 * calls would wait forever. So while calls are pending the client pings it. The worker answers
 * between chunks of long jobs (the importer yields every 50 ms, the SQLite copy between slices),
 * so silence for this long means it is gone.
 */
const HEARTBEAT_MS = 1000;
const HEARTBEAT_TIMEOUT_MS = 30_000;
const RESTART_WINDOW_MS = 30_000;

export interface ImportJob {
	readonly jobId: string;
	readonly done: Promise<ImportOutcome>;
}

/**
 * The page's handle on the data worker. Comlink alone leaves a call pending forever when the worker
 * dies (DESIGN.md "Engine notes"), so every call is tracked here: on a worker `error` event all
 * pending calls reject with code WORKER_CRASHED, a new worker starts, and it restores the project
 * from the browser's storage.
 */
export class EngineClient {
	private worker!: WorkerLike;
	private api!: Comlink.Remote<EngineApi>;
	private ready!: Promise<EngineState>;
	private readonly pending = new Set<(error: EngineError) => void>();
	private restarts: number[] = [];
	private disposed = false;
	private nextJob = 0;
	private heartbeat: ReturnType<typeof setInterval> | null = null;
	private lastAnswer = 0;

	constructor(private readonly options: EngineClientOptions) {
		installErrorTransfer();
	}

	/** Starts the worker and returns the restored state (tables, project). */
	start(): Promise<EngineState> {
		this.spawn();
		return this.ready;
	}

	private spawn(): void {
		const worker = this.options.createWorker();
		const onError = (event: Event) => {
			if (worker !== this.worker) return;
			const detail = (event as ErrorEvent).message;
			this.crashed(detail ? `The data worker stopped: ${detail}` : 'The data worker stopped unexpectedly.');
		};
		worker.addEventListener('error', onError);
		worker.addEventListener('messageerror', onError);
		this.worker = worker;
		this.api = Comlink.wrap<EngineApi>(worker);
		this.lastAnswer = Date.now();
		const api = this.api;
		this.ready = this.track(api.init(this.options.wasmUrl));
		// Callers see the rejection; this keeps an unobserved one from surfacing as an unhandled error.
		this.ready.catch(() => undefined);
	}

	private crashed(message: string): void {
		const error = new EngineError('WORKER_CRASHED', message);
		for (const reject of [...this.pending]) reject(error);
		this.pending.clear();
		this.stopHeartbeat();
		this.worker.terminate();
		if (this.disposed) return;
		const now = Date.now();
		this.restarts = [...this.restarts.filter((t) => now - t < RESTART_WINDOW_MS), now];
		if (this.restarts.length > MAX_RESTARTS) {
			this.ready = Promise.reject(error);
			this.ready.catch(() => undefined);
			this.options.onFatal?.(error);
			return;
		}
		this.spawn();
		this.ready.then(
			(state) => this.options.onRestart?.(state),
			(e: unknown) =>
				this.options.onFatal?.(e instanceof EngineError ? e : new EngineError('WORKER_CRASHED', String(e)))
		);
	}

	private beat(): void {
		if (this.pending.size === 0) {
			this.stopHeartbeat();
			return;
		}
		if (Date.now() - this.lastAnswer > (this.options.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS)) {
			this.crashed('The data worker stopped responding.');
			return;
		}
		const api = this.api;
		api.ping().then(
			() => {
				if (api === this.api) this.lastAnswer = Date.now();
			},
			() => undefined
		);
	}

	private stopHeartbeat(): void {
		if (this.heartbeat !== null) clearInterval(this.heartbeat);
		this.heartbeat = null;
	}

	/** Races a worker call against the worker's death. */
	private track<T>(call: Promise<T>): Promise<T> {
		if (this.heartbeat === null) {
			this.lastAnswer = Date.now();
			this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs ?? HEARTBEAT_MS);
		}
		return new Promise<T>((resolve, reject) => {
			const fail = (error: EngineError) => reject(error);
			this.pending.add(fail);
			call.then(
				(value) => {
					this.pending.delete(fail);
					resolve(value);
				},
				(error: unknown) => {
					this.pending.delete(fail);
					reject(error);
				}
			);
		});
	}

	/** Runs a call once the (possibly restarted) worker is ready. */
	private async call<T>(fn: (api: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> {
		await this.ready;
		return this.track(fn(this.api));
	}

	state(): Promise<EngineState> {
		return this.call((api) => api.state());
	}

	importFile(
		file: Blob,
		name: string,
		choices: ImportChoices,
		onProgress?: (p: ImportProgress) => void
	): ImportJob {
		const jobId = `job-${++this.nextJob}`;
		const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
		const done = this.call((api) => api.importFile(jobId, file, name, choices, progress));
		return { jobId, done };
	}

	async cancel(jobId: string): Promise<boolean> {
		return this.call((api) => api.cancel(jobId));
	}

	rows(tableId: string, start: number, count: number): Promise<string[][]> {
		return this.call((api) => api.rows(tableId, start, count));
	}

	sqlRowCount(tableId: string): Promise<number> {
		return this.call((api) => api.sqlRowCount(tableId));
	}

	removeTable(tableId: string): Promise<EngineState> {
		return this.call((api) => api.removeTable(tableId));
	}

	saveProject(project: Project): Promise<void> {
		return this.call((api) => api.saveProject(project));
	}

	clearAll(): Promise<EngineState> {
		return this.call((api) => api.clearAll());
	}

	proposeRoles(tableId: string): Promise<ColumnProposal[]> {
		return this.call((api) => api.proposeRoles(tableId));
	}

	previewHierarchy(tableId: string, project: Project, attribute: string): Promise<HierarchyPreview> {
		return this.call((api) => api.previewHierarchy(tableId, project, attribute));
	}

	parseHierarchyCsv(attribute: string, text: string): Promise<string[][]> {
		return this.call((api) => api.parseHierarchyCsv(attribute, text));
	}

	liveRisk(tableId: string, project: Project, seq: number): Promise<LiveFigures> {
		return this.call((api) => api.liveRisk(tableId, project, seq));
	}

	/** Starts a search; `cancelSearch(jobId)` stops it (the promise then rejects with code ABORTED). */
	search(
		tableId: string,
		project: Project,
		onProgress?: (p: SearchProgressView) => void
	): { jobId: string; done: Promise<SearchOutcome> } {
		const jobId = `search-${++this.nextJob}`;
		const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
		return { jobId, done: this.call((api) => api.search(jobId, tableId, project, progress)) };
	}

	cancelSearch(jobId: string): Promise<boolean> {
		return this.call((api) => api.cancelSearch(jobId));
	}

	compare(tableId: string, project: Project): Promise<CompareResult> {
		return this.call((api) => api.compare(tableId, project));
	}

	uniqueness(tableId: string, project: Project): Promise<{ attributes: string[]; uniqueShare: number }[]> {
		return this.call((api) => api.uniqueness(tableId, project));
	}

	shareOf(tableId: string, project: Project, row: number): Promise<TourResult> {
		return this.call((api) => api.shareOf(tableId, project, row));
	}

	peculiar(
		tableId: string,
		project: Project,
		proposals: ColumnProposal[],
		threshold?: number
	): Promise<PeculiarView> {
		return this.call((api) => api.peculiar(tableId, project, proposals, threshold));
	}

	projectFile(tableId: string, project: Project, dataPath: string): Promise<Project> {
		return this.call((api) => api.projectFile(tableId, project, dataPath) as Promise<Project>);
	}

	/**
	 * Applies the project to a table and returns the release file with its processing record;
	 * `cancelExport(jobId)` stops it (the promise then rejects with code ABORTED).
	 */
	exportTable(
		request: Omit<ExportRequest, 'wasmUrl'>,
		onProgress?: (p: ExportProgress) => void
	): { jobId: string; done: Promise<ExportOutcome> } {
		const jobId = `export-${++this.nextJob}`;
		const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
		const full: ExportRequest = { ...request, wasmUrl: this.options.wasmUrl };
		return { jobId, done: this.call((api) => api.exportTable(jobId, full, progress)) };
	}

	cancelExport(jobId: string): Promise<boolean> {
		return this.call((api) => api.cancelExport(jobId));
	}

	/** Reads an opt-out list in the worker: counts of its entries only. */
	checkOptOut(file: Blob): Promise<OptOutCheck> {
		return this.call((api) => api.checkOptOut(file));
	}

	dispose(): void {
		this.disposed = true;
		this.crashed('The data engine was shut down.');
	}
}
