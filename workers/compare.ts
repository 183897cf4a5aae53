/**
 * Compare step of the rule design (issue 5): per quasi-identifier the distributions before and
 * after, the generalized values with the originals they merge (compare-groups.ts), the records
 * suppressed and the rows that change. Suppressed rows are those of the classes the privacy check
 * suppresses (its outliers, whichever model made them fail), so the counts match the live figures.
 */
import { checkPrivacy, classesOf } from '$lib/engine/classes/equivalence-classes';
import type { CompareResult } from '$lib/workbench/design-types';
import { groupByGeneralized } from './compare-groups';
import type { RuleSession } from './rule-session';

export function countsOf(codes: Int32Array, size: number, keep?: Uint8Array | null): Int32Array {
	const counts = new Int32Array(size);
	for (let r = 0; r < codes.length; r++) if (!keep || keep[r]) counts[codes[r]]++;
	return counts;
}

export function topOf(values: readonly string[], counts: Int32Array, n: number) {
	const order: number[] = [];
	for (let c = 0; c < counts.length; c++) if (counts[c] > 0) order.push(c);
	order.sort((a, b) => counts[b] - counts[a] || a - b);
	return {
		distinct: order.length,
		top: order.slice(0, n).map((c) => ({ label: values[c], count: counts[c] }))
	};
}

type Generalized = { readonly codes: Int32Array; readonly values: readonly string[] };

/**
 * 1 for each analysed row in a class the privacy check suppresses. A class is a tuple of
 * generalized codes: the class table's codes at `levels` are the hierarchy's level codes, as
 * generalizeColumn's are, so a row finds its class by the same tuple.
 */
export function suppressedRows(
	s: RuleSession,
	levels: Int32Array,
	generalized: readonly Generalized[]
): Uint8Array {
	const rows = s.table.rowCount;
	const flags = new Uint8Array(rows);
	const classes = classesOf(s.evaluator.snapshot(levels));
	const privacy = checkPrivacy(classes, s.setup);
	if (!privacy.anonymous || privacy.suppressed === 0) return flags;
	const keyOfClass = (c: number) => classes.qi.map((codes) => codes[c]).join(',');
	const suppressed = new Set<string>();
	for (let c = 0; c < classes.count; c++) if (privacy.outlier[c]) suppressed.add(keyOfClass(c));
	for (let r = 0; r < rows; r++) {
		if (suppressed.has(generalized.map((g) => g.codes[r]).join(','))) flags[r] = 1;
	}
	return flags;
}

export function compareSession(
	s: RuleSession,
	levels: Int32Array,
	topValues: number,
	topMembers: number
): CompareResult {
	const generalized = s.generalized(levels);
	const rows = s.table.rowCount;
	const suppressedRow = suppressedRows(s, levels, generalized);
	const released = suppressedRow.map((x) => 1 - x);
	let suppressed = 0;
	for (let r = 0; r < rows; r++) suppressed += suppressedRow[r];
	const attributes = s.qis.map((q, i) => {
		const before = topOf(q.original.values, countsOf(q.original.codes, q.original.values.length), topValues);
		const after = topOf(
			generalized[i].values,
			countsOf(generalized[i].codes, generalized[i].values.length, released),
			topValues
		);
		const source = s.source.columns.find((c) => c.name === q.name) ?? q.original;
		const grouped = groupByGeneralized(
			source,
			s.keep,
			generalized[i],
			(row) => released[row] === 1,
			topValues,
			topMembers
		);
		return {
			name: q.name,
			groups: grouped.groups,
			otherGroups: grouped.otherGroups,
			before: before.top,
			after: after.top,
			distinctBefore: before.distinct,
			distinctAfter: after.distinct
		};
	});
	let changed = 0;
	const examples: CompareResult['examples'][number][] = [];
	for (let r = 0; r < rows; r++) {
		let differs = suppressedRow[r] === 1;
		for (let i = 0; i < s.qis.length && !differs; i++) {
			differs =
				generalized[i].values[generalized[i].codes[r]] !== s.qis[i].column.values[s.qis[i].column.codes[r]];
		}
		if (!differs) continue;
		changed++;
		if (examples.length < 10) {
			examples.push({
				row: r,
				before: s.qis.map((q) => q.column.values[q.column.codes[r]]),
				after: s.qis.map((q, i) => (suppressedRow[r] ? '*' : generalized[i].values[generalized[i].codes[r]]))
			});
		}
	}
	return {
		attributes,
		suppressed: suppressed + s.suppressedByDecision,
		changedRows: changed + s.suppressedByDecision,
		rows: s.source.rowCount,
		examples
	};
}
