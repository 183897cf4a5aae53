/**
 * Cross-table opt-out linking (DOMAIN.md §1.7: "matched patients are removed from every table").
 * A patient on the list by 保険者番号 + 記号 + 番号 or by カナ氏名 + 生年月日 + 性別 is found in the tables
 * that carry those columns; a table of the same release with only the patient ID column (検査, 処方 …)
 * would keep that patient's records. The other way round, a patient listed by ID would stay in a table
 * that has insurance or kana-name columns but no patient ID (a claims table keyed by the card).
 *
 * This scan reads, once and on the raw data, each table that has a patient ID column beside another
 * identifier, and for every entry it matches (by the list's insurance or name keys, or by the listed
 * ID) records the row's patient ID and, when some table lacks an ID column, the row's insurance and
 * name keys. OptOutMatcher then matches those like the listed ones, under the same entry (so a
 * notice-ledger entry keeps its notice date in every table).
 *
 * One level only: keys found beside a linked ID are not used to search the linking tables again.
 * Memory: the matched patients' IDs and keys, the list's keys; one batch of rows.
 */
import type { PatientColumns } from '../apply/apply-config';
import { insuranceKey, nameKey, patientColumnIndex, rowKeys, type PatientColumnIndex } from './identity-keys';
import { normalizePatientId } from './normalize';
import type { OptOutEntry } from './opt-out';

/** One table of a release, as the linking scan reads it (raw rows, before any processing). */
export interface OptOutLinkTable {
	readonly header: readonly string[];
	/** The table's patient columns (applySettings(config, header).patient). */
	readonly patient: PatientColumns;
	batches(): AsyncIterable<readonly (readonly string[])[]>;
}

export interface OptOutLinking {
	/**
	 * The entries (copies, same order) with `linkedPatientIds` set on every one when some table could
	 * link, else the entries unchanged.
	 */
	readonly entries: OptOutEntry[];
	/** How many tables the scan read (0: nothing could be linked). */
	readonly tablesScanned: number;
}

function keyLists(entries: readonly OptOutEntry[]) {
	const id = new Map<string, number[]>();
	const insurance = new Map<string, number[]>();
	const name = new Map<string, number[]>();
	const add = (map: Map<string, number[]>, key: string, entry: number) => {
		const list = map.get(key);
		if (list) list.push(entry);
		else map.set(key, [entry]);
	};
	entries.forEach((e, i) => {
		if (e.patientId) add(id, normalizePatientId(e.patientId), i);
		if (e.insurer && e.number) add(insurance, insuranceKey(e.insurer, e.symbol, e.number), i);
		if (e.kanaName && e.birthDate && e.sex) {
			const key = nameKey(e.kanaName, e.birthDate, e.sex);
			if (key) add(name, key, i);
		}
	});
	return { id, insurance, name };
}

const hasInsurance = (index: PatientColumnIndex) => index.insurer !== undefined && index.number !== undefined;
const hasName = (index: PatientColumnIndex) =>
	index.kanaName !== undefined && index.birthDate !== undefined && index.sex !== undefined;

/** Scans the tables that can link and returns the entries with the IDs and keys they matched. */
export async function linkOptOutPatients(
	entries: readonly OptOutEntry[],
	tables: readonly OptOutLinkTable[]
): Promise<OptOutLinking> {
	const keys = keyLists(entries);
	const indexed = tables.map((table) => ({ table, index: patientColumnIndex(table.header, table.patient) }));
	// Keys beside a listed ID matter only to a table that has such keys but no ID column.
	const keysWanted = {
		insurance: indexed.some(({ index }) => index.id === undefined && hasInsurance(index)),
		name: indexed.some(({ index }) => index.id === undefined && hasName(index))
	};
	const linking = indexed.filter(({ index }) => {
		if (index.id === undefined) return false;
		const byInsurance =
			hasInsurance(index) && (keys.insurance.size > 0 || (keys.id.size > 0 && keysWanted.insurance));
		const byName = hasName(index) && (keys.name.size > 0 || (keys.id.size > 0 && keysWanted.name));
		return byInsurance || byName;
	});
	if (entries.length === 0 || linking.length === 0) {
		return { entries: [...entries], tablesScanned: 0 };
	}
	const linked = entries.map(() => ({
		ids: new Set<string>(),
		insurance: new Set<string>(),
		names: new Set<string>()
	}));
	for (const { table, index } of linking) {
		for await (const batch of table.batches()) {
			for (const row of batch) {
				const found = rowKeys(row, index);
				// An empty ID links nothing: it would match every record without an ID elsewhere.
				if (!found.id) continue;
				const hits = [
					...(keys.id.get(found.id) ?? []),
					...(found.insurance === undefined ? [] : (keys.insurance.get(found.insurance) ?? [])),
					...(found.name === undefined ? [] : (keys.name.get(found.name) ?? []))
				];
				for (const entry of hits) {
					linked[entry].ids.add(found.id);
					if (keysWanted.insurance && found.insurance !== undefined)
						linked[entry].insurance.add(found.insurance);
					if (keysWanted.name && found.name !== undefined) linked[entry].names.add(found.name);
				}
			}
		}
	}
	return {
		entries: entries.map((e, i) => ({
			...e,
			linkedPatientIds: [...linked[i].ids],
			...(keysWanted.insurance ? { linkedInsuranceKeys: [...linked[i].insurance] } : {}),
			...(keysWanted.name ? { linkedNameKeys: [...linked[i].names] } : {})
		})),
		tablesScanned: linking.length
	};
}
