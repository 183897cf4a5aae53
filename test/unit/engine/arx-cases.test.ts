/**
 * Every case of ../shared/reference/arx/cases.json whose data is available: same information loss
 * (relative 1e-9) and, unless another transformation ties on loss, the same transformation.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectFromConfig } from '../../../bin/load-project';
import { parseProjectConfig, type ProjectConfig } from '../../../src/lib/engine/config/project-config';
import { prepareSearch, searchProject } from '../../../src/lib/engine/search/project-search';
import { runToEnd } from '../../../src/lib/engine/search/optimal-search';
import { evaluateTransformation } from '../../../src/lib/engine/search/evaluate-transformation';

const casesPath = path.resolve(process.cwd(), '../shared/reference/arx/cases.json');
const datasetsDir = path.resolve(process.cwd(), '../shared/datasets/arx');
const available = existsSync(casesPath) && existsSync(datasetsDir);
if (!available) console.warn(`skipping ARX cases: ${casesPath} or ${datasetsDir} is missing`);

interface ArxCase {
	id: string;
	dataset: string;
	dataset_available_here: boolean;
	qis_in_transformation_order: string[];
	sensitive_or_excluded_attribute: string;
	sensitive_attribute_role: string;
	privacy_models: Record<string, unknown>[];
	suppression_limit: number;
	quality_model: { arx_factory: string; aggregate?: string; gs_factor?: number; monotonic_variant?: boolean };
	practical_monotonicity: boolean;
	attribute_weights?: Record<string, number>;
	expected: {
		no_solution: boolean;
		transformation: number[] | null;
		loss_as_printed_by_arx: string | null;
		loss_numeric: number | null;
	};
	arx_stats: { lattice_size: number; transformations_checked: number };
}

const all = available
	? (JSON.parse(readFileSync(casesPath, 'utf8')) as {
			cases: ArxCase[];
			datasets: Record<string, { shared_path: string; header_order: string[] }>;
		})
	: null;

const AGGREGATES: Record<string, string> = {
	GEOMETRIC_MEAN: 'geometric-mean',
	ARITHMETIC_MEAN: 'arithmetic-mean',
	SUM: 'sum',
	MAXIMUM: 'max',
	RANK: 'rank'
};

/** Translates one case into a project config; returns a reason when it cannot be expressed yet. */
function caseConfig(c: ArxCase): ProjectConfig | string {
	const dataset = all!.datasets[c.dataset];
	const dataPath = path.join(datasetsDir, dataset.shared_path);
	const dir = path.dirname(dataPath);
	const hierarchy = (attr: string) => ({ path: path.join(dir, `${c.dataset}_hierarchy_${attr}.csv`) });
	const attributes: Record<string, unknown> = {};
	for (const qi of c.qis_in_transformation_order)
		attributes[qi] = { role: 'quasi-identifying', hierarchy: hierarchy(qi) };
	const s = c.sensitive_or_excluded_attribute;
	if (c.sensitive_attribute_role === 'sensitive')
		attributes[s] = { role: 'sensitive', hierarchy: hierarchy(s) };
	const privacy: unknown[] = [];
	for (const m of c.privacy_models) {
		const attribute = m.attribute as string;
		switch (m.model) {
			case 'k-anonymity':
				privacy.push({ model: 'k-anonymity', k: m.k });
				break;
			case 'basic-beta-likeness':
			case 'enhanced-beta-likeness':
				privacy.push({
					model: 'beta-likeness',
					variant: (m.model as string).split('-')[0],
					attribute,
					beta: m.beta
				});
				break;
			case 'delta-presence':
				privacy.push({
					model: 'delta-presence',
					deltaMin: m.delta_min,
					deltaMax: m.delta_max,
					subset: path.join(dir, m.research_subset as string)
				});
				break;
			case 'entropy-l-diversity':
				privacy.push({
					model: 'l-diversity',
					variant: m.entropy_estimator === 'GRASSBERGER' ? 'grassberger-entropy' : 'entropy',
					attribute,
					l: m.l
				});
				break;
			case 'distinct-l-diversity':
				privacy.push({ model: 'l-diversity', variant: 'distinct', attribute, l: m.l });
				break;
			case 'recursive-(c,l)-diversity':
				privacy.push({ model: 'l-diversity', variant: 'recursive', attribute, l: m.l, c: m.c });
				break;
			case 't-closeness':
				privacy.push({ model: 't-closeness', variant: m.ground_distance, attribute, t: m.t });
				break;
			case 'k-map':
				if (m.research_subset)
					privacy.push({ model: 'k-map', k: m.k, subset: path.join(dir, m.research_subset as string) });
				else {
					const population = Number(String(m.population).replace(/[^0-9]/g, ''));
					privacy.push({
						model: 'k-map',
						k: m.k,
						population,
						significance: m.significance_level,
						estimator: m.estimator === 'ZERO_TRUNCATED_POISSON' ? 'zero-truncated-poisson' : 'poisson'
					});
				}
				break;
			case 'average-reidentification-risk':
				privacy.push({ model: 'average-risk', threshold: m.threshold });
				break;
			case 'sample-uniqueness':
				privacy.push({ model: 'sample-uniqueness', threshold: m.threshold });
				break;
			case 'inclusion (research subset)': {
				const size = /getSubset\((\d+)\)/.exec(String(m.subset));
				if (!size) return `research subset ${String(m.subset)} is not reproducible`;
				privacy.push({ model: 'inclusion', subset: subsetFile(dataPath, Number(size[1])) });
				break;
			}
			default:
				return `privacy model "${String(m.model)}" (${JSON.stringify(m)}) has no project-file form yet`;
		}
	}
	const f = c.quality_model.arx_factory;
	let quality: Record<string, unknown>;
	if (f.includes('LossMetric')) {
		quality = {
			measure: 'loss',
			aggregate: AGGREGATES[c.quality_model.aggregate ?? 'GEOMETRIC_MEAN'],
			gsFactor: c.quality_model.gs_factor ?? 0.5
		};
	} else if (f.includes('AECS')) quality = { measure: 'aecs' };
	else if (f.includes('EntropyMetric'))
		quality = { measure: 'non-uniform-entropy', monotonic: f.includes('true') };
	else if (f.includes('Discernability'))
		quality = { measure: 'discernibility', monotonic: f.includes('true') };
	else return `quality model ${f} is not mapped`;
	if (c.attribute_weights) {
		quality.attributeWeights = Object.fromEntries(
			Object.entries(c.attribute_weights).filter(([name]) => name in attributes)
		);
	}
	return parseProjectConfig({
		tokumei: 1,
		data: { path: dataPath, delimiter: ';' },
		attributes,
		privacy,
		suppressionLimit: c.suppression_limit,
		quality,
		search: { algorithm: 'optimal', practicalMonotonicity: c.practical_monotonicity }
	});
}

