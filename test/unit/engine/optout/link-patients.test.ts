import { describe, expect, it } from 'vitest';
import { rowsInput } from '../../../../src/lib/engine/apply/apply-table';
import { linkOptOutPatients } from '../../../../src/lib/engine/optout/link-patients';
import { OptOutMatcher, parseOptOutList, type OptOutEntry } from '../../../../src/lib/engine/optout/opt-out';
import { ReleaseOptOutTally } from '../../../../src/lib/engine/optout/release-tally';

const visitHeader = ['id', 'insurer', 'number', 'kana', 'birth', 'sex', 'date'];
const visits = [
	['Ｐ１', '06130012', '11', 'ヤマダ タロウ', '1980-01-01', '1', '2024-04-01'],
	['P2', '06130012', '22', 'スズキ ハナコ', '1975-03-03', '2', '2024-04-01'],
	// P2's insurance changed: both numbers identify the same patient ID.
	['P2', '39131015', '7', 'スズキ ハナコ', '1975-03-03', '2', '2024-06-01'],
	['', '06130012', '33', 'サトウ ジロウ', '1950-06-06', '1', '2024-04-01'],
	['P4', '06130012', '44', 'イトウ ケン', '2000-02-02', '1', '2024-04-01']
];
const visitTable = {
	...rowsInput(visitHeader, visits, 2),
	patient: {
		id: 'id',
		insurer: 'insurer',
		number: 'number',
		kanaName: 'kana',
		birthDate: 'birth',
		sex: 'sex',
		eventDate: 'date'
	}
};
const labHeader = ['id', 'date'];
const labs = [
	['P1', '2024-04-02'],
	['P2', '2024-04-02'],
	['P2', '2024-07-02'],
	['P3', '2024-04-02'],
	['', '2024-04-02'],
	['P4', '2024-04-02'],
	['P4', '2024-07-02']
];
const labTable = { ...rowsInput(labHeader, labs), patient: { id: 'id', eventDate: 'date' } };

