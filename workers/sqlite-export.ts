/**
 * The SQLite release file (issue 6): every anonymized table of the release as the delimited export
 * writes it (one SQL table each), plus `tokumei_processing_record` holding the record's JSON, built with sql.js and returned by
 * `db.export()` (the bytes of an ordinary SQLite 3 database file).
 *
 * Choices, documented for the reader of the file:
 * - Column types are declared from the released values: INTEGER when every non-empty value is a whole
 *   number, REAL when every one is a number, TEXT otherwise (generalized values such as "20-24" or
 *   "1980年代" are TEXT). A value is stored with its column's type; an empty cell is NULL in a numeric
 *   column and '' in a TEXT column.
 * - Suppressed values are NULL, not the marker: in a quasi-identifying column a cell equal to the
 *   marker (the suppressed records' cells, or a hierarchy's top level "*") is NULL, which SQL treats
 *   as "no value" in every aggregate. The CSV keeps the marker.
 * - Cells are stored as the source had them: the apostrophe the CSV writer puts before a would-be
 *   formula (= + - @) is taken off again (a database runs no formulas).
 */
import type { Database, SqlJsStatic } from 'sql.js';

export type SqliteColumnType = 'INTEGER' | 'REAL' | 'TEXT';

const INTEGER = /^[+-]?\d{1,15}$/;
const REAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The declared type of a column from its released values (see the module comment). */
export function columnType(values: Iterable<string | null>): SqliteColumnType {
	let type: SqliteColumnType = 'INTEGER';
	let any = false;
	for (const v of values) {
		if (v === null || v === '') continue;
		any = true;
		if (type === 'INTEGER' && !INTEGER.test(v)) type = 'REAL';
		if (type === 'REAL' && !REAL.test(v)) return 'TEXT';
	}
	return any ? type : 'TEXT';
}

/** An SQL identifier in double quotes (SQLite's standard quoting; inner quotes doubled). */
export function quoteIdentifier(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** A table name from the imported file's name: its stem, or "anonymized" when nothing is left. */
export function tableNameOf(fileName: string): string {
	const stem = fileName.replace(/\.[^.]*$/, '').trim();
	return stem === '' || stem.toLowerCase().startsWith('sqlite_') ? 'anonymized' : stem;
}

/**
 * Table names for the files of one release: each file's stem, made unique case-insensitively (SQLite
 * compares names that way) by a suffix `_2`, `_3`, ….
 */
export function uniqueTableNames(fileNames: readonly string[]): string[] {
	const taken = new Set<string>();
	return fileNames.map((fileName) => {
		const stem = tableNameOf(fileName);
		let name = stem;
		for (let n = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === RECORD_TABLE; n++)
			name = `${stem}_${n}`;
		taken.add(name.toLowerCase());
		return name;
	});
}

const RECORD_TABLE = 'tokumei_processing_record';

export interface SqliteTable {
	readonly tableName: string;
	readonly header: readonly string[];
	readonly rows: readonly (readonly string[])[];
	/** Output columns whose marker cells are suppressed values (the quasi-identifiers). */
	readonly suppressible: ReadonlySet<string>;
}

export interface SqliteRelease {
	/** The release's tables, with names already unique (uniqueTableNames). */
	readonly tables: readonly SqliteTable[];
	readonly marker: string;
	readonly recordJson: string;
}

function insertTable(db: Database, table: SqliteTable, marker: string): void {
	const { header, rows } = table;
	const nullMarker = header.map((name) => table.suppressible.has(name));
	const cellOf = (row: readonly string[], c: number): string | null => {
		const v = row[c] ?? '';
		return nullMarker[c] && v === marker ? null : v;
	};
	const types = header.map((_, c) => columnType(rowsColumn(rows, c, cellOf)));
	const name = quoteIdentifier(table.tableName);
	db.run(`CREATE TABLE ${name} (${header.map((n, c) => `${quoteIdentifier(n)} ${types[c]}`).join(', ')})`);
	const insert = db.prepare(`INSERT INTO ${name} VALUES (${header.map(() => '?').join(', ')})`);
	try {
		for (const row of rows) {
			insert.run(
				header.map((_, c) => {
					const v = cellOf(row, c);
					if (v === null) return null;
					if (types[c] === 'TEXT') return v;
					return v === '' ? null : Number(v);
				})
			);
		}
	} finally {
		insert.free();
	}
}

/** Builds the database file; the database is closed before returning. */
export function buildSqliteRelease(SQL: SqlJsStatic, release: SqliteRelease): Uint8Array {
	const db: Database = new SQL.Database();
	try {
		db.run('BEGIN');
		for (const table of release.tables) insertTable(db, table, release.marker);
		db.run(
			'CREATE TABLE tokumei_processing_record (format TEXT NOT NULL, created_at TEXT NOT NULL, record_json TEXT NOT NULL)'
		);
		const record = JSON.parse(release.recordJson) as { format: string; createdAt: string };
		db.run('INSERT INTO tokumei_processing_record VALUES (?, ?, ?)', [
			record.format,
			record.createdAt,
			release.recordJson
		]);
		db.run('COMMIT');
		return db.export();
	} finally {
		db.close();
	}
}

function* rowsColumn(
	rows: readonly (readonly string[])[],
	c: number,
	cellOf: (row: readonly string[], c: number) => string | null
): Generator<string | null> {
	for (const row of rows) yield cellOf(row, c);
}
