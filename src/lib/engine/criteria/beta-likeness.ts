import type { ClassCriterion, EquivalenceClassView, SensitiveAttributeSetup } from './criterion';
import { globalDistribution } from './global-distribution';

/**
 * β-likeness: no sensitive value may be much more frequent in a class than overall. With qᵢ the
 * frequency in the research sample and pᵢ the frequency in the class, the relative gain in
 * confidence (pᵢ − qᵢ)/qᵢ must not exceed
 * - basic β-likeness: β;
 * - enhanced β-likeness: min(β, −ln qᵢ), which is stricter for frequent values.
 * Only values more frequent in the class than overall can violate it (negative gains pass).
 *
 * Cao J, Karras P. Publishing microdata with a robust privacy guarantee. PVLDB
 * 2012;5(11):1388–1399 (Definitions 2 and 3).
 *
 * As ARX 3.9.2 (criteria/BasicBLikeness, EnhancedBLikeness): pᵢ uses the class size (ARX
 * entry.count), qᵢ = DataManager#getDistribution; monotonic with generalization, not with
 * suppression; no minimal class size.
 */
export function betaLikeness(
	setup: SensitiveAttributeSetup,
	index: number,
	beta: number,
	variant: 'basic' | 'enhanced'
): ClassCriterion {
	const q = globalDistribution(setup);
	// Per-value bound: β, or min(β, −ln qᵢ) for the enhanced variant.
	const bound = Float64Array.from(q, (qi) => (variant === 'basic' ? beta : Math.min(beta, -Math.log(qi))));
	return {
		kind: 'class',
		label: `${variant}-${beta}-likeness for ${setup.name}`,
		monotonicWithGeneralization: true,
		monotonicWithSuppression: false,
		minimalClassSize: 0,
		needsSubset: false,
		isAnonymous(cls: EquivalenceClassView): boolean {
			const h = cls.sensitive[index];
			const size = cls.size;
			for (let i = 0; i < h.length; i++) {
				if (h.counts[i] <= 0) continue;
				const code = h.codes[i];
				const qi = q[code];
				if ((h.counts[i] / size - qi) / qi > bound[code]) return false;
			}
			return true;
		}
	};
}
