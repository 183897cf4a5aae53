/**
 * The normalized keys a person is matched on (DOMAIN.md §1.7): 保険者番号 + 記号 + 番号, and
 * カナ氏名 + 生年月日 + 性別. Shared by the per-table matcher and the cross-table linking scan so that
 * both find exactly the same people.
 */
import {
	normalizeBirthDate,
	normalizeInsuranceField,
	normalizeKanaName,
	normalizePatientId,
	normalizeSex
} from './normalize';
import type { PatientColumns } from '../apply/apply-config';

const SEP = '\u0000';

export function insuranceKey(insurer: string, symbol: string | undefined, number: string): string {
	return [insurer, symbol ?? '', number].map(normalizeInsuranceField).join(SEP);
}

/** Null when the birth date or the sex cannot be read (such a row matches nobody by name). */
export function nameKey(kana: string, birth: string, sex: string): string | null {
	const date = normalizeBirthDate(birth);
	const s = normalizeSex(sex);
	return date && s ? [normalizeKanaName(kana), date, s].join(SEP) : null;
}

/** Positions of the named patient columns in a table's header. */
export type PatientColumnIndex = Partial<Record<keyof PatientColumns, number>>;

export function patientColumnIndex(header: readonly string[], columns: PatientColumns): PatientColumnIndex {
	const index: PatientColumnIndex = {};
	for (const [field, name] of Object.entries(columns)) {
		if (name !== undefined) index[field as keyof PatientColumns] = header.indexOf(name);
	}
	return index;
}

/** A row's identity keys under a column index; undefined where the table lacks the columns or the cell is empty. */
export function rowKeys(
	row: readonly string[],
	index: PatientColumnIndex
): { id?: string; insurance?: string; name?: string } {
	const cell = (field: keyof PatientColumns) => {
		const i = index[field];
		return i === undefined ? undefined : (row[i] ?? '');
	};
	const keys: { id?: string; insurance?: string; name?: string } = {};
	const id = cell('id');
	if (id) keys.id = normalizePatientId(id);
	const insurer = cell('insurer');
	const number = cell('number');
	if (insurer && number) keys.insurance = insuranceKey(insurer, cell('symbol'), number);
	const kana = cell('kanaName');
	const birth = cell('birthDate');
	const sex = cell('sex');
	if (kana && birth && sex) keys.name = nameKey(kana, birth, sex) ?? undefined;
	return keys;
}
