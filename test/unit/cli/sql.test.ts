import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvText } from '../../../src/lib/engine/table/csv';
import { tempDirs } from './temp-dirs';

const tempDir = tempDirs('tokumei-sql-');

function tool(command: string, args: string[]) {
	return spawnSync(process.execPath, ['bin/tokumei.mjs', command, ...args], { encoding: 'utf8' });
}

const ages = Array.from({ length: 20 }, (_, i) => [String(30 + i), i < 10 ? '30-39' : '40-49', '*']);
const header = ['id', 'age', 'sex', 'note'];
const rows = Array.from({ length: 30 }, (_, i) => [
	`ID${i}`,
	String(30 + ((i * 7) % 20)),
	i % 13 === 0 ? 'F' : 'M',
	i % 2 ? "it's" : 'x'
]);

function project(dir: string): string {
	writeFileSync(path.join(dir, 'data.csv'), [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
	const file = path.join(dir, 'project.json');
	writeFileSync(
		file,
		JSON.stringify({
			tokumei: 1,
			data: { path: 'data.csv' },
			attributes: {
				id: { role: 'identifying' },
				age: { role: 'quasi-identifying', hierarchy: { rows: ages } },
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
			transformation: { age: 1, sex: 0 }
		})
	);
	return file;
}

beforeAll(() => {
	execFileSync(process.execPath, ['scripts/build-cli.mjs']);
}, 60_000);

describe('tokumei sql', () => {
	it('prints SQLite SQL whose result equals `tokumei apply` row by row', async () => {
		const dir = tempDir();
		const config = project(dir);
		const sql = tool('sql', [config, '--dialect', 'sqlite']);
		expect(sql.status, sql.stderr).toBe(0);
		const applied = tool('apply', [config, '--out', path.join(dir, 'out.csv')]);
		expect(applied.status, applied.stderr).toBe(0);
		expect(JSON.parse(applied.stdout).privacy.suppressedRecords).toBeGreaterThan(0);

		const SQL = await initSqlJs();
		const db = new SQL.Database();
		db.run('CREATE TABLE data (id TEXT, age TEXT, sex TEXT, note TEXT)');
		for (const row of rows) db.run('INSERT INTO data VALUES (?, ?, ?, ?)', row);
		const [result] = db.exec(sql.stdout);
		db.close();
		const expected = parseCsvText(readFileSync(path.join(dir, 'out.csv'), 'utf-8'), ',');
		expect(result.columns).toEqual(expected.header);
		const key = (r: unknown[]) => JSON.stringify(r.map(String));
		expect(result.values.map(key).sort()).toEqual(expected.rows.map(key).sort());
	});

	it('quotes for each dialect and rejects unknown ones', () => {
		const dir = tempDir();
		const config = project(dir);
		const spark = tool('sql', [config, '--dialect', 'spark', '--table', 'db.visits']);
		expect(spark.status, spark.stderr).toBe(0);
		expect(spark.stdout).toContain('FROM `db`.`visits`');
		const postgres = tool('sql', [config, '--dialect', 'postgres']);
		expect(postgres.stdout).toContain('FROM "data"');
		const bad = tool('sql', [config, '--dialect', 'oracle']);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/sqlite, duckdb, spark, postgres/);
	});
});
