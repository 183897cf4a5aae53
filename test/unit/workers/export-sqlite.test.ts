import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import {
	buildSqliteRelease,
	columnType,
	quoteIdentifier,
	tableNameOf,
	uniqueTableNames
} from '../../../workers/sqlite-export';

describe('SQLite release file', () => {
	it('declares a column INTEGER, REAL or TEXT from its released values', () => {
		expect(columnType(['1', '-2', '', null])).toBe('INTEGER');
		expect(columnType(['1', '2.5', '1e3'])).toBe('REAL');
		expect(columnType(['1', '20-24'])).toBe('TEXT');
		expect(columnType(['', null])).toBe('TEXT');
		// Past 15 digits a whole number no longer fits a double exactly: kept as REAL, not INTEGER.
		expect(columnType(['1234567890123456'])).toBe('REAL');
	});

	it('quotes identifiers and names the table after the file', () => {
		expect(quoteIdentifier('a"b')).toBe('"a""b"');
		expect(tableNameOf('患者.csv')).toBe('患者');
		expect(tableNameOf('.csv')).toBe('anonymized');
		expect(tableNameOf('sqlite_master.csv')).toBe('anonymized');
	});

	it('stores suppressed QI cells as NULL, empty numeric cells as NULL and the record JSON', async () => {
		const SQL = await initSqlJs();
		const recordJson = JSON.stringify({
			format: 'tokumei-processing-record',
			createdAt: '2026-01-01T00:00:00Z'
		});
		const bytes = buildSqliteRelease(SQL, {
			tables: [
				{
					tableName: 't"x',
					header: ['age', 'sex', 'lab', 'note'],
					rows: [
						['20-29', 'M', '5.5', '*'],
						['*', '*', '', 'a'],
						['30-39', 'F', '6', '']
					],
					suppressible: new Set(['age', 'sex'])
				},
				{ tableName: 'labs', header: ['id', 'sex'], rows: [['S1', '*']], suppressible: new Set(['sex']) }
			],
			marker: '*',
			recordJson
		});
		const db = new SQL.Database(bytes);
		try {
			expect(db.exec('SELECT age, sex, lab, note FROM "t""x"')[0].values).toEqual([
				['20-29', 'M', 5.5, '*'],
				[null, null, null, 'a'],
				['30-39', 'F', 6, '']
			]);
			expect(db.exec('SELECT id, sex FROM labs')[0].values).toEqual([['S1', null]]);
			expect(db.exec('SELECT format, record_json FROM tokumei_processing_record')[0].values).toEqual([
				['tokumei-processing-record', recordJson]
			]);
		} finally {
			db.close();
		}
	});

	it('gives every table of a release its own name, never the record table', () => {
		expect(uniqueTableNames(['a.csv', 'A.tsv', 'b.csv', 'a.csv', 'tokumei_processing_record.csv'])).toEqual([
			'a',
			'A_2',
			'b',
			'a_3',
			'tokumei_processing_record_2'
		]);
	});
});
