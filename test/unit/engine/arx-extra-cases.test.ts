/**
 * Cases measured with ARX 3.9.2 itself (compiled from the 3.9.2 sources, run with Java 17) beyond the
 * cases of ../shared/reference/arx/cases.json: the cup data, ARX's practical monotonicity, and every
 * quality measure of the project file. Each case records the ARX run that measured it:
 *
 *   java -cp <ARX 3.9.2 classes and libs> Gen <dataset dir> <name> <sensitive|-> <privacy>=<value>
 *        <suppression> <measure> <practical monotonicity> [levels|-] [weights]
 *
 * where Gen makes every attribute with a `<name>_hierarchy_<attr>.csv` a quasi-identifier (CSV header
 * order) except the sensitive one, adds KAnonymity(k) (`k=`), EntropyLDiversity(attr, l, SHANNON)
 * (`ldiv-shannon=`), EntropyLDiversity(attr, l, GRASSBERGER) (`ldiv-entropy=`) or
 * DistinctLDiversity(attr, l) (`ldiv-distinct=`), EqualDistanceTCloseness / OrderedDistanceTCloseness /
 * HierarchicalDistanceTCloseness(attr, t[, the attribute's hierarchy]) (`tc-equal=`, `tc-ordered=`,
 * `tc-hierarchical=`; several models comma-separated, in the order given), calls ARXConfiguration.create(suppression, metric) with the measure's
 * factory (named in each case), setPracticalMonotonicity(...), optionally setAttributeWeight(attr,
 * i + 1) for the i-th data column, and prints result.getGlobalOptimum()'s transformation and
 * getHighestScore().
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectFromConfig } from '../../../bin/load-project';
import { parseProjectConfig } from '../../../src/lib/engine/config/project-config';
import { prepareSearch, searchProject } from '../../../src/lib/engine/search/project-search';
import { runToEnd } from '../../../src/lib/engine/search/optimal-search';
import { evaluateTransformation } from '../../../src/lib/engine/search/evaluate-transformation';

const datasets = {
	adult: path.resolve(process.cwd(), '../shared/datasets/arx/adult'),
	cup: path.resolve(process.cwd(), '../shared/datasets/arx/unverified-license/cup')
};
const available = Object.values(datasets).every((dir) => existsSync(dir));
if (!available) console.warn(`skipping ARX extra cases: ${Object.values(datasets).join(' or ')} is missing`);

interface ExtraCase {
	/** The Gen arguments after dataset and sensitive attribute. */
	readonly arx: string;
	readonly dataset: keyof typeof datasets;
	readonly sensitive: string | null;
	readonly privacy: Record<string, unknown>[];
	readonly suppressionLimit: number;
	readonly quality: Record<string, unknown>;
	readonly practical: boolean;
	readonly weights?: boolean;
	/** Null when ARX finds no solution. */
	readonly transformation: number[] | null;
	readonly loss: number | null;
}

/** ARX factory per Gen measure name, and the project-file quality block that should match it. */
const MEASURES: Record<string, { factory: string; quality: Record<string, unknown> }> = {
	loss: { factory: 'Metric.createLossMetric()', quality: { measure: 'loss' } },
	loss0: { factory: 'Metric.createLossMetric(0d)', quality: { measure: 'loss', gsFactor: 0 } },
	loss1: { factory: 'Metric.createLossMetric(1d)', quality: { measure: 'loss', gsFactor: 1 } },
	'loss-arith': {
		factory: 'Metric.createLossMetric(AggregateFunction.ARITHMETIC_MEAN)',
		quality: { measure: 'loss', aggregate: 'arithmetic-mean' }
	},
	precision: { factory: 'Metric.createPrecisionMetric()', quality: { measure: 'precision' } },
	'precision-mono': {
		factory: 'Metric.createPrecisionMetric(true)',
		quality: { measure: 'precision', monotonic: true }
	},
	height: { factory: 'Metric.createHeightMetric()', quality: { measure: 'height' } },
	dm: { factory: 'Metric.createDiscernabilityMetric(false)', quality: { measure: 'discernibility' } },
	'dm-mono': {
		factory: 'Metric.createDiscernabilityMetric(true)',
		quality: { measure: 'discernibility', monotonic: true }
	},
	aecs: { factory: 'Metric.createAECSMetric()', quality: { measure: 'aecs' } },
	entropy: { factory: 'Metric.createEntropyMetric()', quality: { measure: 'entropy' } },
	'nue-mono': {
		factory: 'Metric.createEntropyMetric(true)',
		quality: { measure: 'non-uniform-entropy', monotonic: true }
	},
	'nue-pre-mono': {
		factory: 'Metric.createPrecomputedEntropyMetric(0.1d, true)',
		quality: { measure: 'non-uniform-entropy', monotonic: true }
	}
};

