/**
 * Pure helpers behind the hierarchy builder forms (issue 5, step 2): the forms edit a builder spec
 * (plain JSON, validated by the engine's validateHierarchySpec) field by field. These helpers turn the
 * text a person types into spec values and back, keep the fields a form does not show, and know the
 * few builder facts a form needs before the worker answers (the orders in which levels may be stacked,
 * the age band presets).
 */
import { DATE_LEVEL_SUCCESSORS, type DateLevel } from '$lib/engine/hierarchy/builders/date';
import type { AgeBandSet } from '$lib/engine/jp/age-bands';

export type Spec = Record<string, unknown>;

/** A number list as typed ("5, 10, 20", "5 → 10 → 20", full-width digits): the numbers or the bad token. */
export type NumberListResult = { ok: true; values: number[] } | { ok: false; bad: string };

export function parseNumberList(text: string): NumberListResult {
	const tokens = text
		.normalize('NFKC')
		.split(/[\s,、;→>]+/)
		.filter((t) => t !== '');
	const values: number[] = [];
	for (const token of tokens) {
		if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(token)) return { ok: false, bad: token };
		values.push(Number(token));
	}
	return { ok: true, values };
}

export function formatNumberList(values: readonly number[] | undefined): string {
	return values ? values.join(', ') : '';
}

/** An optional number field as typed: undefined when empty, NaN when it is not a number. */
export function parseOptionalNumber(text: string): number | undefined {
	const t = text.normalize('NFKC').trim();
	if (t === '') return undefined;
	return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * The spec with `changes` applied: fields set to undefined, '' or an empty list are removed, so the
 * saved project holds only what the person chose (the builder's defaults apply to the rest). Fields
 * the form does not know are kept as they are.
 */
export function withFields(spec: Spec, changes: Spec): Spec {
	const next: Spec = { ...spec, ...changes };
	for (const [key, value] of Object.entries(next)) {
		if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key];
	}
	return next;
}

/** Stable text of a spec, to tell a spec the form emitted from one that came from elsewhere (a preset). */
export function specKey(spec: unknown): string {
	return JSON.stringify(spec ?? null);
}

// ---------------------------------------------------------------------------------------------- date

/**
 * The date levels in the order the form lists them as checkboxes (finest first). Any checked subset
 * is taken in this order; whether it may be stacked is the engine's rule (DATE_LEVEL_SUCCESSORS), so
 * the form can say which pair is wrong before anything is sent.
 */
export const DATE_LEVEL_ORDER: readonly DateLevel[] = [
	'day',
	'era-day',
	'month',
	'era-month',
	'quarter',
	'era-year',
	'year',
	'fiscal-year',
	'era-fiscal-year',
	'years',
	'era'
];

export const DATE_DEFAULT_LEVELS: readonly DateLevel[] = ['month', 'year', 'years'];

/** Named chains a person can start from (DOMAIN.md §5.4): Gregorian, fiscal year (年度), 和暦. */
export const DATE_PRESETS: Readonly<Record<'gregorian' | 'fiscal' | 'era', readonly DateLevel[]>> = {
	gregorian: ['month', 'year', 'years'],
	fiscal: ['month', 'fiscal-year', 'era-fiscal-year'],
	era: ['era-month', 'era-year', 'era']
};

export function dateLevelsFromChecks(checked: ReadonlySet<DateLevel>): DateLevel[] {
	return DATE_LEVEL_ORDER.filter((l) => checked.has(l));
}

/** The first pair of consecutive levels that cannot be stacked, or null when the chain is valid. */
export function dateChainProblem(levels: readonly DateLevel[]): { from: DateLevel; to: DateLevel } | null {
	for (let i = 1; i < levels.length; i++) {
		if (!DATE_LEVEL_SUCCESSORS[levels[i - 1]].includes(levels[i]))
			return { from: levels[i - 1], to: levels[i] };
	}
	return null;
}

// ----------------------------------------------------------------------------------------------- age

export type AgePresetId = 'standard' | 'decades' | 'five' | 'ppc7' | 'ppc15' | 'insurance' | 'pediatric';

/** Band chains offered as presets (DOMAIN.md §5.3); `standard` is the builder's default. */
export const AGE_PRESETS: Readonly<Record<AgePresetId, readonly AgeBandSet[]>> = {
	standard: ['5y', '10y', '20y'],
	decades: ['10y', '20y'],
	five: ['5y', '10y'],
	ppc7: ['ppc7'],
	ppc15: ['ppc15'],
	insurance: ['jp_insurance'],
	pediatric: ['pediatric']
};

/** The preset a chain of band sets is, or 'custom'. An absent chain is the builder's default. */
export function agePresetOf(levels: readonly AgeBandSet[] | undefined): AgePresetId | 'custom' {
	const chain = levels ?? AGE_PRESETS.standard;
	for (const [id, preset] of Object.entries(AGE_PRESETS) as [AgePresetId, readonly AgeBandSet[]][]) {
		if (preset.length === chain.length && preset.every((s, i) => s === chain[i])) return id;
	}
	return 'custom';
}

/** Top codes offered for the 5/10/20-year sets (DOMAIN.md §0.5: 90歳以上 by default, 85 and 100 also used). */
export const AGE_TOPS = [85, 90, 100] as const;