/** java.util.Random(seed).nextInt(bound), as ARX's TestAnonymizationSubset#getSubset draws rows. */
function javaRandomInts(seed: bigint, bound: number, count: number): number[] {
	const mask = (1n << 48n) - 1n;
	let state = (seed ^ 0x5deece66dn) & mask;
	const next31 = () => {
		state = (state * 0x5deece66dn + 0xbn) & mask;
		return Number(state >> 17n);
	};
	const result: number[] = [];
	for (let i = 0; i < count; i++) {
		let bits = next31();
		let value = bits % bound;
		while (bits - value + (bound - 1) >= 2 ** 31) {
			bits = next31();
			value = bits % bound;
		}
		result.push(value);
	}
	return result;
}

/** Writes the rows of getSubset(size) (seed 0xDEADBEEF, a Java int) to a CSV file; returns its path. */
function subsetFile(dataPath: string, size: number): string {
	const lines = readFileSync(dataPath, 'utf8')
		.split(/\r?\n/)
		.filter((line) => line !== '');
	const rows = new Set(javaRandomInts(BigInt.asIntN(64, BigInt(-559038737)), size, size));
	const dir = mkdtempSync(path.join(tmpdir(), 'tokumei-subset-'));
	const file = path.join(dir, `subset-${size}.csv`);
	writeFileSync(file, [lines[0], ...[...rows].map((row) => lines[row + 1])].join('\n') + '\n');
	return file;
}