/**
 * `dataset measure privacy=value[/sensitive] s=S practical|exact [weights] -> [levels] loss | no solution`,
 * as measured (see header).
 */
const MEASURED = `
cup dm-mono tc-equal=0.2,k=5/RAMNTALL s=0.04 practical -> [4, 4, 0, 2, 1, 2, 1] 281716707.0
cup dm-mono tc-equal=0.2,k=100/RAMNTALL s=0.04 practical -> [4, 4, 0, 2, 1, 2, 1] 281716707.0
cup dm-mono tc-ordered=0.2,k=5/RAMNTALL s=0.04 practical -> [4, 0, 0, 1, 1, 3, 1] 2823649.0
cup dm-mono tc-ordered=0.2,k=100/RAMNTALL s=0.04 practical -> [5, 0, 0, 2, 1, 3, 1] 35068471.0
cup nue-pre-mono k=5,tc-hierarchical=0.2/RAMNTALL s=0.04 practical -> [3, 4, 1, 0, 0, 3, 1] 1382404.7252617397
cup nue-pre-mono k=100,tc-hierarchical=0.2/RAMNTALL s=0.04 practical -> [3, 4, 1, 1, 0, 2, 1] 1489629.731858499
cup dm-mono tc-equal=0.2,k=5/RAMNTALL s=0.04 exact -> [4, 4, 0, 2, 1, 2, 1] 281716707.0
cup dm-mono tc-equal=0.2,k=100/RAMNTALL s=0.04 exact -> [4, 4, 0, 2, 1, 2, 1] 281716707.0
cup dm-mono tc-ordered=0.2,k=5/RAMNTALL s=0.04 exact -> [4, 0, 0, 1, 1, 3, 1] 2823649.0
cup dm-mono tc-ordered=0.2,k=100/RAMNTALL s=0.04 exact -> [5, 0, 0, 2, 1, 3, 1] 35068471.0
cup nue-pre-mono k=5,tc-hierarchical=0.2/RAMNTALL s=0.04 exact -> [3, 4, 1, 0, 0, 3, 1] 1382404.7252617397
cup nue-pre-mono k=100,tc-hierarchical=0.2/RAMNTALL s=0.04 exact -> [3, 4, 1, 1, 0, 2, 1] 1489629.731858499
cup dm-mono ldiv-shannon=5/RAMNTALL s=0.04 practical -> [4, 0, 0, 1, 1, 3, 1] 2823649.0
cup dm-mono ldiv-shannon=100/RAMNTALL s=0.04 practical -> [3, 4, 1, 2, 1, 2, 1] 88290083.0
cup entropy ldiv-distinct=5/RAMNTALL s=0.04 practical -> [3, 1, 1, 1, 0, 4, 2] 1280692.2442566657
cup entropy ldiv-distinct=100/RAMNTALL s=0.04 practical -> [3, 4, 1, 2, 0, 2, 1] 1572484.05867073
cup entropy ldiv-entropy=5/RAMNTALL s=0.04 practical -> [2, 4, 0, 1, 0, 4, 4] 1280933.498274654
cup dm-mono ldiv-shannon=5/RAMNTALL s=0.04 exact -> [4, 0, 0, 1, 1, 3, 1] 2823649.0
cup dm-mono ldiv-shannon=100/RAMNTALL s=0.04 exact -> [3, 4, 1, 2, 1, 2, 1] 88290083.0
cup entropy ldiv-distinct=5/RAMNTALL s=0.04 exact -> [3, 1, 1, 1, 0, 4, 4] 1280656.1375482252
cup entropy ldiv-distinct=100/RAMNTALL s=0.04 exact -> [3, 4, 1, 2, 0, 4, 4] 1566272.490355837
cup entropy ldiv-entropy=5/RAMNTALL s=0.04 exact -> [2, 4, 0, 1, 0, 4, 4] 1280933.498274654
cup entropy k=100 s=0.04 practical -> [3, 4, 1, 1, 0, 1, 2, 1] 2001343.4737485605
cup entropy k=5 s=0.04 practical -> [2, 4, 0, 1, 0, 4, 4, 4] 1764006.4033760305
cup entropy k=100 s=0.04 exact -> [3, 4, 1, 1, 0, 4, 4, 4] 1994002.8308631124
cup entropy k=5 s=0.04 exact -> [2, 4, 0, 1, 0, 4, 4, 4] 1764006.4033760305
cup loss k=5 s=0 practical -> [5, 2, 1, 1, 1, 4, 4, 4] 0.7776985288904885
cup loss k=5 s=0.04 practical -> [4, 3, 0, 0, 0, 1, 3, 1] 0.15089346801304226
cup loss k=10 s=0 practical -> [4, 4, 1, 1, 1, 4, 4, 4] 0.7795417618899969
cup loss k=10 s=0.04 practical -> [4, 3, 0, 1, 0, 1, 2, 1] 0.18042120797729977
cup loss k=100 s=0 practical -> [5, 4, 1, 0, 1, 4, 4, 4] 0.8340080864093427
cup loss k=100 s=0.04 practical -> [4, 3, 0, 1, 1, 1, 3, 1] 0.30361820718660004
cup dm k=5 s=0 practical -> [4, 4, 1, 1, 1, 4, 4, 4] 301506905.0
cup dm k=5 s=0.04 practical -> [2, 4, 1, 1, 1, 4, 4, 4] 34453099.0
cup dm k=10 s=0 practical -> [4, 4, 1, 1, 1, 4, 4, 4] 301506905.0
cup dm k=10 s=0.04 practical -> [4, 2, 1, 0, 1, 4, 4, 3] 34673767.0
cup dm k=100 s=0 practical -> [5, 4, 1, 0, 1, 4, 4, 4] 619637215.0
cup dm k=100 s=0.04 practical -> [5, 0, 1, 2, 1, 4, 3, 2] 101786663.0
cup nue-mono k=5 s=0 practical -> [4, 4, 1, 1, 1, 4, 4, 4] 2445878.424834677
cup nue-mono k=5 s=0.04 practical -> [2, 4, 0, 1, 0, 1, 3, 1] 1727845.343472375
cup nue-mono k=10 s=0 practical -> [4, 4, 1, 1, 1, 4, 4, 4] 2445878.424834677
cup nue-mono k=10 s=0.04 practical -> [2, 4, 0, 2, 0, 1, 3, 1] 1790352.1046380466
cup nue-mono k=100 s=0 practical -> [5, 4, 1, 0, 1, 4, 4, 4] 2517471.5816586106
cup nue-mono k=100 s=0.04 practical -> [3, 4, 1, 1, 0, 1, 2, 1] 1973124.3718639265
adult loss k=5 s=0.02 exact -> [0, 3, 0, 2, 2, 1, 1, 2, 0] 0.3137130352819242
cup loss k=10 s=0 exact -> [4, 4, 1, 1, 1, 4, 4, 4] 0.7795417618899969
adult loss0 k=5 s=0.02 exact -> [0, 3, 0, 2, 2, 1, 1, 2, 0] 0.30080546123248686
cup loss0 k=10 s=0 exact -> [4, 4, 1, 1, 1, 4, 4, 4] 0.7795417618899969
adult loss1 k=5 s=0.02 exact -> [1, 4, 0, 2, 3, 2, 2, 2, 0] 0.0
cup loss1 k=10 s=0 exact -> [5, 4, 1, 0, 1, 4, 4, 4] 0.0
adult loss-arith k=5 s=0.02 exact -> [0, 3, 0, 2, 2, 1, 1, 2, 0] 0.35748248986666664
cup loss-arith k=10 s=0 exact -> [4, 4, 1, 1, 1, 4, 4, 4] 0.816068004825
adult precision k=5 s=0.02 exact -> [0, 4, 0, 1, 1, 1, 1, 2, 0] 0.43565180126084574
cup precision k=10 s=0 exact -> [5, 4, 1, 0, 1, 4, 4, 4] 0.875
adult precision-mono k=5 s=0.02 exact -> [0, 4, 0, 1, 1, 1, 1, 2, 0] 0.4259259259259259
cup precision-mono k=10 s=0 exact -> [5, 4, 1, 0, 1, 4, 4, 4] 0.875
adult height k=5 s=0.02 exact -> [0, 1, 1, 1, 1, 2, 1, 2, 0] 9.0
cup height k=10 s=0 exact -> [5, 4, 1, 0, 1, 4, 4, 4] 23.0
adult dm k=5 s=0.02 exact -> [0, 0, 1, 2, 3, 2, 2, 1, 1] 7220555.0
cup dm k=10 s=0 exact -> [4, 4, 1, 1, 1, 4, 4, 4] 301506905.0
adult dm-mono k=5 s=0.02 exact -> [1, 0, 1, 2, 3, 2, 2, 0, 1] 2300532.0
cup dm-mono k=10 s=0 exact -> [4, 4, 1, 1, 1, 4, 4, 4] 301506905.0
adult aecs k=5 s=0.02 exact -> [1, 0, 1, 2, 3, 2, 2, 0, 1] 47.35007849293564
cup aecs k=10 s=0 exact -> [4, 4, 1, 1, 1, 4, 4, 4] 3172.05
adult entropy k=5 s=0.02 exact -> [0, 0, 1, 1, 3, 2, 2, 1, 1] 285604.749644758
cup entropy k=10 s=0 exact -> [4, 4, 1, 1, 1, 4, 4, 4] 2445878.424834677
adult nue-mono k=5 s=0.02 exact -> [0, 0, 1, 1, 3, 2, 2, 1, 1] 282939.0335460752
cup nue-mono k=10 s=0 exact -> [4, 4, 1, 1, 1, 4, 4, 4] 2445878.424834677
adult loss k=5 s=0.02 exact weights -> [1, 4, 0, 1, 2, 1, 1, 1, 0] 0.1565932922951856
adult entropy k=5 s=0.02 exact weights -> [1, 4, 1, 1, 2, 2, 0, 0, 0] 110399.90016029612
adult height k=5 s=0.02 exact weights -> [1, 4, 1, 1, 1, 1, 0, 1, 0] 3.8888888888888884
adult precision k=5 s=0.02 exact weights -> [1, 4, 1, 1, 3, 1, 0, 0, 0] 0.20404752607524307
adult loss k=5 s=0.04 practical -> [0, 3, 0, 1, 1, 1, 1, 2, 0] 0.26611081915757495
adult loss k=100 s=0.04 practical -> [0, 3, 1, 2, 2, 2, 1, 2, 0] 0.4987527115183996
adult dm k=5 s=0.04 practical -> [0, 0, 1, 2, 3, 2, 2, 1, 0] 12021896.0
adult dm k=100 s=0.04 practical -> [1, 0, 1, 2, 3, 2, 2, 2, 1] 38545780.0
adult entropy k=5 s=0.04 practical -> [1, 0, 1, 1, 3, 2, 2, 0, 1] 264971.5825580817
adult entropy k=100 s=0.04 practical -> [1, 1, 1, 1, 3, 2, 2, 1, 1] 383803.4034066361
`;

