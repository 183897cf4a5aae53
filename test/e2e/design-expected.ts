/**
 * Expected figures for the rule-design e2e tests, computed in Node with the engine's hierarchy
 * builders on the sample file as papaparse reads it — independently of the worker's path (which
 * rolls atoms up): here every row's generalized tuple is counted directly.
 */
import { buildHierarchyRows } from '../../src/lib/engine/hierarchy/builders';
import { hierarchyFromRows } from '../../src/lib/engine/hierarchy/hierarchy';
import type { SampleFacts } from './fixtures';

export interface ExpectedFigures {
	classes: number;
	kReached: number;
	sampleUniques: number;
	recordsAtRisk: number;
	highestRisk: number;
	averageRisk: number;
	/** Class-size counts: size → classes. */
	bySize: Map<number, number>;
}

export function expectedFigures(
	facts: SampleFacts,
	rules: Record<string, { spec: unknown; level: number }>,
	k: number
): ExpectedFigures {
	const columns = Object.entries(rules).map(([name, { spec, level }]) => {
		const c = facts.header.indexOf(name);
		const values = facts.rows.map((r) => r[c] ?? '');
		const h = hierarchyFromRows(name, buildHierarchyRows(values, spec));
		return values.map((v) => h.levels[level][h.codes[level][h.leafIndex.get(v)!]]);
	});
	const counts = new Map<string, number>();
	for (let r = 0; r < facts.rows.length; r++) {
		const key = columns.map((col) => col[r]).join('\u0000');
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	const sizes = [...counts.values()];
	const bySize = new Map<number, number>();
	for (const s of sizes) bySize.set(s, (bySize.get(s) ?? 0) + 1);
	const min = Math.min(...sizes);
	return {
		classes: sizes.length,
		kReached: min,
		sampleUniques: bySize.get(1) ?? 0,
		recordsAtRisk: sizes.filter((s) => s < k).reduce((a, b) => a + b, 0),
		highestRisk: 1 / min,
		averageRisk: sizes.length / facts.rows.length,
		bySize
	};
}
