import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvText } from '../../../src/lib/engine/table/csv';
import { tempDirs } from './temp-dirs';

const tempDir = tempDirs('tokumei-release-');

function cli(command: string, args: string[]) {
	return spawnSync(process.execPath, ['bin/tokumei.mjs', command, ...args], { encoding: 'utf8' });
}

beforeAll(() => {
	execFileSync(process.execPath, ['scripts/build-cli.mjs']);
}, 60_000);

/** 10 patients: 2 visits each with insurance columns, 3 lab results each with the patient ID only. */
const ids = Array.from({ length: 10 }, (_, i) => `K${100 + i}`);
const visitLines = ids.flatMap((id, i) =>
	['2024-04-01', '2024-06-01'].map((date) =>
		[id, '06130012', String(500 + i), String(1 + (i % 2)), String(30 + i), date].join(',')
	)
);
const labLines = ids.flatMap((id, i) =>
	['2024-04-02', '2024-05-20', '2024-07-01'].map((date, j) => [id, date, `${i}.${j}`].join(','))
);

/** Writes the two tables and their projects into `dir`; returns the project files. */
function release(dir: string, visitExtra: object = {}, labExtra: object = {}) {
	writeFileSync(
		path.join(dir, 'visits.csv'),
		'patient_id,insurer,number,sex,age,visit\n' + visitLines.join('\n') + '\n'
	);
	writeFileSync(path.join(dir, 'labs.csv'), 'patient_id,tested,value\n' + labLines.join('\n') + '\n');
	const visits = path.join(dir, 'visits.json');
	const labs = path.join(dir, 'labs.json');
	writeFileSync(
		visits,
		JSON.stringify({
			tokumei: 1,
			data: { path: 'visits.csv' },
			attributes: {
				patient_id: { role: 'identifying', treatment: 'surrogate' },
				insurer: { role: 'identifying' },
				number: { role: 'identifying' },
				sex: { role: 'quasi-identifying' },
				age: {
					role: 'quasi-identifying',
					hierarchy: { rows: Array.from({ length: 10 }, (_, i) => [String(30 + i), '30-39']) }
				},
				visit: { role: 'insensitive' }
			},
			patient: { id: 'patient_id', insurer: 'insurer', number: 'number', eventDate: 'visit' },
			privacy: [{ model: 'k-anonymity', k: 2 }],
			transformation: { sex: 0, age: 1 },
			...visitExtra
		})
	);
	writeFileSync(
		labs,
		JSON.stringify({
			tokumei: 1,
			data: { path: 'labs.csv' },
			attributes: {
				patient_id: { role: 'identifying', treatment: 'surrogate' },
				tested: { role: 'insensitive' },
				value: { role: 'insensitive' }
			},
			patient: { id: 'patient_id', eventDate: 'tested' },
			...labExtra
		})
	);
	return { visits, labs };
}

const rowsOf = (file: string) => parseCsvText(readFileSync(file, 'utf-8'), ',').rows;

/** Raw patient ID → surrogate, checking that a patient has one surrogate throughout the file. */
function surrogates(rawLines: string[], file: string): Map<string, string> {
	const out = rowsOf(file);
	expect(out).toHaveLength(rawLines.length);
	const map = new Map<string, string>();
	rawLines.forEach((line, i) => {
		const id = line.split(',')[0];
		if (map.has(id)) expect(out[i][0]).toBe(map.get(id));
		map.set(id, out[i][0]);
	});
	return map;
}

