/**
 * The SQLite release file (issue 6): the anonymized table as the delimited export writes it, plus
 * `tokumei_processing_record` holding the record's JSON, built with sql.js and returned by
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

export interface SqliteRelease {
	readonly tableName: string;
	readonly header: readonly string[];
	readonly rows: readonly (readonly string[])[];
	/** Output columns whose marker cells are suppressed values (the quasi-identifiers). */
	readonly suppressible: ReadonlySet<string>;
	readonly marker: string;
	readonly recordJson: string;
}

/** Builds the database file; the database is closed before returning. */
export function buildSqliteRelease(SQL: SqlJsStatic, release: SqliteRelease): Uint8Array {
	const { header, rows, marker } = release;
	const nullMarker = header.map((name) => release.suppressible.has(name));
	const cellOf = (row: readonly string[], c: number): string | null => {
		const v = row[c] ?? '';
		return nullMarker[c] && v === marker ? null : v;
	};
	const types = header.map((_, c) => columnType(rowsColumn(rows, c, cellOf)));
	const db: Database = new SQL.Database();
	try {
		const table = quoteIdentifier(release.tableName);
		db.run(`CREATE TABLE ${table} (${header.map((n, c) => `${quoteIdentifier(n)} ${types[c]}`).join(', ')})`);
		db.run('BEGIN');
		const insert = db.prepare(`INSERT INTO ${table} VALUES (${header.map(() => '?').join(', ')})`);
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
