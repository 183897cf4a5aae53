/**
 * A dictionary-encoded table with the peculiar-value decisions applied (decisions.ts): decided values
 * replaced in the quasi-identifiers, each decided hierarchy extended by its generalization labels, and
 * the records of suppressed values taken out of the analysed table. The live session
 * (workers/rule-session.ts) and the CLI's `search` and `risk` (bin/load-project.ts) both analyse this
 * table, so they report the same figures; apply (apply/class-census.ts) streams the same decisions.
 */
import { hierarchyFromRows, hierarchyRows, type Hierarchy } from '../hierarchy/hierarchy';
import type { EncodedColumn, EncodedTable } from '../table/encoded-table';
import { DecidedAttribute, hasActiveDecisions, type PeculiarDecision } from './decisions';

/** The decided dictionary of a column: codes remapped, with which codes changed or are suppressed. */
export function decideColumnCodes(
	column: EncodedColumn,
	decided: DecidedAttribute
): { values: string[]; codes: Int32Array; changed: Uint8Array; suppressedCodes: Uint8Array | null } {
	const values = [...column.values];
	const codeOf = new Map(values.map((v, i) => [v, i]));
	const remap = new Int32Array(column.values.length);
	const changed = new Uint8Array(column.values.length);
	const suppressedCodes = decided.suppressed.size > 0 ? new Uint8Array(column.values.length) : null;
	for (let c = 0; c < remap.length; c++) {
		const value = column.values[c];
		if (suppressedCodes && decided.isSuppressed(value)) suppressedCodes[c] = 1;
		const target = decided.replacement(value);
		if (target === value) {
			remap[c] = c;
			continue;
		}
		let t = codeOf.get(target);
		if (t === undefined) {
			t = values.length;
			values.push(target);
			codeOf.set(target, t);
		}
		remap[c] = t;
		changed[c] = 1;
	}
	const codes = new Int32Array(column.codes.length);
	for (let r = 0; r < codes.length; r++) codes[r] = remap[column.codes[r]];
	return { values, codes, changed, suppressedCodes };
}

export interface DecidedQuasiIdentifier {
	readonly name: string;
	/** The decided column over the kept rows. */
	readonly column: EncodedColumn;
	/** The source column (all rows, values as imported). */
	readonly original: EncodedColumn;
	/** The hierarchy, extended by generalization labels when decisions generalize values. */
	readonly hierarchy: Hierarchy;
}

export interface DecidedTable {
	/** Decided QI columns first (in the order given), then the carried columns; kept rows only. */
	readonly table: EncodedTable;
	readonly quasiIdentifiers: DecidedQuasiIdentifier[];
	/** Source row of each kept row; null when no record was suppressed by a decision. */
	readonly keptRows: Int32Array | null;
	/** Records suppressed by `suppress` decisions (not analysed, not counted against the limit). */
	readonly suppressedByDecision: number;
}

function filterColumn(column: EncodedColumn, keptRows: Int32Array): EncodedColumn {
	const codes = new Int32Array(keptRows.length);
	for (let i = 0; i < keptRows.length; i++) codes[i] = column.codes[keptRows[i]];
	return { name: column.name, values: column.values, codes };
}

/**
 * Applies the decisions to the quasi-identifiers of `source` (each with its hierarchy) and keeps the
 * `carry` columns (sensitive attributes, weights, …) row-aligned. Throws PeculiarDecisionError or the
 * hierarchy's error when a decision does not fit its hierarchy.
 */
export function decideTable(
	source: EncodedTable,
	quasiIdentifiers: readonly { name: string; hierarchy: Hierarchy }[],
	decisions: readonly PeculiarDecision[],
	carry: readonly string[] = []
): DecidedTable {
	const columnOf = (name: string) => {
		const column = source.columns.find((c) => c.name === name);
		if (!column) throw new Error(`no column "${name}"`);
		return column;
	};
	const suppressedMask = new Uint8Array(source.rowCount);
	let suppressedByDecision = 0;
	const decided = quasiIdentifiers.map(({ name, hierarchy }) => {
		const original = columnOf(name);
		if (!hasActiveDecisions(decisions, name)) return { name, column: original, original, hierarchy };
		const attribute = new DecidedAttribute(name, hierarchyRows(hierarchy), decisions);
		const { values, codes, suppressedCodes } = decideColumnCodes(original, attribute);
		if (suppressedCodes) {
			for (let r = 0; r < source.rowCount; r++) {
				if (suppressedCodes[original.codes[r]] && !suppressedMask[r]) {
					suppressedMask[r] = 1;
					suppressedByDecision++;
				}
			}
		}
		const extended =
			attribute.rows!.length === hierarchy.levels[0].length
				? hierarchy
				: hierarchyFromRows(name, attribute.rows!);
		return { name, column: { name, values, codes }, original, hierarchy: extended };
	});
	let keptRows: Int32Array | null = null;
	if (suppressedByDecision > 0) {
		keptRows = new Int32Array(source.rowCount - suppressedByDecision);
		for (let r = 0, j = 0; r < source.rowCount; r++) if (!suppressedMask[r]) keptRows[j++] = r;
	}
	const keep = (column: EncodedColumn) => (keptRows ? filterColumn(column, keptRows) : column);
	const qis = decided.map((q) => ({ ...q, column: keep(q.column) }));
	const qiNames = new Set(qis.map((q) => q.name));
	const carried = carry.filter((name) => !qiNames.has(name)).map((name) => keep(columnOf(name)));
	return {
		table: {
			rowCount: keptRows ? keptRows.length : source.rowCount,
			columns: [...qis.map((q) => q.column), ...carried]
		},
		quasiIdentifiers: qis,
		keptRows,
		suppressedByDecision
	};
}
