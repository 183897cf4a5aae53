/**
 * The privacy-model editor's rules (issue 5), kept out of the components so they can be tested:
 * which models the browser can set, their defaults, and validation that mirrors what the engine
 * accepts (config/project-config parsePrivacyModel and criteria/createCriteria), with messages
 * as catalog keys. A model is only written to the project when it has no issue, so the worker
 * never receives a model it would reject.
 */
import type {
	PopulationConfig,
	PrivacyModelSpec,
	QualityConfig,
	QualityMeasure
} from '$lib/engine/config/project-config';
import type { ModelsMessageKey } from '$lib/i18n/models-messages';

export type ModelKind = PrivacyModelSpec['model'];

/** Models offered in the add menu, in the order ARX's GUI lists them. */
export const ADDABLE_MODELS: readonly ModelKind[] = [
	'k-anonymity',
	'l-diversity',
	't-closeness',
	'beta-likeness',
	'average-risk',
	'sample-uniqueness',
	'population-uniqueness',
	'k-map'
];

/** Models that need a sensitive attribute. */
export const SENSITIVE_MODELS: readonly ModelKind[] = ['l-diversity', 't-closeness', 'beta-likeness'];

export interface ModelContext {
	/** Columns whose role is sensitive. */
	readonly sensitive: readonly string[];
	/** Whether the attribute has a hierarchy in the project. */
	readonly hasHierarchy: (name: string) => boolean;
	/** Rows of the table (a population cannot be smaller). */
	readonly rows: number;
	readonly population?: PopulationConfig;
}

export interface ModelIssue {
	/** The field the issue is about ('' for the whole list). */
	readonly field: string;
	readonly key: ModelsMessageKey;
	readonly params?: Record<string, string | number>;
}

/** A new model of `kind` with ARX's usual defaults; null when it needs a sensitive attribute and none exists. */
export function defaultModel(kind: ModelKind, ctx: ModelContext): PrivacyModelSpec | null {
	const attribute = ctx.sensitive[0];
	if (SENSITIVE_MODELS.includes(kind) && attribute === undefined) return null;
	switch (kind) {
		case 'k-anonymity':
			return { model: kind, k: 5 };
		case 'l-diversity':
			return { model: kind, variant: 'distinct', attribute, l: 2 };
		case 't-closeness':
			return { model: kind, variant: 'equal', attribute, t: 0.2 };
		case 'beta-likeness':
			return { model: kind, variant: 'basic', attribute, beta: 1 };
		case 'average-risk':
			return { model: kind, threshold: 0.05 };
		case 'sample-uniqueness':
			return { model: kind, threshold: 0.01 };
		case 'population-uniqueness':
			return {
				model: kind,
				threshold: 0.01,
				estimator: 'dankar',
				...(projectPopulation(ctx) === null ? { population: defaultPopulation(ctx) } : {})
			};
		case 'k-map':
			return {
				model: kind,
				k: 5,
				estimator: 'zero-truncated-poisson',
				significance: 0.01,
				...(projectPopulation(ctx) === null ? { population: defaultPopulation(ctx) } : {})
			};
		default:
			return null;
	}
}

/** A population for a new model when the project has none: a 1 % sample (ARX's examples use such fractions). */
function defaultPopulation(ctx: ModelContext): number {
	return ctx.rows > 0 ? ctx.rows * 100 : 10_000_000;
}

function projectPopulation(ctx: ModelContext): number | null {
	const p = ctx.population;
	if (p && 'size' in p) return p.size;
	if (p && 'samplingFraction' in p) return Math.round(ctx.rows / p.samplingFraction);
	return null;
}

const isInteger = (x: number) => Number.isInteger(x);

function sensitiveIssues(spec: { attribute: string }, ctx: ModelContext): ModelIssue[] {
	if (ctx.sensitive.includes(spec.attribute)) return [];
	return [{ field: 'attribute', key: 'models.error.attribute', params: { name: spec.attribute } }];
}

function populationIssues(spec: { population?: number }, ctx: ModelContext): ModelIssue[] {
	const size = spec.population ?? projectPopulation(ctx);
	if (size === null || !Number.isFinite(size)) {
		return [{ field: 'population', key: 'models.error.population' }];
	}
	if (size < ctx.rows) {
		return [{ field: 'population', key: 'models.error.populationSmall', params: { rows: ctx.rows } }];
	}
	return [];
}

function unitIssue(field: string, value: number): ModelIssue[] {
	const ok = Number.isFinite(value) && value >= 0 && value <= 1;
	return ok ? [] : [{ field, key: 'models.error.unit' }];
}

