/**
 * The project file (`"tokumei": 1`): the same JSON the UI saves and the CLI reads (issue 3).
 * This module only validates already-parsed JSON — no file access — so the browser, the worker
 * and the CLI share it. Every error names the offending field (e.g. `privacy[1].l`).
 */
import type { LDiversityVariant, PrivacyModelSpec as CriterionSpec, TClosenessVariant } from '../criteria';
import { japanPopulationModel, type CensusDimension } from '../jp/population';
import type { PeculiarDecision } from '../peculiar/decisions';
import { projectDecisions } from './decisions-config';
import {
	ConfigError,
	integer,
	number,
	object,
	oneOf,
	optionalBoolean,
	optionalNumber,
	optionalString,
	ownValue,
	setOwn,
	string
} from './json-fields';

export { ConfigError };

export type AttributeRole = 'identifying' | 'quasi-identifying' | 'sensitive' | 'insensitive';

/** A hierarchy: an ARX-format CSV file, inline rows (ARX layout), or a builder spec (hierarchy/builders). */
export type HierarchyConfig =
	| { path: string; delimiter?: string }
	| { rows: string[][] }
	| { builder: string; [option: string]: unknown };

export interface AttributeConfig {
	role: AttributeRole;
	/**
	 * Optional also for a quasi-identifier: without one it keeps its original values (level 0 only),
	 * as ARX treats an attribute whose hierarchy has a single column (sdcMicro's key variables).
	 */
	hierarchy?: HierarchyConfig;
	[extra: string]: unknown;
}

export type { LDiversityVariant, TClosenessVariant };
/** Population-uniqueness estimators (criteria/risk-based). */
export type PopulationEstimator = Extract<CriterionSpec, { model: 'population-uniqueness' }>['estimator'];

/**
 * One privacy model, as written in the project file (issue 3): the criteria's own spec
 * (criteria/createCriteria), except that a research subset is required where the model needs one.
 */
export type PrivacyModelSpec = CriterionSpec extends infer S
	? S extends { model: 'delta-presence' | 'inclusion' }
		? S & { subset: string }
		: S
	: never;

export type PrivacyModelName = PrivacyModelSpec['model'];

export type QualityMeasure =
	'loss' | 'precision' | 'height' | 'discernibility' | 'aecs' | 'entropy' | 'non-uniform-entropy';

export type QualityAggregate = 'geometric-mean' | 'arithmetic-mean' | 'sum' | 'max' | 'rank';

export interface QualityConfig {
	measure: QualityMeasure;
	aggregate?: QualityAggregate;
	/** Loss only: weight of generalization vs suppression, ARX's gs-factor (default 0.5). */
	gsFactor?: number;
	/** Monotonic variant (discernibility DM*, non-uniform entropy, precision, loss). */
	monotonic?: boolean;
	/** Weight of each QI in the aggregate (default 1 each), as ARX's attribute weights. */
	attributeWeights?: Record<string, number>;
	/**
	 * ARX's "precomputed" variants (createPrecomputed*Metric(threshold)): use them for attributes
	 * whose distinct values / rows ≤ threshold. Default: off.
	 */
	precomputedThreshold?: number;
}

export interface SearchConfig {
	/** `optimal` (Flash over the full lattice), `heuristic` (time-boxed), `auto` (optimal when small enough). */
	algorithm?: 'optimal' | 'heuristic' | 'auto';
	/** ARX's practical monotonicity: assume privacy is monotonic under suppression (faster, not exact). */
	practicalMonotonicity?: boolean;
	/** Heuristic search only: time budget in milliseconds. */
	timeLimitMs?: number;
}

/**
 * The population the sample was drawn from: a size, a sampling fraction, or a census area of Japan
 * (`{"area": "13"}`, 2020 census via jp/population) whose size parseProjectConfig fills in; `census`
 * maps QIs to census dimensions for journalist risk against the census population table.
 */
export type PopulationConfig =
	| { size: number; area?: string | number; census?: Record<string, CensusDimension> }
	| { samplingFraction: number };

export interface ProjectConfig {
	tokumei: 1;
	data: { path: string; delimiter?: string; encoding?: string };
	attributes: Record<string, AttributeConfig>;
	privacy?: PrivacyModelSpec[];
	suppressionLimit?: number;
	quality?: QualityConfig;
	search?: SearchConfig;
	transformation?: Record<string, number>;
	weights?: string;
	household?: string;
	population?: PopulationConfig;
	suda?: { disFraction?: number };
	/** Decisions on peculiar values (config/decisions-config.ts). */
	decisions?: PeculiarDecision[];
	[extra: string]: unknown;
}

