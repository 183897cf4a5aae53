/**
 * Peculiar-value decisions mean the same thing everywhere (issues 5 and 6): the live session, the
 * CLI's `search`, `risk` and `apply`, the in-memory apply (the browser export) and the SQLite dialect.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { applyTable, rowsInput } from '$lib/engine/apply/apply-table';
import { planApply } from '$lib/engine/apply/apply-rows';
import { parseProjectConfig, type ProjectConfig } from '$lib/engine/config/project-config';
import { restoreNeutralized } from '$lib/engine/export/delimited-writer';
import type { Hierarchy } from '$lib/engine/hierarchy/hierarchy';
import { generateSql } from '$lib/engine/sql/generate-sql';
import { encodeCsvText, parseCsvText } from '$lib/engine/table/csv';
import { run as runApply } from '../../../bin/commands/apply';
import { run as runRisk } from '../../../bin/commands/risk';
import { run as runSearch } from '../../../bin/commands/search';
import { loadHierarchies } from '../../../bin/load-project';
import { captured } from '../cli/cli-fixtures';
import { tempDirs } from '../cli/temp-dirs';
import { RuleSession } from '../../../workers/rule-session';

const tempDir = tempDirs('tokumei-decisions-');

const header = ['patient_id', 'age', 'sex', 'pref', 'disease'];
const PREFS = ['東京都', '東京都', '大阪府', '神奈川県', '大阪府', '東京都'];

/** 300 records; a few 90+ ages, one rare prefecture (鳥取県) and two records of a rare sex code (9). */
function makeRows(): string[][] {
	return Array.from({ length: 300 }, (_, i) => [
		`P${String(i).padStart(4, '0')}`,
		String(i % 97 === 5 ? 90 + (i % 13) : 20 + ((i * 7) % 60)),
		i === 17 || i === 211 ? '9' : i % 2 ? '1' : '2',
		i === 44 ? '鳥取県' : PREFS[i % PREFS.length],
		['E11', 'I10', 'J45', 'K29'][i % 4]
	]);
}

const prefRows = [
	['東京都', '関東', '*'],
	['神奈川県', '関東', '*'],
	['大阪府', '近畿', '*'],
	['鳥取県', '中国', '*']
];

function projectJson(dataPath: string, decisions: unknown[], extra: object = {}) {
	return {
		tokumei: 1,
		data: { path: dataPath },
		attributes: {
			patient_id: { role: 'identifying' },
			age: {
				role: 'quasi-identifying',
				hierarchy: { builder: 'interval', levels: [{ width: 10 }, { width: 20 }] }
			},
			sex: {
				role: 'quasi-identifying',
				hierarchy: {
					rows: [
						['1', '*'],
						['2', '*'],
						['9', '*']
					]
				}
			},
			pref: { role: 'quasi-identifying', hierarchy: { rows: prefRows } },
			disease: { role: 'sensitive' }
		},
		privacy: [{ model: 'k-anonymity', k: 5 }],
		suppressionLimit: 0.05,
		transformation: { age: 1, sex: 0, pref: 0 },
		decisions,
		...extra
	};
}

const DECISIONS = [
	{ attribute: 'age', value: '102', action: 'top-code', bound: '90', note: '90歳以上' },
	{ attribute: 'pref', value: '鳥取県', action: 'generalize', note: '1 record' },
	{ attribute: 'sex', value: '9', action: 'suppress', note: 'unknown code, 2 records' },
	{ attribute: 'pref', value: '大阪府', action: 'keep', note: 'common' }
];

function writeProject(decisions: unknown[], extra: object = {}) {
	const dir = tempDir();
	const rows = makeRows();
	const csv = [header, ...rows].map((r) => r.join(',')).join('\n') + '\n';
	writeFileSync(path.join(dir, 'data.csv'), csv);
	const file = path.join(dir, 'project.json');
	writeFileSync(file, JSON.stringify(projectJson('data.csv', decisions, extra)));
	return { dir, file, csv, rows };
}

