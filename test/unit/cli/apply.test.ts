import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../../src/lib/engine/config/project-config';
import { hierarchyFromCsv } from '../../../src/lib/engine/hierarchy/arx-csv';
import { type Hierarchy } from '../../../src/lib/engine/hierarchy/hierarchy';
import { applyTable, rowsInput } from '../../../src/lib/engine/apply/apply-table';
import { parseCsvText } from '../../../src/lib/engine/table/csv';
import { importTable } from '../../../src/lib/engine/table/import';
import { groupify } from '../../../src/lib/engine/classes/groupify';
import { tempDirs } from './temp-dirs';
import Encoding from 'encoding-japanese';

const adultDir = path.resolve(process.cwd(), '../shared/datasets/arx/adult');
const adultAvailable = existsSync(path.join(adultDir, 'adult.csv'));
if (!adultAvailable) console.warn(`skipping the apply CLI tests on adult: ${adultDir} is missing`);
const qis = ['sex', 'age', 'race', 'marital-status'];

const tempDir = tempDirs('tokumei-apply-');

function writeJson(dir: string, config: object): string {
	const file = path.join(dir, 'project.json');
	writeFileSync(file, JSON.stringify(config));
	return file;
}

function apply(args: string[], env: Record<string, string> = {}) {
	return spawnSync(process.execPath, ['bin/tokumei.mjs', 'apply', ...args], {
		encoding: 'utf8',
		env: { ...process.env, ...env }
	});
}

function adultConfig(extra: object = {}) {
	return {
		tokumei: 1,
		data: { path: path.join(adultDir, 'adult.csv'), delimiter: ';' },
		attributes: {
			...Object.fromEntries(
				qis.map((a) => [
					a,
					{ role: 'quasi-identifying', hierarchy: { path: path.join(adultDir, `adult_hierarchy_${a}.csv`) } }
				])
			),
			education: { role: 'identifying' },
			'salary-class': { role: 'sensitive' }
		},
		privacy: [{ model: 'k-anonymity', k: 5 }],
		suppressionLimit: 0.02,
		transformation: { sex: 0, age: 1, race: 0, 'marital-status': 1 },
		...extra
	};
}

beforeAll(() => {
	execFileSync(process.execPath, ['scripts/build-cli.mjs']);
}, 60_000);