const ROLES: readonly AttributeRole[] = ['identifying', 'quasi-identifying', 'sensitive', 'insensitive'];
const MEASURES: readonly QualityMeasure[] = [
	'loss',
	'precision',
	'height',
	'discernibility',
	'aecs',
	'entropy',
	'non-uniform-entropy'
];
const AGGREGATES: readonly QualityAggregate[] = ['geometric-mean', 'arithmetic-mean', 'sum', 'max', 'rank'];

function parseHierarchy(value: unknown, field: string): HierarchyConfig {
	const h = object(value, field);
	if ('path' in h) {
		const delimiter = optionalString(h.delimiter, `${field}.delimiter`);
		return delimiter === undefined
			? { path: string(h.path, `${field}.path`) }
			: { path: string(h.path, `${field}.path`), delimiter };
	}
	if ('rows' in h) {
		if (!Array.isArray(h.rows) || h.rows.length === 0) {
			throw new ConfigError(`${field}.rows: expected a non-empty array of rows`);
		}
		const rows = h.rows.map((row, i) => {
			if (!Array.isArray(row) || row.some((cell) => typeof cell !== 'string')) {
				throw new ConfigError(`${field}.rows[${i}]: expected an array of strings`);
			}
			return row as string[];
		});
		return { rows };
	}
	if ('builder' in h) return { ...h, builder: string(h.builder, `${field}.builder`) };
	throw new ConfigError(`${field}: expected "path", "rows" or "builder"`);
}

function parseAttributes(value: unknown): Record<string, AttributeConfig> {
	const attributes = object(value, 'attributes');
	const result: Record<string, AttributeConfig> = {};
	for (const [name, raw] of Object.entries(attributes)) {
		const field = `attributes.${name}`;
		const a = object(raw, field);
		const role = oneOf(a.role, `${field}.role`, ROLES);
		const parsed: AttributeConfig = { ...a, role };
		if (a.hierarchy !== undefined) parsed.hierarchy = parseHierarchy(a.hierarchy, `${field}.hierarchy`);
		setOwn(result, name, parsed);
	}
	return result;
}

function sensitiveAttribute(
	value: unknown,
	field: string,
	attributes: Record<string, AttributeConfig>
): string {
	const name = string(value, field);
	const attribute = ownValue(attributes, name);
	if (!attribute) throw new ConfigError(`${field}: no attribute named "${name}" in "attributes"`);
	if (attribute.role !== 'sensitive') {
		throw new ConfigError(`${field}: attribute "${name}" must have the role "sensitive"`);
	}
	return name;
}

