/**
 * Sample frequencies fk and weighted (population) frequencies Fk of each record's key, as sdcMicro's
 * freqCalc computes them (sdcTools/sdcMicro R/freqCalc.r and its C++ core): a missing key value
 * is a wildcard that matches any value. For records i and j that match on every key (equal, or at
 * least one of the two missing), record j counts for i with the factor
 *   1      when j has exactly i's pattern (same values, same missing positions);
 *   alpha  when j has a missing value and a different pattern;
 *   1      when j is complete (whether or not i has missing values);
 * fk_i = Σ c_ij and Fk_i = Σ c_ij · w_j. Without missing values these are the class size and the
 * sum of the class's weights.
 */
import { groupify } from '../classes/groupify';

export interface FrequencyInput {
	/** One code column per key variable. */
	readonly keys: readonly Int32Array[];
	readonly rowCount: number;
	/** missing[k][code] = 1 when that code of key k is a missing value (NA); omit when none is. */
	readonly missing?: readonly (Uint8Array | undefined)[];
	/** Sampling weights; Fk = fk without them. */
	readonly weights?: Float64Array;
	/** Weight of records that match with a wildcard (sdcMicro's alpha, default 1). */
	readonly alpha?: number;
	/** Exact classes of every row when already known (e.g. from groupify), used when nothing is missing. */
	readonly classes?: { readonly classOfRow: Int32Array; readonly count: number };
}

export interface Frequencies {
	readonly fk: Float64Array;
	readonly Fk: Float64Array;
	/** Number of distinct key patterns (missing values are their own value here). */
	readonly patterns: number;
	/** Whether any key value is missing (then fk is not a class size). */
	readonly hasMissing: boolean;
}

function cardinalities(keys: readonly Int32Array[], rowCount: number): number[] {
	return keys.map((column) => {
		let max = 0;
		for (let i = 0; i < rowCount; i++) if (column[i] > max) max = column[i];
		return max + 1;
	});
}

/**
 * Groups rows by exact pattern: every missing code of a key is first mapped to one extra code, so
 * all NAs of a key are equal. Returns each pattern's values with −1 for missing.
 */
function patternsOf(
	keys: readonly Int32Array[],
	rowCount: number,
	missing?: readonly (Uint8Array | undefined)[]
) {
	const cards = cardinalities(keys, rowCount);
	const normalized = keys.map((column, k) => {
		const flags = missing?.[k];
		if (!flags) return column;
		return Int32Array.from(column, (code) => (flags[code] ? cards[k] : code));
	});
	const classes = groupify(
		normalized,
		cards.map((c) => c + 1),
		rowCount
	);
	const values = Array.from(classes.firstRow, (row) =>
		Int32Array.from(normalized, (column, k) => (column[row] === cards[k] && missing?.[k] ? -1 : column[row]))
	);
	return { patternOfRow: classes.classOfRow, values };
}

function hasAnyMissing(input: FrequencyInput): boolean {
	const { keys, rowCount, missing } = input;
	if (!missing) return false;
	for (let k = 0; k < keys.length; k++) {
		const flags = missing[k];
		if (!flags) continue;
		for (let row = 0; row < rowCount; row++) if (flags[keys[k][row]]) return true;
	}
	return false;
}

export function frequencies(input: FrequencyInput): Frequencies {
	const { keys, rowCount, weights } = input;
	const fk = new Float64Array(rowCount);
	const Fk = new Float64Array(rowCount);
	if (!hasAnyMissing(input)) {
		const grouped = input.classes ?? groupify(keys, cardinalities(keys, rowCount), rowCount);
		const classOfRow = grouped.classOfRow;
		const classes = grouped.count;
		const count = new Float64Array(classes);
		const weight = new Float64Array(classes);
		for (let row = 0; row < rowCount; row++) {
			count[classOfRow[row]]++;
			weight[classOfRow[row]] += weights ? weights[row] : 1;
		}
		for (let row = 0; row < rowCount; row++) {
			fk[row] = count[classOfRow[row]];
			Fk[row] = weight[classOfRow[row]];
		}
		return { fk, Fk, patterns: classes, hasMissing: false };
	}
	return wildcardFrequencies(input, fk, Fk);
}