describe.skipIf(!adultAvailable)('tokumei apply on adult', () => {
	it('writes an output whose re-measured k equals what the summary and the report claim', async () => {
		const dir = tempDir();
		const out = path.join(dir, 'out.csv');
		const report = path.join(dir, 'record.json');
		const run = apply([writeJson(dir, adultConfig()), '--out', out, '--report', report]);
		expect(run.status, run.stderr).toBe(0);
		const summary = JSON.parse(run.stdout);
		const record = JSON.parse(readFileSync(report, 'utf-8'));
		expect(summary.privacy.suppressedRecords).toBe(140);
		expect(record.figures.k).toBe(summary.privacy.minClassSize);
		expect(record.records).toEqual({ in: 30162, out: 30162 });

		const imported = await importTable(readFileSync(out));
		expect(imported.header).not.toContain('education');
		const columns = qis.map((name) => imported.table.columns.find((c) => c.name === name)!);
		const keep = new Uint8Array(imported.table.rowCount);
		let masked = 0;
		for (let row = 0; row < keep.length; row++) {
			const suppressed = columns.every((c) => c.values[c.codes[row]] === '*');
			keep[row] = suppressed ? 0 : 1;
			masked += suppressed ? 1 : 0;
		}
		expect(masked).toBe(summary.privacy.suppressedRecords);
		const classes = groupify(
			columns.map((c) => c.codes),
			columns.map((c) => c.values.length),
			imported.table.rowCount,
			keep
		);
		expect(Math.min(...classes.sizes)).toBe(record.figures.k);
		expect(Math.min(...classes.sizes)).toBeGreaterThanOrEqual(5);
		expect(classes.count).toBe(summary.privacy.equivalenceClasses);
	}, 60_000);

	it('writes the same bytes as the in-memory export (Shift_JIS, TSV)', async () => {
		const dir = tempDir();
		const out = path.join(dir, 'out.tsv');
		const config = adultConfig();
		const run = apply([
			writeJson(dir, config),
			'--out',
			out,
			'--encoding',
			'shift_jis',
			'--delimiter',
			'tab'
		]);
		expect(run.status, run.stderr).toBe(0);
		const { header, rows } = parseCsvText(readFileSync(path.join(adultDir, 'adult.csv'), 'utf-8'), ';');
		const hierarchies: Record<string, Hierarchy> = {};
		for (const name of qis) {
			hierarchies[name] = hierarchyFromCsv(
				name,
				readFileSync(path.join(adultDir, `adult_hierarchy_${name}.csv`), 'utf-8')
			);
		}
		const { bytes } = await applyTable(
			{ config: parseProjectConfig(config), hierarchies },
			rowsInput(header, rows),
			{
				output: { encoding: 'shift_jis', delimiter: '\t' }
			}
		);
		const written = readFileSync(out);
		expect(written.length).toBe(bytes.length);
		// Buffer.equals: an element-wise deep equality of megabytes is needlessly slow.
		expect(written.equals(bytes)).toBe(true);
	}, 60_000);

	it('refuses a transformation that is not anonymous and leaves no output file', () => {
		const dir = tempDir();
		const out = path.join(dir, 'out.csv');
		const run = apply([writeJson(dir, adultConfig({ suppressionLimit: 0 })), '--out', out]);
		expect(run.status).toBe(2);
		expect(run.stderr).toMatch(/does not satisfy the privacy models/);
		expect(existsSync(out)).toBe(false);
	});
});

