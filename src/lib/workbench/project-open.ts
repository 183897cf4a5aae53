/**
 * Reading a project file into the workbench (the text of one the workbench saved or one written for
 * the CLI): the project-file loader checks version, migrations, validity and secrets; the file's
 * attributes must be exactly the table's columns. Its rules replace the current ones; data, import
 * settings and the table stay the page's. A builder rule kept beside its materialized rows (`rule`)
 * becomes the rule again, so it stays editable as a builder.
 */
import type { AttributeConfig, HierarchyConfig } from '$lib/engine/config/project-config';
import { loadProjectFile, ProjectFileError, type ProjectFileProblem } from '$lib/engine/project/project-file';
import { errorMessage } from './errors';
import type { Project } from './types';

/** Why opening a project file failed ('columns': its attributes are not the table's columns). */
export type OpenProjectProblem = ProjectFileProblem | 'columns' | 'no-table';

export type OpenProjectOutcome =
	| { readonly ok: true }
	| {
			readonly ok: false;
			readonly problem: OpenProjectProblem;
			/** The engine's message naming the field (English), shown beside the translated one. */
			readonly detail: string;
			/** Columns of the table that the file does not mention / attributes the table lacks. */
			readonly missing: readonly string[];
			readonly extra: readonly string[];
	  };

/** Fields of a project file that define the rules; the rest (data, settings, table) stays the page's. */
const RULE_FIELDS = [
	'attributes',
	'privacy',
	'suppressionLimit',
	'quality',
	'search',
	'transformation',
	'decisions',
	'patient',
	'output',
	'weights',
	'household',
	'population',
	'suda'
] as const;

type Refusal = Extract<OpenProjectOutcome, { ok: false }>;

export function refusal(
	problem: OpenProjectProblem,
	detail: string,
	missing: string[] = [],
	extra: string[] = []
): Refusal {
	return { ok: false, problem, detail, missing, extra };
}

/** The project the file describes for this table, or why it cannot be opened. */
export function readProjectFile(
	text: string,
	columns: readonly string[],
	current: Project,
	tableId: string
): { ok: true; project: Project } | Refusal {
	let file: ReturnType<typeof loadProjectFile>;
	try {
		file = loadProjectFile(text);
	} catch (error) {
		if (error instanceof ProjectFileError) return refusal(error.problem, error.message);
		return refusal('invalid', errorMessage(error));
	}
	const names = Object.keys(file.attributes);
	const missing = columns.filter((c) => !names.includes(c));
	const extra = names.filter((n) => !columns.includes(n));
	if (missing.length > 0 || extra.length > 0) {
		return refusal('columns', `attributes: ${[...missing, ...extra].join(', ')}`, missing, extra);
	}
	const attributes: Record<string, AttributeConfig> = {};
	for (const [name, a] of Object.entries(file.attributes)) {
		const { rule, ...rest } = a;
		const builder = typeof rule === 'object' && rule !== null && 'builder' in rule;
		attributes[name] = builder ? { ...rest, hierarchy: rule as HierarchyConfig } : a;
	}
	const next: Record<string, unknown> = { tokumei: 1, data: current.data, settings: current.settings };
	for (const field of RULE_FIELDS) if (file[field] !== undefined) next[field] = file[field];
	next.attributes = attributes;
	const fileUi = (typeof file.ui === 'object' && file.ui !== null ? file.ui : {}) as Project['ui'];
	next.ui = { ...fileUi, tableId };
	return { ok: true, project: next as unknown as Project };
}
