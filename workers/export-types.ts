/**
 * Plain data the Export step exchanges with the data worker (structured-clone safe). The page sends
 * the project, the key text (kept in memory only) and the opt-out file; the worker answers with the
 * file's bytes (transferred) and counts — never with a row of the source.
 */
import type { ApplySummary } from '$lib/engine/apply/apply-rows';
import type { OptOutCounts } from '$lib/engine/optout/opt-out';
import type { ProcessingRecord } from '$lib/engine/report/processing-record';
import type { ReleaseRecord } from '$lib/engine/report/release-record';

export type ExportFormat = 'delimited' | 'sqlite';

/** One table of the release and its design. */
export interface ExportTableRequest {
	readonly tableId: string;
	/** The table's project as the page holds it (the same JSON `npx tokumei apply` runs once saved). */
	readonly project: unknown;
}

export interface ExportRequest {
	/**
	 * The tables of the release, the designed (active) one first: its output settings (encoding,
	 * delimiter, marker, suppressed records, notice and date-shift days) apply to every table. Several
	 * tables share one release: the same surrogate for the same ID in every table, and opt-out
	 * patients removed from all of them.
	 */
	readonly tables: readonly ExportTableRequest[];
	readonly format: ExportFormat;
	/** The pseudonymization key as hex or base64 (pseudonym treatment); never stored anywhere. */
	readonly pseudonymKey?: string;
	/** The opt-out list file, parsed in the worker each time (its names never leave the worker). */
	readonly optOut?: Blob;
	/** The first table's imported file, picked again after a reload: its SHA-256 goes into the record. */
	readonly original?: Blob;
	/** sql.js's wasm URL (SQLite format); the worker's sql.js is already started with it. */
	readonly wasmUrl?: string;
}

export interface ExportProgress {
	/** Records read so far over every pass of every table (opt-out linking, census, output). */
	readonly done: number;
	/** Records to read over all passes of all tables. */
	readonly total: number;
}

/** What the summary panel shows: counts and figures only. */
export type ExportSummary = Omit<ApplySummary, 'settings'> & {
	readonly output: ApplySummary['settings']['output'];
};

/** One table's part of the release: where it went and what the apply counted. */
export interface ExportedTable {
	readonly tableId: string;
	/** The imported file's name. */
	readonly name: string;
	/** The release file of this table (delimited), or its SQL table name in the SQLite file. */
	readonly output: string;
	readonly summary: ExportSummary;
}

export interface ExportOutcome {
	/** What the download button saves: the CSV/TSV of one table, a ZIP of several, or the SQLite file. */
	readonly bytes: Uint8Array;
	readonly fileName: string;
	readonly mimeType: string;
	readonly tables: readonly ExportedTable[];
	/** Release-wide opt-out counts (patients matched in one table are removed from all). */
	readonly optOut: OptOutCounts | null;
	/**
	 * The record of this very release (加工の記録) as JSON and printable HTML: a processing record for
	 * one table, a release record (one section per table) for several.
	 */
	readonly record: ProcessingRecord | ReleaseRecord;
	readonly recordJson: string;
	readonly recordHtml: { readonly ja: string; readonly en: string };
	readonly elapsedMs: number;
}

export interface OptOutCheck {
	readonly entries: number;
	/** Entries per way of identifying (an entry can name more than one). */
	readonly byPatientId: number;
	readonly byInsurance: number;
	readonly byKanaNameBirthSex: number;
	/** Entries with a notice date (notice-ledger entries, not refusals). */
	readonly withNoticeDate: number;
}
