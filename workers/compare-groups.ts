/**
 * Compare grouped by generalized value (issue 5): for one quasi-identifier, each generalized value
 * of the released records and the original values it merges, with counts, so a person sees which
 * values were combined. The originals are the imported values (before peculiar-value decisions);
 * rows suppressed by those decisions are not part of the analysed table and are left out here.
 */
import type { EncodedColumn } from '$lib/engine/table/encoded-table';
import type { CompareGroup } from '$lib/workbench/design-types';

export interface GroupedValues {
	readonly groups: CompareGroup[];
	readonly otherGroups: { values: number; count: number };
}

/**
 * @param source the imported column (all rows of the table)
 * @param keep rows of `source` that were analysed (null: all), in order
 * @param generalized the generalized codes of the analysed rows
 * @param released whether analysed row j is released (not suppressed by the transformation)
 */
export function groupByGeneralized(
	source: EncodedColumn,
	keep: Uint8Array | null,
	generalized: { readonly codes: Int32Array; readonly values: readonly string[] },
	released: (row: number) => boolean,
	topGroups: number,
	topMembers: number
): GroupedValues {
	const width = source.values.length;
	const pairs = new Map<number, number>();
	const groupCount = new Float64Array(generalized.values.length);
	for (let r = 0, j = 0; r < source.codes.length; r++) {
		if (keep && !keep[r]) continue;
		if (released(j)) {
			const g = generalized.codes[j];
			const key = g * width + source.codes[r];
			pairs.set(key, (pairs.get(key) ?? 0) + 1);
			groupCount[g]++;
		}
		j++;
	}
	const members = new Map<number, { label: string; count: number }[]>();
	for (const [key, count] of pairs) {
		const g = Math.floor(key / width);
		const list = members.get(g) ?? [];
		list.push({ label: source.values[key - g * width], count });
		members.set(g, list);
	}
	const byCount = (a: { label: string; count: number }, b: { label: string; count: number }) =>
		b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
	const groups = [...members.keys()]
		.map((g) => {
			const list = members.get(g)!.sort(byCount);
			const shown = list.slice(0, topMembers);
			return {
				label: generalized.values[g],
				count: groupCount[g],
				distinct: list.length,
				members: shown,
				otherMembers: groupCount[g] - shown.reduce((s, m) => s + m.count, 0)
			};
		})
		.sort(byCount);
	const rest = groups.slice(topGroups);
	return {
		groups: groups.slice(0, topGroups),
		otherGroups: { values: rest.length, count: rest.reduce((s, g) => s + g.count, 0) }
	};
}
