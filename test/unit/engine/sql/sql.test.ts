import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../../../src/lib/engine/config/project-config';
import { hierarchyFromCsv } from '../../../../src/lib/engine/hierarchy/arx-csv';
import { hierarchyFromRows, type Hierarchy } from '../../../../src/lib/engine/hierarchy/hierarchy';
import { planApply } from '../../../../src/lib/engine/apply/apply-rows';
import { applyTable, rowsInput } from '../../../../src/lib/engine/apply/apply-table';
import { parseCsvText } from '../../../../src/lib/engine/table/csv';
import { generateSql } from '../../../../src/lib/engine/sql/generate-sql';
import { quoteIdentifier, quoteString, quoteTableName } from '../../../../src/lib/engine/sql/dialect';
import { restoreNeutralized } from '../../../../src/lib/engine/export/delimited-writer';

let SQL: Awaited<ReturnType<typeof initSqlJs>>;
beforeAll(async () => {
	SQL = await initSqlJs();
});

function load(header: readonly string[], rows: readonly (readonly string[])[]): Database {
	const db = new SQL.Database();
	db.run(`CREATE TABLE "data" (${header.map((h) => `${quoteIdentifier(h, 'sqlite')} TEXT`).join(', ')})`);
	const insert = db.prepare(`INSERT INTO "data" VALUES (${header.map(() => '?').join(', ')})`);
	db.run('BEGIN');
	for (const row of rows) insert.run(header.map((_, i) => row[i] ?? ''));
	db.run('COMMIT');
	insert.free();
	return db;
}

function query(db: Database, sql: string): { columns: string[]; rows: string[][] } {
	const [result] = db.exec(sql);
	return { columns: result.columns, rows: result.values.map((r) => r.map((v) => String(v))) };
}

const sorted = (rows: string[][]) => rows.map((r) => JSON.stringify(r)).sort();

/** Runs the SQLite dialect and the engine's apply on the same data; both must give the same rows. */
async function compare(
	config: ReturnType<typeof parseProjectConfig>,
	hierarchies: Record<string, Hierarchy>,
	header: string[],
	rows: string[][]
) {
	const project = { config, hierarchies };
	const plan = await planApply(project, rowsInput(header, rows));
	const sql = generateSql(plan, { dialect: 'sqlite' });
	const db = load(header, rows);
	const fromSql = query(db, sql);
	db.close();
	const { bytes, summary } = await applyTable(project, rowsInput(header, rows));
	const engine = parseCsvText(new TextDecoder().decode(bytes), ',');
	expect(fromSql.columns).toEqual(engine.header);
	expect(sorted(fromSql.rows)).toEqual(sorted(engine.rows.map((r) => r.map(restoreNeutralized))));
	return summary;
}

describe('dialect quoting', () => {
	it('quotes identifiers and literals per dialect', () => {
		expect(quoteIdentifier('a"b', 'sqlite')).toBe('"a""b"');
		expect(quoteIdentifier('a`b', 'spark')).toBe('`a``b`');
		expect(quoteTableName('s.t', 'postgres')).toBe('"s"."t"');
		expect(quoteString("O'Brien", 'duckdb')).toBe("'O''Brien'");
		expect(quoteString("a\\'b", 'spark')).toBe("'a\\\\\\'b'");
	});
});

describe('generateSql', () => {
	const header = ['id', 'age', 'sex', 'di\'ag"nosis'];
	const ageRows = Array.from({ length: 10 }, (_, i) => [String(30 + i), i < 5 ? '30-34' : '35-39', '*']);
	const rows = Array.from({ length: 50 }, (_, i) => [
		`ID${i}`,
		String(30 + ((i * 3) % 10)),
		i % 11 === 0 ? 'F' : 'M',
		i % 2 ? "O'Neil; DROP TABLE data" : '=1+1'
	]);
	const config = (output: object) =>
		parseProjectConfig({
			tokumei: 1,
			data: { path: 'x.csv' },
			attributes: {
				id: { role: 'identifying' },
				age: { role: 'quasi-identifying', hierarchy: { rows: ageRows } },
				sex: {
					role: 'quasi-identifying',
					hierarchy: {
						rows: [
							['M', '*'],
							['F', '*']
						]
					}
				}
			},
			privacy: [{ model: 'k-anonymity', k: 3 }],
			suppressionLimit: 0.5,
			transformation: { age: 1, sex: 0 },
			output
		});
	const hierarchies = {
		age: hierarchyFromRows('age', ageRows),
		sex: hierarchyFromRows('sex', [
			['M', '*'],
			['F', '*']
		])
	};

	it('masks suppressed records like the engine (SQLite via sql.js)', async () => {
		const summary = await compare(config({}), hierarchies, header, rows);
		expect(summary.privacy.suppressedRecords).toBeGreaterThan(0);
	});

	it('removes suppressed records like the engine', async () => {
		const summary = await compare(
			config({ suppressedRecords: 'remove', marker: 'x' }),
			hierarchies,
			header,
			rows
		);
		expect(summary.recordsOut).toBeLessThan(rows.length);
	});

	it('writes every dialect without the identifier column', async () => {
		const plan = await planApply({ config: config({}), hierarchies }, rowsInput(header, rows));
		for (const dialect of ['duckdb', 'postgres', 'spark'] as const) {
			const sql = generateSql(plan, { dialect, table: 'raw.visits' });
			expect(sql).not.toMatch(/["`]id["`]/);
			expect(sql).toContain(dialect === 'spark' ? '`raw`.`visits`' : '"raw"."visits"');
			expect(sql).toContain(dialect === 'spark' ? 'SELECT * FROM VALUES' : 'suppressed (');
		}
	});
});

const adultDir = path.resolve(process.cwd(), '../shared/datasets/arx/adult');
const adultAvailable = existsSync(path.join(adultDir, 'adult.csv'));
if (!adultAvailable) console.warn(`skipping the SQL test on adult: ${adultDir} is missing`);

describe.skipIf(!adultAvailable)('generateSql on adult', () => {
	it('SQLite output equals the engine output row by row', async () => {
		const qis = ['sex', 'age', 'race', 'marital-status'];
		const { header, rows } = parseCsvText(readFileSync(path.join(adultDir, 'adult.csv'), 'utf-8'), ';');
		const hierarchies: Record<string, Hierarchy> = {};
		for (const name of qis) {
			hierarchies[name] = hierarchyFromCsv(
				name,
				readFileSync(path.join(adultDir, `adult_hierarchy_${name}.csv`), 'utf-8')
			);
		}
		const config = parseProjectConfig({
			tokumei: 1,
			data: { path: 'adult.csv', delimiter: ';' },
			attributes: {
				...Object.fromEntries(
					qis.map((n) => [n, { role: 'quasi-identifying', hierarchy: { path: `adult_hierarchy_${n}.csv` } }])
				),
				education: { role: 'identifying' },
				'salary-class': { role: 'sensitive' }
			},
			privacy: [{ model: 'k-anonymity', k: 5 }],
			suppressionLimit: 0.02,
			transformation: { sex: 0, age: 1, race: 0, 'marital-status': 1 }
		});
		const summary = await compare(config, hierarchies, header, rows);
		expect(summary.privacy.suppressedRecords).toBe(140);
		expect(summary.privacy.minClassSize).toBe(5);
	}, 60_000);
});
