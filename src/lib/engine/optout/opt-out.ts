/**
 * 提供停止 (opt-out) under the 次世代医療基盤法 (DOMAIN.md §1.7): patients on the list are removed from
 * every table, matched on the raw identifiers before any processing, by patient ID, by 保険者番号 +
 * 記号 + 番号, or by カナ氏名 + 生年月日 + 性別. An entry with a notice date is a notice-ledger entry
 * instead: that patient's records dated earlier than notice date + N days (default 30, NCGG practice:
 * data flow one month after the notice) are excluded. Only counts leave this module.
 */
import type { PatientColumns } from '../apply/apply-config';
import { insuranceKey, nameKey, patientColumnIndex, type PatientColumnIndex } from './identity-keys';
import { dayNumber, normalizePatientId } from './normalize';
import { releaseSlotOf, type TableOptOutSlot } from './release-tally';

export class OptOutError extends Error {
	readonly code = 'BAD_OPT_OUT';
	constructor(message: string) {
		super(message);
		this.name = 'OptOutError';
	}
}

/** The fields read from an opt-out list's columns. */
type ListField = Exclude<keyof OptOutEntry, 'linkedPatientIds' | 'linkedInsuranceKeys' | 'linkedNameKeys'>;

/** Column names accepted in an opt-out list (English or the Japanese headings of typical ledgers). */
const HEADINGS: Record<ListField, readonly string[]> = {
	patientId: ['patient_id', 'patientid', '患者id', '患者番号', 'カルテ番号'],
	insurer: ['insurer_number', 'insurer', '保険者番号'],
	symbol: ['symbol', '記号', '被保険者証記号'],
	number: ['number', '番号', '被保険者証番号'],
	kanaName: ['kana_name', 'kana', 'カナ氏名', '氏名カナ', 'フリガナ'],
	birthDate: ['birth_date', 'birthdate', '生年月日'],
	sex: ['sex', '性別'],
	noticeDate: ['notice_date', '通知日', '通知年月日']
};

export interface OptOutEntry {
	patientId?: string;
	insurer?: string;
	symbol?: string;
	number?: string;
	kanaName?: string;
	birthDate?: string;
	sex?: string;
	/** Present: a notice-ledger entry (exclude records before notice + N days), not a refusal. */
	noticeDate?: string;
	/**
	 * Set by linkOptOutPatients (link-patients.ts) for a release of several tables: the normalized
	 * patient IDs of the rows this entry matched, by any identifier, in the tables that have a patient
	 * ID column. An empty array still says "IDs are linked in this release". Held in memory only:
	 * never serialized, never reported (DOMAIN.md §1.7: counts only).
	 */
	linkedPatientIds?: readonly string[];
	/**
	 * The insurance and kana-name keys (identity-keys.ts, normalized) found beside this entry's patient
	 * IDs, so a table without a patient ID column still finds a patient listed by ID. Memory only.
	 */
	linkedInsuranceKeys?: readonly string[];
	linkedNameKeys?: readonly string[];
}

/** Reads a parsed list (header + rows); each row must identify a person in at least one of the three ways. */
export function parseOptOutList(
	header: readonly string[],
	rows: readonly (readonly string[])[]
): OptOutEntry[] {
	const columns = new Map<ListField, number>();
	header.forEach((name, index) => {
		const key = name.normalize('NFKC').trim().toLowerCase();
		for (const [field, names] of Object.entries(HEADINGS)) {
			if (names.includes(key)) columns.set(field as ListField, index);
		}
	});
	if (columns.size === 0) {
		throw new OptOutError(
			`The opt-out list has none of the expected columns (${Object.values(HEADINGS)
				.map((n) => n[0])
				.join(', ')}).`
		);
	}
	return rows.map((row, i) => {
		const entry: OptOutEntry = {};
		for (const [field, index] of columns) {
			const value = (row[index] ?? '').trim();
			if (value !== '') entry[field] = value;
		}
		if (
			!entry.patientId &&
			!(entry.insurer && entry.number) &&
			!(entry.kanaName && entry.birthDate && entry.sex)
		) {
			throw new OptOutError(
				`Opt-out list row ${i + 2}: give a patient ID, an insurer number with 番号, or a kana name with birth date and sex.`
			);
		}
		if (entry.noticeDate !== undefined && dayNumber(entry.noticeDate) === null) {
			throw new OptOutError(`Opt-out list row ${i + 2}: notice date is not a date.`);
		}
		return entry;
	});
}

