/**
 * SUDA2: Special Uniques Detection (Elliot, Manning, Mayes, Gurd & Bane, "SUDA: a program for
 * detecting special uniques", 2005; Manning, Haglin & Keane, "A recursive search algorithm for
 * statistical disclosure assessment", Data Mining and Knowledge Discovery 16, 2008), with the
 * scores, DIS scores and contributions exactly as sdcMicro's suda2(original_scores = TRUE)
 * (sdcTools/sdcMicro src/Suda2.h, R/suda2.R, version 5.8.1).
 *
 * A set S of key variables is a minimal sample unique (MSU) of record i when no other record shares
 * i's values on S but some record does on every S∖{v}. Uniqueness is monotone in S, so checking the
 * immediate subsets suffices. With M key variables (at least 3: sdcMicro adds constant dummy
 * columns below that), record i scores Σ_{MSU S} (M − |S|)!; only records unique on all keys have
 * MSUs. The DIS score (Elliot, "DIS: a new approach to the measurement of statistical disclosure
 * risk", 2000) turns scores into a per-record probability of a correct match:
 *   dis_i = 1 / (1 + P·(1−f)/f / (score_i^Q · Σ_j score_j^(−Q))),  Q = 1 + (8 − M)/20,
 * P = records whose full key occurs exactly twice, f = the DIS sampling fraction. sdcMicro keeps f
 * and Q in float32; we round them the same way (Math.fround), leaving ≈1e-7 relative difference from
 * its float32 intermediate steps.
 *
 * Search: records sharing their full key are merged (one weighted representative per full-key class),
 * then the subsets are visited depth first, each refining its parent's partition by one column
 * (one pass over the classes), and the uniqueness of the candidate records on every subset is kept
 * as a bitset. 2^M passes: adult with 9 keys is 511 passes over 19,502 classes.
 */
import { RefineTable, wholePartition, type Partition } from './refine';

export interface Suda2Options {
	/** DIS sampling fraction (sdcMicro's DisFraction, default 0.01). */
	disFraction?: number;
	/**
	 * missing[k][code] = 1 for missing codes of key k. As in sdcMicro's Suda2.h (a missing value is an
	 * ignored item), a key on which a record is missing never belongs to one of its MSUs; for grouping,
	 * missing values otherwise compare as a value (sdcMicro's behaviour there was not verified).
	 */
	missing?: readonly (Uint8Array | undefined)[];
}

export interface Suda2Result {
	/** SUDA score of every record (0 unless unique on the full key). */
	readonly scores: Float64Array;
	readonly disScores: Float64Array;
	/** contributions[v][row]: share of row's score from MSUs containing key v (0 when score = 0). */
	readonly contributions: readonly Float64Array[];
	/** Per key, 100 · Σ_i contribution·score / Σ_i score (can exceed 100 in total). */
	readonly attributeContributions: Float64Array;
	readonly uniqueRecords: number;
	readonly maxScore: number;
	readonly scoreSum: number;
	readonly maxDis: number;
	/** Number of MSUs of each size (index 0 = size 1). */
	readonly msuCounts: Int32Array;
}

const MAX_KEYS = 20;
/** Uniqueness bitsets are kept for every subset: cap their memory at 256 MiB. */
const MAX_BITSET_WORDS = 1 << 26;

function factorial(k: number): number {
	let f = 1;
	for (let i = 2; i <= k; i++) f *= i;
	return f;
}

function popcount(x: number): number {
	let c = 0;
	while (x) {
		x &= x - 1;
		c++;
	}
	return c;
}

