import initSqlJs from 'sql.js';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '$lib/engine/table/csv';
import { importTable } from '$lib/engine/table/import';
import type { EncodedTable } from '$lib/engine/table/encoded-table';
import type { Project, TableSummary } from '$lib/workbench/types';
import { createExportApi } from '../../../workers/export-api';

// A release of two tables through the worker API: visits (patient ID + insurance card) and labs
// (patient ID only). Surrogates must agree across the tables, and a patient refused by insurance
// number in visits must leave labs too.

const VISITS =
	'患者ID,保険者番号,番号,性別,年齢\n' +
	Array.from(
		{ length: 40 },
		(_, i) => `P${100 + i},0613${i % 4},N${i},${i % 2 ? '男' : '女'},${30 + (i % 5)}`
	).join('\n') +
	'\n';
const LABS =
	'患者ID,検査,値\n' +
	Array.from({ length: 80 }, (_, i) => `P${100 + (i % 40)},HbA1c,${(5 + (i % 7) / 10).toFixed(1)}`).join(
		'\n'
	) +
	'\n';

async function load(id: string, name: string, text: string) {
	const imported = await importTable(new Blob([text]), { encoding: 'auto', delimiter: 'auto' });
	const summary: TableSummary = {
		id,
		name,
		rowCount: imported.table.rowCount,
		header: imported.header,
		profiles: imported.profiles,
		encoding: imported.encoding,
		delimiter: imported.delimiter,
		warnings: [],
		fileBytes: text.length,
		importedAt: '2026-01-01T00:00:00.000Z'
	};
	return { summary, table: imported.table };
}

async function setup() {
	const loaded = [await load('v', 'visits.csv', VISITS), await load('l', 'labs.csv', LABS)];
	const byId = new Map<string, EncodedTable>(loaded.map((t) => [t.summary.id, t.table]));
	const api = createExportApi({
		tableOf: (id) => byId.get(id)!,
		summaries: () => loaded.map((t) => t.summary)
	});
	return { api };
}

const visitsProject = (): Project => ({
	tokumei: 1,
	data: { path: 'visits.csv' },
	attributes: {
		患者ID: { role: 'identifying', treatment: 'surrogate' },
		保険者番号: { role: 'identifying', treatment: 'remove' },
		番号: { role: 'identifying', treatment: 'remove' },
		性別: { role: 'quasi-identifying', hierarchy: { builder: 'sex' } },
		年齢: { role: 'insensitive' }
	},
	patient: { id: '患者ID', insurer: '保険者番号', number: '番号' },
	privacy: [{ model: 'k-anonymity', k: 2 }],
	suppressionLimit: 0,
	transformation: { 性別: 0 },
	settings: {},
	ui: { tableId: 'v', preset: 'anonymous' }
});

const labsProject = (): Project => ({
	tokumei: 1,
	data: { path: 'labs.csv' },
	attributes: {
		患者ID: { role: 'identifying', treatment: 'surrogate' },
		検査: { role: 'insensitive' },
		値: { role: 'insensitive' }
	},
	patient: { id: '患者ID' },
	settings: {},
	ui: { tableId: 'l' }
});

const both = () => [
	{ tableId: 'v', project: visitsProject() },
	{ tableId: 'l', project: labsProject() }
];

