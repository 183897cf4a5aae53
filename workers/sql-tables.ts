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

/**
 * Drops `sqlName` whichever way it was stored: a plain table, or the view of a dictionary-encoded copy
 * together with its code table and dictionaries (see {@link EncodedSqlTableWriter}).
 */
export function dropTable(db: Database, sqlName: string): void {
	const prefix = `${sqlName}__`;
	const found = db.exec(
		"SELECT type, name FROM sqlite_master WHERE (name = ? OR substr(name, 1, ?) = ?) AND type IN ('view', 'table')",
		[sqlName, prefix.length, prefix]
	);
	const entries = (found[0]?.values ?? []) as [string, string][];
	// The view first: it depends on the tables.
	entries.sort((a, b) => (a[0] === 'view' ? -1 : b[0] === 'view' ? 1 : 0));
	for (const [type, name] of entries) {
		db.exec(`DROP ${type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS "${name.replaceAll('"', '""')}"`);
	}
}

/** A column whose distinct values exceed this share of the rows is stored as text: a dictionary would not pay. */
const INLINE_DISTINCT_SHARE = 0.5;

/**
 * Writes an encoded table into SQLite the way it is held in memory: one table `<name>__codes` with an
 * INTEGER code per cell, one dictionary table `<name>__d<i>` (code INTEGER PRIMARY KEY, value TEXT) per
 * column, and a view `<name>` that joins them, so SQL still sees text columns c0…cN. SQLite stores small
 * integers in 1–3 bytes (its record format's varints, https://www.sqlite.org/fileformat2.html#record_format),
 * so a column with few distinct values shrinks to a byte or two per row, and binding numbers skips the
 * per-cell string copy into wasm memory. Nearly unique columns (identifiers) are kept as text in the code
 * table, since a dictionary would only add a code and a lookup per row. One transaction, as SqlTableWriter.
 */
export class EncodedSqlTableWriter {
	private statement: Statement | null = null;
	private batch: (number | string)[] = [];
	private readonly rowsPerStatement: number;
	private readonly inline: boolean[];
	private inTransaction = false;

	constructor(
		private readonly db: Database,
		readonly sqlName: string,
		private readonly table: EncodedTable
	) {
		const n = Math.max(1, table.columns.length);
		this.rowsPerStatement = Math.max(1, Math.min(256, Math.floor(32_000 / n)));
		this.inline = table.columns.map((c) => c.values.length > table.rowCount * INLINE_DISTINCT_SHARE);
	}

	private get codesName(): string {
		return `${this.sqlName}__codes`;
	}

	begin(): void {
		const columns = this.table.columns;
		const n = columns.length;
		this.db.exec('BEGIN');
		this.inTransaction = true;
		const definitions = columns.map((_, i) => `c${i} ${this.inline[i] ? 'TEXT' : 'INTEGER'}`);
		this.db.exec(`CREATE TABLE ${this.codesName} (${definitions.join(', ') || 'c0 TEXT'})`);
		const selected: string[] = [];
		const joins: string[] = [];
		for (let i = 0; i < n; i++) {
			if (this.inline[i]) {
				selected.push(`k.c${i} AS c${i}`);
				continue;
			}
			const dictionary = `${this.sqlName}__d${i}`;
			this.db.exec(`CREATE TABLE ${dictionary} (code INTEGER PRIMARY KEY, value TEXT NOT NULL)`);
			const insert = this.db.prepare(`INSERT INTO ${dictionary} VALUES (?, ?)`);
			const values = columns[i].values;
			for (let code = 0; code < values.length; code++) insert.run([code, values[code]]);
			insert.free();
			selected.push(`d${i}.value AS c${i}`);
			joins.push(`JOIN ${dictionary} d${i} ON d${i}.code = k.c${i}`);
		}
		this.db.exec(
			`CREATE VIEW ${this.sqlName} AS SELECT ${selected.join(', ') || "'' AS c0"} ` +
				`FROM ${this.codesName} k ${joins.join(' ')}`
		);
		if (n > 0) this.statement = this.db.prepare(this.insertSql(this.rowsPerStatement));
	}

	private insertSql(rows: number): string {
		const tuple = `(${this.table.columns.map(() => '?').join(',')})`;
		return `INSERT INTO ${this.codesName} VALUES ${Array.from({ length: rows }, () => tuple).join(',')}`;
	}

	/** Appends rows [start, end) of the table as codes (or text for inline columns). */
	insert(start: number, end: number): void {
		if (!this.inTransaction) throw new Error('EncodedSqlTableWriter.insert() before begin()');
		const columns = this.table.columns;
		const n = columns.length;
		if (n === 0 || !this.statement) return;
		const inline = this.inline;
		const full = n * this.rowsPerStatement;
		let batch = this.batch;
		for (let r = start; r < end; r++) {
			for (let c = 0; c < n; c++) {
				const column = columns[c];
				const code = column.codes[r];
				batch.push(inline[c] ? column.values[code] : code);
			}
			if (batch.length === full) {
				this.statement.run(batch);
				batch = this.batch = [];
			}
		}
	}

	commit(): void {
		if (!this.inTransaction) throw new Error('EncodedSqlTableWriter.commit() before begin()');
		const n = this.table.columns.length;
		const rest = n > 0 ? this.batch.length / n : 0;
		if (rest > 0) {
			const tail = this.db.prepare(this.insertSql(rest));
			tail.run(this.batch);
			tail.free();
		}
		this.batch = [];
		this.statement?.free();
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
