import type { ClassCriterion, EquivalenceClassView, SensitiveAttributeSetup } from './criterion';
import { globalDistribution } from './global-distribution';

/**
 * t-closeness with equal and ordered ground distance: the Earth Mover's Distance between the
 * sensitive distribution P of a class and the distribution Q of the attribute over the whole
 * research sample (not over the class's neighbours) is at most t.
 *
 * Li N, Li T, Venkatasubramanian S. t-Closeness: Privacy beyond k-anonymity and l-diversity.
 * ICDE 2007:106–115, §4.2 (equal distance: D = ½·Σ|pᵢ − qᵢ|; ordered distance:
 * D = 1/(m−1)·Σᵢ |Σ_{j≤i} (pⱼ − qⱼ)| over the m values in their order).
 *
 * As ARX 3.9.2 (criteria/TCloseness, EqualDistanceTCloseness, OrderedDistanceTCloseness):
 * monotonic with generalization, not with suppression; no minimal class size. P uses the
 * class size (ARX entry.count) as denominator; Q = DataManager#getDistribution (research
 * sample). For ordered distance m is the number of distinct values of the attribute.
 */

function baseCriterion(label: string, isAnonymous: (cls: EquivalenceClassView) => boolean): ClassCriterion {
	return {
		kind: 'class',
		label,
		monotonicWithGeneralization: true,
		monotonicWithSuppression: false,
		minimalClassSize: 0,
		needsSubset: false,
		isAnonymous
	};
}

/**
 * Equal ground distance. Summing only over the values present in the class (ARX's rewrite):
 * D = ½·(1 + Σ_{i∈class} (|qᵢ − pᵢ| − qᵢ)), since the absent values contribute Σ qᵢ = 1 − Σ_{present} qᵢ.
 */
export function equalDistanceTCloseness(
	setup: SensitiveAttributeSetup,
	index: number,
	t: number
): ClassCriterion {
	const q = globalDistribution(setup);
	return baseCriterion(`${t}-closeness with equal ground-distance for ${setup.name}`, (cls) => {
		const h = cls.sensitive[index];
		const size = cls.size;
		let distance = 1;
		for (let i = 0; i < h.length; i++) {
			if (h.counts[i] <= 0) continue;
			const qi = q[h.codes[i]];
			distance += Math.abs(qi - h.counts[i] / size) - qi;
		}
		return distance / 2 <= t;
	});
}

/** Codes sorted by their value, comparing strings by UTF-16 code units (Java's String#compareTo). */
export function lexicographicOrder(values: readonly string[]): Int32Array {
	const codes = Array.from(values.keys());
	codes.sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0));
	return Int32Array.from(codes);
}

/**
 * Ordered ground distance. Compared without dividing, as ARX does: Σ|cumulative| ≤ t·(m−1).
 * Precomputed as in ARX: the running distance of Q alone over the first values in order; a
 * class whose smallest value comes after the point where that prefix already exceeds the
 * bound fails at once, otherwise the walk starts from the prefix before its smallest value.
 */
export function orderedDistanceTCloseness(
	setup: SensitiveAttributeSetup,
	index: number,
	t: number
): ClassCriterion {
	const q = globalDistribution(setup);
	const order = setup.order ?? lexicographicOrder(setup.values);
	const m = order.length;
	const rankOf = new Int32Array(Math.max(m, q.length));
	for (let r = 0; r < m; r++) rankOf[order[r]] = r;
	const bound = t * (m - 1);
	const baseDistance = new Float64Array(m);
	const baseSum = new Float64Array(m);
	let firstRankOverBound = m;
	let distance = 0;
	let sum = 0;
	for (let r = 0; r < m; r++) {
		sum -= q[order[r]];
		distance += Math.abs(sum);
		baseDistance[r] = distance;
		baseSum[r] = sum;
		if (distance > bound) {
			firstRankOverBound = r;
			break;
		}
	}
	const p = new Float64Array(q.length); // scratch: class frequencies, reset after each call
	return baseCriterion(`${t}-closeness with ordered distance for ${setup.name}`, (cls) => {
		const h = cls.sensitive[index];
		const size = cls.size;
		let minRank = Number.MAX_SAFE_INTEGER;
		for (let i = 0; i < h.length; i++) {
			if (h.counts[i] <= 0) continue;
			p[h.codes[i]] = h.counts[i] / size;
			minRank = Math.min(minRank, rankOf[h.codes[i]]);
		}
		let anonymous = minRank <= firstRankOverBound;
		if (anonymous) {
			let d = minRank > 0 ? baseDistance[minRank - 1] : 0;
			let s = minRank > 0 ? baseSum[minRank - 1] : 0;
			for (let r = minRank; r < m; r++) {
				const code = order[r];
				s += p[code] - q[code];
				d += Math.abs(s);
				if (d > bound) {
					anonymous = false;
					break;
				}
			}
		}
		for (let i = 0; i < h.length; i++) p[h.codes[i]] = 0;
		return anonymous;
	});
}
