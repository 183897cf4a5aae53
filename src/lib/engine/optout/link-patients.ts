/**
 * Cross-table opt-out linking (DOMAIN.md §1.7: "matched patients are removed from every table").
 * A patient on the list by 保険者番号 + 記号 + 番号 or by カナ氏名 + 生年月日 + 性別 is found in the tables
 * that carry those columns; a table of the same release with only the patient ID column (検査, 処方 …)
 * would keep that patient's records. This scan reads, once and on the raw data, each table that has a
 * patient ID column beside another identifier the list uses, and records the patient IDs of the rows
 * each entry matches. OptOutMatcher then matches those IDs like listed ones, under the same entry (so
 * a notice-ledger entry keeps its notice date in every table).
 *
 * One level only: IDs are linked from the list's own identifiers, not from identifiers found next to
 * a linked ID (a patient whose insurance changed is still removed wherever the ID is, but a table with
 * insurance columns and no ID column is matched on the listed insurance number only).
 * Memory: the IDs of matched patients, the list's keys; one batch of rows.
 */
import type { PatientColumns } from '../apply/apply-config';
import { insuranceKey, nameKey, patientColumnIndex, rowKeys, type PatientColumnIndex } from './identity-keys';
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
	const insurance = new Map<string, number[]>();
	const name = new Map<string, number[]>();
	const add = (map: Map<string, number[]>, key: string, entry: number) => {
		const list = map.get(key);
		if (list) list.push(entry);
		else map.set(key, [entry]);
	};
	entries.forEach((e, i) => {
		if (e.insurer && e.number) add(insurance, insuranceKey(e.insurer, e.symbol, e.number), i);
		if (e.kanaName && e.birthDate && e.sex) {
			const key = nameKey(e.kanaName, e.birthDate, e.sex);
			if (key) add(name, key, i);
		}
	});
	return { insurance, name };
}

/** Whether a table can contribute links: a patient ID column and another identifier the list uses. */
function canLink(index: PatientColumnIndex, keys: ReturnType<typeof keyLists>): boolean {
	if (index.id === undefined) return false;
	const insurance = keys.insurance.size > 0 && index.insurer !== undefined && index.number !== undefined;
	const name =
		keys.name.size > 0 &&
		index.kanaName !== undefined &&
		index.birthDate !== undefined &&
		index.sex !== undefined;
	return insurance || name;
}

/** Scans the tables that can link and returns the entries with the patient IDs they matched. */
export async function linkOptOutPatients(
	entries: readonly OptOutEntry[],
	tables: readonly OptOutLinkTable[]
): Promise<OptOutLinking> {
	const keys = keyLists(entries);
	const linking = tables
		.map((table) => ({ table, index: patientColumnIndex(table.header, table.patient) }))
		.filter(({ index }) => canLink(index, keys));
	if (entries.length === 0 || linking.length === 0) {
		return { entries: [...entries], tablesScanned: 0 };
	}
	const linked = entries.map(() => new Set<string>());
	for (const { table, index } of linking) {
		for await (const batch of table.batches()) {
			for (const row of batch) {
				const found = rowKeys(row, index);
				// An empty ID links nothing: it would match every record without an ID elsewhere.
				if (!found.id) continue;
				const hits = [
					...(found.insurance === undefined ? [] : (keys.insurance.get(found.insurance) ?? [])),
					...(found.name === undefined ? [] : (keys.name.get(found.name) ?? []))
				];
				for (const entry of hits) linked[entry].add(found.id);
			}
		}
	}
	return {
		entries: entries.map((e, i) => ({ ...e, linkedPatientIds: [...linked[i]] })),
		tablesScanned: linking.length
	};
}
