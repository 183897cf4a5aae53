import type { Project, TableSummary } from '$lib/workbench/types';
import { collectWrites, type PositionalWrite } from './table-codec';

/**
 * A stored table's bytes: a Blob, or a producer that writes them at given offsets (table-codec's
 * writeTableFile), which lets the OPFS store stream a large table to disk without assembling it in memory.
 */
export type TableData = Blob | ((write: PositionalWrite) => Promise<unknown>);

/** The synchronous OPFS file access of dedicated workers (https://fs.spec.whatwg.org/#api-filesystemsyncaccesshandle). */
interface SyncAccessHandle {
	write(buffer: Uint8Array, options: { at: number }): number;
	truncate(size: number): void;
	flush(): void;
	close(): void;
}
type SyncCapableHandle = FileSystemFileHandle & { createSyncAccessHandle?(): Promise<SyncAccessHandle> };

/**
 * Where the worker keeps imported tables and the project between sessions. The encoded table is
 * stored as one binary file per table (see table-codec.ts); summaries, the project and each table's
 * design as JSON.
 */
export interface TableStore {
	/** False for the in-memory fallback: data does not survive a reload. */
	readonly persistent: boolean;
	listTables(): Promise<TableSummary[]>;
	saveTable(summary: TableSummary, data: TableData): Promise<void>;
	loadTableData(id: string): Promise<ArrayBuffer>;
	deleteTable(id: string): Promise<void>;
	loadProject(): Promise<Project | null>;
	saveProject(project: Project): Promise<void>;
	/** The design (project) each table was last given, so switching tables loses none (null: none yet). */
	loadDesign(tableId: string): Promise<Project | null>;
	saveDesign(tableId: string, project: Project): Promise<void>;
	clear(): Promise<void>;
}

const ROOT = 'tokumei';
const INDEX = 'tables.json';
const PROJECT = 'project.json';
const designFile = (tableId: string) => `${tableId}.design.json`;

/**
 * Origin Private File System: private to this origin, not visible to the user's file system,
 * fast for large binary files, available to workers (https://fs.spec.whatwg.org/#origin-private-file-system).
 */
export class OpfsTableStore implements TableStore {
	readonly persistent = true;
	// Writes to tables.json are serialized so two imports finishing together cannot lose an entry.
	private queue: Promise<unknown> = Promise.resolve();

	private constructor(private readonly root: FileSystemDirectoryHandle) {}

	static async open(): Promise<OpfsTableStore | null> {
		try {
			const opfs = await navigator.storage.getDirectory();
			return new OpfsTableStore(await opfs.getDirectoryHandle(ROOT, { create: true }));
		} catch {
			return null;
		}
	}

	private serial<T>(task: () => Promise<T>): Promise<T> {
		const run = this.queue.then(task, task);
		this.queue = run.catch(() => undefined);
		return run;
	}

	private async readJson<T>(name: string): Promise<T | null> {
		try {
			const file = await (await this.root.getFileHandle(name)).getFile();
			return JSON.parse(await file.text()) as T;
		} catch (error) {
			if (error instanceof DOMException && error.name === 'NotFoundError') return null;
			throw error;
		}
	}

	private async write(name: string, data: TableData | string): Promise<void> {
		const handle: SyncCapableHandle = await this.root.getFileHandle(name, { create: true });
		if (typeof data === 'function' && handle.createSyncAccessHandle) {
			// In a dedicated worker: each piece goes to disk synchronously, straight from the caller's arrays.
			const access = await handle.createSyncAccessHandle();
			try {
				access.truncate(0);
				await data((bytes, at) => {
					if (access.write(bytes, { at }) !== bytes.byteLength)
						throw new Error('the storage write was cut short');
				});
				access.flush();
			} finally {
				access.close();
			}
			return;
		}
		const writable = await handle.createWritable();
		try {
			if (typeof data === 'function') {
				await data((bytes, at) =>
					writable.write({ type: 'write', position: at, data: bytes as Uint8Array<ArrayBuffer> })
				);
			} else await writable.write(data);
			await writable.close();
		} catch (error) {
			await writable.abort().catch(() => undefined);
			throw error;
		}
	}

	async listTables(): Promise<TableSummary[]> {
		return (await this.readJson<TableSummary[]>(INDEX)) ?? [];
	}

	saveTable(summary: TableSummary, data: TableData): Promise<void> {
		return this.serial(async () => {
			// Data first, index last: a crash in between leaves an orphan file, never a dangling entry.
			await this.write(`${summary.id}.bin`, data);
			const index = (await this.listTables()).filter((t) => t.id !== summary.id);
			await this.write(INDEX, JSON.stringify([...index, summary]));
		});
	}

	async loadTableData(id: string): Promise<ArrayBuffer> {
		const file = await (await this.root.getFileHandle(`${id}.bin`)).getFile();
		return file.arrayBuffer();
	}

	deleteTable(id: string): Promise<void> {
		return this.serial(async () => {
			const index = (await this.listTables()).filter((t) => t.id !== id);
			await this.write(INDEX, JSON.stringify(index));
			await this.root.removeEntry(`${id}.bin`).catch(() => undefined);
			await this.root.removeEntry(designFile(id)).catch(() => undefined);
		});
	}

	loadDesign(tableId: string): Promise<Project | null> {
		return this.readJson<Project>(designFile(tableId));
	}

	saveDesign(tableId: string, project: Project): Promise<void> {
		return this.serial(() => this.write(designFile(tableId), JSON.stringify(project)));
	}

	loadProject(): Promise<Project | null> {
		return this.readJson<Project>(PROJECT);
	}

	saveProject(project: Project): Promise<void> {
		return this.serial(() => this.write(PROJECT, JSON.stringify(project)));
	}

	clear(): Promise<void> {
		return this.serial(async () => {
			const names: string[] = [];
			for await (const name of (this.root as unknown as { keys(): AsyncIterable<string> }).keys()) {
				names.push(name);
			}
			for (const name of names) await this.root.removeEntry(name, { recursive: true });
		});
	}
}

/** Used when OPFS is missing (and in unit tests): same contract, nothing survives a reload. */
export class MemoryTableStore implements TableStore {
	readonly persistent: boolean;
	private tables = new Map<string, { summary: TableSummary; data: Blob }>();
	private project: Project | null = null;
	private designs = new Map<string, Project>();

	constructor(options: { persistent?: boolean } = {}) {
		this.persistent = options.persistent ?? false;
	}

	async listTables(): Promise<TableSummary[]> {
		return [...this.tables.values()].map((t) => t.summary);
	}
	async saveTable(summary: TableSummary, data: TableData): Promise<void> {
		this.tables.set(summary.id, { summary, data: data instanceof Blob ? data : await collectWrites(data) });
	}
	async loadTableData(id: string): Promise<ArrayBuffer> {
		const entry = this.tables.get(id);
		if (!entry) throw new Error(`no stored table ${id}`);
		return entry.data.arrayBuffer();
	}
	async deleteTable(id: string): Promise<void> {
		this.tables.delete(id);
		this.designs.delete(id);
	}
	async loadDesign(tableId: string): Promise<Project | null> {
		return this.designs.get(tableId) ?? null;
	}
	async saveDesign(tableId: string, project: Project): Promise<void> {
		this.designs.set(tableId, project);
	}
	async loadProject(): Promise<Project | null> {
		return this.project;
	}
	async saveProject(project: Project): Promise<void> {
		this.project = project;
	}
	async clear(): Promise<void> {
		this.tables.clear();
		this.designs.clear();
		this.project = null;
	}
}
