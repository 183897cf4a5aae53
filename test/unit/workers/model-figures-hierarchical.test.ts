/**
 * Hierarchical t-closeness in the browser's rule session (Li et al. 2007, §4.2): the sensitive
 * attribute's hierarchy comes from its rule, the live figure is the largest hierarchical EMD of a
 * released class as the criterion computes it, and the verdict is the engine's.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectConfig } from '$lib/engine/config/project-config';
import { hierarchicalDistance } from '$lib/engine/criteria/t-closeness-hierarchical';
import { parseHierarchyCsv } from '$lib/engine/hierarchy/arx-csv';
import { buildHierarchyRows } from '$lib/engine/hierarchy/builders';
import { generalizeColumn, hierarchyFromRows } from '$lib/engine/hierarchy/hierarchy';
import { evaluateTransformation } from '$lib/engine/search/evaluate-transformation';
import { prepareSearch } from '$lib/engine/search/project-search';
import { encodeCsvText } from '$lib/engine/table/csv';
import type { EncodedTable } from '$lib/engine/table/encoded-table';
import type { Project } from '$lib/workbench/types';
import { createDesignApi } from '../../../workers/design-api';
import { materializeProject } from '../../../workers/export-input';
import { modelFigures } from '../../../workers/model-figures';
import { RuleSession } from '../../../workers/rule-session';

/** The engine's own verdict (the CLI's path: the project as saved, its hierarchies, prepareSearch). */
function engineVerdict(table: EncodedTable, project: ProjectConfig, levels: Record<string, number>): boolean {
	const { config, hierarchies } = materializeProject(table, project);
	const qis = table.columns
		.filter((c) => config.attributes[c.name]?.role === 'quasi-identifying')
		.map((column) => ({ name: column.name, column, hierarchy: hierarchies[column.name] }));
	const sensitive = [
		...new Set((config.privacy ?? []).flatMap((m) => ('attribute' in m ? [m.attribute] : [])))
	];
	const prepared = prepareSearch({ config, table, quasiIdentifiers: qis, sensitive, hierarchies });
	return evaluateTransformation(
		prepared,
		qis.map((q) => levels[q.name])
	).anonymous;
}

const figuresOf = (session: RuleSession, levels: Int32Array) =>
	modelFigures(session, session.project, levels);

describe('hierarchical t-closeness on a hand-sized table', () => {
	// Values a, b under X and c under Y (height 2). One class holds only "a", the other b, c, c, c.
	const table = encodeCsvText('g,v\n1,a\n2,b\n2,c\n2,c\n2,c\n');
	const hierarchy = {
		rows: [
			['a', 'X', '*'],
			['b', 'X', '*'],
			['c', 'Y', '*']
		]
	};
	const project = (t: number, rule: object | null = hierarchy): ProjectConfig => ({
		tokumei: 1,
		data: { path: 'x.csv' },
		attributes: {
			g: {
				role: 'quasi-identifying',
				hierarchy: {
					rows: [
						['1', '*'],
						['2', '*']
					]
				}
			},
			v: { role: 'sensitive', ...(rule ? { hierarchy: rule } : {}) }
		} as ProjectConfig['attributes'],
		privacy: [{ model: 't-closeness', variant: 'hierarchical', attribute: 'v', t }],
		suppressionLimit: 0,
		transformation: { g: 0 }
	});

	it('reports the EMD worked out by hand and flips the verdict at it', () => {
		// q = (1/5, 1/5, 3/5). Class {a}: extra = q − p = (−4/5, 1/5, 3/5); X moves 1/5 at ½, the root
		// 3/5 at 1: 0.1 + 0.6 = 0.7. Class {b,c,c,c}: p = (0, 1/4, 3/4); extra = (1/5, −1/20, −3/20);
		// X moves 1/20 at ½, the root 3/20 at 1: 0.025 + 0.15 = 0.175. Largest: 0.7.
		const session = new RuleSession(table, project(0.7));
		const [figure] = figuresOf(session, Int32Array.of(0));
		expect(figure).toMatchObject({ measure: 't', target: 0.7, met: true });
		expect(figure.reached).toBeCloseTo(0.7, 12);
		expect(engineVerdict(table, project(0.7), { g: 0 })).toBe(true);
		const strict = figuresOf(new RuleSession(table, project(0.69)), Int32Array.of(0));
		expect(strict[0].met).toBe(false);
		expect(engineVerdict(table, project(0.69), { g: 0 })).toBe(false);
		// Fully generalized: one class equal to the whole table, distance 0.
		expect(figuresOf(session, Int32Array.of(1))[0]).toMatchObject({ reached: 0, met: true });
	});

	it('follows a change of the sensitive rule in the live figures (the cached session is rebuilt)', () => {
		const api = createDesignApi(() => table);
		expect(api.liveRisk('t', project(1), 1).models![0].reached).toBeCloseTo(0.7, 12);
		// b under Y with c: class {a} now moves 1/5 and 3/5 at the root (0.8); {b,c,c,c} is at 0.2 (b and
		// c share Y: X gets 1/5, Y gives 1/5 at the root).
		const regrouped = {
			rows: [
				['a', 'X', '*'],
				['b', 'Y', '*'],
				['c', 'Y', '*']
			]
		};
		expect(api.liveRisk('t', project(1, regrouped), 2).models![0].reached).toBeCloseTo(0.8, 12);
	});

	it('refuses a sensitive attribute without a hierarchy or one that misses a value, naming it', () => {
		expect(() => new RuleSession(table, project(0.5, null))).toThrow(
			/v: hierarchical t-closeness needs a hierarchy/
		);
		const partial = {
			rows: [
				['a', 'X', '*'],
				['b', 'X', '*']
			]
		};
		expect(() => new RuleSession(table, project(0.5, partial))).toThrow(/v: the rule does not cover "c"/);
		try {
			new RuleSession(table, project(0.5, partial));
		} catch (error) {
			expect((error as { code?: string }).code).toBe('BAD_RULE');
		}
	});
});