/** What the engine would reject in one model (empty: the model can be applied). */
export function modelIssues(spec: PrivacyModelSpec, ctx: ModelContext): ModelIssue[] {
	switch (spec.model) {
		case 'k-anonymity':
			return isInteger(spec.k) && spec.k >= 1 ? [] : [{ field: 'k', key: 'models.error.k' }];
		case 'l-diversity': {
			const issues = sensitiveIssues(spec, ctx);
			const integral = spec.variant === 'distinct' || spec.variant === 'recursive';
			if (!Number.isFinite(spec.l) || spec.l < 1 || (integral && !isInteger(spec.l))) {
				issues.push({ field: 'l', key: integral ? 'models.error.lInteger' : 'models.error.l' });
			}
			if (spec.variant === 'recursive' && !(Number.isFinite(spec.c) && (spec.c ?? 0) > 0)) {
				issues.push({ field: 'c', key: 'models.error.c' });
			}
			return issues;
		}
		case 't-closeness': {
			const issues = [...sensitiveIssues(spec, ctx), ...unitIssue('t', spec.t)];
			if (spec.variant === 'hierarchical' && !ctx.hasHierarchy(spec.attribute)) {
				// The ground distance is read from the attribute's own hierarchy (Li et al. 2007, §4.2);
				// the Rules step gives a sensitive attribute one (rules/SensitiveRules.svelte).
				issues.push({ field: 'variant', key: 'models.error.hierarchical', params: { name: spec.attribute } });
			}
			return issues;
		}
		case 'beta-likeness': {
			const issues = sensitiveIssues(spec, ctx);
			if (!(Number.isFinite(spec.beta) && spec.beta > 0))
				issues.push({ field: 'beta', key: 'models.error.beta' });
			return issues;
		}
		case 'average-risk':
		case 'sample-uniqueness':
			return unitIssue('threshold', spec.threshold);
		case 'population-uniqueness':
			return [...unitIssue('threshold', spec.threshold), ...populationIssues(spec, ctx)];
		case 'k-map': {
			const issues: ModelIssue[] =
				isInteger(spec.k) && spec.k >= 1 ? [] : [{ field: 'k', key: 'models.error.k' }];
			if (spec.subset !== undefined) issues.push({ field: 'subset', key: 'models.error.subset' });
			else {
				issues.push(...populationIssues(spec, ctx));
				issues.push(...unitIssue('significance', spec.significance ?? 0.01));
			}
			return issues;
		}
		case 'delta-presence':
		case 'inclusion':
			return [{ field: 'subset', key: 'models.error.subset' }];
	}
}

/** Replaces model `index` (or appends when index = length). */
export function withModel(
	specs: readonly PrivacyModelSpec[],
	index: number,
	spec: PrivacyModelSpec
): PrivacyModelSpec[] {
	const next = [...specs];
	next[index] = spec;
	return next;
}

export function withoutModel(specs: readonly PrivacyModelSpec[], index: number): PrivacyModelSpec[] {
	return specs.filter((_, i) => i !== index);
}

/**
 * A number typed by the person: locale-independent parsing of "0.5", "０.５" (full-width digits
 * from a Japanese IME) and "1,000". NaN when it is not a number.
 */
export function parseNumber(text: string): number {
	const ascii = text
		.trim()
		.replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
		.replace(/[,，\s]/g, '');
	return ascii === '' ? NaN : Number(ascii);
}

/** The suppression limit from a percentage: 0–100 → 0–1, or the issue. */
export function suppressionFromPercent(text: string): { value: number } | { issue: ModelIssue } {
	const percent = parseNumber(text);
	if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
		return { issue: { field: 'suppression', key: 'models.error.percent' } };
	}
	return { value: percent / 100 };
}

export const QUALITY_MEASURES: readonly QualityMeasure[] = [
	'loss',
	'precision',
	'height',
	'discernibility',
	'aecs',
	'entropy',
	'non-uniform-entropy'
];

/** Which options a measure reads (metrics/createQualityModel). */
export function qualityOptions(measure: QualityMeasure): {
	aggregate: boolean;
	gsFactor: boolean;
	monotonic: boolean;
	weights: boolean;
} {
	switch (measure) {
		case 'loss':
			return { aggregate: true, gsFactor: true, monotonic: false, weights: true };
		case 'precision':
		case 'entropy':
		case 'non-uniform-entropy':
			return { aggregate: true, gsFactor: true, monotonic: true, weights: true };
		case 'height':
			return { aggregate: true, gsFactor: false, monotonic: false, weights: true };
		case 'discernibility':
			return { aggregate: false, gsFactor: false, monotonic: true, weights: false };
		case 'aecs':
			return { aggregate: false, gsFactor: true, monotonic: false, weights: false };
	}
}

/** The quality config after switching measure: options the new measure does not read are dropped. */
export function withMeasure(quality: QualityConfig | undefined, measure: QualityMeasure): QualityConfig {
	const options = qualityOptions(measure);
	const next: QualityConfig = { measure };
	if (options.aggregate && quality?.aggregate) next.aggregate = quality.aggregate;
	if (options.gsFactor && quality?.gsFactor !== undefined) next.gsFactor = quality.gsFactor;
	if (options.monotonic && quality?.monotonic !== undefined) next.monotonic = quality.monotonic;
	if (options.weights && quality?.attributeWeights) next.attributeWeights = { ...quality.attributeWeights };
	return next;
}

/** The monotonic default of each measure when the project does not say (metrics/createQualityModel). */
export function defaultMonotonic(measure: QualityMeasure): boolean {
	return measure === 'non-uniform-entropy';
}
