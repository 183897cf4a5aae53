/**
 * Category hierarchies (ARX's HierarchyBuilderOrderBased, plus explicit mappings). Each level is a
 * function of the level below it, so the levels coarsen monotonically by construction:
 * - `{ size: n }` puts n consecutive groups of the previous level together, in the given order (or in
 *   natural order: `2` before `10`, kana/kanji by code point), labelled `first-last` by the original
 *   values they span;
 * - `{ map: { value: group } }` or `{ groups: { group: [values] } }` maps every label of the previous level
 *   to a named group (e.g. 東京都 → 関東). Unmapped labels go to `other`, or are an error naming them.
 * Empty cells go to `missing` at every level.
 */
import {
	asObject,
	fail,
	onlyFields,
	optionalArray,
	optionalLabel,
	optionalString,
	positiveInteger,
	show
} from './spec-fields';

export type GroupsLevelSpec = { size: number } | { map: Record<string, string> };

export interface GroupsSpec {
	builder: 'groups';
	/** Levels from finest to coarsest; `*` is appended as the top level. */
	levels: GroupsLevelSpec[];
	/** Order of the values for `size` levels; default natural order. Every value must be listed. */
	order?: string[];
	/** Label for labels a `map` level does not mention; without it they are an error. */
	other?: string;
	/** Joins the first and last value of a `size` group; default `-`. */
	joiner?: string;
	missing?: string;
}

const FIELDS = ['builder', 'levels', 'order', 'other', 'joiner', 'missing'];

export function parseGroupsSpec(raw: unknown, path = 'hierarchy'): GroupsSpec {
	const spec = asObject(raw, path);
	onlyFields(spec, FIELDS, path);
	const levelsRaw = optionalArray(spec, 'levels', path);
	if (!levelsRaw) fail(`${path}.levels: the groups builder needs at least one level`);
	const levels = levelsRaw.map((raw, i) => parseLevel(raw, `${path}.levels[${i}]`));
	const order = optionalArray(spec, 'order', path)?.map((v, i) => {
		if (typeof v !== 'string') fail(`${path}.order[${i}]: expected a string, got ${show(v)}`);
		return v;
	});
	if (order && new Set(order).size !== order.length) {
		const dup = order.find((v, i) => order.indexOf(v) !== i);
		fail(`${path}.order: ${JSON.stringify(dup)} is listed twice`);
	}
	return {
		builder: 'groups',
		levels,
		order,
		other: optionalLabel(spec, 'other', path),
		joiner: optionalString(spec, 'joiner', path),
		missing: optionalLabel(spec, 'missing', path)
	};
}

function parseLevel(raw: unknown, path: string): GroupsLevelSpec {
	const level = asObject(raw, path);
	const keys = Object.keys(level);
	if (keys.length !== 1 || !['size', 'map', 'groups'].includes(keys[0])) {
		fail(`${path}: expected exactly one of "size", "map" or "groups"`);
	}
	if ('size' in level) {
		const size = positiveInteger(level.size, `${path}.size`);
		if (size < 2) fail(`${path}.size: a group must hold at least 2 values, got ${size}`);
		return { size };
	}
	if ('map' in level) {
		const map = asObject(level.map, `${path}.map`);
		const result: Record<string, string> = {};
		for (const [from, to] of Object.entries(map)) {
			if (typeof to !== 'string' || to === '')
				fail(`${path}.map[${JSON.stringify(from)}]: expected a group label`);
			result[from] = to;
		}
		return { map: result };
	}
	const groups = asObject(level.groups, `${path}.groups`);
	const map: Record<string, string> = {};
	for (const [group, members] of Object.entries(groups)) {
		if (group === '') fail(`${path}.groups: a group label cannot be empty`);
		if (!Array.isArray(members)) fail(`${path}.groups[${JSON.stringify(group)}]: expected a list of values`);
		for (const m of members) {
			if (typeof m !== 'string')
				fail(`${path}.groups[${JSON.stringify(group)}]: expected strings, got ${show(m)}`);
			if (m in map && map[m] !== group) {
				fail(
					`${path}.groups: ${JSON.stringify(m)} is in both ${JSON.stringify(map[m])} and ${JSON.stringify(group)}`
				);
			}
			map[m] = group;
		}
	}
	return { map };
}

const collator = new Intl.Collator('ja', { numeric: true });

export function buildGroupsRows(values: readonly string[], spec: GroupsSpec): string[][] {
	const missing = spec.missing ?? '*';
	const joiner = spec.joiner ?? '-';
	const present = values.filter((v) => v !== '');
	let ordered: string[];
	if (spec.order) {
		const rank = new Map(spec.order.map((v, i) => [v, i]));
		const unlisted = present.find((v) => !rank.has(v));
		if (unlisted !== undefined) fail(`groups builder: value ${JSON.stringify(unlisted)} is not in "order"`);
		ordered = [...present].sort((a, b) => rank.get(a)! - rank.get(b)!);
	} else {
		ordered = [...present].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
	}
	// current[i] = label of ordered[i] at the level being built; span = first/last original value of a label.
	let current = ordered;
	let span = new Map(ordered.map((v) => [v, [v, v] as [string, string]]));
	const columns: string[][] = [];
	for (const level of spec.levels) {
		const labels = [...new Set(current)];
		const next = new Map<string, string>();
		const nextSpan = new Map<string, [string, string]>();
		if ('size' in level) {
			for (let g = 0; g < labels.length; g += level.size) {
				const chunk = labels.slice(g, g + level.size);
				const first = span.get(chunk[0])![0];
				const last = span.get(chunk[chunk.length - 1])![1];
				const label = first === last ? first : `${first}${joiner}${last}`;
				for (const l of chunk) next.set(l, label);
				if (!nextSpan.has(label)) nextSpan.set(label, [first, last]);
			}
		} else {
			for (const l of labels) {
				const to = Object.hasOwn(level.map, l) ? level.map[l] : spec.other;
				if (to === undefined)
					fail(`groups builder: ${JSON.stringify(l)} is not mapped to a group (add it or set "other")`);
				next.set(l, to);
				const s = span.get(l)!;
				const known = nextSpan.get(to);
				nextSpan.set(to, known ? [known[0], s[1]] : [s[0], s[1]]);
			}
		}
		current = current.map((l) => next.get(l)!);
		span = nextSpan;
		columns.push(current);
	}
	const rowOf = new Map(ordered.map((v, i) => [v, i]));
	return values.map((value) => {
		const i = rowOf.get(value);
		const row = [value];
		for (const column of columns) row.push(i === undefined ? missing : column[i]);
		row.push('*');
		return row;
	});
}