export function suda2(
	keys: readonly Int32Array[],
	rowCount: number,
	options: Suda2Options = {}
): Suda2Result {
	const m = keys.length;
	if (m === 0) throw new Error('suda2: at least one key variable is needed');
	if (m > MAX_KEYS) throw new Error(`suda2: at most ${MAX_KEYS} key variables are supported`);
	// sdcMicro pads 1 or 2 keys with constant columns; they never form MSUs but change M.
	const mEffective = Math.max(m, 3);
	// Full key: candidates (records unique on all keys) and P (records in classes of exactly 2).
	let full: Partition = wholePartition(rowCount);
	const fullTable = new RefineTable(rowCount);
	for (let v = 0; v < m; v++) full = fullTable.refine(full, keys[v]);
	const candidates: number[] = [];
	let pairRecords = 0;
	for (let row = 0; row < rowCount; row++) {
		const size = full.sizes[full.ids[row]];
		if (size === 1) candidates.push(row);
		else if (size === 2) pairRecords++;
	}
	const u = candidates.length;
	const candidateRows = Int32Array.from(candidates);

	// Records with the same full key behave alike on every subset: search over one representative
	// per full-key class, weighted by its size (adult: 19,502 classes instead of 30,162 rows).
	const classes = full.count;
	const representative = new Int32Array(classes).fill(-1);
	for (let row = 0; row < rowCount; row++)
		if (representative[full.ids[row]] < 0) representative[full.ids[row]] = row;
	const reducedKeys = keys.map((column) => Int32Array.from(representative, (row) => column[row]));
	const classWeights = full.sizes.slice(0, classes);
	const candidateClasses = Int32Array.from(candidateRows, (row) => full.ids[row]);

	const words = (u + 31) >>> 5;
	const subsets = 1 << m;
	if (subsets * words > MAX_BITSET_WORDS) {
		throw new Error(
			`suda2: ${m} keys with ${u} unique records need ${Math.round((subsets * words) / 2 ** 18)} MiB; use fewer keys`
		);
	}
	// unique[mask * words + w]: bit c set when candidate c is unique on the subset `mask`.
	const unique = new Uint32Array(subsets * words);
	const table = new RefineTable(classes);

	const visit = (mask: number, parent: Partition, from: number) => {
		for (let v = from; v < m; v++) {
			const child = mask | (1 << v);
			const partition = table.refine(parent, reducedKeys[v], classWeights);
			const base = child * words;
			for (let c = 0; c < u; c++) {
				if (partition.sizes[partition.ids[candidateClasses[c]]] === 1)
					unique[base + (c >>> 5)] |= 1 << (c & 31);
			}
			visit(child, partition, v + 1);
		}
	};
	if (u > 0) visit(0, wholePartition(classes, rowCount), 0);

	// Keys on which each candidate is missing (bit v set): those keys are excluded from its MSUs.
	const missingKeys = new Int32Array(u);
	if (options.missing) {
		for (let v = 0; v < m; v++) {
			const flags = options.missing[v];
			if (!flags) continue;
			for (let c = 0; c < u; c++) if (flags[keys[v][candidateRows[c]]]) missingKeys[c] |= 1 << v;
		}
	}

	const weightOfSize = new Float64Array(m + 1);
	for (let s = 1; s <= m; s++) weightOfSize[s] = factorial(mEffective - s);
	const candidateScore = new Float64Array(u);
	const candidateContribution = new Float64Array(u * m);
	const msuCounts = new Int32Array(m);
	for (let mask = 1; mask < subsets; mask++) {
		const base = mask * words;
		const size = popcount(mask);
		const weight = weightOfSize[size];
		for (let w = 0; w < words; w++) {
			let bits = unique[base + w];
			if (bits === 0) continue;
			// Clear candidates that are already unique on some immediate subset: not minimal.
			for (let v = 0; v < m && bits; v++) {
				if (mask & (1 << v)) bits &= ~unique[(mask ^ (1 << v)) * words + w];
			}
			while (bits) {
				const bit = bits & -bits;
				bits ^= bit;
				const c = (w << 5) + (31 - Math.clz32(bit));
				if (missingKeys[c] & mask) continue;
				candidateScore[c] += weight;
				msuCounts[size - 1]++;
				for (let v = 0; v < m; v++) if (mask & (1 << v)) candidateContribution[c * m + v] += weight;
			}
		}
	}

	const scores = new Float64Array(rowCount);
	const disScores = new Float64Array(rowCount);
	const contributions = Array.from({ length: m }, () => new Float64Array(rowCount));
	let scoreSum = 0;
	let maxScore = 0;
	const attributeSums = new Float64Array(m);
	for (let c = 0; c < u; c++) {
		const row = candidateRows[c];
		const score = candidateScore[c];
		scores[row] = score;
		scoreSum += score;
		if (score > maxScore) maxScore = score;
		if (score === 0) continue;
		for (let v = 0; v < m; v++) {
			const share = candidateContribution[c * m + v] / score;
			contributions[v][row] = share;
			attributeSums[v] += share * score;
		}
	}
	const attributeContributions = new Float64Array(m);
	for (let v = 0; v < m; v++)
		attributeContributions[v] = scoreSum > 0 ? 100 * (attributeSums[v] / scoreSum) : 0;

	// DIS scores, with sdcMicro's float32 constants.
	const f = Math.fround(options.disFraction ?? 0.01);
	const q = Math.fround(1 + Math.fround(Math.fround(8 - mEffective) / 20));
	let adjustment = 0;
	for (let c = 0; c < u; c++) if (candidateScore[c] > 0) adjustment += 1 / Math.pow(candidateScore[c], q);
	const odds = (pairRecords * (1 - f)) / f;
	let maxDis = 0;
	for (let c = 0; c < u; c++) {
		const score = candidateScore[c];
		if (score === 0) continue;
		const dis = 1 / (1 + odds / (Math.pow(score, q) * adjustment));
		disScores[candidateRows[c]] = dis;
		if (dis > maxDis) maxDis = dis;
	}
	let uniqueRecords = 0;
	for (let c = 0; c < u; c++) if (candidateScore[c] > 0) uniqueRecords++;
	return {
		scores,
		disScores,
		contributions,
		attributeContributions,
		uniqueRecords,
		maxScore,
		scoreSum,
		maxDis,
		msuCounts
	};
}
