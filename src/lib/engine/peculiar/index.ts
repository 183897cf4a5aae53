/**
 * 特異な記述 (peculiar values, APPI 規則34条 measure 4 / DOMAIN.md §1.2): values so rare or so extreme
 * that they single a person out on their own. Detection lists them with counts; the person decides,
 * per value, to generalize, top-/bottom-code, suppress or keep it (with a note), and
 * {@link applyPeculiarDecisions} turns those decisions into the column and hierarchy the rest of the
 * flow (risk, search, export) works on.
 *
 * - Rare values: fewer than `threshold` rows (default 10, the NDB small-cell rule, DOMAIN.md §2.3).
 * - Numeric outliers: beyond Tukey's far-out fences Q1 − 3·IQR / Q3 + 3·IQR (Tukey, Exploratory
 *   Data Analysis, 1977, §2C), which do not depend on a normal distribution.
 * - Extreme ages: 90 or older (the 匿名加工 age top-code "90歳以上", HIPAA's "ages over 89"),
 *   from an age column or a birth-date column at a reference date.
 */
import { parseDateValue } from '../hierarchy/builders/date';
import { parseNumber } from '../hierarchy/builders/interval';
import type { EncodedColumn } from '../table/encoded-table';

export type PeculiarKind = 'rare' | 'outlier-high' | 'outlier-low' | 'extreme-age';
export type PeculiarAction = 'generalize' | 'top-code' | 'bottom-code' | 'suppress' | 'keep';

export interface PeculiarFinding {
	readonly attribute: string;
	readonly kind: PeculiarKind;
	readonly value: string;
	/** Rows holding the value. */
	readonly count: number;
}

export interface PeculiarDecision {
	readonly attribute: string;
	readonly value: string;
	readonly action: PeculiarAction;
	/** top-code / bottom-code: the value that replaces every value beyond it (default: `value`). */
	readonly bound?: string;
	/** Why (kept in the processing record). */
	readonly note: string;
}

export interface DetectOptions {
	/** Values with fewer rows than this are rare (default 10). */
	readonly threshold?: number;
	/** The column holds ages (years). */
	readonly age?: boolean;
	/** The column holds birth dates; ages are taken at `referenceYear`. */
	readonly birthDate?: boolean;
	readonly referenceYear?: number;
	/** Age from which a person is "extreme" (default 90). */
	readonly extremeAge?: number;
	/** Rare values are skipped when more than this share of distinct values is rare (IDs, dates). */
	readonly maxRareShare?: number;
}

export const PECULIAR_THRESHOLD = 10;
export const EXTREME_AGE = 90;

function isBlank(value: string): boolean {
	return value.trim() === '';
}

function countCodes(column: EncodedColumn): Int32Array {
	const counts = new Int32Array(column.values.length);
	for (let i = 0; i < column.codes.length; i++) counts[column.codes[i]]++;
	return counts;
}

/** Quantile by linear interpolation between order statistics (Hyndman & Fan 1996, type 7, R's default). */
function quantile(sorted: Float64Array, p: number): number {
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/** Age in whole years at mid-`referenceYear` of someone born in the given year and month. */
function ageOf(year: number, month: number, referenceYear: number): number {
	return referenceYear - year - (month > 6 ? 1 : 0);
}

/** Lists the peculiar values of one column, most striking first within each kind. */
export function detectPeculiar(column: EncodedColumn, options: DetectOptions = {}): PeculiarFinding[] {
	const threshold = options.threshold ?? PECULIAR_THRESHOLD;
	const counts = countCodes(column);
	const findings: PeculiarFinding[] = [];
	const seen = new Set<number>();
	const add = (code: number, kind: PeculiarKind) => {
		if (seen.has(code)) return;
		seen.add(code);
		findings.push({ attribute: column.name, kind, value: column.values[code], count: counts[code] });
	};

	const extreme = options.extremeAge ?? EXTREME_AGE;
	if (options.age || options.birthDate) {
		const year = options.referenceYear ?? new Date().getUTCFullYear();
		const old: number[] = [];
		for (let code = 0; code < column.values.length; code++) {
			const text = column.values[code];
			if (counts[code] === 0 || isBlank(text)) continue;
			let age: number | null = null;
			if (options.age) age = parseNumber(text);
			else {
				const d = parseDateValue(text);
				if (d) age = ageOf(d.year, d.month, year);
			}
			if (age !== null && age >= extreme) old.push(code);
		}
		old.sort((a, b) => column.values[a].localeCompare(column.values[b]));
		for (const code of old) add(code, 'extreme-age');
	}

	// Numeric outliers: only when (nearly) every value is a number.
	const numbers: number[] = [];
	const numericCodes: number[] = [];
	let present = 0;
	for (let code = 0; code < column.values.length; code++) {
		if (counts[code] === 0 || isBlank(column.values[code])) continue;
		present++;
		const n = options.birthDate ? null : parseNumber(column.values[code]);
		if (n === null) continue;
		numericCodes.push(code);
		numbers.push(n);
	}
	if (numericCodes.length >= 4 && numericCodes.length >= 0.95 * present) {
		const expanded: number[] = [];
		numericCodes.forEach((code, i) => {
			for (let r = 0; r < counts[code]; r++) expanded.push(numbers[i]);
		});
		const sorted = Float64Array.from(expanded).sort();
		const q1 = quantile(sorted, 0.25);
		const q3 = quantile(sorted, 0.75);
		const iqr = q3 - q1;
		const order = numericCodes.map((code, i) => ({ code, n: numbers[i] })).sort((a, b) => a.n - b.n);
		for (const { code, n } of order) if (iqr > 0 && n < q1 - 3 * iqr) add(code, 'outlier-low');
		for (const { code, n } of [...order].reverse())
			if (iqr > 0 && n > q3 + 3 * iqr) add(code, 'outlier-high');
	}

	// Rare values; a column where most values are rare (IDs, exact dates) is a matter for
	// generalization as a whole, not a list of thousands of values.
	const rare: number[] = [];
	let distinct = 0;
	for (let code = 0; code < column.values.length; code++) {
		if (counts[code] === 0 || isBlank(column.values[code])) continue;
		distinct++;
		if (counts[code] < threshold) rare.push(code);
	}
	if (rare.length > 0 && rare.length <= (options.maxRareShare ?? 0.5) * distinct) {
		rare.sort((a, b) => counts[a] - counts[b] || a - b);
		for (const code of rare) add(code, 'rare');
	}
	return findings;
}

/** Orders two cell values numerically when both are numbers, else as dates, else null. */
function compareValues(a: string, b: string): number | null {
	const x = parseNumber(a);
	const y = parseNumber(b);
	if (x !== null && y !== null) return x - y;
	const dx = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(a.normalize('NFKC').trim());
	const dy = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(b.normalize('NFKC').trim());
	if (dx && dy) {
		const key = (m: RegExpExecArray) => Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]);
		return key(dx) - key(dy);
	}
	return null;
}