/**
 * Cases whose printed loss depends on ARX's search path: ARX assembles class distributions from
 * snapshots of other transformations, which changes the bucket order its entropy-l-diversity check
 * walks, so the verdict on a few classes (and the suppressed records) differ from ARX's evaluation
 * of the same transformation alone (see criteria/l-diversity.ts). For them we check the
 * transformation and the loss ARX gives for that transformation checked alone, measured with ARX
 * 3.9.2 (built from source, Java 17) by fixing every QI's minimum and maximum generalization to the
 * transformation (DataDefinition#setMinimumGeneralization/setMaximumGeneralization), same privacy
 * model, suppression limit and Metric.createPrecomputedEntropyMetric(0.1d, false); ARX then checks
 * that single node and getGlobalOptimum().getHighestScore() prints the figure below (its full
 * search prints loss_as_printed_by_arx instead: 216092.124036387 and 180347.4325366015).
 */
const SEARCH_PATH_DEPENDENT: Record<string, number> = {
	'TestAnonymizationEntropyLDiversity#0': 216222.2162573844,
	'TestAnonymizationEntropyLDiversity#3': 180456.49057277048
};

function lossClose(actual: number, expected: number): boolean {
	return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

describe.skipIf(!available)('ARX 3.9.2 reference cases', () => {
	for (const c of all?.cases ?? []) {
		const config = c.dataset_available_here ? caseConfig(c) : `dataset ${c.dataset} is not available here`;
		if (typeof config === 'string') {
			it.todo(`${c.id}: ${config}`);
			continue;
		}
		it(
			c.id,
			async () => {
				// Built again here: temporary subset files made while collecting may be gone by now.
				const fresh = caseConfig(c) as ProjectConfig;
				const project = await loadProjectFromConfig(fresh, path.dirname(fresh.data.path));
				const prepared = prepareSearch(project);
				const result = runToEnd(searchProject(prepared, config));
				if (c.expected.no_solution) {
					expect(result.levels).toBeNull();
					return;
				}
				expect(result.levels).not.toBeNull();
				const loss = result.informationLoss;
				const alone = SEARCH_PATH_DEPENDENT[c.id];
				if (alone !== undefined) {
					expect(Array.from(result.levels as Int32Array)).toEqual(c.expected.transformation);
					expect(lossClose(loss as number, alone), `${loss} vs ARX alone ${alone}`).toBe(true);
					const single = evaluateTransformation(prepared, c.expected.transformation as number[]);
					expect(lossClose(single.informationLoss as number, alone)).toBe(true);
					return;
				}
				if (Array.isArray(loss)) {
					const expected = JSON.parse(c.expected.loss_as_printed_by_arx as string) as number[];
					expect(loss.length).toBe(expected.length);
					loss.forEach((v, i) => expect(lossClose(v, expected[i]), `${v} vs ${expected[i]}`).toBe(true));
				} else {
					expect(
						lossClose(loss as number, c.expected.loss_numeric as number),
						`${loss} vs ${c.expected.loss_numeric}`
					).toBe(true);
				}
				const levels = Array.from(result.levels as Int32Array);
				if (levels.join() !== (c.expected.transformation ?? []).join()) {
					// Allowed only when ARX's transformation ties on loss: evaluate it and compare.
					const tie = evaluateTransformation(prepared, c.expected.transformation as number[]);
					expect(tie.anonymous).toBe(true);
					expect(tie.informationLoss).toEqual(result.informationLoss);
					console.warn(`${c.id}: tie — got [${levels}] where ARX reports [${c.expected.transformation}]`);
				}
			},
			300_000
		);
	}
});