describe('tokumei release', () => {
	it('gives a patient one surrogate in every output file, and new surrogates in the next release', () => {
		const dir = tempDir();
		const { visits, labs } = release(dir);
		const outDir = path.join(dir, 'out');
		const run = cli('release', [visits, labs, '--out-dir', outDir]);
		expect(run.status, run.stderr).toBe(0);
		expect(readdirSync(outDir).sort()).toEqual(['labs-anonymized.csv', 'visits-anonymized.csv']);
		const visitIds = surrogates(visitLines, path.join(outDir, 'visits-anonymized.csv'));
		const labIds = surrogates(labLines, path.join(outDir, 'labs-anonymized.csv'));
		expect(new Set(visitIds.values()).size).toBe(ids.length);
		for (const id of ids) expect(labIds.get(id)).toBe(visitIds.get(id));
		const summary = JSON.parse(run.stdout);
		expect(
			summary.tables.map((t: { name: string; recordsIn: number; recordsOut: number }) => t)
		).toMatchObject([
			{ name: 'visits.csv', recordsIn: 20, recordsOut: 20, patientsIn: 10 },
			{ name: 'labs.csv', recordsIn: 30, recordsOut: 30, patientsIn: 10 }
		]);
		expect(summary.optOut).toBeNull();
		expect(summary.linkedBy).toBe('patient_id');
		expect(run.stdout).not.toMatch(/K10\d/);

		const again = cli('release', [visits, labs, '--out-dir', outDir]);
		expect(again.status, again.stderr).toBe(0);
		const next = surrogates(labLines, path.join(outDir, 'labs-anonymized.csv'));
		for (const id of ids) expect(next.get(id)).not.toBe(labIds.get(id));
	});

	it('removes a patient listed by insurance number from both tables and reports release counts only', () => {
		const dir = tempDir();
		const { visits, labs } = release(dir);
		const list = path.join(dir, 'optout.csv');
		// K102 refused by insurance number; K105 by a notice date (records before 2024-05-01 go);
		// one entry matches nobody.
		writeFileSync(
			list,
			'保険者番号,番号,患者ID,通知日\n０６１３００１２,５０２,,\n,,K105,2024-04-01\n06130012,999,,\n'
		);
		const outDir = path.join(dir, 'out');
		const run = cli('release', [visits, labs, '--out-dir', outDir, '--optout', list]);
		expect(run.status, run.stderr).toBe(0);
		const summary = JSON.parse(run.stdout);
		expect(summary.optOut).toEqual({
			entries: 3,
			matchedEntries: 2,
			refusedRecords: 5,
			noticePeriodRecords: 2,
			patientsRemoved: 2
		});
		expect(summary.optOutLinkedTables).toBe(1);
		expect(summary.tables[1].optOut).toMatchObject({ refusedRecords: 3, noticePeriodRecords: 1 });
		expect(summary.tables.map((t: { recordsOut: number }) => t.recordsOut)).toEqual([17, 26]);
		expect(run.stdout).not.toMatch(/K10\d|06130012|502/);

		const keptLabs = labLines.filter((l) => !l.startsWith('K102') && !l.startsWith('K105,2024-04'));
		const labIds = surrogates(keptLabs, path.join(outDir, 'labs-anonymized.csv'));
		const keptVisits = visitLines.filter(
			(l) => !l.startsWith('K102') && !l.startsWith('K105,06130012,505,2,35,2024-04')
		);
		const visitIds = surrogates(keptVisits, path.join(outDir, 'visits-anonymized.csv'));
		expect(labIds.has('K102')).toBe(false);
		for (const [id, surrogate] of labIds) expect(visitIds.get(id)).toBe(surrogate);
	});

	it('writes the release record as JSON and HTML', () => {
		const dir = tempDir();
		const { visits, labs } = release(dir);
		const list = path.join(dir, 'optout.csv');
		writeFileSync(list, 'insurer_number,number\n06130012,503\n');
		const report = path.join(dir, 'record.json');
		const args = [visits, labs, '--out-dir', path.join(dir, 'out'), '--optout', list, '--preset', 'hipaa'];
		const run = cli('release', [...args, '--report', report]);
		expect(run.status, run.stderr).toBe(0);
		const record = JSON.parse(readFileSync(report, 'utf-8'));
		expect(record.format).toBe('tokumei-release-record');
		expect(record.preset).toBe('hipaa');
		expect(record.optOut).toEqual(JSON.parse(run.stdout).optOut);
		expect(record.tables.map((t: { name: string }) => t.name)).toEqual(['visits.csv', 'labs.csv']);
		expect(record.totals.records).toEqual({ in: 50, out: 45 });
		expect(readFileSync(report, 'utf-8')).not.toMatch(/K10\d/);
		const html = path.join(dir, 'record.html');
		expect(cli('release', [...args, '--report', html, '--lang', 'en']).status).toBe(0);
		expect(readFileSync(html, 'utf-8')).toMatch(/<html[^>]*lang="en"/);
	});

	it('writes the bytes tokumei apply writes when no surrogate is involved', () => {
		const dir = tempDir();
		const noSurrogate = { patient_id: { role: 'identifying' }, tested: { role: 'insensitive' } };
		const { visits, labs } = release(dir, {}, { attributes: noSurrogate });
		const outDir = path.join(dir, 'out');
		const run = cli('release', [visits, labs, '--out-dir', outDir, '--delimiter', 'tab']);
		expect(run.status, run.stderr).toBe(0);
		const alone = path.join(dir, 'alone.tsv');
		expect(cli('apply', [labs, '--out', alone, '--delimiter', 'tab']).status).toBe(0);
		expect(readFileSync(path.join(outDir, 'labs-anonymized.tsv')).equals(readFileSync(alone))).toBe(true);
	});

	it('refuses bad input with exit 2 and leaves no file', () => {
		const dir = tempDir();
		const { visits, labs } = release(dir, {
			privacy: [{ model: 'k-anonymity', k: 50 }],
			suppressionLimit: 0
		});
		const outDir = path.join(dir, 'out');
		mkdirSync(outDir);
		// The labs table comes first and passes; the visits table is refused in its pass 1.
		const refused = cli('release', [labs, visits, '--out-dir', outDir]);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toMatch(/^tokumei release: .*privacy models/);
		expect(readdirSync(outDir)).toEqual([]);

		const same = cli('release', [labs, labs, '--out-dir', outDir]);
		expect(same.status).toBe(2);
		expect(same.stderr).toMatch(/would both write labs-anonymized\.csv/);

		const notes = path.join(dir, 'notes.json');
		writeFileSync(path.join(dir, 'notes.csv'), 'note\nx\ny\n');
		writeFileSync(notes, JSON.stringify({ tokumei: 1, data: { path: 'notes.csv' }, attributes: {} }));
		const list = path.join(dir, 'optout.csv');
		writeFileSync(list, 'patient_id\nK101\n');
		const unmatched = cli('release', [labs, notes, '--out-dir', outDir, '--optout', list]);
		expect(unmatched.status).toBe(2);
		expect(unmatched.stderr).toMatch(/^tokumei release: notes\.csv: The opt-out list cannot be matched/);
		expect(readdirSync(outDir)).toEqual([]);

		expect(cli('release', [labs]).stderr).toMatch(/--out-dir is required/);
		expect(cli('release', ['--out-dir', outDir]).stderr).toMatch(/project files are missing/);
		expect(cli('release', [labs, '--out-dir', outDir, '--preset', 'x']).status).toBe(2);
		expect(existsSync(path.join(outDir, 'labs-anonymized.csv'))).toBe(false);
		const help = cli('release', ['--help']);
		expect(help.status).toBe(0);
		expect(help.stdout).toMatch(/one release/i);
	});

	it('accepts --preset hipaa in tokumei apply', () => {
		const dir = tempDir();
		const { labs } = release(dir);
		const report = path.join(dir, 'record.json');
		const run = cli('apply', [
			labs,
			'--out',
			path.join(dir, 'o.csv'),
			'--report',
			report,
			'--preset',
			'hipaa'
		]);
		expect(run.status, run.stderr).toBe(0);
		expect(JSON.parse(readFileSync(report, 'utf-8')).preset).toBe('hipaa');
	});
});
