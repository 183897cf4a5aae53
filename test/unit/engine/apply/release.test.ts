import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../../../src/lib/engine/config/project-config';
import { hierarchyFromRows } from '../../../../src/lib/engine/hierarchy/hierarchy';
import { applyTable, rowsInput } from '../../../../src/lib/engine/apply/apply-table';
import { prepareRelease, type ReleaseTable } from '../../../../src/lib/engine/apply/release';
import { parseOptOutList } from '../../../../src/lib/engine/optout/opt-out';
import { parseCsvText } from '../../../../src/lib/engine/table/csv';

/** 12 patients: 2 visits each (with insurance and kana columns), 3 lab results each (patient ID only). */
const patients = Array.from({ length: 12 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`);
const visitHeader = ['patient_id', 'insurer', 'number', 'kana', 'birth', 'sex', 'visit'];
const visitRows = patients.flatMap((id, i) =>
	['2024-04-01', '2024-06-01'].map((visit) => [
		id,
		'06130012',
		String(101 + i),
		`カナ${i + 1}`,
		'1980-01-01',
		String(1 + (i % 2)),
		visit
	])
);
const labHeader = ['patient_id', 'tested', 'value'];
const labRows = patients.flatMap((id, i) =>
	['2024-04-05', '2024-05-20', '2024-07-01'].map((tested, j) => [id, tested, String(i * 10 + j)])
);

function visits(idTreatment = 'surrogate', visitTreatment = 'keep', output: object = {}) {
	return {
		config: parseProjectConfig({
			tokumei: 1,
			data: { path: 'visits.csv' },
			attributes: {
				patient_id: { role: 'identifying', treatment: idTreatment },
				insurer: { role: 'identifying' },
				number: { role: 'identifying' },
				kana: { role: 'identifying' },
				birth: { role: 'identifying' },
				sex: {
					role: 'quasi-identifying',
					hierarchy: {
						rows: [
							['1', '*'],
							['2', '*']
						]
					}
				},
				visit: { role: 'insensitive', treatment: visitTreatment }
			},
			patient: {
				id: 'patient_id',
				insurer: 'insurer',
				number: 'number',
				kanaName: 'kana',
				birthDate: 'birth',
				sex: 'sex',
				eventDate: 'visit'
			},
			privacy: [{ model: 'k-anonymity', k: 2 }],
			transformation: { sex: 0 },
			output
		}),
		hierarchies: {
			sex: hierarchyFromRows('sex', [
				['1', '*'],
				['2', '*']
			])
		}
	};
}

function labs(idTreatment = 'surrogate', testedTreatment = 'keep', output: object = {}) {
	return {
		config: parseProjectConfig({
			tokumei: 1,
			data: { path: 'labs.csv' },
			attributes: {
				patient_id: { role: 'identifying', treatment: idTreatment },
				tested: { role: 'insensitive', treatment: testedTreatment },
				value: { role: 'insensitive' }
			},
			patient: { id: 'patient_id', eventDate: 'tested' },
			output
		}),
		hierarchies: {}
	};
}

function tables(visitProject = visits(), labProject = labs()): ReleaseTable[] {
	return [
		{ name: 'visits.csv', project: visitProject, input: rowsInput(visitHeader, visitRows, 5) },
		{ name: 'labs.csv', project: labProject, input: rowsInput(labHeader, labRows, 7) }
	];
}

const decode = (bytes: Uint8Array) => parseCsvText(new TextDecoder().decode(bytes), ',').rows;

/** Applies every table of a release; the output rows and summaries by table, and the release counts. */
async function applyRelease(release: ReleaseTable[], options: Parameters<typeof prepareRelease>[1] = {}) {
	const prepared = await prepareRelease(release, options);
	const applied = [];
	for (const [i, table] of release.entries()) {
		const { bytes, summary } = await applyTable(table.project, table.input, prepared.tables[i].options);
		applied.push({ rows: decode(bytes), summary, bytes });
	}
	return { prepared, visits: applied[0], labs: applied[1], counts: prepared.optOutCounts() };
}

/** Patient → replacement ID, from output rows in input order (raw rows kept by `kept`). */
function replacements(raw: string[][], out: string[][], column = 0): Map<string, string> {
	expect(out).toHaveLength(raw.length);
	const map = new Map<string, string>();
	raw.forEach((row, i) => {
		const previous = map.get(row[0]);
		if (previous !== undefined) expect(out[i][column]).toBe(previous);
		map.set(row[0], out[i][column]);
	});
	return map;
}

const list = (header: string[], rows: string[][]) => parseOptOutList(header, rows);

describe('prepareRelease', () => {
	it('gives a patient the same surrogate in every table, and another one in another release', async () => {
		const a = await applyRelease(tables());
		const visitIds = replacements(visitRows, a.visits.rows);
		const labIds = replacements(labRows, a.labs.rows);
		expect(new Set(visitIds.values()).size).toBe(patients.length);
		for (const id of patients) {
			expect(labIds.get(id)).toBe(visitIds.get(id));
			expect(visitIds.get(id)).toMatch(/^[0-9a-f]{32}$/);
		}
		const b = await applyRelease(tables());
		const again = replacements(visitRows, b.visits.rows);
		for (const id of patients) expect(again.get(id)).not.toBe(visitIds.get(id));
		expect(a.prepared.linkedBy).toBe('patient_id');
		expect((await prepareRelease(tables(visits('remove')))).linkedBy).toBeNull();
		// Separate applies without a shared release disagree, which is why the release exists.
		const alone = await applyTable(tables()[1].project, rowsInput(labHeader, labRows));
		expect(decode(alone.bytes)[0][0]).not.toBe(labIds.get('P01'));
	});

	it('gives the same surrogate to a patient ID written with full-width characters or spaces in another table', async () => {
		const toWide = (id: string) =>
			id.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
		const wideLabs = labRows.map(([id, ...rest], i) => [i % 2 ? toWide(id) : ` ${id} `, ...rest]);
		const prepared = await prepareRelease([
			tables()[0],
			{ name: 'labs.csv', project: labs(), input: rowsInput(labHeader, wideLabs, 7) }
		]);
		const v = await applyTable(tables()[0].project, tables()[0].input, prepared.tables[0].options);
		const l = await applyTable(labs(), rowsInput(labHeader, wideLabs, 7), prepared.tables[1].options);
		const visitIds = replacements(visitRows, decode(v.bytes));
		const labOut = decode(l.bytes);
		labRows.forEach(([id], i) => expect(labOut[i][0]).toBe(visitIds.get(id)));
		// Counted as the same patients too.
		expect(l.summary.patientsIn).toBe(patients.length);
	});

	it('gives keyed pseudonyms that agree across tables and across runs with the same key', async () => {
		const pseudonymKey = new Uint8Array(32).fill(7);
		const release = () => tables(visits('pseudonym'), labs('pseudonym'));
		const a = await applyRelease(release(), { pseudonymKey });
		const b = await applyRelease(release(), { pseudonymKey });
		expect(Buffer.from(b.visits.bytes).equals(Buffer.from(a.visits.bytes))).toBe(true);
		expect(Buffer.from(b.labs.bytes).equals(Buffer.from(a.labs.bytes))).toBe(true);
		const visitIds = replacements(visitRows, a.visits.rows);
		const labIds = replacements(labRows, a.labs.rows);
		for (const id of patients) expect(labIds.get(id)).toBe(visitIds.get(id));
		const other = await applyRelease(release(), { pseudonymKey: new Uint8Array(32).fill(8) });
		expect(replacements(labRows, other.labs.rows).get('P01')).not.toBe(labIds.get('P01'));
	});

	it('removes a patient listed by insurance number from both tables, also the table without insurance columns', async () => {
		const optOut = list(['保険者番号', '番号'], [['０６１３－００１２', '１０３']]);
		// Alone, the labs table cannot be matched on an insurance number.
		await expect(applyTable(tables()[1].project, rowsInput(labHeader, labRows), { optOut })).rejects.toThrow(
			/cannot be matched/
		);
		const r = await applyRelease(tables(), { optOut });
		expect(r.prepared.optOutLinkedTables).toBe(1);
		const keptVisits = visitRows.filter((row) => row[0] !== 'P03');
		const keptLabs = labRows.filter((row) => row[0] !== 'P03');
		expect(r.visits.rows.map((row) => row[2])).toEqual(keptVisits.map((row) => row[6]));
		expect(r.labs.rows.map((row) => row[2])).toEqual(keptLabs.map((row) => row[2]));
		const visitIds = replacements(keptVisits, r.visits.rows);
		const labIds = replacements(keptLabs, r.labs.rows);
		for (const [id, surrogate] of labIds) expect(visitIds.get(id)).toBe(surrogate);
		expect(r.labs.summary.optOut).toEqual({
			entries: 1,
			matchedEntries: 1,
			refusedRecords: 3,
			noticePeriodRecords: 0,
			patientsRemoved: 1
		});
		expect(r.counts).toEqual({
			entries: 1,
			matchedEntries: 1,
			refusedRecords: 5,
			noticePeriodRecords: 0,
			patientsRemoved: 1
		});
		// The entries the caller passed are left as they were (linked IDs live in the release only).
		expect(optOut[0].linkedPatientIds).toBeUndefined();
	});

	it('excludes only the early records of a notice-ledger entry, in both tables; counts are exact', async () => {
		const optOut = list(
			['カナ氏名', '生年月日', '性別', '保険者番号', '番号', '通知日'],
			[
				['ｶﾅ5', '昭和55年1月1日', '1', '', '', '2024-04-01'],
				['', '', '', '06130012', '103', ''],
				['', '', '', '06130012', '999', '']
			]
		);
		const r = await applyRelease(tables(), { optOut });
		// Notice 2024-04-01 + 30 days: P05's 04-01 visit and 04-05 lab go, 06-01, 05-20 and 07-01 stay.
		const early = (row: string[], date: string) => row[0] === 'P05' && date < '2024-05-01';
		const keptVisits = visitRows.filter((row) => row[0] !== 'P03' && !early(row, row[6]));
		const keptLabs = labRows.filter((row) => row[0] !== 'P03' && !early(row, row[1]));
		expect(r.visits.rows.map((row) => row[2])).toEqual(keptVisits.map((row) => row[6]));
		expect(r.labs.rows.map((row) => row[1])).toEqual(keptLabs.map((row) => row[1]));
		expect(keptLabs.filter((row) => row[0] === 'P05')).toHaveLength(2);
		expect(r.counts).toEqual({
			entries: 3,
			matchedEntries: 2,
			refusedRecords: 5,
			noticePeriodRecords: 2,
			patientsRemoved: 2
		});
		const sum = (field: 'refusedRecords' | 'noticePeriodRecords') =>
			r.visits.summary.optOut![field] + r.labs.summary.optOut![field];
		expect(sum('refusedRecords')).toBe(r.counts!.refusedRecords);
		expect(sum('noticePeriodRecords')).toBe(r.counts!.noticePeriodRecords);
		expect(r.visits.summary.recordsIn - r.visits.summary.recordsOut).toBe(3);

		// Applying a table again replaces its share instead of adding to it.
		const [, labTable] = tables();
		const again = await applyTable(labTable.project, labTable.input, r.prepared.tables[1].options);
		expect(again.summary.recordsOut).toBe(r.labs.summary.recordsOut);
		expect(r.prepared.optOutCounts()).toEqual(r.counts);
	});

	it('refuses a table the list cannot be matched in, naming it, and a list nothing can match', async () => {
		const notes = {
			config: parseProjectConfig({
				tokumei: 1,
				data: { path: 'notes.csv' },
				attributes: { note: { role: 'insensitive' } }
			}),
			hierarchies: {}
		};
		const optOut = list(['保険者番号', '番号'], [['06130012', '103']]);
		const withNotes = [
			...tables(),
			{ name: 'notes.csv', project: notes, input: rowsInput(['note'], [['x']]) }
		];
		await expect(prepareRelease(withNotes, { optOut })).rejects.toThrow(/^notes\.csv: .*cannot be matched/);
		const labsOnly = [tables()[1]];
		await expect(prepareRelease(labsOnly, { optOut })).rejects.toThrow(/^labs\.csv: .*cannot be matched/);
		// Without a list, a table without patient columns is fine.
		await expect(prepareRelease(withNotes)).resolves.toBeDefined();
		await expect(prepareRelease([])).rejects.toThrow(/at least one table/);
	});

	it('shifts a patient’s dates by one offset in every table; refuses tables that disagree on the range', async () => {
		const shifting = () => tables(visits('surrogate', 'date-shift'), labs('surrogate', 'date-shift'));
		const r = await applyRelease(shifting());
		const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
		const offsets = new Map<string, number>();
		const check = (id: string, from: string, to: string) => {
			const offset = day(to) - day(from);
			expect(offset).not.toBe(0);
			expect(Math.abs(offset)).toBeLessThanOrEqual(r.prepared.dateShiftDays);
			if (offsets.has(id)) expect(offset).toBe(offsets.get(id));
			offsets.set(id, offset);
		};
		visitRows.forEach((row, i) => check(row[0], row[6], r.visits.rows[i][2]));
		labRows.forEach((row, i) => check(row[0], row[1], r.labs.rows[i][1]));
		expect(r.prepared.dateShiftDays).toBe(30);

		const disagreeing = tables(
			visits('surrogate', 'date-shift', { dateShiftDays: 10 }),
			labs('surrogate', 'date-shift')
		);
		await expect(prepareRelease(disagreeing)).rejects.toThrow(
			/output\.dateShiftDays: .*visits\.csv: 10, labs\.csv: 30/
		);
		const overridden = await prepareRelease(disagreeing, { output: { dateShiftDays: 5 } });
		expect(overridden.dateShiftDays).toBe(5);
		// A table that does not shift dates does not take part.
		const oneShifts = tables(
			visits('surrogate', 'keep', { dateShiftDays: 10 }),
			labs('surrogate', 'date-shift')
		);
		expect((await prepareRelease(oneShifts)).dateShiftDays).toBe(30);
	});
});
