/**
 * Which project a table's design starts from when it is opened (pure, so it is tested without a
 * worker): the design that table was last given, or — for a table never designed — the role
 * proposals, each confirmed or changed by the person later.
 */
import type { AttributeConfig } from '$lib/engine/config/project-config';
import type { ColumnProposal } from './design-types';
import { guessPatientColumns } from './patient-columns';
import type { Project, TableSummary } from './types';

/**
 * Levels only belong to quasi-identifiers: a column whose role changed keeps no level, or the saved
 * project file would be refused by parseProjectConfig (and so by `tokumei apply`).
 */
export function withoutStaleLevels(project: Project): Project {
	const levels = project.transformation ?? {};
	const stale = Object.keys(levels).filter((name) => project.attributes[name]?.role !== 'quasi-identifying');
	if (stale.length === 0) return project;
	const kept = Object.fromEntries(Object.entries(levels).filter(([name]) => !stale.includes(name)));
	return { ...project, transformation: kept };
}

/**
 * The project to continue with on `table` (`restored`: the design it was last given, which the worker
 * keeps per table and passes as `saved`), or null when the current project already is its design.
 */
export function designForTable(
	current: Project,
	table: TableSummary,
	saved: Project | undefined,
	proposals: readonly ColumnProposal[]
): { project: Project; restored: boolean } | null {
	const isCurrent = current.ui?.tableId === table.id;
	if (!isCurrent && saved && Object.keys(saved.attributes).length > 0) {
		// Import choices are the workbench's, not the table's: the current ones stay.
		return { project: { ...saved, settings: current.settings }, restored: true };
	}
	if (isCurrent && Object.keys(current.attributes).length > 0) return null;
	const attributes: Record<string, AttributeConfig> = {};
	for (const { name, proposal } of proposals) {
		attributes[name] =
			proposal.role === 'quasi-identifying' && proposal.suggestedHierarchy
				? { role: proposal.role, hierarchy: { ...proposal.suggestedHierarchy } }
				: { role: proposal.role };
	}
	const project: Project = {
		...current,
		// The patient columns are this table's own (the previous table's name other columns).
		patient: guessPatientColumns(proposals),
		data: { path: table.name },
		attributes,
		privacy: current.privacy ?? [{ model: 'k-anonymity', k: 5 }],
		suppressionLimit: current.suppressionLimit ?? 0,
		transformation: {},
		decisions: [],
		ui: { ...current.ui, tableId: table.id, preset: null }
	};
	return { project, restored: false };
}