/** The hierarchies apply gets from the project (builders read the data's values plus the bounds). */
async function hierarchiesOf(config: ProjectConfig, rows: string[][]): Promise<Record<string, Hierarchy>> {
	return loadHierarchies(config, '.', async (names) =>
		Object.fromEntries(names.map((n) => [n, [...new Set(rows.map((r) => r[header.indexOf(n)]))]] as const))
	);
}

describe('peculiar-value decisions: one meaning in every consumer', () => {
	it('the live session, `tokumei risk` and `tokumei search` see the same decided data', async () => {
		const { file, csv } = writeProject(DECISIONS);
		const config = parseProjectConfig(projectJson('data.csv', DECISIONS));
		const session = new RuleSession(encodeCsvText(csv), config);
		expect(session.suppressedByDecision).toBe(2);
		expect(session.table.rowCount).toBe(298);
		const ages = session.qis.find((q) => q.name === 'age')!.column;
		expect(ages.codes.some((c) => Number(ages.values[c]) > 90)).toBe(false);
		const prefs = session.qis.find((q) => q.name === 'pref')!.column;
		expect(Array.from(prefs.codes, (c) => prefs.values[c])).toContain('中国');

		const levels = session.levelsOf(config.transformation);
		const figures = session.figures(levels, 1);

		const risk = await captured(() => runRisk([file]));
		expect(risk.stderr).toBe('');
		const report = JSON.parse(risk.stdout);
		expect(report.suppressedByDecision).toBe(2);
		// `risk` is the data as generalized (nothing suppressed by the models): the same classes as
		// the session's snapshot before suppression.
		const classes = session.evaluator.snapshot(levels);
		let sampleUniques = 0;
		const sizes = new Map<string, number>();
		for (let a = 0; a < classes.count; a++) {
			const key = classes.qi.map((q) => q[a]).join(',');
			sizes.set(key, (sizes.get(key) ?? 0) + classes.size[a]);
		}
		for (const size of sizes.values()) if (size === 1) sampleUniques++;
		expect(report.records).toBe(298);
		expect(report.equivalenceClasses).toBe(sizes.size);
		expect(report.sampleUniques).toBe(sampleUniques);
		expect(sampleUniques).toBeGreaterThan(0);

		const search = await captured(() => runSearch([file]));
		expect(search.stderr).toBe('');
		const found = JSON.parse(search.stdout);
		expect(found.suppressedByDecision).toBe(2);
		const searchLevels = session.levelsOf(found.transformation);
		const atOptimum = session.figures(searchLevels, 2);
		expect(atOptimum.verdict).toBe('met');
		expect(atOptimum.suppressed).toBe(found.suppressedRecords);
		expect(figures.rows).toBe(300);
		expect(figures.analysedRows).toBe(298);
	});

	it('apply in memory and the streaming CLI write the same bytes; figures match the session', async () => {
		const { dir, file, csv, rows } = writeProject(DECISIONS);
		const config = parseProjectConfig(projectJson('data.csv', DECISIONS));
		const hierarchies = await hierarchiesOf(config, rows);
		const { bytes, summary } = await applyTable({ config, hierarchies }, rowsInput(header, rows));
		const out = path.join(dir, 'out.csv');
		const record = path.join(dir, 'record.json');
		const cli = await captured(() => runApply([file, '--out', out, '--report', record]));
		expect(cli.stderr).toBe('');
		expect(cli.code).toBe(0);
		const recorded = JSON.parse(readFileSync(record, 'utf-8')).decisions;
		expect(recorded.map((d: { action: string; note: string }) => [d.action, d.note])).toEqual(
			DECISIONS.map((d) => [d.action, d.note])
		);
		expect(Buffer.from(readFileSync(out)).equals(Buffer.from(bytes))).toBe(true);

		const session = new RuleSession(encodeCsvText(csv), config);
		const figures = session.figures(session.levelsOf(config.transformation), 1);
		expect(summary.privacy.suppressedByDecision).toBe(2);
		expect(summary.privacy.records).toBe(figures.analysedRows);
		expect(summary.privacy.suppressedRecords).toBe(figures.suppressed);
		expect(summary.privacy.minClassSize).toBe(figures.kReached);
		expect(summary.privacy.equivalenceClasses).toBe(figures.classes);

		const written = parseCsvText(new TextDecoder().decode(bytes), ',');
		const age = written.header.indexOf('age');
		const pref = written.header.indexOf('pref');
		const sex = written.header.indexOf('sex');
		// Top-coded 90+ ages fall in the 90-99 band; records of sex 9 are masked whatever their class.
		expect(written.rows.map((r) => r[age])).not.toContain('100-109');
		expect(written.rows[17][sex]).toBe('*');
		expect(written.rows[17][age]).toBe('*');
		expect(written.rows[211][pref]).toBe('*');
		// 鳥取県 (one record) is a class of its own, suppressed by k = 5 …
		expect(written.rows[44][pref]).toBe('*');
		// … and without privacy models it shows as its level-1 label at level 0.
		const open = parseProjectConfig(projectJson('data.csv', DECISIONS, { privacy: [] }));
		const plain = await applyTable({ config: open, hierarchies }, rowsInput(header, rows));
		const plainRows = parseCsvText(new TextDecoder().decode(plain.bytes), ',').rows;
		expect(plainRows[44][pref]).toBe('中国');
		expect(plainRows[43][pref]).toBe(rows[43][3]);
		expect(plainRows[17][sex]).toBe('*');
		// 95, 101, 94 and 100 are top-coded to 90 (a bound that is no value of the data).
		expect(plainRows.filter((r) => r[age] === '90-99')).toHaveLength(4);
		expect(plainRows.map((r) => r[age])).not.toContain('100-109');
		expect(plain.summary.privacy.suppressedRecords).toBe(0);
	});

	it('left-out records: suppressed by decision and by class, as the SQLite dialect does', async () => {
		const extra = { output: { suppressedRecords: 'remove' } };
		const { rows } = writeProject(DECISIONS, extra);
		const config = parseProjectConfig(projectJson('data.csv', DECISIONS, extra));
		const hierarchies = await hierarchiesOf(config, rows);
		for (const cfg of [config, parseProjectConfig(projectJson('data.csv', DECISIONS))]) {
			const project = { config: cfg, hierarchies };
			const { bytes, summary } = await applyTable(project, rowsInput(header, rows));
			const plan = await planApply(project, rowsInput(header, rows));
			const SQL = await initSqlJs();
			const db = new SQL.Database();
			db.run(`CREATE TABLE "data" (${header.map((h) => `"${h}" TEXT`).join(', ')})`);
			const insert = db.prepare(`INSERT INTO "data" VALUES (${header.map(() => '?').join(', ')})`);
			for (const row of rows) insert.run(row);
			insert.free();
			const [result] = db.exec(generateSql(plan, { dialect: 'sqlite' }));
			db.close();
			const engine = parseCsvText(new TextDecoder().decode(bytes), ',');
			expect(result.columns).toEqual(engine.header);
			const sorted = (list: string[][]) => list.map((r) => JSON.stringify(r)).sort();
			expect(sorted(result.values.map((r) => r.map(String)))).toEqual(
				sorted(engine.rows.map((r) => r.map(restoreNeutralized)))
			);
			if (cfg === config) expect(summary.recordsOut).toBe(300 - 2 - summary.privacy.suppressedRecords);
		}
	});

	it('a decision that does not fit its hierarchy is refused by every consumer, naming it', async () => {
		const bad = [{ attribute: 'sex', value: '9', action: 'generalize', note: '' }, ...DECISIONS.slice(2)];
		const broken = bad.map((d, i) => (i === 0 ? { ...d, value: '1' } : d));
		const config = parseProjectConfig({
			...projectJson('data.csv', broken),
			attributes: {
				...projectJson('data.csv', []).attributes,
				sex: { role: 'quasi-identifying', hierarchy: { rows: [['1'], ['2'], ['9']] } }
			},
			transformation: { age: 1 }
		});
		const rows = makeRows();
		const hierarchies = await hierarchiesOf(config, rows);
		await expect(applyTable({ config, hierarchies }, rowsInput(header, rows))).rejects.toThrow(
			/decisions\[0\]: "1" of "sex" has no hierarchy/
		);
		const csv = [header, ...rows].map((r) => r.join(',')).join('\n');
		expect(() => new RuleSession(encodeCsvText(csv), config)).toThrow(/decisions\[0\]/);
	});
});