describe('a release of several tables (worker API)', () => {
	it('zips one file per table with the same surrogate for a patient in every table', async () => {
		const { api } = await setup();
		const out = await api.exportTable('r1', { tables: both(), format: 'delimited' });
		expect(out.fileName).toBe('tokumei-release.zip');
		expect(out.mimeType).toBe('application/zip');
		const files = unzipSync(out.bytes);
		expect(Object.keys(files).sort()).toEqual(['labs-anonymized.csv', 'visits-anonymized.csv']);
		const visits = parseCsvText(new TextDecoder().decode(files['visits-anonymized.csv']));
		const labs = parseCsvText(new TextDecoder().decode(files['labs-anonymized.csv']));
		expect(visits.header).toEqual(['患者ID', '性別', '年齢']);
		// Row i of visits is patient P(100+i); rows i and i+40 of labs are the same patient.
		for (let i = 0; i < 40; i++) {
			const surrogate = visits.rows[i][0];
			expect(surrogate).not.toMatch(/^P1/);
			expect(labs.rows[i][0]).toBe(surrogate);
			expect(labs.rows[i + 40][0]).toBe(surrogate);
		}
		expect(new Set(visits.rows.map((r) => r[0])).size).toBe(40);
		expect(out.tables.map((t) => [t.name, t.output, t.summary.recordsOut])).toEqual([
			['visits.csv', 'visits-anonymized.csv', 40],
			['labs.csv', 'labs-anonymized.csv', 80]
		]);
		expect(out.record.format).toBe('tokumei-release-record');
		const record = JSON.parse(out.recordJson) as { inputs: { name: string }[] };
		expect(record.inputs.map((i) => i.name)).toEqual(['visits.csv', 'labs.csv']);
		expect(out.recordJson).not.toMatch(/P1\d\d/);
		expect(out.recordHtml.ja).toContain('labs.csv');

		// Another release: new surrogates.
		const again = await api.exportTable('r2', { tables: both(), format: 'delimited' });
		const visits2 = parseCsvText(new TextDecoder().decode(unzipSync(again.bytes)['visits-anonymized.csv']));
		expect(visits2.rows[0][0]).not.toBe(visits.rows[0][0]);
	});

	it('removes a patient refused by insurance number in visits from labs too', async () => {
		const { api } = await setup();
		// P103 (番号 N3) and P117 (番号 N17), by insurance card only: labs has no insurance columns.
		const list = 'insurer_number,number\n06133,N3\n06131,N17\n06130,N999\n';
		const out = await api.exportTable('r3', {
			tables: both(),
			format: 'delimited',
			optOut: new Blob([list])
		});
		const [visits, labs] = out.tables;
		expect(visits.summary.recordsOut).toBe(38);
		expect(labs.summary.recordsOut).toBe(76);
		expect(labs.summary.optOut?.refusedRecords).toBe(4);
		expect(out.optOut).toMatchObject({
			entries: 3,
			matchedEntries: 2,
			refusedRecords: 6,
			noticePeriodRecords: 0,
			patientsRemoved: 2
		});
		const record = JSON.parse(out.recordJson) as { optOut: { refusedRecords: number } };
		expect(record.optOut.refusedRecords).toBe(6);
		expect(out.recordJson).not.toContain('N17');
	});

	it('writes every table into one SQLite file with the release record', async () => {
		const { api } = await setup();
		const out = await api.exportTable('r4', { tables: both(), format: 'sqlite' });
		expect(out.fileName).toBe('tokumei-release.sqlite');
		const SQL = await initSqlJs();
		const db = new SQL.Database(out.bytes);
		try {
			const names = db
				.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]
				.values.flat();
			expect(names).toEqual(['labs', 'tokumei_processing_record', 'visits']);
			const joined = db.exec('SELECT count(*) FROM labs JOIN visits ON labs."患者ID" = visits."患者ID"')[0]
				.values[0][0];
			expect(joined).toBe(80);
			const format = db.exec('SELECT format FROM tokumei_processing_record')[0].values[0][0];
			expect(format).toBe('tokumei-release-record');
		} finally {
			db.close();
		}
		expect(out.tables.map((t) => t.output)).toEqual(['visits', 'labs']);
	});

	it('refuses a table named twice and names the table whose design is broken', async () => {
		const { api } = await setup();
		await expect(
			api.exportTable('r5', { tables: [both()[0], both()[0]], format: 'delimited' })
		).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		const broken = { ...labsProject(), attributes: { 無い列: { role: 'insensitive' as const } } };
		await expect(
			api.exportTable('r6', { tables: [both()[0], { tableId: 'l', project: broken }], format: 'delimited' })
		).rejects.toThrow(/labs\.csv: .*無い列/);
		// A design that is not anonymous: refused, and the message names its table.
		const strict = { ...visitsProject(), privacy: [{ model: 'k-anonymity' as const, k: 50 }] };
		await expect(
			api.exportTable('r7', { tables: [{ tableId: 'v', project: strict }, both()[1]], format: 'delimited' })
		).rejects.toThrow(/^visits\.csv: .*does not satisfy the privacy models/);
		// Tables designed under different presets (匿名加工, 仮名加工) are not one release.
		const pseudonymous = { ...labsProject(), ui: { tableId: 'l', preset: 'pseudonymous' as const } };
		await expect(
			api.exportTable('r8', {
				tables: [both()[0], { tableId: 'l', project: pseudonymous }],
				format: 'delimited'
			})
		).rejects.toMatchObject({ code: 'MIXED_PRESETS' });
	});
});