// static/sample/ is generated by test/unit/global-setup.ts before the tests run.
describe('hierarchical t-closeness on the sample (ICD10 by chapter and category)', () => {
	const samplePath = path.resolve(process.cwd(), 'static/sample/tokumei-sample-utf8.csv');
	const table = encodeCsvText(readFileSync(samplePath, 'utf8').replace(/^\ufeff/, ''));
	const api = createDesignApi(() => table);
	const column = (name: string) => table.columns.find((c) => c.name === name)!;
	const qiSpecs = {
		性別: { builder: 'sex' },
		生年月日: { builder: 'date', levels: ['month', 'year', 'years'] },
		都道府県: { builder: 'prefecture' }
	} as const;
	const icdRule = { builder: 'prefix', preset: 'icd10', levels: ['category', 'chapter'] } as const;
	const project = (levels: Record<string, number>, t: number, extra: Project['privacy'] = []): Project => ({
		tokumei: 1,
		data: { path: 'sample.csv' },
		attributes: {
			性別: { role: 'quasi-identifying', hierarchy: { ...qiSpecs.性別 } },
			生年月日: {
				role: 'quasi-identifying',
				hierarchy: { ...qiSpecs.生年月日, levels: ['month', 'year', 'years'] }
			},
			都道府県: { role: 'quasi-identifying', hierarchy: { ...qiSpecs.都道府県 } },
			ICD10: { role: 'sensitive', hierarchy: { ...icdRule, levels: [...icdRule.levels] } }
		},
		privacy: [...extra, { model: 't-closeness', variant: 'hierarchical', attribute: 'ICD10', t }],
		suppressionLimit: 0,
		transformation: levels,
		settings: {}
	});

	/** The largest distance of a class, the classes and distribution counted here, not by the worker. */
	function largestDistance(levels: Record<string, number>): number {
		const generalized = Object.entries(qiSpecs).map(([name, spec]) => {
			const c = column(name);
			return generalizeColumn(c, hierarchyFromRows(name, buildHierarchyRows(c.values, spec)), levels[name]);
		});
		const icd = column('ICD10');
		const h = hierarchyFromRows('ICD10', buildHierarchyRows(icd.values, icdRule));
		const globalCounts = new Float64Array(icd.values.length);
		for (let r = 0; r < table.rowCount; r++) globalCounts[icd.codes[r]]++;
		const distance = hierarchicalDistance({
			name: 'ICD10',
			values: icd.values,
			globalCounts,
			hierarchyLevels: h.levels.map((labels, l) =>
				icd.values.map((v) => labels[h.codes[l][h.leafIndex.get(v)!]])
			)
		});
		const classes = new Map<string, Map<number, number>>();
		for (let r = 0; r < table.rowCount; r++) {
			const key = generalized.map((g) => g.codes[r]).join(',');
			const counts = classes.get(key) ?? new Map<number, number>();
			counts.set(icd.codes[r], (counts.get(icd.codes[r]) ?? 0) + 1);
			classes.set(key, counts);
		}
		let worst = 0;
		for (const counts of classes.values()) {
			const codes = Int32Array.from(counts.keys());
			worst = Math.max(
				worst,
				distance({ codes, counts: Int32Array.from(codes, (c) => counts.get(c)!), length: codes.length })
			);
		}
		return worst;
	}

	const coarse = { 性別: 1, 生年月日: 3, 都道府県: 2 };
	const fine = { 性別: 0, 生年月日: 2, 都道府県: 1 };

	it('gives the largest hierarchical EMD of a class, and the engine verdict, at two levels', () => {
		for (const levels of [coarse, fine]) {
			const expected = largestDistance(levels);
			expect(expected).toBeGreaterThan(0);
			for (const t of [expected, expected * 0.99]) {
				const f = api.liveRisk('t', project(levels, t), 1);
				const [model] = f.models!;
				expect(model).toMatchObject({ model: 't-closeness', attribute: 'ICD10', measure: 't', target: t });
				expect(model.reached).toBeCloseTo(expected, 12);
				const engine = engineVerdict(table, project(levels, t), levels);
				expect(model.met).toBe(engine);
				expect(f.verdict).toBe(engine ? 'met' : 'not-met');
				expect(model.met).toBe(t === expected);
			}
		}
		// Generalizing the QIs brings the classes closer to the whole table.
		expect(largestDistance(coarse)).toBeLessThan(largestDistance(fine));
	});

	it('agrees with the engine when k-anonymity suppresses classes', () => {
		const levels = fine;
		const p = { ...project(levels, 0.3, [{ model: 'k-anonymity', k: 3 }]), suppressionLimit: 0.5 };
		const f = api.liveRisk('t', p, 1);
		const engine = engineVerdict(table, p, levels);
		expect(f.verdict).toBe(engine ? 'met' : 'not-met');
		expect(f.models![1].measure).toBe('t');
		expect(f.models![1].reached).not.toBeNull();
	});
});

