/**
 * The hierarchy of a quasi-identifier the project gives none: one level, each value its own
 * generalization. ARX accepts such an attribute with a single-column hierarchy (its lattice has one
 * level for it), and sdcMicro's key variables are used as they are; the search, the risk analysis
 * and apply then treat it like any other QI that stays at level 0.
 */
import type { Hierarchy } from '../hierarchy/hierarchy';

export function levelZeroHierarchy(attribute: string, values: readonly string[]): Hierarchy {
	const leafIndex = new Map<string, number>();
	const leaves: string[] = [];
	// Built directly (not via hierarchyFromRows) so that the empty value stays a value of its own.
	for (const value of values) {
		if (leafIndex.has(value)) continue;
		leafIndex.set(value, leaves.length);
		leaves.push(value);
	}
	const codes = Int32Array.from(leaves, (_, i) => i);
	return { attribute, height: 1, levels: [leaves], codes: [codes], leafIndex };
}
