import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from '$lib/engine/config/project-config';
import { createCriteria, type PrivacyModelSpec as CriteriaSpec } from '$lib/engine/criteria';
import {
	ADDABLE_MODELS,
	defaultModel,
	modelIssues,
	parseNumber,
	qualityOptions,
	QUALITY_MEASURES,
	suppressionFromPercent,
	withMeasure,
	withModel,
	withoutModel,
	type ModelContext
} from '$lib/components/models/model-form';
import { failingText, formatFigure, modelName, reachedText } from '$lib/components/models/model-status';
import { format } from '$lib/i18n/i18n.svelte';
import { catalogs, type MessageKey } from '$lib/i18n/messages';
import type { LiveFigures, ModelFigure } from '$lib/workbench/design-types';

const ctx: ModelContext = {
	sensitive: ['ICD10', '薬効分類'],
	hasHierarchy: () => false,
	rows: 20_000
};
/**
 * The engine's own answer for a model: the project-file parser, then the criteria factory on a
 * table of ctx.rows rows with the sensitive columns (null when both accept it).
 */
function parsedIssues(spec: Parameters<typeof modelIssues>[0], c: ModelContext): string | null {
	try {
		const config = parseProjectConfig({
			tokumei: 1,
			data: { path: 'x.csv' },
			attributes: Object.fromEntries(c.sensitive.map((name) => [name, { role: 'sensitive' }])),
			privacy: [spec],
			...(c.population ? { population: c.population } : {})
		});
		createCriteria(config.privacy as unknown as CriteriaSpec[], {
			rows: c.rows,
			populationTableRows: c.rows,
			population: config.population,
			sensitive: c.sensitive.map((name) => ({
				name,
				values: ['a', 'b'],
				globalCounts: Float64Array.of(c.rows / 2, c.rows / 2)
			}))
		});
		return null;
	} catch (error) {
		return (error as Error).message;
	}
}

const t = (key: MessageKey, params?: Record<string, string | number>) =>
	format(catalogs.en[key], params, 'en');

