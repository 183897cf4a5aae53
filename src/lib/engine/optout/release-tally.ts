/**
 * Release-level opt-out counts (DOMAIN.md §1.7: counts only) for a release of several tables.
 * Each table's apply builds its own OptOutMatcher (apply-rows.ts), so only that matcher knows what
 * it removed. The tally hands each table its own copy of the (linked) entry list; a matcher built on
 * such a copy reports what it removes to the table's slot, and starts the slot afresh whenever it is
 * built or reset (the apply reads a table twice). After the applies, the slots hold exactly what the
 * applies removed, so the union of matched entries and of removed patients is exact by construction.
 */
import type { OptOutCounts, OptOutEntry } from './opt-out';

/** What one table's latest matcher removed. */
export class TableOptOutSlot {
	readonly matched = new Set<number>();
	/** Normalized patient IDs with a removed record (tables with a patient ID column only). */
	readonly patients = new Set<string>();
	refusedRecords = 0;
	noticePeriodRecords = 0;

	reset(): void {
		this.matched.clear();
		this.patients.clear();
		this.refusedRecords = 0;
		this.noticePeriodRecords = 0;
	}
}

/** Entry lists handed out by a tally, and the slot each reports to. */
const slots = new WeakMap<readonly OptOutEntry[], TableOptOutSlot>();

/** The slot a matcher built on `entries` reports to (undefined for a list not made by a tally). */
export function releaseSlotOf(entries: readonly OptOutEntry[]): TableOptOutSlot | undefined {
	return slots.get(entries);
}

export class ReleaseOptOutTally {
	private readonly tables: TableOptOutSlot[] = [];

	/**
	 * @param entries the release's entries (after linking)
	 * @param anyPatientIdColumn whether some table of the release has a patient ID column
	 *   (patientsRemoved is null otherwise, as for a single table)
	 */
	constructor(
		private readonly entries: readonly OptOutEntry[],
		private readonly anyPatientIdColumn: boolean
	) {}

	/** A table's own copy of the list (same entries, same order, so notice dates follow the index). */
	listForTable(): readonly OptOutEntry[] {
		const list = [...this.entries];
		const slot = new TableOptOutSlot();
		slots.set(list, slot);
		this.tables.push(slot);
		return list;
	}

	/** Counts over every table applied so far: entries matched in any table count once. */
	counts(): OptOutCounts {
		const matched = new Set<number>();
		const patients = new Set<string>();
		let refusedRecords = 0;
		let noticePeriodRecords = 0;
		for (const slot of this.tables) {
			for (const entry of slot.matched) matched.add(entry);
			for (const patient of slot.patients) patients.add(patient);
			refusedRecords += slot.refusedRecords;
			noticePeriodRecords += slot.noticePeriodRecords;
		}
		return {
			entries: this.entries.length,
			matchedEntries: matched.size,
			refusedRecords,
			noticePeriodRecords,
			patientsRemoved: this.anyPatientIdColumn ? patients.size : null
		};
	}
}