const casesPath = path.resolve(process.cwd(), '../shared/reference/arx/cases.json');
const adultDir = path.resolve(process.cwd(), '../shared/datasets/arx/adult');
const arxAvailable = existsSync(casesPath) && existsSync(adultDir);
if (!arxAvailable)
	console.warn(`skipping ARX hierarchical t-closeness: ${casesPath} or ${adultDir} is missing`);

describe.skipIf(!arxAvailable)(
	'ARX TestAnonymizationTCloseness#2 (adult, hierarchical t = 0.2 on occupation)',
	() => {
		it("meets the models at ARX's optimum, with a figure within t, as the engine says", () => {
			const cases = JSON.parse(readFileSync(casesPath, 'utf8')) as {
				cases: {
					id: string;
					qis_in_transformation_order: string[];
					suppression_limit: number;
					expected: { transformation: number[] };
				}[];
			};
			const c = cases.cases.find((x) => x.id === 'TestAnonymizationTCloseness#2')!;
			const table = encodeCsvText(readFileSync(path.join(adultDir, 'adult.csv'), 'utf8'), ';');
			const rows = (name: string) =>
				parseHierarchyCsv(readFileSync(path.join(adultDir, `adult_hierarchy_${name}.csv`), 'utf8'), ';');
			const attributes: ProjectConfig['attributes'] = {};
			for (const qi of c.qis_in_transformation_order)
				attributes[qi] = { role: 'quasi-identifying', hierarchy: { rows: rows(qi) } };
			attributes.occupation = { role: 'sensitive', hierarchy: { rows: rows('occupation') } };
			const levels = Object.fromEntries(
				c.qis_in_transformation_order.map((qi, i) => [qi, c.expected.transformation[i]])
			);
			const project: ProjectConfig = {
				tokumei: 1,
				data: { path: 'adult.csv' },
				attributes,
				privacy: [
					{ model: 'k-anonymity', k: 5 },
					{ model: 't-closeness', variant: 'hierarchical', attribute: 'occupation', t: 0.2 }
				],
				suppressionLimit: c.suppression_limit,
				transformation: levels
			};
			const session = new RuleSession(table, project);
			const at = session.levelsOf(levels);
			expect(session.figures(at, 1).verdict).toBe('met');
			const figures = figuresOf(session, at);
			expect(figures[1]).toMatchObject({ measure: 't', met: true });
			expect(figures[1].reached!).toBeLessThanOrEqual(0.2);
			expect(figures[1].reached!).toBeGreaterThan(0);
			expect(engineVerdict(table, project, levels)).toBe(true);
		});
	}
);
