import type { Database } from 'sql.js';
import type { EncodedTable } from '$lib/engine/table/encoded-table';
import { dropTable, EncodedSqlTableWriter } from './sql-tables';

/** Rows copied between two yields to the event loop. */
const SLICE_ROWS = 25_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Keeps SQLite's copy of tables. The grid, profiles and the engine read the dictionary-encoded columns, which
 * are ready as soon as the import ends; SQL is needed only by what asks for it. So a copy is made on first SQL
 * use ({@link SqlMirror.ensure}), not at import: for 1,000,000 × 10 it takes seconds (STACK.md: 2.2 s in a
 * Chromium worker) and ~40 MB of sql.js's wasm heap, which never shrinks (measured in the import benchmark:
 * the eager copy raised the tab's peak by up to 60 MB after the table was shown). The copy runs in slices that
 * yield to the event loop, so row requests and cancels are served in between. Copies run one at a time, each
 * in one transaction. The copy is stored dictionary-encoded (EncodedSqlTableWriter) behind a view with the
 * text columns c0…cN.
 */
export class SqlMirror {
	private queue: Promise<unknown> = Promise.resolve();
	private readonly cancelled = new Set<string>();
	private readonly pending = new Map<string, Promise<void>>();
	private readonly failures = new Map<string, unknown>();
	/** Names copied, being copied or queued (until dropped). */
	private readonly requested = new Set<string>();

	constructor(private readonly db: Database) {}

	private enqueue<T>(task: () => Promise<T> | T): Promise<T> {
		const run = this.queue.then(task);
		this.queue = run.catch(() => undefined);
		return run;
	}

	/**
	 * Queues the copy of `table` into `sqlName`. Never rejects: a failed copy is logged, the table stays
	 * usable from its encoded columns, and `ready(sqlName)` reports the failure.
	 */
	add(sqlName: string, table: EncodedTable): Promise<void> {
		this.requested.add(sqlName);
		const done = this.enqueue(async () => {
			if (this.cancelled.has(sqlName)) return;
			const writer = new EncodedSqlTableWriter(this.db, sqlName, table);
			try {
				writer.begin();
				for (let start = 0; start < table.rowCount; start += SLICE_ROWS) {
					if (this.cancelled.has(sqlName)) {
						writer.rollback();
						return;
					}
					writer.insert(start, Math.min(table.rowCount, start + SLICE_ROWS));
					await yieldToEventLoop();
				}
				writer.commit();
			} catch (error) {
				writer.rollback();
				this.failures.set(sqlName, error);
				throw error;
			}
		});
		const settled = done.catch((error: unknown) => {
			console.warn(`Tokumei: the SQLite copy of a table failed:`, error);
		});
		this.pending.set(sqlName, settled);
		void settled.then(() => this.pending.delete(sqlName));
		return settled;
	}

	/**
	 * Queues the copy of `table` into `sqlName` unless it was already queued or made; resolves when it is
	 * complete (or failed: see `ready`). The way to reach a table from SQL.
	 */
	ensure(sqlName: string, table: EncodedTable): Promise<void> {
		if (!this.requested.has(sqlName)) return this.add(sqlName, table);
		return this.pending.get(sqlName) ?? Promise.resolve();
	}

	/** Stops a queued or running copy and drops the table; resolves once it is gone. */
	drop(sqlName: string): Promise<void> {
		this.requested.delete(sqlName);
		this.cancelled.add(sqlName);
		return this.enqueue(() => {
			this.cancelled.delete(sqlName);
			this.failures.delete(sqlName);
			dropTable(this.db, sqlName);
		});
	}

	/** Resolves when the copy of `sqlName` is complete; rejects if it failed. */
	async ready(sqlName: string): Promise<void> {
		await this.pending.get(sqlName);
		const failure = this.failures.get(sqlName);
		if (failure) throw failure;
	}

	/** Resolves when every queued copy has finished. */
	idle(): Promise<void> {
		return this.enqueue(() => undefined);
	}
}
