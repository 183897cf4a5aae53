/**
 * The export part of the data worker's API (issue 6). Filled in by the export work; the page reaches
 * it through EngineClient.
 */
import type { EncodedTable } from '$lib/engine/table/encoded-table';
import type { TableSummary } from '$lib/workbench/types';

export interface ExportDeps {
	/** The loaded table with this id (throws UNKNOWN_TABLE when absent). */
	tableOf(id: string): EncodedTable;
	/** Every loaded table, in the order they were loaded. */
	summaries(): TableSummary[];
}

export function createExportApi(deps: ExportDeps) {
	void deps;
	return {};
}