describe('privacy model form', () => {
	it('gives every addable model a default the engine accepts', () => {
		for (const kind of ADDABLE_MODELS) {
			const spec = defaultModel(kind, ctx)!;
			expect(spec.model).toBe(kind);
			expect(modelIssues(spec, ctx)).toEqual([]);
			expect(parsedIssues(spec, ctx)).toBeNull();
		}
	});

	it('offers no sensitive-attribute model without a sensitive column', () => {
		const none = { ...ctx, sensitive: [] };
		expect(defaultModel('l-diversity', none)).toBeNull();
		expect(defaultModel('t-closeness', none)).toBeNull();
		expect(defaultModel('k-anonymity', none)).not.toBeNull();
	});

	it('rejects what the engine rejects, naming the field', () => {
		const cases: [Parameters<typeof modelIssues>[0], string][] = [
			[{ model: 'k-anonymity', k: 2.5 }, 'k'],
			[{ model: 'k-anonymity', k: 0 }, 'k'],
			[{ model: 'l-diversity', variant: 'distinct', attribute: 'ICD10', l: 1.5 }, 'l'],
			[{ model: 'l-diversity', variant: 'entropy', attribute: 'ICD10', l: 0.5 }, 'l'],
			[{ model: 'l-diversity', variant: 'recursive', attribute: 'ICD10', l: 3, c: 0 }, 'c'],
			[{ model: 'l-diversity', variant: 'distinct', attribute: '氏名', l: 2 }, 'attribute'],
			[{ model: 't-closeness', variant: 'equal', attribute: 'ICD10', t: 1.5 }, 't'],
			[{ model: 'beta-likeness', variant: 'basic', attribute: 'ICD10', beta: 0 }, 'beta'],
			[{ model: 'average-risk', threshold: -0.1 }, 'threshold'],
			[
				{ model: 'population-uniqueness', threshold: 0.1, estimator: 'pitman', population: 100 },
				'population'
			],
			[{ model: 'population-uniqueness', threshold: 0.1, estimator: 'pitman' }, 'population'],
			[{ model: 'k-map', k: 3, estimator: 'poisson', significance: 1.5, population: 1e6 }, 'significance']
		];
		for (const [spec, field] of cases) {
			const issues = modelIssues(spec, ctx);
			expect(
				issues.map((i) => i.field),
				JSON.stringify(spec)
			).toContain(field);
			// Every issue the form reports is also a rejection by the engine (config or criteria).
			expect(parsedIssues(spec, ctx), JSON.stringify(spec)).not.toBeNull();
		}
	});

	it('accepts hierarchical t-closeness once the attribute has a hierarchy; explains research subsets', () => {
		const hierarchical = {
			model: 't-closeness',
			variant: 'hierarchical',
			attribute: 'ICD10',
			t: 0.2
		} as const;
		expect(modelIssues(hierarchical, ctx)[0]).toMatchObject({
			field: 'variant',
			key: 'models.error.hierarchical',
			params: { name: 'ICD10' }
		});
		// With a hierarchy for the attribute the browser computes it (rule-session, model-figures).
		expect(modelIssues(hierarchical, { ...ctx, hasHierarchy: (n) => n === 'ICD10' })).toEqual([]);
		expect(modelIssues({ ...hierarchical, t: 2 }, { ...ctx, hasHierarchy: () => true })[0].key).toBe(
			'models.error.unit'
		);
		expect(
			modelIssues({ model: 'delta-presence', deltaMin: 0, deltaMax: 0.5, subset: 's.csv' }, ctx)[0].key
		).toBe('models.error.subset');
	});

	it('uses the project population when the model has none', () => {
		const spec = { model: 'population-uniqueness', threshold: 0.01, estimator: 'dankar' } as const;
		expect(modelIssues(spec, { ...ctx, population: { size: 1_000_000 } })).toEqual([]);
		expect(modelIssues(spec, { ...ctx, population: { samplingFraction: 0.1 } })).toEqual([]);
		expect(defaultModel('population-uniqueness', { ...ctx, population: { size: 1e6 } })).not.toHaveProperty(
			'population'
		);
	});

	it('replaces and removes models by position', () => {
		const list = [defaultModel('k-anonymity', ctx)!, defaultModel('l-diversity', ctx)!];
		const next = withModel(list, 1, { model: 'average-risk', threshold: 0.1 });
		expect(next.map((m) => m.model)).toEqual(['k-anonymity', 'average-risk']);
		expect(withModel(list, 2, { model: 'average-risk', threshold: 0.1 })).toHaveLength(3);
		expect(withoutModel(list, 0).map((m) => m.model)).toEqual(['l-diversity']);
		expect(list).toHaveLength(2);
	});

	it('reads numbers typed with a Japanese IME and percentages', () => {
		expect(parseNumber('０．５')).toBe(0.5);
		expect(parseNumber('1,000,000')).toBe(1_000_000);
		expect(parseNumber(' 12 ')).toBe(12);
		expect(parseNumber('abc')).toBeNaN();
		expect(parseNumber('')).toBeNaN();
		expect(suppressionFromPercent('5')).toEqual({ value: 0.05 });
		expect(suppressionFromPercent('101')).toHaveProperty('issue');
		expect(suppressionFromPercent('-1')).toHaveProperty('issue');
	});

	it('keeps only the quality options the new measure reads', () => {
		const q = withMeasure(
			{ measure: 'loss', gsFactor: 0.3, aggregate: 'sum', attributeWeights: { a: 2 } },
			'aecs'
		);
		expect(q).toEqual({ measure: 'aecs', gsFactor: 0.3 });
		expect(withMeasure(q, 'discernibility')).toEqual({ measure: 'discernibility' });
		for (const m of QUALITY_MEASURES) expect(typeof qualityOptions(m).aggregate).toBe('boolean');
	});
});

describe('model status text', () => {
	const figure = (over: Partial<ModelFigure>): ModelFigure => ({
		index: 0,
		model: 'l-diversity',
		label: 'distinct-3-diversity for ICD10',
		attribute: 'ICD10',
		measure: 'l',
		reached: 2,
		target: 3,
		met: false,
		suppressedAlone: 40,
		...over
	});

	it('names the model with its attribute and writes reached against target', () => {
		expect(modelName(t, figure({}))).toBe('l-diversity (ICD10)');
		expect(reachedText(t, figure({}), 'en')).toBe('smallest l 2 / target 3');
		expect(reachedText(t, figure({ measure: 't', reached: 0.123456, target: 0.2 }), 'en')).toBe(
			'largest t 0.1235 / target 0.2'
		);
		expect(formatFigure(Infinity, 'c', 'en')).toBe('∞');
		expect(formatFigure(12345, 'k', 'ja')).toBe('12,345');
	});

	it('says which models fail, or that only their combination does', () => {
		const live = (models: ModelFigure[], verdict: LiveFigures['verdict']) =>
			({ verdict, models }) as unknown as LiveFigures;
		const k = figure({ index: 0, model: 'k-anonymity', attribute: null, measure: 'k', met: true });
		const l = figure({ index: 1 });
		expect(failingText(t, live([k, l], 'not-met'))).toBe('Models not met: l-diversity (ICD10)');
		expect(failingText(t, live([k, { ...l, met: true }], 'not-met'))).toMatch(/together/);
		expect(failingText(t, live([k, l], 'met'))).toBeNull();
	});
});
