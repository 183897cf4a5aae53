/**
 * Numeric interval hierarchies (ARX's HierarchyBuilderIntervalBased, re-designed for JSON specs):
 * each level splits the number line into bands, either of a fixed width aligned on `origin` or at
 * explicit cut points, and coarser levels must merge whole bands of finer ones. `bottom`/`top` code the
 * tails at every level (values < bottom → "<bottom", values ≥ top → "top+", or "90歳以上" with a
 * Japanese template), which is how DOMAIN.md §1.2 measure 4 (トップコーディング) is applied. Values that
 * are not numbers (empty cells, "不明") go to the `missing` group. The top level is always `*`.
 */
import {
	asObject,
	fail,
	onlyFields,
	optionalArray,
	optionalBoolean,
	optionalEnum,
	optionalLabel,
	optionalNumber,
	optionalString,
	show,
	type Fields
} from './spec-fields';

export interface IntervalLevelSpec {
	/** Band width (bands [origin + k·width, origin + (k+1)·width)). */
	width?: number;
	/** Explicit, strictly increasing cut points (bands [c_i, c_{i+1}), open below c_0 and above the last). */
	cuts?: number[];
}

export interface IntervalSpec {
	builder: 'interval';
	/** Levels from finest to coarsest (level 1 first); `*` is appended as the top level. */
	levels: IntervalLevelSpec[];
	/** Alignment of width bands; defaults to `bottom`, else 0. */
	origin?: number;
	/** Bottom coding: values below it form one band at every level. */
	bottom?: number;
	/** Top coding: values at or above it form one band at every level. */
	top?: number;
	/** `range` (default): `20-29` for integer data, `[20, 30)` otherwise; `interval`: always `[20, 30)`. */
	format?: 'range' | 'interval';
	/** Appended to range labels, e.g. `歳` → `20-29歳`. */
	unit?: string;
	/** Label of the open lower band; `{n}` is its upper bound. Default `<{n}` (e.g. `{n}歳未満`). */
	belowLabel?: string;
	/** Label of the open upper band; `{n}` is its lower bound. Default `{n}+` (e.g. `{n}歳以上`). */
	aboveLabel?: string;
	/** Label of values that are not numbers, at every level below the top. Default `*`. */
	missing?: string;
	/** Throw instead of grouping non-numeric values. */
	strict?: boolean;
}

const FIELDS = [
	'builder',
	'levels',
	'origin',
	'bottom',
	'top',
	'format',
	'unit',
	'belowLabel',
	'aboveLabel',
	'missing',
	'strict'
];

/**
 * Parses a number as written in Japanese exports: full-width digits (NFKC), thousands separators and
 * surrounding spaces are accepted. Returns null for anything else (including the empty string).
 */
export function parseNumber(text: string): number | null {
	// Fast path for plain ASCII numbers, the common case in large columns.
	if (text.length <= 15 && /^-?\d+(?:\.\d+)?$/.test(text)) return Number(text);
	const t = text
		.normalize('NFKC')
		.trim()
		.replace(/,(?=\d{3}(?:\D|$))/g, '');
	if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(t)) return null;
	const n = Number(t);
	return Number.isFinite(n) ? n : null;
}

export function parseIntervalSpec(raw: unknown, path = 'hierarchy'): IntervalSpec {
	const spec = asObject(raw, path);
	onlyFields(spec, FIELDS, path);
	const levelsRaw = optionalArray(spec, 'levels', path);
	if (!levelsRaw) fail(`${path}.levels: the interval builder needs at least one level`);
	const levels = levelsRaw.map((level, i) => parseLevel(level, `${path}.levels[${i}]`));
	const bottom = optionalNumber(spec, 'bottom', path);
	const top = optionalNumber(spec, 'top', path);
	if (bottom !== undefined && top !== undefined && !(bottom < top)) {
		fail(`${path}.top: must be greater than bottom (${bottom}), got ${top}`);
	}
	const origin = optionalNumber(spec, 'origin', path);
	const result: IntervalSpec = {
		builder: 'interval',
		levels,
		origin,
		bottom,
		top,
		format: optionalEnum(spec, 'format', ['range', 'interval'], path),
		unit: optionalString(spec, 'unit', path),
		belowLabel: optionalLabel(spec, 'belowLabel', path),
		aboveLabel: optionalLabel(spec, 'aboveLabel', path),
		missing: optionalLabel(spec, 'missing', path),
		strict: optionalBoolean(spec, 'strict', path)
	};
	checkNesting(result, path);
	return result;
}

function parseLevel(raw: unknown, path: string): IntervalLevelSpec {
	const level = asObject(raw, path);
	for (const key of Object.keys(level)) {
		if (key !== 'width' && key !== 'cuts')
			fail(`${path}.${key}: unknown option (expected "width" or "cuts")`);
	}
	if ((level.width === undefined) === (level.cuts === undefined)) {
		fail(`${path}: give either "width" or "cuts"`);
	}
	if (level.width !== undefined) {
		const width = level.width;
		if (typeof width !== 'number' || !Number.isFinite(width) || width <= 0) {
			fail(`${path}.width: expected a positive number, got ${show(width)}`);
		}
		return { width };
	}
	const cuts = optionalArray(level as Fields, 'cuts', path)!;
	cuts.forEach((c, i) => {
		if (typeof c !== 'number' || !Number.isFinite(c))
			fail(`${path}.cuts[${i}]: expected a number, got ${show(c)}`);
		if (i > 0 && !(c > (cuts[i - 1] as number))) {
			fail(`${path}.cuts[${i}]: cut points must strictly increase (${show(cuts[i - 1])} then ${c})`);
		}
	});
	return { cuts: cuts as number[] };
}