describe('tokumei apply', () => {
	const header = 'patient_id,kana,birth,sex,age,visit,insurer,number\n';
	const ages = Array.from({ length: 20 }, (_, i) => [String(30 + i), i < 10 ? '30-39' : '40-49', '*']);
	const lines = Array.from({ length: 40 }, (_, i) =>
		[
			`P${i}`,
			i === 7 ? 'ﾀﾅｶ ﾀﾛｳ' : `カナ${i}`,
			'1980-01-01',
			String(1 + (i % 2)),
			String(30 + (i % 20)),
			`2024-05-${String(1 + (i % 28)).padStart(2, '0')}`,
			'06130012',
			String(100 + i)
		].join(',')
	);

	function project(dir: string, treatment = 'pseudonym') {
		writeFileSync(path.join(dir, 'data.csv'), header + lines.join('\n') + '\n');
		return writeJson(dir, {
			tokumei: 1,
			data: { path: 'data.csv' },
			attributes: {
				patient_id: { role: 'identifying', treatment },
				kana: { role: 'identifying' },
				birth: { role: 'identifying' },
				insurer: { role: 'identifying' },
				number: { role: 'identifying' },
				sex: {
					role: 'quasi-identifying',
					hierarchy: {
						rows: [
							['1', '*'],
							['2', '*']
						]
					}
				},
				age: { role: 'quasi-identifying', hierarchy: { rows: ages } },
				visit: { role: 'insensitive', treatment: 'date-shift' }
			},
			patient: {
				id: 'patient_id',
				kanaName: 'kana',
				birthDate: 'birth',
				sex: 'sex',
				insurer: 'insurer',
				number: 'number',
				eventDate: 'visit'
			},
			privacy: [{ model: 'k-anonymity', k: 2 }],
			suppressionLimit: 0.5,
			transformation: { sex: 0, age: 1 }
		});
	}

	it('pseudonymizes with a key from the environment or a file, the same either way', () => {
		const dir = tempDir();
		const config = project(dir);
		const key = 'ab'.repeat(32);
		const keyFile = path.join(dir, 'key.txt');
		writeFileSync(keyFile, Buffer.from(key, 'hex').toString('base64') + '\n');
		const a = apply([config, '--out', path.join(dir, 'a.csv')], { TOKUMEI_PSEUDONYM_KEY: key });
		const b = apply([config, '--out', path.join(dir, 'b.csv'), '--key-file', keyFile]);
		expect(a.status, a.stderr).toBe(0);
		expect(b.status, b.stderr).toBe(0);
		const text = readFileSync(path.join(dir, 'a.csv'), 'utf-8');
		expect(readFileSync(path.join(dir, 'b.csv'), 'utf-8')).toBe(text);
		expect(text.split('\r\n')[0]).toBe('patient_id,sex,age,visit');
		expect(text).not.toMatch(/\bP\d+\b/);
		expect(text).not.toContain(key);
		const missing = apply([config, '--out', path.join(dir, 'c.csv')], { TOKUMEI_PSEUDONYM_KEY: '' });
		expect(missing.status).toBe(2);
		expect(missing.stderr).toMatch(/needs a key/);
	});

	it('applies an opt-out list (counts only in the summary)', () => {
		const dir = tempDir();
		const config = project(dir, 'surrogate');
		const list = path.join(dir, 'optout.csv');
		writeFileSync(
			list,
			'カナ氏名,生年月日,性別,保険者番号,番号,notice_date\nタナカ タロウ,昭和55年1月1日,2,,,\n,,,０６１３－００１２,１０３,\n,,,06130012,110,2024-05-01\n'
		);
		const run = apply([config, '--out', path.join(dir, 'out.csv'), '--optout', list]);
		expect(run.status, run.stderr).toBe(0);
		const summary = JSON.parse(run.stdout);
		// P7 (kana, 和暦, sex 2), P3 (insurer, full-width), P10 visit 2024-05-11 < 05-31 (notice period).
		expect(summary.optOut).toEqual({
			entries: 3,
			matchedEntries: 3,
			refusedRecords: 2,
			noticePeriodRecords: 1,
			patientsRemoved: 3
		});
		expect(summary.recordsOut).toBe(37);
		expect(run.stdout).not.toMatch(/タナカ|P7|06130012/);
	});

	it('links the opt-out list by patient ID: a patient refused by name loses the records without the name', () => {
		const dir = tempDir();
		const config = project(dir, 'surrogate');
		// Two more visits of P7 (kana ﾀﾅｶ ﾀﾛｳ on the first one only), as a visit table often has.
		const data = path.join(dir, 'data.csv');
		writeFileSync(data, readFileSync(data, 'utf8') + 'P7,,,2,37,2024-06-01,,\nP7,,,2,37,2024-06-15,,\n');
		const list = path.join(dir, 'optout.csv');
		writeFileSync(list, 'カナ氏名,生年月日,性別\nタナカ タロウ,昭和55年1月1日,2\n');
		const run = apply([config, '--out', path.join(dir, 'out.csv'), '--optout', list]);
		expect(run.status, run.stderr).toBe(0);
		const summary = JSON.parse(run.stdout);
		expect(summary.optOut).toMatchObject({ matchedEntries: 1, refusedRecords: 3, patientsRemoved: 1 });
		expect(summary.recordsIn - summary.recordsOut).toBe(3);
	});

	it('explains bad arguments and documents the memory bound', () => {
		expect(apply([]).status).toBe(2);
		const dir = tempDir();
		expect(apply([project(dir)]).stderr).toMatch(/--out is required/);
		expect(apply([project(dir), '--out', 'x', '--encoding', 'latin1']).stderr).toMatch(/--encoding/);
		const help = apply(['--help']);
		expect(help.status).toBe(0);
		expect(help.stdout).toMatch(/Memory bound/);
	});
});