export type OptOutVerdict = 'keep' | 'refused' | 'notice-period';

export interface OptOutCounts {
	/** Entries on the list (refusals and notice-ledger entries). */
	entries: number;
	/** Entries that matched at least one record. */
	matchedEntries: number;
	/** Records removed because the patient refused provision. */
	refusedRecords: number;
	/** Records removed because they fall within the notice period. */
	noticePeriodRecords: number;
	/** Distinct patients (by the patient ID column, when there is one) with at least one record removed. */
	patientsRemoved: number | null;
}

/** Matches rows of a table against an opt-out list; keeps counts only. */
export class OptOutMatcher {
	private readonly byId = new Map<string, number>();
	private readonly byInsurance = new Map<string, number>();
	private readonly byName = new Map<string, number>();
	private readonly noticeDay: (number | null)[];
	private readonly matched: Uint8Array;
	private readonly removedPatients = new Set<string>();
	private refusedRecords = 0;
	private noticePeriodRecords = 0;
	private readonly index: PatientColumnIndex;
	/** The release's tally slot of this table (a list handed out by ReleaseOptOutTally), if any. */
	private readonly slot: TableOptOutSlot | undefined;

	constructor(
		private readonly entries: readonly OptOutEntry[],
		header: readonly string[],
		columns: PatientColumns,
		private readonly noticeDays = 30
	) {
		this.index = patientColumnIndex(header, columns);
		this.noticeDay = entries.map((e) => (e.noticeDate === undefined ? null : dayNumber(e.noticeDate)));
		this.matched = new Uint8Array(entries.length);
		entries.forEach((e, i) => {
			if (e.patientId) this.claim(this.byId, normalizePatientId(e.patientId), i);
			if (e.insurer && e.number) this.claim(this.byInsurance, insuranceKey(e.insurer, e.symbol, e.number), i);
			if (e.kanaName && e.birthDate && e.sex) {
				const key = nameKey(e.kanaName, e.birthDate, e.sex);
				if (key) this.claim(this.byName, key, i);
			}
		});
		// IDs and keys linked across the release's tables (link-patients.ts) match like listed ones.
		entries.forEach((e, i) => {
			for (const id of e.linkedPatientIds ?? []) if (id !== '') this.claim(this.byId, id, i);
			for (const key of e.linkedInsuranceKeys ?? []) this.claim(this.byInsurance, key, i);
			for (const key of e.linkedNameKeys ?? []) this.claim(this.byName, key, i);
		});
		// A release that linked IDs (or keys) across its tables makes those columns enough to match on,
		// even when nobody was found (the list's people are then absent from the linking tables).
		const linked = (field: 'linkedPatientIds' | 'linkedInsuranceKeys' | 'linkedNameKeys') =>
			entries.some((e) => e[field] !== undefined);
		const usable = {
			id: (this.byId.size > 0 || linked('linkedPatientIds')) && this.index.id !== undefined,
			insurance:
				(this.byInsurance.size > 0 || linked('linkedInsuranceKeys')) &&
				this.index.insurer !== undefined &&
				this.index.number !== undefined,
			name:
				(this.byName.size > 0 || linked('linkedNameKeys')) &&
				this.index.kanaName !== undefined &&
				this.index.birthDate !== undefined &&
				this.index.sex !== undefined
		};
		if (entries.length > 0 && !usable.id && !usable.insurance && !usable.name) {
			throw new OptOutError(
				'The opt-out list cannot be matched: name the data columns it matches on in "patient" ' +
					'(id; or insurer, symbol, number; or kanaName, birthDate, sex).'
			);
		}
		if (this.noticeDay.some((d) => d !== null) && this.index.eventDate === undefined) {
			throw new OptOutError(
				'The opt-out list has notice dates: name the record date column in "patient.eventDate".'
			);
		}
		this.slot = releaseSlotOf(entries);
		this.slot?.reset();
	}

