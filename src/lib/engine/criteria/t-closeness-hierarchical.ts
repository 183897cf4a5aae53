import type { ClassCriterion, SensitiveAttributeSetup, SensitiveHistogram } from './criterion';
import { CriterionConfigError } from './config-error';

/**
 * t-closeness with hierarchical ground distance.
 *
 * Li N, Li T, Venkatasubramanian S. t-Closeness: Privacy beyond k-anonymity and l-diversity.
 * ICDE 2007:106–115, §4.2: with the values as leaves of a generalization hierarchy of height H,
 * moving mass between two leaves costs level(lowest common ancestor)/H, and the minimal cost is
 * Σ_{inner nodes N} level(N)/H · min(pos(N), neg(N)), where extra(leaf) = qᵢ − pᵢ,
 * extra(N) = Σ extra(children), pos/neg = the sums of the positive / |negative| child extras.
 *
 * As ARX 3.9.2 (HierarchicalDistanceTCloseness + DataManager#getTree): nodes of level L are the
 * distinct labels at column L of the hierarchy (one node per label and level), H = number of
 * columns − 1, inner nodes are visited level by level. To stay exact, extras are kept as whole
 * numbers scaled by |Q|·|P| — extra(leaf) = globalCountᵢ·|P| − classCountᵢ·|Q| with |Q| = rows
 * of the research sample and |P| = Σ of the class histogram — and the total is divided by |Q|·|P|
 * at the end. ARX does this in 32-bit integers (overflow beyond ~46,000 rows); we use doubles,
 * exact up to 2^53. Monotonic with generalization, not with suppression.
 */
export function hierarchicalDistanceTCloseness(
	setup: SensitiveAttributeSetup,
	index: number,
	t: number
): ClassCriterion {
	const distance = hierarchicalDistance(setup);
	return {
		kind: 'class',
		label: `${t}-closeness with hierarchical ground-distance for ${setup.name}`,
		monotonicWithGeneralization: true,
		monotonicWithSuppression: false,
		minimalClassSize: 0,
		needsSubset: false,
		isAnonymous: (cls) => distance(cls.sensitive[index]) <= t
	};
}

/**
 * The hierarchical EMD of one class's histogram to the attribute's global distribution, as
 * described above; exported so the live figures report the very distance the criterion checks.
 */
export function hierarchicalDistance(setup: SensitiveAttributeSetup): (h: SensitiveHistogram) => number {
	const levels = setup.hierarchyLevels;
	if (!levels || levels.length < 2) {
		throw new CriterionConfigError(
			`t-closeness (hierarchical) for "${setup.name}": needs a hierarchy with at least two levels for that attribute`
		);
	}
	const leaves = setup.values.length;
	for (let l = 0; l < levels.length; l++) {
		if (levels[l].length < leaves) {
			throw new CriterionConfigError(
				`t-closeness (hierarchical) for "${setup.name}": hierarchy level ${l} has no value for "${setup.values[levels[l].length]}"`
			);
		}
	}
	const height = levels.length - 1;
	// Slots 0..leaves−1 hold leaf extras, then one slot per inner node, level by level.
	const nodeLevel: number[] = [];
	const childStart: number[] = [0];
	const children: number[] = [];
	let slotOfPrevious = Int32Array.from({ length: leaves }, (_, code) => code); // leaf code → its slot at level L−1
	for (let level = 1; level <= height; level++) {
		const slotOfLabel = new Map<string, number>();
		const childSets: Set<number>[] = [];
		const slotOfCurrent = new Int32Array(leaves);
		const firstSlot = leaves + nodeLevel.length;
		for (let code = 0; code < leaves; code++) {
			const label = levels[level][code];
			let slot = slotOfLabel.get(label);
			if (slot === undefined) {
				slot = firstSlot + childSets.length;
				slotOfLabel.set(label, slot);
				childSets.push(new Set());
			}
			childSets[slot - firstSlot].add(slotOfPrevious[code]);
			slotOfCurrent[code] = slot;
		}
		for (const set of childSets) {
			nodeLevel.push(level);
			for (const child of set) children.push(child);
			childStart.push(children.length);
		}
		slotOfPrevious = slotOfCurrent;
	}
	const nodes = nodeLevel.length;
	const childIndex = Int32Array.from(children);
	const childOffset = Int32Array.from(childStart);
	const levelWeight = Float64Array.from(nodeLevel, (level) => level / height);
	const globalCounts = new Float64Array(leaves);
	let globalTotal = 0;
	for (let code = 0; code < leaves; code++) {
		globalCounts[code] = setup.globalCounts[code] ?? 0;
		globalTotal += globalCounts[code];
	}
	const extra = new Float64Array(leaves + nodes);
	const classCounts = new Float64Array(leaves); // scratch, reset after each call

	return (h) => {
		let classTotal = 0;
		for (let i = 0; i < h.length; i++) {
			classCounts[h.codes[i]] += h.counts[i];
			classTotal += h.counts[i];
		}
		for (let code = 0; code < leaves; code++) {
			extra[code] = globalCounts[code] * classTotal - classCounts[code] * globalTotal;
		}
		for (let i = 0; i < h.length; i++) classCounts[h.codes[i]] = 0;
		let cost = 0;
		for (let n = 0; n < nodes; n++) {
			let positive = 0;
			let negative = 0;
			for (let c = childOffset[n]; c < childOffset[n + 1]; c++) {
				const e = extra[childIndex[c]];
				if (e > 0) positive += e;
				else negative -= e;
			}
			extra[leaves + n] = positive - negative;
			cost += levelWeight[n] * Math.min(positive, negative);
		}
		return cost / (globalTotal * classTotal);
	};
}
