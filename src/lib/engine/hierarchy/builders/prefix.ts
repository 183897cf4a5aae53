/**
 * Code-prefix hierarchies: codes whose leading characters are themselves a coarser code.
 * - generic: `lengths` (strictly decreasing) keep the first n characters at each level;
 * - `icd10` preset (DOMAIN.md §5.5): `E11.9`/`E119` → 4-character code `E11.9` → category `E11` →
 *   block `E10-E14` → chapter `IV` → `*`, with the tables in jp/icd10;
 * - `drug` preset (DOMAIN.md §5.6): YJ / 薬価基準 code → 4-digit 薬効分類 → 3 → 2 → 1 → `*`.
 * Prefix-of-a-prefix is a function, and blocks lie inside chapters, so the levels coarsen monotonically.
 */
import { drugClassLabel, drugClassOf, isReceiptDrugCode } from '../../jp/drug-classes';
import { icd10Block, icd10Chapter, parseIcd10 } from '../../jp/icd10';
import {
	asObject,
	fail,
	onlyFields,
	optionalArray,
	optionalBoolean,
	optionalEnum,
	optionalLabel,
	positiveInteger,
	show
} from './spec-fields';

export type Icd10Level = 'code' | 'category' | 'block' | 'chapter';
const ICD10_LEVELS: readonly Icd10Level[] = ['code', 'category', 'block', 'chapter'];

export interface PrefixSpec {
	builder: 'prefix';
	preset?: 'icd10' | 'drug';
	/** Generic: characters kept per level, strictly decreasing (e.g. [4, 3, 1]). */
	lengths?: number[];
	/** icd10: levels to include, in this order; default all four. */
	levels?: Icd10Level[];
	/** drug: 薬効分類 digits per level, strictly decreasing within 4..1; default [4, 3, 2, 1]. */
	digits?: number[];
	/** icd10 chapter labels: `IV` (roman, default), `E00-E90` (range), or with the Japanese/English name. */
	chapterLabel?: 'roman' | 'range' | 'ja' | 'en';
	/** drug: add the class name to codes that have one (`11 中枢神経系用薬`). */
	names?: boolean;
	missing?: string;
	strict?: boolean;
}

const FIELDS = [
	'builder',
	'preset',
	'lengths',
	'levels',
	'digits',
	'chapterLabel',
	'names',
	'missing',
	'strict'
];

function decreasing(list: number[], path: string): void {
	list.forEach((n, i) => {
		if (i > 0 && !(n < list[i - 1])) {
			fail(
				`${path}[${i}]: each level must keep fewer characters than the previous (${list[i - 1]} then ${n})`
			);
		}
	});
}

export function parsePrefixSpec(raw: unknown, path = 'hierarchy'): PrefixSpec {
	const spec = asObject(raw, path);
	onlyFields(spec, FIELDS, path);
	const preset = optionalEnum(spec, 'preset', ['icd10', 'drug'], path);
	const lengths = optionalArray(spec, 'lengths', path)?.map((n, i) =>
		positiveInteger(n, `${path}.lengths[${i}]`)
	);
	const digits = optionalArray(spec, 'digits', path)?.map((n, i) => {
		if (n !== 1 && n !== 2 && n !== 3 && n !== 4)
			fail(`${path}.digits[${i}]: expected 1, 2, 3 or 4, got ${show(n)}`);
		return n;
	});
	const levels = optionalArray(spec, 'levels', path)?.map((l, i) => {
		if (typeof l !== 'string' || !(ICD10_LEVELS as readonly string[]).includes(l)) {
			fail(`${path}.levels[${i}]: expected one of ${ICD10_LEVELS.join(', ')}, got ${show(l)}`);
		}
		return l as Icd10Level;
	});
	if (lengths) decreasing(lengths, `${path}.lengths`);
	if (digits) decreasing(digits, `${path}.digits`);
	levels?.forEach((l, i) => {
		if (i > 0 && ICD10_LEVELS.indexOf(l) <= ICD10_LEVELS.indexOf(levels[i - 1])) {
			fail(
				`${path}.levels[${i}]: "${l}" cannot follow "${levels[i - 1]}" (order: ${ICD10_LEVELS.join(' → ')})`
			);
		}
	});
	if (preset === undefined && !lengths)
		fail(`${path}.lengths: give the prefix lengths, or a preset ("icd10", "drug")`);
	if (preset !== undefined && lengths) fail(`${path}.lengths: not used with preset "${preset}"`);
	if (preset !== 'icd10' && (levels || spec.chapterLabel !== undefined)) {
		fail(`${path}.${levels ? 'levels' : 'chapterLabel'}: only for preset "icd10"`);
	}
	if (preset !== 'drug' && (digits || spec.names !== undefined)) {
		fail(`${path}.${digits ? 'digits' : 'names'}: only for preset "drug"`);
	}
	return {
		builder: 'prefix',
		preset,
		lengths,
		levels,
		digits,
		chapterLabel: optionalEnum(spec, 'chapterLabel', ['roman', 'range', 'ja', 'en'], path),
		names: optionalBoolean(spec, 'names', path),
		missing: optionalLabel(spec, 'missing', path),
		strict: optionalBoolean(spec, 'strict', path)
	};
}