/** Gen's privacy argument → the project-file privacy model (l-diversity needs `/<sensitive>`). */
const PRIVACY: Record<string, (value: number, attribute: string) => Record<string, unknown>> = {
	k: (k) => ({ model: 'k-anonymity', k }),
	'ldiv-shannon': (l, attribute) => ({ model: 'l-diversity', variant: 'entropy', attribute, l }),
	'ldiv-entropy': (l, attribute) => ({ model: 'l-diversity', variant: 'grassberger-entropy', attribute, l }),
	'ldiv-distinct': (l, attribute) => ({ model: 'l-diversity', variant: 'distinct', attribute, l }),
	'tc-equal': (t, attribute) => ({ model: 't-closeness', variant: 'equal', attribute, t }),
	'tc-ordered': (t, attribute) => ({ model: 't-closeness', variant: 'ordered', attribute, t }),
	'tc-hierarchical': (t, attribute) => ({ model: 't-closeness', variant: 'hierarchical', attribute, t })
};

function parseCases(text: string): ExtraCase[] {
	return text
		.trim()
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => {
			const m =
				/^(\w+) (\S+) ([\w.=,-]+?)(?:\/(\S+))? s=([\d.]+) (practical|exact)( weights)? -> (?:\[([\d, ]+)\] (\S+)|no solution)$/.exec(
					line.trim()
				);
			if (!m) throw new Error(`bad case line: ${line}`);
			const measure = MEASURES[m[2]];
			const sensitive = m[4] ?? null;
			return {
				arx: `${m[1]} ${sensitive ?? '-'} ${m[3]} ${m[5]} ${m[2]} (${measure.factory}) ${m[6] === 'practical'}${m[7] ?? ''}`,
				dataset: m[1] as keyof typeof datasets,
				sensitive,
				privacy: m[3].split(',').map((spec) => {
					const [name, value] = spec.split('=');
					return PRIVACY[name](Number(value), sensitive ?? '');
				}),
				suppressionLimit: Number(m[5]),
				quality: measure.quality,
				practical: m[6] === 'practical',
				weights: m[7] !== undefined,
				transformation: m[8] ? m[8].split(',').map(Number) : null,
				loss: m[9] ? Number(m[9]) : null
			};
		});
}

