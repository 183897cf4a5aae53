import type { Database, Statement } from 'sql.js';
import type { EncodedTable } from '$lib/engine/table/encoded-table';

/**
 * Writes one imported table into SQLite. Columns are named c0…cN (the header may hold duplicates,
 * empty names or hostile text; the display names live in the table summary). The whole import is
 * one transaction (SQLite's own advice for bulk inserts: https://www.sqlite.org/faq.html#q19), so a
 * failed or cancelled import rolls back without touching the tables already loaded.
 */
export class SqlTableWriter {
	private statement: Statement | null = null;
	private batch: (string | null)[] = [];
	private readonly rowsPerStatement: number;
	private inTransaction = false;

	constructor(
		private readonly db: Database,
		readonly sqlName: string,
		private readonly columnCount: number
	) {
		// Several rows per INSERT cut the per-call cost of the wasm boundary; stay under SQLite's
		// default limit of 32766 bound parameters.
		this.rowsPerStatement = Math.max(1, Math.min(256, Math.floor(32_000 / Math.max(1, columnCount))));
	}

	begin(): void {
		const columns = Array.from({ length: this.columnCount }, (_, i) => `c${i} TEXT`).join(', ');
		this.db.exec('BEGIN');
		this.inTransaction = true;
		this.db.exec(`CREATE TABLE ${this.sqlName} (${columns})`);
		this.statement = this.db.prepare(this.insertSql(this.rowsPerStatement));
	}

	private insertSql(rows: number): string {
		const tuple = `(${Array.from({ length: this.columnCount }, () => '?').join(',')})`;
		return `INSERT INTO ${this.sqlName} VALUES ${Array.from({ length: rows }, () => tuple).join(',')}`;
	}

	/** Appends rows; missing trailing cells become '' and extra cells are ignored, as in the encoded table. */
	insert(rows: readonly (readonly string[])[]): void {
		if (!this.statement) throw new Error('SqlTableWriter.insert() before begin()');
		const n = this.columnCount;
		for (const row of rows) {
			for (let c = 0; c < n; c++) this.batch.push(row[c] ?? '');
			if (this.batch.length === n * this.rowsPerStatement) {
				this.statement.run(this.batch);
				this.batch = [];
			}
		}
	}

	/** Appends rows [start, end) of an encoded table, reading cells straight from its dictionaries. */
	insertEncoded(table: EncodedTable, start: number, end: number): void {
		if (!this.statement) throw new Error('SqlTableWriter.insertEncoded() before begin()');
		const n = this.columnCount;
		const columns = table.columns;
		const full = n * this.rowsPerStatement;
		let batch = this.batch;
		for (let r = start; r < end; r++) {
			for (let c = 0; c < n; c++) {
				const column = columns[c];
				batch.push(column ? column.values[column.codes[r]] : '');
			}
			if (batch.length === full) {
				this.statement.run(batch);
				batch = this.batch = [];
			}
		}
	}

	commit(): void {
		if (!this.statement) throw new Error('SqlTableWriter.commit() before begin()');
		const rest = this.batch.length / this.columnCount;
		if (rest > 0) {
			const tail = this.db.prepare(this.insertSql(rest));
			tail.run(this.batch);
			tail.free();
		}
		this.batch = [];
		this.statement.free();
		this.statement = null;
		this.db.exec('COMMIT');
		this.inTransaction = false;
	}

	/** Undoes everything since begin(); safe to call in any state. */
	rollback(): void {
		this.statement?.free();
		this.statement = null;
		this.batch = [];
		if (this.inTransaction) this.db.exec('ROLLBACK');
		this.inTransaction = false;
	}
}

/** Rows [start, start + count) as strings, read from the encoded columns (no SQL needed). */
export function rowsOf(table: EncodedTable, start: number, count: number): string[][] {
	const end = Math.min(table.rowCount, Math.max(0, start) + Math.max(0, count));
	const rows: string[][] = [];
	for (let r = Math.max(0, start); r < end; r++) {
		rows.push(table.columns.map((c) => c.values[c.codes[r]]));
	}
	return rows;
}

export function dropTable(db: Database, sqlName: string): void {
	db.exec(`DROP TABLE IF EXISTS ${sqlName}`);
}
