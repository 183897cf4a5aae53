/**
 * Plain data the Export step exchanges with the data worker (structured-clone safe). The page sends
 * the project, the key text (kept in memory only) and the opt-out file; the worker answers with the
 * file's bytes (transferred) and counts — never with a row of the source.
 */
import type { ApplySummary } from '$lib/engine/apply/apply-rows';
import type { ProcessingRecord } from '$lib/engine/report/processing-record';

export type ExportFormat = 'delimited' | 'sqlite';

export interface ExportRequest {
	readonly tableId: string;
	/** The project as the page holds it (the same JSON `npx tokumei apply` runs once saved). */
	readonly project: unknown;
	readonly format: ExportFormat;
	/** The pseudonymization key as hex or base64 (pseudonym treatment); never stored anywhere. */
	readonly pseudonymKey?: string;
	/** The opt-out list file, parsed in the worker each time (its names never leave the worker). */
	readonly optOut?: Blob;
	/** The originally imported file, when the person picks it again: its SHA-256 goes into the record. */
	readonly original?: Blob;
	/** sql.js's wasm URL (SQLite format); the worker's sql.js is already started with it. */
	readonly wasmUrl?: string;
}

export interface ExportProgress {
	/** Records read so far over both passes (census, then output). */
	readonly done: number;
	/** Records to read over both passes: twice the table's rows. */
	readonly total: number;
}

/** What the summary panel shows: counts and figures only. */
export type ExportSummary = Omit<ApplySummary, 'settings'> & {
	readonly output: ApplySummary['settings']['output'];
};

export interface ExportOutcome {
	readonly bytes: Uint8Array;
	readonly fileName: string;
	readonly mimeType: string;
	readonly summary: ExportSummary;
	/** The processing record of this very release (加工の記録) as JSON and printable HTML. */
	readonly record: ProcessingRecord;
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