function parsePrivacyModel(
	value: unknown,
	field: string,
	attributes: Record<string, AttributeConfig>
): PrivacyModelSpec {
	const m = object(value, field);
	const model = string(m.model, `${field}.model`);
	switch (model) {
		case 'k-anonymity':
			return { model, k: integer(m.k, `${field}.k`, 1) };
		case 'l-diversity': {
			const variant = oneOf(m.variant ?? 'distinct', `${field}.variant`, [
				'distinct',
				'entropy',
				'grassberger-entropy',
				'recursive'
			] as const);
			const spec: PrivacyModelSpec = {
				model,
				variant,
				attribute: sensitiveAttribute(m.attribute, `${field}.attribute`, attributes),
				l: number(m.l, `${field}.l`, 1)
			};
			if (variant === 'recursive') spec.c = number(m.c, `${field}.c`, 0);
			return spec;
		}
		case 't-closeness': {
			const variant = oneOf(m.variant ?? 'equal', `${field}.variant`, [
				'equal',
				'hierarchical',
				'ordered'
			] as const);
			const attribute = sensitiveAttribute(m.attribute, `${field}.attribute`, attributes);
			if (variant === 'hierarchical' && !ownValue(attributes, attribute)?.hierarchy) {
				throw new ConfigError(
					`${field}.variant: hierarchical t-closeness needs a hierarchy for "${attribute}"`
				);
			}
			return { model, variant, attribute, t: number(m.t, `${field}.t`, 0, 1) };
		}
		case 'delta-presence': {
			const deltaMin = number(m.deltaMin, `${field}.deltaMin`, 0, 1);
			const deltaMax = number(m.deltaMax, `${field}.deltaMax`, 0, 1);
			if (deltaMin > deltaMax) throw new ConfigError(`${field}.deltaMin: must not exceed deltaMax`);
			return { model, deltaMin, deltaMax, subset: string(m.subset, `${field}.subset`) };
		}
		case 'k-map': {
			const spec: PrivacyModelSpec = { model, k: integer(m.k, `${field}.k`, 1) };
			const subset = optionalString(m.subset, `${field}.subset`);
			const population = optionalNumber(m.population, `${field}.population`, 1);
			if (subset === undefined && population === undefined) {
				throw new ConfigError(`${field}: k-map needs "subset" or "population"`);
			}
			if (subset !== undefined) spec.subset = subset;
			if (population !== undefined) {
				spec.population = population;
				spec.estimator = oneOf(m.estimator ?? 'zero-truncated-poisson', `${field}.estimator`, [
					'poisson',
					'zero-truncated-poisson'
				] as const);
				spec.significance = number(m.significance ?? 0.01, `${field}.significance`, 0, 1);
			}
			return spec;
		}
		case 'average-risk':
		case 'sample-uniqueness':
			return { model, threshold: number(m.threshold, `${field}.threshold`, 0, 1) };
		case 'population-uniqueness': {
			const spec: PrivacyModelSpec = {
				model,
				threshold: number(m.threshold, `${field}.threshold`, 0, 1),
				estimator: oneOf(m.estimator ?? 'dankar', `${field}.estimator`, [
					'pitman',
					'zayatz',
					'snb',
					'dankar'
				] as const)
			};
			const population = optionalNumber(m.population, `${field}.population`, 1);
			if (population !== undefined) spec.population = population;
			return spec;
		}
		case 'beta-likeness':
			return {
				model,
				variant: oneOf(m.variant ?? 'basic', `${field}.variant`, ['basic', 'enhanced'] as const),
				attribute: sensitiveAttribute(m.attribute, `${field}.attribute`, attributes),
				beta: number(m.beta, `${field}.beta`, 0)
			};
		case 'inclusion':
			return { model, subset: string(m.subset, `${field}.subset`) };
		default:
			throw new ConfigError(
				`${field}.model: unknown privacy model "${model}" (known: k-anonymity, l-diversity, t-closeness, ` +
					'delta-presence, k-map, average-risk, sample-uniqueness, population-uniqueness, beta-likeness, inclusion)'
			);
	}
}

function parseQuality(value: unknown, attributes: Record<string, AttributeConfig>): QualityConfig {
	const q = object(value, 'quality');
	const quality: QualityConfig = { measure: oneOf(q.measure ?? 'loss', 'quality.measure', MEASURES) };
	if (q.aggregate !== undefined) quality.aggregate = oneOf(q.aggregate, 'quality.aggregate', AGGREGATES);
	const gsFactor = optionalNumber(q.gsFactor, 'quality.gsFactor', 0, 1);
	if (gsFactor !== undefined) quality.gsFactor = gsFactor;
	const monotonic = optionalBoolean(q.monotonic, 'quality.monotonic');
	if (monotonic !== undefined) quality.monotonic = monotonic;
	const threshold = optionalNumber(q.precomputedThreshold, 'quality.precomputedThreshold', 0, 1);
	if (threshold !== undefined) quality.precomputedThreshold = threshold;
	if (q.attributeWeights !== undefined) {
		const weights = object(q.attributeWeights, 'quality.attributeWeights');
		quality.attributeWeights = {};
		for (const [name, weight] of Object.entries(weights)) {
			if (!ownValue(attributes, name)) {
				throw new ConfigError(`quality.attributeWeights.${name}: no attribute named "${name}"`);
			}
			setOwn(quality.attributeWeights, name, number(weight, `quality.attributeWeights.${name}`, 0));
		}
	}
	return quality;
}

function parseSearch(value: unknown): SearchConfig {
	const s = object(value, 'search');
	const search: SearchConfig = {};
	if (s.algorithm !== undefined) {
		search.algorithm = oneOf(s.algorithm, 'search.algorithm', ['optimal', 'heuristic', 'auto'] as const);
	}
	const practical = optionalBoolean(s.practicalMonotonicity, 'search.practicalMonotonicity');
	if (practical !== undefined) search.practicalMonotonicity = practical;
	const limit = optionalNumber(s.timeLimitMs, 'search.timeLimitMs', 1);
	if (limit !== undefined) search.timeLimitMs = limit;
	return search;
}