export interface AppliedDecisions {
	/** The column with top/bottom-coded and generalized values replaced. */
	readonly column: EncodedColumn;
	/** The hierarchy rows extended by the labels that replaced generalized values (null if none given). */
	readonly rows: string[][] | null;
	/** Rows whose value was suppressed by a decision (1 = suppressed). */
	readonly suppressed: Uint8Array | null;
	/** Number of rows whose value changed or that were suppressed. */
	readonly changedRows: number;
}

export class PeculiarDecisionError extends Error {
	readonly code = 'BAD_DECISION';
}

/**
 * Applies the decisions for one column. `rows` is the column's hierarchy (ARX layout) when it has
 * one: a generalized value is replaced by its level-1 label, which joins the hierarchy as a leaf with
 * the same ancestors (so every level stays consistent). Top-coding replaces every value above the
 * bound with the bound, bottom-coding every value below it (Hundepool et al., Statistical Disclosure
 * Control, 2012, §3.4.4). Suppressed rows are left to the caller to count as suppressed records.
 */
export function applyPeculiarDecisions(
	column: EncodedColumn,
	rows: readonly (readonly string[])[] | null,
	decisions: readonly PeculiarDecision[]
): AppliedDecisions {
	const mine = decisions.filter((d) => d.attribute === column.name && d.action !== 'keep');
	if (mine.length === 0)
		return { column, rows: rows ? rows.map((r) => [...r]) : null, suppressed: null, changedRows: 0 };
	const replace = new Map<number, string>();
	const suppressCodes = new Set<number>();
	const extraRows: string[][] = [];
	const byLeaf = rows ? new Map(rows.map((r) => [r[0], r])) : null;
	for (const d of mine) {
		const code = column.values.indexOf(d.value);
		if (d.action === 'suppress') {
			if (code >= 0) suppressCodes.add(code);
		} else if (d.action === 'generalize') {
			const row = byLeaf?.get(d.value);
			if (!row || row.length < 2) {
				throw new PeculiarDecisionError(
					`"${d.value}" of "${column.name}" has no hierarchy to generalize it with`
				);
			}
			const label = row[1];
			const existing = byLeaf!.get(label);
			if (existing && existing.slice(1).join('\u0000') !== row.slice(1).join('\u0000')) {
				throw new PeculiarDecisionError(
					`"${label}" is already a value of "${column.name}" with other groups`
				);
			}
			if (!existing) {
				const extra = [label, ...row.slice(1)];
				extraRows.push(extra);
				byLeaf!.set(label, extra);
			}
			if (code >= 0) replace.set(code, label);
		} else {
			const bound = d.bound ?? d.value;
			for (let c = 0; c < column.values.length; c++) {
				const cmp = compareValues(column.values[c], bound);
				if (cmp === null) continue;
				if ((d.action === 'top-code' && cmp > 0) || (d.action === 'bottom-code' && cmp < 0))
					replace.set(c, bound);
			}
		}
	}
	const values = [...column.values];
	const codeOf = new Map(values.map((v, i) => [v, i]));
	const remap = new Int32Array(column.values.length);
	for (let c = 0; c < remap.length; c++) {
		const target = replace.get(c);
		if (target === undefined || target === column.values[c]) {
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
	}
	const codes = new Int32Array(column.codes.length);
	const suppressed = suppressCodes.size > 0 ? new Uint8Array(column.codes.length) : null;
	let changedRows = 0;
	for (let r = 0; r < codes.length; r++) {
		const c = column.codes[r];
		codes[r] = remap[c];
		const hidden = suppressCodes.has(c);
		if (hidden) suppressed![r] = 1;
		if (hidden || remap[c] !== c) changedRows++;
	}
	const outRows = rows ? [...rows.map((r) => [...r]), ...extraRows] : null;
	// A top/bottom-code bound that is not a value of the data still needs a place in the hierarchy.
	if (outRows && byLeaf) {
		for (const v of values) {
			if (byLeaf.has(v) || v === undefined) continue;
			throw new PeculiarDecisionError(`the bound "${v}" of "${column.name}" is not a value of its hierarchy`);
		}
	}
	return { column: { name: column.name, values, codes }, rows: outRows, suppressed, changedRows };
}