function header(dataset: keyof typeof datasets): string[] {
	const file = path.join(datasets[dataset], `${dataset}.csv`);
	return readFileSync(file, 'utf8').split(/\r?\n/, 1)[0].split(';');
}

function caseConfig(c: ExtraCase) {
	const dir = datasets[c.dataset];
	const columns = header(c.dataset);
	const attributes: Record<string, unknown> = {};
	const weights: Record<string, number> = {};
	columns.forEach((attr, i) => {
		const hierarchy = path.join(dir, `${c.dataset}_hierarchy_${attr}.csv`);
		if (!existsSync(hierarchy)) return;
		if (attr === c.sensitive) {
			attributes[attr] = { role: 'sensitive', hierarchy: { path: hierarchy } };
			return;
		}
		attributes[attr] = { role: 'quasi-identifying', hierarchy: { path: hierarchy } };
		weights[attr] = i + 1;
	});
	return parseProjectConfig({
		tokumei: 1,
		data: { path: path.join(dir, `${c.dataset}.csv`), delimiter: ';' },
		attributes,
		privacy: c.privacy,
		suppressionLimit: c.suppressionLimit,
		quality: c.weights ? { ...c.quality, attributeWeights: weights } : c.quality,
		search: { algorithm: 'optimal', practicalMonotonicity: c.practical }
	});
}