function icd10Labels(value: string, spec: PrefixSpec): string[] | null {
	const code = parseIcd10(value);
	if (!code) return null;
	const chapter = icd10Chapter(code.category);
	const chapterLabel = (): string | null => {
		if (!chapter) return null;
		switch (spec.chapterLabel ?? 'roman') {
			case 'roman':
				return chapter.chapter;
			case 'range':
				return `${chapter.start}-${chapter.end}`;
			case 'ja':
				return `${chapter.chapter} ${chapter.nameJa}`;
			case 'en':
				return `${chapter.chapter} ${chapter.nameEn}`;
		}
	};
	return (spec.levels ?? ICD10_LEVELS).map((level) => {
		switch (level) {
			case 'code':
				return code.canonical;
			case 'category':
				return code.category;
			case 'block':
				// A category outside every WHO block stays a block of its own (no merge with a neighbour).
				return icd10Block(code.category) ?? code.category;
			case 'chapter':
				// Gaps inside a letter range (D49, K94…) have no chapter: DOMAIN.md §5.5 says "unknown".
				return chapterLabel() ?? spec.missing ?? '*';
		}
	});
}

function drugLabels(value: string, spec: PrefixSpec): string[] | null {
	const cls = drugClassOf(value);
	if (cls === null) return null;
	const digits = spec.digits ?? [4, 3, 2, 1];
	return digits.map((d) => {
		const code = cls.slice(0, d);
		return spec.names ? drugClassLabel(code) : code;
	});
}

export function buildPrefixRows(values: readonly string[], spec: PrefixSpec): string[][] {
	const missing = spec.missing ?? '*';
	const depth =
		spec.preset === 'icd10'
			? (spec.levels ?? ICD10_LEVELS).length
			: spec.preset === 'drug'
				? (spec.digits ?? [4, 3, 2, 1]).length
				: spec.lengths!.length;
	return values.map((value) => {
		let labels: string[] | null;
		if (spec.preset === 'icd10') labels = icd10Labels(value, spec);
		else if (spec.preset === 'drug') labels = drugLabels(value, spec);
		else {
			const chars = [...value.trim()];
			labels = chars.length === 0 ? null : spec.lengths!.map((n) => chars.slice(0, n).join(''));
		}
		if (labels === null && spec.strict) {
			const why =
				spec.preset === 'drug' && isReceiptDrugCode(value)
					? ' (a レセ電 9-digit drug code carries no 薬効分類: map it to its YJ code with the 医薬品マスター)'
					: '';
			const what =
				spec.preset === 'icd10'
					? 'an ICD-10 code'
					: spec.preset === 'drug'
						? 'a YJ / 薬効分類 code'
						: 'a code';
			fail(`prefix builder: value ${JSON.stringify(value)} is not ${what}${why}`);
		}
		return [value, ...(labels ?? Array<string>(depth).fill(missing)), '*'];
	});
}