function parseCensusMapping(
	value: unknown,
	attributes: Record<string, AttributeConfig>
): Record<string, CensusDimension> {
	const spec = object(value, 'population.census');
	const columns: Record<string, CensusDimension> = {};
	for (const [name, dimension] of Object.entries(spec)) {
		const field = `population.census.${name}`;
		if (ownValue(attributes, name)?.role !== 'quasi-identifying') {
			throw new ConfigError(`${field}: "${name}" is not a quasi-identifying attribute`);
		}
		setOwn(columns, name, oneOf(dimension, field, ['area', 'sex', 'age'] as const));
	}
	return columns;
}

function parsePopulation(value: unknown, attributes: Record<string, AttributeConfig>): PopulationConfig {
	const p = object(value, 'population');
	if ('area' in p || 'census' in p) {
		// The built-in census: 全国 ("00", the default) or a prefecture (JIS code or name).
		const area = p.area ?? '00';
		if ((typeof area !== 'string' && typeof area !== 'number') || area === '') {
			throw new ConfigError(
				'population.area: expected "00" (全国), a JIS prefecture code or a prefecture name'
			);
		}
		let size: number;
		try {
			size = japanPopulationModel(area).size;
		} catch (error) {
			throw new ConfigError(`population.area: ${(error as Error).message}`);
		}
		const population: PopulationConfig = { size, area };
		if (p.census !== undefined) population.census = parseCensusMapping(p.census, attributes);
		return population;
	}
	if ('size' in p) return { size: number(p.size, 'population.size', 1) };
	if ('samplingFraction' in p) {
		const samplingFraction = number(p.samplingFraction, 'population.samplingFraction', 0, 1);
		if (samplingFraction === 0) throw new ConfigError('population.samplingFraction: must be greater than 0');
		return { samplingFraction };
	}
	throw new ConfigError('population: expected "size", "samplingFraction" or "area"');
}

/** Validates a parsed project file; throws {@link ConfigError} naming the first bad field. */
export function parseProjectConfig(json: unknown): ProjectConfig {
	const root = object(json, 'config');
	if (root.tokumei !== 1) throw new ConfigError('tokumei: expected 1 (the project file version)');
	const dataRaw = object(root.data, 'data');
	const data: ProjectConfig['data'] = { path: string(dataRaw.path, 'data.path') };
	const delimiter = optionalString(dataRaw.delimiter, 'data.delimiter');
	if (delimiter !== undefined) data.delimiter = delimiter;
	const encoding = optionalString(dataRaw.encoding, 'data.encoding');
	if (encoding !== undefined) data.encoding = encoding;

	const attributes = parseAttributes(root.attributes);
	const config: ProjectConfig = { ...root, tokumei: 1, data, attributes };

	if (root.privacy !== undefined) {
		if (!Array.isArray(root.privacy)) throw new ConfigError('privacy: expected an array of privacy models');
		config.privacy = root.privacy.map((m, i) => parsePrivacyModel(m, `privacy[${i}]`, attributes));
	}
	const limit = optionalNumber(root.suppressionLimit, 'suppressionLimit', 0, 1);
	if (limit !== undefined) config.suppressionLimit = limit;
	if (root.quality !== undefined) config.quality = parseQuality(root.quality, attributes);
	if (root.search !== undefined) config.search = parseSearch(root.search);
	if (root.transformation !== undefined) {
		const t = object(root.transformation, 'transformation');
		config.transformation = {};
		for (const [name, level] of Object.entries(t)) {
			if (ownValue(attributes, name)?.role !== 'quasi-identifying') {
				throw new ConfigError(`transformation.${name}: "${name}" is not a quasi-identifying attribute`);
			}
			const value = integer(level, `transformation.${name}`, 0);
			if (value > 0 && ownValue(attributes, name)?.hierarchy === undefined) {
				throw new ConfigError(
					`transformation.${name}: level ${value} needs a hierarchy for "${name}" ` +
						'(a quasi-identifier without one has only level 0)'
				);
			}
			setOwn(config.transformation, name, value);
		}
	}
	const weights = optionalString(root.weights, 'weights');
	if (weights !== undefined) config.weights = weights;
	const household = optionalString(root.household, 'household');
	if (household !== undefined) config.household = household;
	if (root.population !== undefined) config.population = parsePopulation(root.population, attributes);
	if (root.suda !== undefined) {
		const s = object(root.suda, 'suda');
		const disFraction = optionalNumber(s.disFraction, 'suda.disFraction', 0, 1);
		config.suda = disFraction === undefined ? {} : { disFraction };
	}
	const decided = projectDecisions(root, attributes);
	if (decided.decisions) config.decisions = decided.decisions;
	if (decided.ui !== root.ui) config.ui = decided.ui;
	return config;
}