	/**
	 * Which of two entries naming the same person decides (the safer reading, DOMAIN.md §1.7): a refusal
	 * (every record removed) before a notice-ledger entry; of two notices the later one (it excludes
	 * more records); otherwise the first entry listed.
	 */
	private preferred(current: number | undefined, candidate: number): number {
		if (current === undefined) return candidate;
		const a = this.noticeDay[current];
		const b = this.noticeDay[candidate];
		if (a === null) return current;
		if (b === null) return candidate;
		return b > a ? candidate : current;
	}

	private claim(map: Map<string, number>, key: string, entry: number): void {
		map.set(key, this.preferred(map.get(key), entry));
	}

	/** The entry that decides for a record: every identifier the row carries is looked up. */
	private entryOf(row: readonly string[]): number | undefined {
		const cell = (field: keyof PatientColumns) => {
			const i = this.index[field];
			return i === undefined ? undefined : (row[i] ?? '');
		};
		let entry: number | undefined;
		const consider = (hit: number | undefined) => {
			if (hit !== undefined) entry = this.preferred(entry, hit);
		};
		const id = cell('id');
		if (id !== undefined && this.byId.size > 0) consider(this.byId.get(normalizePatientId(id)));
		const insurer = cell('insurer');
		const number = cell('number');
		if (insurer && number && this.byInsurance.size > 0) {
			consider(this.byInsurance.get(insuranceKey(insurer, cell('symbol'), number)));
		}
		const kana = cell('kanaName');
		const birth = cell('birthDate');
		const sex = cell('sex');
		if (kana && birth && sex && this.byName.size > 0) {
			const key = nameKey(kana, birth, sex);
			if (key) consider(this.byName.get(key));
		}
		return entry;
	}

	/** Whether a raw record stays; counts what is removed. */
	check(row: readonly string[]): OptOutVerdict {
		const entry = this.entryOf(row);
		if (entry === undefined) return 'keep';
		const notice = this.noticeDay[entry];
		let verdict: OptOutVerdict = 'refused';
		if (notice !== null) {
			const day = dayNumber(row[this.index.eventDate!] ?? '');
			// A record without a readable date cannot be shown to lie after the period: exclude it.
			if (day !== null && day >= notice + this.noticeDays) return 'keep';
			verdict = 'notice-period';
		}
		this.matched[entry] = 1;
		if (verdict === 'refused') this.refusedRecords++;
		else this.noticePeriodRecords++;
		// Patients are counted by normalized ID, as they are matched (Ｐ１ and P1 are one patient).
		const patient = this.index.id === undefined ? undefined : normalizePatientId(row[this.index.id] ?? '');
		if (patient !== undefined) this.removedPatients.add(patient);
		if (this.slot) {
			this.slot.matched.add(entry);
			if (verdict === 'refused') this.slot.refusedRecords++;
			else this.slot.noticePeriodRecords++;
			if (patient !== undefined) this.slot.patients.add(patient);
		}
		return verdict;
	}

	counts(): OptOutCounts {
		return {
			entries: this.entries.length,
			matchedEntries: this.matched.reduce((a, b) => a + b, 0),
			refusedRecords: this.refusedRecords,
			noticePeriodRecords: this.noticePeriodRecords,
			patientsRemoved: this.index.id === undefined ? null : this.removedPatients.size
		};
	}

	/** Starts counting afresh (the apply command reads the data twice). */
	resetCounts(): void {
		this.matched.fill(0);
		this.removedPatients.clear();
		this.refusedRecords = 0;
		this.noticePeriodRecords = 0;
		this.slot?.reset();
	}
}