describe('linkOptOutPatients', () => {
	it('links the IDs of the rows each entry matches, never an empty ID, without touching the list', async () => {
		const list = parseOptOutList(
			['保険者番号', '番号', 'カナ氏名', '生年月日', '性別'],
			[
				['06130012', '11', '', '', ''],
				['39131015', '7', '', '', ''],
				['06130012', '33', '', '', ''],
				['', '', 'ｽｽﾞｷ ﾊﾅｺ', 'S50.03.03', '女'],
				['99999999', '1', '', '', '']
			]
		);
		const { entries, tablesScanned } = await linkOptOutPatients(list, [visitTable, labTable]);
		expect(tablesScanned).toBe(1);
		expect(entries.map((e) => e.linkedPatientIds)).toEqual([['P1'], ['P2'], [], ['P2'], []]);
		expect(list.every((e) => e.linkedPatientIds === undefined)).toBe(true);

		// The labs table (patient ID only) now matches, P2 on both of their records, and the
		// record without an ID stays.
		const matcher = new OptOutMatcher(entries, labHeader, labTable.patient);
		expect(labs.filter((row) => matcher.check(row) === 'keep').map((row) => row[0])).toEqual([
			'P3',
			'',
			'P4',
			'P4'
		]);
		expect(matcher.counts()).toMatchObject({ matchedEntries: 2, refusedRecords: 3, patientsRemoved: 2 });
	});

	it('scans nothing when no table has a patient ID beside another identifier of the list', async () => {
		const list = parseOptOutList(['保険者番号', '番号'], [['06130012', '11']]);
		const noIds = { ...visitTable, patient: { ...visitTable.patient, id: undefined } };
		const linking = await linkOptOutPatients(list, [noIds, labTable]);
		expect(linking.tablesScanned).toBe(0);
		expect(linking.entries[0].linkedPatientIds).toBeUndefined();
		expect(() => new OptOutMatcher(linking.entries, labHeader, labTable.patient)).toThrow(
			/cannot be matched/
		);
		// Linked but empty still makes the ID column matchable (nobody of the list is in the data).
		const none = parseOptOutList(['保険者番号', '番号'], [['99999999', '1']]);
		const linked = await linkOptOutPatients(none, [visitTable, labTable]);
		const matcher = new OptOutMatcher(linked.entries, labHeader, labTable.patient);
		expect(labs.every((row) => matcher.check(row) === 'keep')).toBe(true);
	});

	it('finds a patient listed by ID in a table keyed only by the insurance card', async () => {
		// レセプト-like table: insurance card and kana name, no patient ID column.
		const claimsHeader = ['insurer', 'number', 'points'];
		const claims = [
			['06130012', '11', '120'],
			['０６１３００１２', '２２', '80'],
			['39131015', '7', '45'],
			['06130012', '44', '300']
		];
		const claimsTable = {
			...rowsInput(claimsHeader, claims),
			patient: { insurer: 'insurer', number: 'number' }
		};
		const list = parseOptOutList(['patient_id'], [['P2'], ['P9']]);
		const { entries, tablesScanned } = await linkOptOutPatients(list, [visitTable, labTable, claimsTable]);
		expect(tablesScanned).toBe(1);
		const matcher = new OptOutMatcher(entries, claimsHeader, claimsTable.patient);
		// P2 had two cards (06130012-22 and 39131015-7): both claims go; the others stay.
		expect(claims.map((row) => matcher.check(row))).toEqual(['keep', 'refused', 'refused', 'keep']);
		// Without an ID-less table there is nothing to look for: no extra pass.
		expect((await linkOptOutPatients(list, [visitTable, labTable])).tablesScanned).toBe(0);
		// A listed patient found nowhere still leaves the claims table matchable (nothing removed).
		const absent = await linkOptOutPatients(parseOptOutList(['patient_id'], [['P9']]), [
			visitTable,
			claimsTable
		]);
		const none = new OptOutMatcher(absent.entries, claimsHeader, claimsTable.patient);
		expect(claims.map((row) => none.check(row))).toEqual(['keep', 'keep', 'keep', 'keep']);
	});

	it('a refusal decides before a notice-ledger entry, whichever identifier names the patient', async () => {
		const list = parseOptOutList(
			['patient_id', '保険者番号', '番号', 'カナ氏名', '生年月日', '性別', 'notice_date'],
			[
				['', '', '', 'スズキ ハナコ', '1975-03-03', '2', '2024-04-01'],
				['', '06130012', '22', '', '', '', ''],
				['P4', '', '', '', '', '', '2024-06-01'],
				['', '06130012', '44', '', '', '', '']
			]
		);
		const { entries } = await linkOptOutPatients(list, [visitTable]);
		const matcher = new OptOutMatcher(entries, labHeader, labTable.patient);
		// P2: refused (entry 2 beats the notice entry 1): both records go. P4: listed by ID with a notice
		// date and refused by insurance number (entry 4): the refusal decides, both records go.
		expect(labs.map((row) => matcher.check(row))).toEqual([
			'keep',
			'refused',
			'refused',
			'keep',
			'keep',
			'refused',
			'refused'
		]);
		// In the visits table too, where the row carries both identifiers.
		const visitMatcher = new OptOutMatcher(entries, visitHeader, visitTable.patient);
		expect(visitMatcher.check(visits[4])).toBe('refused');
	});

	it('counts a patient written Ｐ１ and P1 once in a table', () => {
		const matcher = new OptOutMatcher(parseOptOutList(['patient_id'], [['P1']]), labHeader, labTable.patient);
		expect(
			[
				['P1', '2024-04-02'],
				['Ｐ１', '2024-04-03'],
				['P 1', '2024-04-04']
			].map((r) => matcher.check(r))
		).toEqual(['refused', 'refused', 'refused']);
		expect(matcher.counts().patientsRemoved).toBe(1);
	});

	it('of two entries for one patient ID the refusal decides, of two notices the later', () => {
		const list = parseOptOutList(
			['patient_id', 'notice_date'],
			[
				['P1', ''],
				['P1', '2024-01-01'],
				['P2', '2024-01-01'],
				['P2', '2024-05-01']
			]
		);
		const matcher = new OptOutMatcher(list, labHeader, labTable.patient);
		// P1 refused whatever the order; P2's later notice (2024-05-01 + 30 days) excludes 2024-05-20.
		expect(matcher.check(['P1', '2024-12-01'])).toBe('refused');
		expect(matcher.check(['P2', '2024-05-20'])).toBe('notice-period');
		expect(matcher.check(['P2', '2024-06-01'])).toBe('keep');
		const reversed = new OptOutMatcher([list[1], list[0]], labHeader, labTable.patient);
		expect(reversed.check(['P1', '2024-12-01'])).toBe('refused');
	});
});

describe('ReleaseOptOutTally', () => {
	it('counts an entry matched in several tables once, patients by normalized ID, and a rebuilt matcher afresh', async () => {
		const list = parseOptOutList(['保険者番号', '番号'], [['06130012', '11']]);
		const { entries } = await linkOptOutPatients(list, [visitTable, labTable]);
		const tally = new ReleaseOptOutTally(entries, true);
		const run = (
			header: string[],
			rows: string[][],
			patient: object,
			entriesOfTable: readonly OptOutEntry[]
		) => {
			const matcher = new OptOutMatcher(entriesOfTable, header, patient);
			rows.forEach((row) => matcher.check(row));
			return matcher;
		};
		const visitList = tally.listForTable();
		const labList = tally.listForTable();
		run(visitHeader, visits, visitTable.patient, visitList);
		const labMatcher = run(labHeader, labs, labTable.patient, labList);
		const expected = {
			entries: 1,
			matchedEntries: 1,
			refusedRecords: 2,
			noticePeriodRecords: 0,
			patientsRemoved: 1
		};
		expect(tally.counts()).toEqual(expected);
		// The apply reads a table twice: a reset or a new matcher on the same list replaces its share.
		labMatcher.resetCounts();
		expect(tally.counts().refusedRecords).toBe(1);
		run(labHeader, labs, labTable.patient, labList);
		expect(tally.counts()).toEqual(expected);
		// A matcher on a list the tally did not hand out reports nothing to it.
		run(labHeader, labs, labTable.patient, entries);
		expect(tally.counts()).toEqual(expected);
		expect(new ReleaseOptOutTally(entries, false).counts().patientsRemoved).toBeNull();
	});
});
