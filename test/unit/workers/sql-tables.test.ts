import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeRows } from '../../../src/lib/engine/table/encoded-table';
import { dropTable, EncodedSqlTableWriter, rowsOf, SqlTableWriter } from '../../../workers/sql-tables';

let db: Database;
beforeAll(async () => {
	db = new (await initSqlJs()).Database();
});

const all = (sql: string) => db.exec(sql)[0]?.values ?? [];

describe('SqlTableWriter', () => {
	it('inserts rows in batches and pads ragged rows with empty cells', () => {
		const writer = new SqlTableWriter(db, 't_batch', 3);
		writer.begin();
		const rows = Array.from({ length: 1000 }, (_, i) => [String(i), `n${i % 7}`, 'x']);
		writer.insert(rows.slice(0, 333));
		writer.insert([['short']]);
		writer.insert(rows.slice(333));
		writer.commit();
		expect(all('SELECT count(*) FROM t_batch')[0][0]).toBe(1001);
		expect(all("SELECT c0, c1, c2 FROM t_batch WHERE c0 = 'short'")).toEqual([['short', '', '']]);
		expect(all("SELECT c1 FROM t_batch WHERE c0 = '999'")).toEqual([['n5']]);
	});

	it('rolls back a failed import without touching existing tables', () => {
		const keep = new SqlTableWriter(db, 't_keep', 1);
		keep.begin();
		keep.insert([['a'], ['b']]);
		keep.commit();
		const broken = new SqlTableWriter(db, 't_broken', 2);
		broken.begin();
		broken.insert([['1', '2']]);
		broken.rollback();
		expect(all("SELECT name FROM sqlite_master WHERE name = 't_broken'")).toEqual([]);
		expect(all('SELECT count(*) FROM t_keep')[0][0]).toBe(2);
		// and the database accepts a new transaction afterwards
		const next = new SqlTableWriter(db, 't_next', 1);
		next.begin();
		next.commit();
	});

	it('copies a table from its encoded columns, one row per record, across calls', () => {
		const table = encodeRows(
			['id', 'sex'],
			Array.from({ length: 5000 }, (_, i) => [`P${i}`, i % 3 === 0 ? 'F' : 'M'])
		);
		const writer = new SqlTableWriter(db, 't_restored', 2);
		writer.begin();
		writer.insertEncoded(table, 0, 1234);
		writer.insertEncoded(table, 1234, table.rowCount);
		writer.commit();
		expect(all('SELECT count(*) FROM t_restored')[0][0]).toBe(5000);
		expect(all("SELECT count(*) FROM t_restored WHERE c1 = 'F'")[0][0]).toBe(1667);
		expect(all("SELECT c1 FROM t_restored WHERE c0 = 'P4999'")).toEqual([['M']]);
	});
});

describe('EncodedSqlTableWriter', () => {
	const table = encodeRows(
		['id', 'sex', 'note'],
		Array.from({ length: 3000 }, (_, i) => [`P${i}`, i % 3 === 0 ? 'F' : 'M', i % 10 === 0 ? "it's" : ''])
	);
	const names = (prefix: string) =>
		all(`SELECT type, name FROM sqlite_master WHERE name LIKE '${prefix}%' ORDER BY name`);

	it('stores codes and dictionaries behind a view that reads like the text table', () => {
		const writer = new EncodedSqlTableWriter(db, 't_enc', table);
		writer.begin();
		writer.insert(0, 1000);
		writer.insert(1000, table.rowCount);
		writer.commit();
		expect(all('SELECT count(*) FROM t_enc')[0][0]).toBe(3000);
		expect(all("SELECT count(*) FROM t_enc WHERE c1 = 'F'")[0][0]).toBe(1000);
		expect(all("SELECT c0, c1, c2 FROM t_enc WHERE c0 = 'P2970'")).toEqual([['P2970', 'F', "it's"]]);
		expect(all('SELECT c2, count(*) FROM t_enc GROUP BY c2 ORDER BY c2')).toEqual([
			['', 2700],
			["it's", 300]
		]);
		// the unique id stays text in the code table; the two small columns are integer codes
		expect(all('SELECT typeof(c0), typeof(c1), typeof(c2) FROM t_enc__codes LIMIT 1')).toEqual([
			['text', 'integer', 'integer']
		]);
		expect(names('t_enc')).toEqual([
			['view', 't_enc'],
			['table', 't_enc__codes'],
			['table', 't_enc__d1'],
			['table', 't_enc__d2']
		]);
		dropTable(db, 't_enc');
		expect(names('t_enc')).toEqual([]);
	});

	it('rolls back everything it created', () => {
		const writer = new EncodedSqlTableWriter(db, 't_enc_gone', table);
		writer.begin();
		writer.insert(0, 10);
		writer.rollback();
		expect(names('t_enc_gone')).toEqual([]);
	});

	it('dropTable also drops a plain text table', () => {
		const writer = new SqlTableWriter(db, 't_plain', 1);
		writer.begin();
		writer.insert([['a']]);
		writer.commit();
		dropTable(db, 't_plain');
		expect(names('t_plain')).toEqual([]);
	});
});

describe('rowsOf', () => {
	const table = encodeRows(
		['a', 'b'],
		[
			['1', 'x'],
			['2', 'y'],
			['3', 'x']
		]
	);
	it('returns the requested window, clipped to the table', () => {
		expect(rowsOf(table, 1, 5)).toEqual([
			['2', 'y'],
			['3', 'x']
		]);
		expect(rowsOf(table, -2, 1)).toEqual([['1', 'x']]);
		expect(rowsOf(table, 3, 10)).toEqual([]);
	});
});
