import type { ProjectConfig } from '$lib/engine/config/project-config';
import type { PeculiarDecision } from '$lib/engine/peculiar';
import type { PresetId } from '$lib/engine/presets';
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

/** UI-only fields of the project file (parseProjectConfig keeps unknown keys). */
export interface ProjectUi {
	/** The table the rules were designed on. */
	readonly tableId?: string;
	readonly preset?: PresetId | null;
	/** k chosen among the presets 5 / 10 / 11 / 20. */
	readonly k?: number;
	readonly peculiar?: readonly PeculiarDecision[];
}

/**
 * The project file (DESIGN.md "Contracts"): the engine's ProjectConfig — the same JSON that
 * `npx tokumei search` runs — plus `settings` (import choices) and `ui` (preset, peculiar decisions).
 */
export interface Project extends ProjectConfig {
	readonly settings: Readonly<Record<string, unknown>>;
	readonly ui?: ProjectUi;
}

export const emptyProject = (): Project => ({
	tokumei: 1,
	data: { path: '' },
	attributes: {},
	settings: {}
});

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

/** A stored project of any earlier version, made whole (older files had `roles`/`rules`). */
export function normalizeProject(raw: unknown): Project {
	const base = emptyProject();
	if (typeof raw !== 'object' || raw === null) return base;
	const p = raw as Partial<Project> & Record<string, unknown>;
	const { roles: _roles, rules: _rules, ...rest } = p;
	void _roles;
	void _rules;
	return {
		...base,
		...rest,
		tokumei: 1,
		data: typeof p.data === 'object' && p.data ? p.data : base.data,
		attributes: typeof p.attributes === 'object' && p.attributes ? p.attributes : {},
		settings: typeof p.settings === 'object' && p.settings ? p.settings : {}
	} as Project;
}