/**
 * With missing values: patterns are compared pairwise. Complete patterns only match themselves
 * among complete patterns, so the quadratic part is limited to pairs involving a pattern with a
 * missing value; pairs of complete patterns are resolved through a projection index per missing mask.
 */
function wildcardFrequencies(input: FrequencyInput, fk: Float64Array, Fk: Float64Array): Frequencies {
	const { keys, rowCount, weights, missing } = input;
	const alpha = input.alpha ?? 1;
	const m = keys.length;
	const { patternOfRow, values } = patternsOf(keys, rowCount, missing);
	const p = values.length;
	const count = new Float64Array(p);
	const weight = new Float64Array(p);
	for (let row = 0; row < rowCount; row++) {
		count[patternOfRow[row]]++;
		weight[patternOfRow[row]] += weights ? weights[row] : 1;
	}
	const incomplete: number[] = [];
	const complete: number[] = [];
	for (let i = 0; i < p; i++) (values[i].includes(-1) ? incomplete : complete).push(i);
	// Start with each pattern's own records (factor 1).
	const f = Float64Array.from(count);
	const F = Float64Array.from(weight);
	// Incomplete × incomplete pairs (different patterns): factor alpha in both directions.
	for (let a = 0; a < incomplete.length; a++) {
		const va = values[incomplete[a]];
		for (let b = a + 1; b < incomplete.length; b++) {
			const vb = values[incomplete[b]];
			let match = true;
			for (let k = 0; k < m && match; k++) match = va[k] === -1 || vb[k] === -1 || va[k] === vb[k];
			if (!match) continue;
			f[incomplete[a]] += alpha * count[incomplete[b]];
			F[incomplete[a]] += alpha * weight[incomplete[b]];
			f[incomplete[b]] += alpha * count[incomplete[a]];
			F[incomplete[b]] += alpha * weight[incomplete[a]];
		}
	}
	// Incomplete × complete pairs, grouped by the incomplete pattern's missing mask: a complete
	// pattern matches when it equals the incomplete one on the mask's present positions.
	const byMask = new Map<string, number[]>();
	for (const i of incomplete) {
		const mask = Array.from(values[i], (v) => (v === -1 ? 1 : 0)).join('');
		const list = byMask.get(mask);
		if (list) list.push(i);
		else byMask.set(mask, [i]);
	}
	for (const [mask, members] of byMask) {
		const present: number[] = [];
		for (let k = 0; k < m; k++) if (mask[k] === '0') present.push(k);
		const project = (v: Int32Array) => present.map((k) => v[k]).join(',');
		// Sum of incomplete records per projection (they count alpha for complete patterns).
		const naCount = new Map<string, number>();
		const naWeight = new Map<string, number>();
		for (const i of members) {
			const key = project(values[i]);
			naCount.set(key, (naCount.get(key) ?? 0) + count[i]);
			naWeight.set(key, (naWeight.get(key) ?? 0) + weight[i]);
		}
		const completeCount = new Map<string, number>();
		const completeWeight = new Map<string, number>();
		for (const c of complete) {
			const key = project(values[c]);
			const n = naCount.get(key);
			if (n !== undefined) {
				f[c] += alpha * n;
				F[c] += alpha * (naWeight.get(key) ?? 0);
			}
			completeCount.set(key, (completeCount.get(key) ?? 0) + count[c]);
			completeWeight.set(key, (completeWeight.get(key) ?? 0) + weight[c]);
		}
		// Complete records count fully (factor 1) for an incomplete pattern.
		for (const i of members) {
			const key = project(values[i]);
			f[i] += completeCount.get(key) ?? 0;
			F[i] += completeWeight.get(key) ?? 0;
		}
	}
	for (let row = 0; row < rowCount; row++) {
		fk[row] = f[patternOfRow[row]];
		Fk[row] = F[patternOfRow[row]];
	}
	return { fk, Fk, patterns: p, hasMissing: true };
}
