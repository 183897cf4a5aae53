import type { ColumnProfile } from '$lib/engine/table/profile';

/** What the UI knows about one imported table: plain data, safe to structured-clone. */
export interface TableSummary {
	readonly id: string;
	/** File name the table came from (shown on its tab). */
	readonly name: string;
	readonly rowCount: number;
	readonly header: readonly string[];
	readonly profiles: readonly ColumnProfile[];
	readonly encoding: string;
	readonly delimiter: string;
	readonly warnings: readonly { readonly code: string; readonly message: string; readonly count: number }[];
	/** Size of the source file in bytes. */
	readonly fileBytes: number;
	/** ISO timestamp of the import. */
	readonly importedAt: string;
}

/** The project file (DESIGN.md "Contracts"): versioned JSON; roles and rules arrive with later issues. */
export interface Project {
	readonly tokumei: 1;
	readonly roles: Readonly<Record<string, string>>;
	readonly rules: readonly unknown[];
	readonly settings: Readonly<Record<string, unknown>>;
}

export const emptyProject = (): Project => ({ tokumei: 1, roles: {}, rules: [], settings: {} });

export type EncodingChoice = 'auto' | 'utf-8' | 'shift_jis' | 'euc-jp';
export type DelimiterChoice = 'auto' | ',' | '\t' | ';' | '|';

export interface ImportChoices {
	readonly encoding: EncodingChoice;
	readonly delimiter: DelimiterChoice;
}

export interface ImportProgress {
	readonly bytesRead: number;
	readonly totalBytes: number;
	readonly rows: number;
}

/** Milliseconds spent per phase of one import, measured in the worker (for the benchmark). */
export interface ImportTimings {
	/** decode + parse + SQLite insert + dictionary encoding + profiles (the engine's importTable). */
	readonly importMs: number;
	/** Writing the encoded table to the browser's private storage. */
	readonly persistMs: number;
	readonly totalMs: number;
}

export interface ImportOutcome {
	readonly table: TableSummary;
	readonly timings: ImportTimings;
	/** Set when the table is loaded but could not be saved (e.g. storage quota): it lives until reload. */
	readonly persistError?: string;
}

export interface EngineState {
	readonly tables: readonly TableSummary[];
	readonly project: Project;
	/** False when the browser offers no private storage: data then lives only until reload. */
	readonly persistent: boolean;
	readonly sqliteVersion: string;
}