describe('tokumei apply on a Shift_JIS file', () => {
	// Bytes made by encoding-japanese, independent of the engine's decoder.
	const shiftJis = (text: string) =>
		Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
	const rows = Array.from({ length: 24 }, (_, i) =>
		[`13${String(100 + (i % 3)).padStart(5, '0')}`, i % 2 ? '男' : '女', `メモ${i}`, '', `診察${i % 4}`].join(
			','
		)
	);
	const data = shiftJis('郵便番号,性別,備考,,備考\n' + rows.join('\n') + '\n');

	function project(dir: string, extra: object = {}) {
		writeFileSync(path.join(dir, 'data.csv'), data);
		return writeJson(dir, {
			tokumei: 1,
			data: { path: 'data.csv' },
			attributes: {
				郵便番号: { role: 'quasi-identifying', hierarchy: { builder: 'mask' } },
				性別: { role: 'quasi-identifying' },
				備考: { role: 'identifying' },
				column_4: { role: 'insensitive' },
				備考_2: { role: 'insensitive' }
			},
			privacy: [{ model: 'k-anonymity', k: 4 }],
			transformation: { 郵便番号: 0, 性別: 0 },
			...extra
		});
	}

	it('detects the encoding, repairs the header like the browser, builds hierarchies from the values', async () => {
		const dir = tempDir();
		const out = path.join(dir, 'out.csv');
		for (const encoding of [undefined, 'auto', 'shift_jis']) {
			const run = apply([project(dir, { data: { path: 'data.csv', encoding } }), '--out', out]);
			expect(run.status, run.stderr).toBe(0);
			const imported = await importTable(readFileSync(out));
			expect(imported.encoding).toBe('utf-8');
			expect(imported.header).toEqual(['郵便番号', '性別', 'column_4', '備考_2']);
			const sex = imported.table.columns[1];
			expect([...sex.values].sort()).toEqual(['女', '男']);
			expect(JSON.parse(run.stdout).privacy.minClassSize).toBe(4);
		}
	});

	it('decides the encoding where the first non-ASCII byte is, past the first read chunks', () => {
		const dir = tempDir();
		const ascii = Array.from({ length: 6000 }, (_, i) => `${1000000 + (i % 50)},m,note ${i}`);
		const late = Array.from({ length: 10 }, (_, i) => `${1000000 + i},f,東京の患者${i}`);
		writeFileSync(
			path.join(dir, 'data.csv'),
			shiftJis(['zip,sex,note', ...ascii, ...late].join('\n') + '\n')
		);
		const config = writeJson(dir, {
			tokumei: 1,
			data: { path: 'data.csv' },
			attributes: {
				zip: { role: 'quasi-identifying', hierarchy: { builder: 'mask' } },
				sex: { role: 'quasi-identifying' }
			}
		});
		const out = path.join(dir, 'out.csv');
		const run = apply([config, '--out', out]);
		expect(run.status, run.stderr).toBe(0);
		const text = readFileSync(out, 'utf-8');
		expect(text).toContain('東京の患者9');
		expect(text.split('\n').filter((line) => line !== '')).toHaveLength(6011);
	});

	it('a level above 0 for a QI without a hierarchy, or a wrong encoding, is one line on stderr, exit 2', () => {
		const dir = tempDir();
		const out = path.join(dir, 'out.csv');
		const level = apply([project(dir, { transformation: { 性別: 1 } }), '--out', out]);
		expect(level.status).toBe(2);
		expect(level.stderr).toMatch(/^tokumei apply: transformation\.性別: level 1 needs a hierarchy/);
		expect(level.stderr.trim().split('\n')).toHaveLength(1);
		const utf8 = apply([project(dir, { data: { path: 'data.csv', encoding: 'utf-8' } }), '--out', out]);
		expect(utf8.status).toBe(2);
		expect(utf8.stderr).toMatch(/^tokumei apply: data\.path: .* is not valid utf-8/);
		expect(existsSync(out)).toBe(false);
	});
});
