/**
 * l-diversity of each record's equivalence class, as sdcMicro's ldiversity() computes it
 * (sdcTools/sdcMicro src/Measure_Risk.h, compute_group_ldiversity): classes by exact key equality
 * (a missing key value is just another value here), always unweighted. For a class of size g with
 * non-missing sensitive counts r1 ≥ r2 ≥ … ≥ rm:
 *   distinct  = m, plus 1 when the class also has missing sensitive values and m > 0;
 *   entropy   = exp(−Σ p ln p), p = count/g over the values and, when m > 0, the missing ones as one more;
 *   recursive = 1 + #{l ≥ 2 : c · (r_l + … + r_m) > r1} (recursive (c, l)-diversity of
 *               Machanavajjhala et al., "ℓ-Diversity: Privacy Beyond k-Anonymity", TKDD 2007).
 */

export interface LDiversityInput {
	/** Class id of every record (e.g. groupify(...).classOfRow); rows with −1 are left out. */
	readonly classOfRow: Int32Array;
	readonly classCount: number;
	/** Sensitive code of every record. */
	readonly sensitive: Int32Array;
	/** missing[code] = 1 for codes that count as missing (sdcMicro: the value −999). */
	readonly missing?: Uint8Array;
	/** Recursivity constant c (sdcMicro's l_recurs_c, default 2). */
	readonly c?: number;
}

export interface LDiversity {
	/** Per class. */
	readonly distinct: Float64Array;
	readonly entropy: Float64Array;
	readonly recursive: Float64Array;
	/** Minimum over classes (the l the data achieves). */
	readonly minDistinct: number;
	readonly minEntropy: number;
	readonly minRecursive: number;
}

export function lDiversity(input: LDiversityInput): LDiversity {
	const { classOfRow, classCount, sensitive, missing } = input;
	const c = input.c ?? 2;
	// Sort rows by (class, sensitive code) once: every class's histogram is then one contiguous run.
	let n = 0;
	for (let i = 0; i < classOfRow.length; i++) if (classOfRow[i] >= 0) n++;
	const order = new Int32Array(n);
	for (let i = 0, j = 0; i < classOfRow.length; i++) if (classOfRow[i] >= 0) order[j++] = i;
	order.sort((a, b) => classOfRow[a] - classOfRow[b] || sensitive[a] - sensitive[b]);
	const distinct = new Float64Array(classCount);
	const entropy = new Float64Array(classCount);
	const recursive = new Float64Array(classCount);
	const counts: number[] = [];
	let start = 0;
	while (start < n) {
		const cls = classOfRow[order[start]];
		let end = start;
		while (end < n && classOfRow[order[end]] === cls) end++;
		const size = end - start;
		counts.length = 0;
		let missingCount = 0;
		for (let i = start; i < end;) {
			const code = sensitive[order[i]];
			let j = i;
			while (j < end && sensitive[order[j]] === code) j++;
			if (missing?.[code]) missingCount += j - i;
			else counts.push(j - i);
			i = j;
		}
		let h = 0;
		for (const count of counts) {
			const p = count / size;
			h += p * Math.log(p);
		}
		let m = counts.length;
		if (missingCount > 0 && m > 0) {
			m++;
			const p = missingCount / size;
			h += p * Math.log(p);
		}
		distinct[cls] = m;
		entropy[cls] = Math.exp(-h);
		recursive[cls] = recursiveL(counts, c);
		start = end;
	}
	return {
		distinct,
		entropy,
		recursive,
		minDistinct: minimum(distinct),
		minEntropy: minimum(entropy),
		minRecursive: minimum(recursive)
	};
}

function recursiveL(counts: number[], c: number): number {
	if (counts.length <= 1) return 1;
	counts.sort((a, b) => b - a);
	let tail = 0;
	for (let j = 1; j < counts.length; j++) tail += counts[j];
	let rank = 1;
	for (let j = 1; j < counts.length && c * tail > counts[0]; j++) {
		tail -= counts[j];
		rank++;
	}
	return rank;
}

function minimum(values: Float64Array): number {
	let min = Infinity;
	for (let i = 0; i < values.length; i++) if (values[i] < min) min = values[i];
	return values.length ? min : 0;
}
