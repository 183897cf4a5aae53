import type { ProjectConfig } from '$lib/engine/config/project-config';
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
}

/**
 * The project file (DESIGN.md "Contracts"): the engine's ProjectConfig — the same JSON that
 * `npx tokumei search` runs, decisions on peculiar values included — plus `settings` (import
 * choices) and `ui` (table, preset, k).
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
	/** The design of each loaded table by table id (the active project is one of them). */
	readonly designs: Readonly<Record<string, Project>>;
	/** False when the browser offers no private storage: data then lives only until reload. */
	readonly persistent: boolean;
	readonly sqliteVersion: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A stored project of any earlier version, made whole: older ones had `roles`/`rules`, and kept the
 * decisions on peculiar values under `ui.peculiar` (now the top-level `decisions`, as parseProjectConfig
 * reads a project file).
 */
export function normalizeProject(raw: unknown): Project {
	const base = emptyProject();
	if (!isRecord(raw)) return base;
	const p = raw as Partial<Project> & Record<string, unknown>;
	const { roles: _roles, rules: _rules, ...rest } = p;
	void _roles;
	void _rules;
	const project = {
		...base,
		...rest,
		tokumei: 1,
		data: isRecord(p.data) ? p.data : base.data,
		attributes: isRecord(p.attributes) ? p.attributes : {},
		settings: isRecord(p.settings) ? p.settings : {}
	} as Project;
	if (isRecord(p.ui) && 'peculiar' in p.ui) {
		const { peculiar, ...ui } = p.ui;
		return {
			...project,
			ui,
			decisions: project.decisions ?? (Array.isArray(peculiar) ? (peculiar as Project['decisions']) : [])
		};
	}
	return project;
}