const EPS = 1e-9;

function isMultiple(x: number, of: number): boolean {
	const ratio = x / of;
	return Math.abs(ratio - Math.round(ratio)) < EPS * Math.max(1, Math.abs(ratio));
}

/** Spec-level nesting checks (the cases that can be decided without data); the output check does the rest. */
function checkNesting(spec: IntervalSpec, path: string): void {
	const origin = spec.origin ?? spec.bottom ?? 0;
	for (let i = 1; i < spec.levels.length; i++) {
		const finer = spec.levels[i - 1];
		const coarser = spec.levels[i];
		const where = `${path}.levels[${i}]`;
		if (finer.width !== undefined && coarser.width !== undefined && !isMultiple(coarser.width, finer.width)) {
			fail(`${where}.width: ${coarser.width} is not a multiple of the previous level's width ${finer.width}`);
		}
		if (coarser.cuts) {
			const inner = effectiveCuts(coarser.cuts, spec);
			for (const c of inner) {
				if (c === spec.bottom || c === spec.top) continue;
				const ok = finer.cuts
					? effectiveCuts(finer.cuts, spec).includes(c)
					: isMultiple(c - origin, finer.width!);
				if (!ok) fail(`${where}.cuts: cut ${c} splits a band of the previous level`);
			}
		}
	}
}

function effectiveCuts(cuts: readonly number[], spec: IntervalSpec): number[] {
	let result = [...cuts];
	if (spec.bottom !== undefined) result = [spec.bottom, ...result.filter((c) => c > spec.bottom!)];
	if (spec.top !== undefined) result = [...result.filter((c) => c < spec.top!), spec.top];
	return result;
}

interface Band {
	lo: number;
	hi: number;
}

function tidy(x: number): number {
	return Number(x.toPrecision(12));
}

/**
 * The labeller of one level: finds the band of a value by its index (k-th width band, i-th cut band,
 * or a tail) and builds each band's label once, so large columns cost one lookup per value.
 */
function levelLabeler(
	level: IntervalLevelSpec,
	spec: IntervalSpec,
	integers: boolean
): (v: number) => string {
	const { bottom, top } = spec;
	const cache = new Map<number, string>();
	const labelOf = (key: number, band: () => Band): string => {
		let label = cache.get(key);
		if (label === undefined) {
			label = bandLabel(band(), spec, integers);
			cache.set(key, label);
		}
		return label;
	};
	const BELOW = -Infinity;
	const ABOVE = Infinity;
	if (level.width !== undefined) {
		const w = level.width;
		const origin = spec.origin ?? bottom ?? 0;
		return (v) => {
			if (bottom !== undefined && v < bottom) return labelOf(BELOW, () => ({ lo: -Infinity, hi: bottom }));
			if (top !== undefined && v >= top) return labelOf(ABOVE, () => ({ lo: top, hi: Infinity }));
			const k = Math.floor((v - origin) / w + EPS);
			return labelOf(k, () => {
				let lo = tidy(origin + k * w);
				let hi = tidy(origin + (k + 1) * w);
				if (bottom !== undefined && lo < bottom) lo = bottom;
				if (top !== undefined && hi > top) hi = top;
				return { lo, hi };
			});
		};
	}
	const cuts = effectiveCuts(level.cuts!, spec);
	return (v) => {
		if (bottom !== undefined && v < bottom) return labelOf(BELOW, () => ({ lo: -Infinity, hi: bottom }));
		if (top !== undefined && v >= top) return labelOf(ABOVE, () => ({ lo: top, hi: Infinity }));
		if (v < cuts[0]) return labelOf(BELOW, () => ({ lo: -Infinity, hi: cuts[0] }));
		// binary search: last cut ≤ v
		let lo = 0;
		let hi = cuts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (cuts[mid] <= v) lo = mid;
			else hi = mid - 1;
		}
		const i = lo;
		return labelOf(i, () => ({ lo: cuts[i], hi: i + 1 < cuts.length ? cuts[i + 1] : Infinity }));
	};
}

function fill(template: string, n: number): string {
	return template.includes('{n}') ? template.replaceAll('{n}', String(n)) : template;
}

export function bandLabel(band: Band, spec: IntervalSpec, integers: boolean): string {
	if (band.lo === -Infinity) return fill(spec.belowLabel ?? '<{n}', band.hi);
	if (band.hi === Infinity) return fill(spec.aboveLabel ?? '{n}+', band.lo);
	const unit = spec.unit ?? '';
	// `20-29` reads well; `-10--1` does not, so negative bands use the interval form.
	if (
		spec.format !== 'interval' &&
		integers &&
		Number.isInteger(band.lo) &&
		Number.isInteger(band.hi) &&
		band.lo >= 0
	) {
		const last = band.hi - 1;
		return (last === band.lo ? String(band.lo) : `${band.lo}-${last}`) + unit;
	}
	return `[${band.lo}, ${band.hi})${unit}`;
}

export function buildIntervalRows(values: readonly string[], spec: IntervalSpec): string[][] {
	const missing = spec.missing ?? '*';
	const numbers = values.map(parseNumber);
	if (spec.strict) {
		const bad = values.find((_, i) => numbers[i] === null);
		if (bad !== undefined) fail(`interval builder: value ${JSON.stringify(bad)} is not a number`);
	}
	const integers = numbers.every((n) => n === null || Number.isInteger(n));
	const labelers = spec.levels.map((level) => levelLabeler(level, spec, integers));
	return values.map((value, i) => {
		const n = numbers[i];
		const row = [value];
		for (const label of labelers) row.push(n === null ? missing : label(n));
		row.push('*');
		return row;
	});
}