function close(actual: number, expected: number): boolean {
	return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

describe.skipIf(!available)('ARX 3.9.2 measured extra cases', () => {
	for (const c of parseCases(MEASURED)) {
		it(
			c.arx,
			async () => {
				const config = caseConfig(c);
				const project = await loadProjectFromConfig(config, datasets[c.dataset]);
				const prepared = prepareSearch(project);
				const result = runToEnd(searchProject(prepared, config));
				if (c.transformation === null || c.loss === null) {
					expect(result.levels).toBeNull();
					return;
				}
				expect(result.levels).not.toBeNull();
				const loss = result.informationLoss as number;
				expect(close(loss, c.loss), `${loss} vs ARX ${c.loss}`).toBe(true);
				const levels = Array.from(result.levels as Int32Array);
				if (c.practical) {
					// ARX's answer with practical monotonicity is the node its traversal found first.
					expect(levels).toEqual(c.transformation);
				} else if (levels.join() !== c.transformation.join()) {
					// Another optimum: ARX's transformation must tie on loss.
					const tie = evaluateTransformation(prepared, c.transformation);
					expect(tie.anonymous).toBe(true);
					expect(close(tie.informationLoss as number, c.loss), `ARX's node: ${tie.informationLoss}`).toBe(
						true
					);
				}
			},
			300_000
		);
	}
});
