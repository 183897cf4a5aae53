/**
 * Hierarchy builders: from the distinct values of a column and a plain-JSON spec (as saved in project
 * files and CLI configs, `"hierarchy": { "builder": "interval", … }`) to rows in ARX layout
 * (rows[i][0] = value, rows[i][l] = its generalization at level l, `*` at the top), ready for
 * hierarchyFromRows. Specs are validated first and outputs checked after (check-rows), so every failure
 * is an Error with code 'BAD_HIERARCHY' naming the offending field or value.
 */
import { buildAgeRows, parseAgeSpec, type AgeSpec } from './age';
import { checkBuiltRows, distinct } from './check-rows';
import { buildDateRows, parseDateSpec, type DateSpec } from './date';
import { buildGroupsRows, parseGroupsSpec, type GroupsSpec } from './groups';
import { buildIntervalRows, parseIntervalSpec, type IntervalSpec } from './interval';
import { buildMaskRows, parseMaskSpec, type MaskSpec } from './mask';
import { buildPrefectureRows, parsePrefectureSpec, type PrefectureSpec } from './prefecture';
import { buildPrefixRows, parsePrefixSpec, type PrefixSpec } from './prefix';
import { buildSexRows, parseSexSpec, type SexSpec } from './sex';
import { asObject, fail, show } from './spec-fields';

export type { AgeSpec, DateSpec, GroupsSpec, IntervalSpec, MaskSpec, PrefectureSpec, PrefixSpec, SexSpec };

export type HierarchyBuilderSpec =
	IntervalSpec | AgeSpec | DateSpec | MaskSpec | GroupsSpec | PrefixSpec | PrefectureSpec | SexSpec;

export type HierarchyBuilderName = HierarchyBuilderSpec['builder'];

export const HIERARCHY_BUILDERS: readonly HierarchyBuilderName[] = [
	'interval',
	'age',
	'date',
	'mask',
	'groups',
	'prefix',
	'prefecture',
	'sex'
];

/** A valid starting spec per builder, for forms that create a hierarchy from scratch (issue 5, step 2). */
export const HIERARCHY_BUILDER_DEFAULTS: Readonly<Record<HierarchyBuilderName, HierarchyBuilderSpec>> = {
	interval: { builder: 'interval', levels: [{ width: 10 }, { width: 20 }] },
	age: { builder: 'age' },
	date: { builder: 'date' },
	mask: { builder: 'mask' },
	groups: { builder: 'groups', levels: [{ size: 2 }] },
	prefix: { builder: 'prefix', preset: 'icd10' },
	prefecture: { builder: 'prefecture' },
	sex: { builder: 'sex' }
};

/**
 * Validates a builder spec read from JSON and returns it typed. Throws an Error with code 'BAD_HIERARCHY'
 * whose message names the field by its path (`path` is the prefix, e.g. `attributes.age.hierarchy`).
 */
export function validateHierarchySpec(raw: unknown, path = 'hierarchy'): HierarchyBuilderSpec {
	const spec = asObject(raw, path);
	switch (spec.builder) {
		case 'interval':
			return parseIntervalSpec(spec, path);
		case 'age':
			return parseAgeSpec(spec, path);
		case 'date':
			return parseDateSpec(spec, path);
		case 'mask':
			return parseMaskSpec(spec, path);
		case 'groups':
			return parseGroupsSpec(spec, path);
		case 'prefix':
			return parsePrefixSpec(spec, path);
		case 'prefecture':
			return parsePrefectureSpec(spec, path);
		case 'sex':
			return parseSexSpec(spec, path);
		default:
			return fail(
				`${path}.builder: expected one of ${HIERARCHY_BUILDERS.join(', ')}, got ${show(spec.builder)}`
			);
	}
}

/** The problems of a spec as messages (empty when valid), for forms that show them without throwing. */
export function hierarchySpecProblems(raw: unknown, path = 'hierarchy'): string[] {
	try {
		validateHierarchySpec(raw, path);
		return [];
	} catch (e) {
		if (e instanceof Error && (e as Error & { code?: string }).code === 'BAD_HIERARCHY') return [e.message];
		throw e;
	}
}

/**
 * Builds the hierarchy rows for the distinct values of a column (repeats are ignored; rows follow the
 * order of first appearance). The spec may be unvalidated JSON: it is validated here.
 */
export function buildHierarchyRows(
	values: readonly string[],
	spec: HierarchyBuilderSpec | unknown
): string[][] {
	const checked = validateHierarchySpec(spec);
	const unique = distinct(values);
	let rows: string[][];
	switch (checked.builder) {
		case 'interval':
			rows = buildIntervalRows(unique, checked);
			break;
		case 'age':
			rows = buildAgeRows(unique, checked);
			break;
		case 'date':
			rows = buildDateRows(unique, checked);
			break;
		case 'mask':
			rows = buildMaskRows(unique, checked);
			break;
		case 'groups':
			rows = buildGroupsRows(unique, checked);
			break;
		case 'prefix':
			rows = buildPrefixRows(unique, checked);
			break;
		case 'prefecture':
			rows = buildPrefectureRows(unique, checked);
			break;
		case 'sex':
			rows = buildSexRows(unique, checked);
			break;
	}
	checkBuiltRows(checked.builder, unique, rows);
	return rows;
}
