/**
 * Privacy models: turns the "privacy" entries of a project/CLI config (issue 3) into criteria for
 * the evaluation and search code (see criterion.ts for the contract). Each model follows ARX
 * 3.9.2's definition, monotonicity flags included; the module of each family cites its source.
 */
import type { EvaluationSetup, PrivacyCriterion, SensitiveAttributeSetup } from './criterion';
import { CriterionConfigError, requireInteger, requireNumber } from './config-error';
import { kAnonymity } from './k-anonymity';
import { distinctLDiversity, entropyLDiversity, recursiveCLDiversity } from './l-diversity';
import { equalDistanceTCloseness, orderedDistanceTCloseness } from './t-closeness';
import { hierarchicalDistanceTCloseness } from './t-closeness-hierarchical';
import { deltaPresence, inclusion } from './delta-presence';
import { kMapWithEstimator, kMapWithSubset, type CellSizeEstimator } from './k-map';
import {
	averageReidentificationRisk,
	populationUniqueness,
	sampleUniqueness,
	type PopulationUniquenessEstimator,
	type PopulationUniquesEstimators
} from './risk-based';
import { betaLikeness } from './beta-likeness';
import { pitmanUniques, snbUniques, zayatzUniques } from '../risk/population-uniqueness';

export type * from './criterion';
export { CriterionConfigError } from './config-error';
export { applySampleCriteria, enforceSampleCriteria } from './sample-enforcement';
export type { SampleEnforcementInput, SampleEnforcementResult, SampleStageInput } from './sample-enforcement';
export { deriveK, type DerivedK } from './k-map';
export { grassbergerG } from './l-diversity';

export type LDiversityVariant = 'distinct' | 'entropy' | 'grassberger-entropy' | 'recursive';
export type TClosenessVariant = 'equal' | 'hierarchical' | 'ordered';

/**
 * One entry of the config's "privacy" array. `subset` is the path of the research-subset CSV:
 * the engine reads it; the criteria only need the class sizes it induces. `population` is a
 * population size (people); without it the setup's population model is used.
 */
export type PrivacyModelSpec =
	| { model: 'k-anonymity'; k: number }
	| { model: 'l-diversity'; variant: LDiversityVariant; attribute: string; l: number; c?: number }
	| { model: 't-closeness'; variant: TClosenessVariant; attribute: string; t: number }
	| { model: 'delta-presence'; deltaMin: number; deltaMax: number; subset?: string }
	| {
			model: 'k-map';
			k: number;
			subset?: string;
			population?: number;
			estimator?: CellSizeEstimator;
			significance?: number;
	  }
	| { model: 'average-risk'; threshold: number }
	| { model: 'sample-uniqueness'; threshold: number }
	| {
			model: 'population-uniqueness';
			threshold: number;
			estimator: PopulationUniquenessEstimator;
			population?: number;
	  }
	| { model: 'beta-likeness'; variant: 'basic' | 'enhanced'; attribute: string; beta: number }
	/** ARX's Inclusion: a research subset without a privacy guarantee of its own. */
	| { model: 'inclusion'; subset?: string };

export interface CreateCriteriaOptions {
	/** Population-uniqueness estimators; default: those of src/lib/engine/risk. */
	readonly estimators?: PopulationUniquesEstimators;
}

const defaultEstimators: PopulationUniquesEstimators = {
	pitman: pitmanUniques,
	zayatz: zayatzUniques,
	snb: snbUniques
};

/** ARX's default significance level for estimated k-map (ARX GUI and KMap examples: 1 %). */
export const DEFAULT_KMAP_SIGNIFICANCE = 0.01;

const L_VARIANTS: readonly LDiversityVariant[] = ['distinct', 'entropy', 'grassberger-entropy', 'recursive'];
const T_VARIANTS: readonly TClosenessVariant[] = ['equal', 'hierarchical', 'ordered'];
const UNIQUENESS_ESTIMATORS: readonly PopulationUniquenessEstimator[] = ['pitman', 'zayatz', 'snb', 'dankar'];
const CELL_ESTIMATORS: readonly CellSizeEstimator[] = ['poisson', 'zero-truncated-poisson'];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw new CriterionConfigError(
			`${field}: unknown value ${JSON.stringify(value)} (expected one of ${allowed.join(', ')})`
		);
	}
	return value as T;
}

function sensitiveAttribute(
	setup: EvaluationSetup,
	attribute: unknown,
	field: string
): { index: number; attribute: SensitiveAttributeSetup } {
	const index = setup.sensitive.findIndex((s) => s.name === attribute);
	if (typeof attribute !== 'string' || index < 0) {
		const known = setup.sensitive.map((s) => `"${s.name}"`).join(', ') || 'none';
		throw new CriterionConfigError(
			`${field}: ${JSON.stringify(attribute)} is not a sensitive attribute (sensitive attributes: ${known})`
		);
	}
	return { index, attribute: setup.sensitive[index] };
}

/** Population size in people: the spec's own, else the setup's model (a fraction f → round(rows/f)). */
function populationSize(spec: { population?: number }, setup: EvaluationSetup, field: string): number {
	let size: number | undefined;
	if (spec.population !== undefined) {
		size = requireNumber(spec.population, `${field}.population`, 1);
	} else if (setup.population && 'size' in setup.population) {
		size = setup.population.size;
	} else if (setup.population && 'samplingFraction' in setup.population) {
		size = Math.round(setup.populationTableRows / setup.population.samplingFraction);
	}
	if (size === undefined) {
		throw new CriterionConfigError(
			`${field}: needs a population size ("population") or a project population model`
		);
	}
	if (size < setup.populationTableRows) {
		throw new CriterionConfigError(
			`${field}.population: the population (${size}) cannot be smaller than the data (${setup.populationTableRows} rows)`
		);
	}
	return size;
}

function createCriterion(
	spec: PrivacyModelSpec,
	setup: EvaluationSetup,
	field: string,
	options: CreateCriteriaOptions
): PrivacyCriterion {
	switch (spec.model) {
		case 'k-anonymity':
			return kAnonymity(requireInteger(spec.k, `${field}.k`, 1));
		case 'l-diversity': {
			const variant = oneOf(spec.variant, L_VARIANTS, `${field}.variant`);
			const { index, attribute } = sensitiveAttribute(setup, spec.attribute, `${field}.attribute`);
			if (variant === 'distinct') {
				return distinctLDiversity(attribute.name, index, requireInteger(spec.l, `${field}.l`, 1));
			}
			if (variant === 'recursive') {
				const l = requireInteger(spec.l, `${field}.l`, 1);
				if (spec.c === undefined)
					throw new CriterionConfigError(`${field}.c: recursive (c,l)-diversity needs c`);
				const c = requireNumber(spec.c, `${field}.c`);
				if (c <= 0) throw new CriterionConfigError(`${field}.c: must be > 0, got ${c}`);
				return recursiveCLDiversity(attribute.name, index, c, l);
			}
			const l = requireNumber(spec.l, `${field}.l`, 1);
			return entropyLDiversity(attribute.name, index, l, variant === 'entropy' ? 'shannon' : 'grassberger');
		}
		case 't-closeness': {
			const variant = oneOf(spec.variant, T_VARIANTS, `${field}.variant`);
			const { index, attribute } = sensitiveAttribute(setup, spec.attribute, `${field}.attribute`);
			const t = requireNumber(spec.t, `${field}.t`, 0, 1);
			if (variant === 'equal') return equalDistanceTCloseness(attribute, index, t);
			if (variant === 'ordered') return orderedDistanceTCloseness(attribute, index, t);
			return hierarchicalDistanceTCloseness(attribute, index, t);
		}
		case 'delta-presence': {
			const deltaMin = requireNumber(spec.deltaMin, `${field}.deltaMin`, 0, 1);
			const deltaMax = requireNumber(spec.deltaMax, `${field}.deltaMax`, 0, 1);
			if (deltaMin > deltaMax) {
				throw new CriterionConfigError(
					`${field}: deltaMin (${deltaMin}) is larger than deltaMax (${deltaMax})`
				);
			}
			return deltaPresence(deltaMin, deltaMax);
		}
		case 'k-map': {
			const k = requireInteger(spec.k, `${field}.k`, 1);
			const hasPopulation =
				spec.population !== undefined || spec.estimator !== undefined || spec.significance !== undefined;
			if (spec.subset !== undefined && hasPopulation) {
				throw new CriterionConfigError(
					`${field}: k-map takes either a research subset or a population model with an estimator, not both`
				);
			}
			if (spec.subset !== undefined) return kMapWithSubset(k);
			const estimator = oneOf(spec.estimator ?? 'poisson', CELL_ESTIMATORS, `${field}.estimator`);
			const significance = requireNumber(
				spec.significance ?? DEFAULT_KMAP_SIGNIFICANCE,
				`${field}.significance`,
				0,
				1
			);
			const size = populationSize(spec, setup, field);
			return kMapWithEstimator(k, significance, size, setup.populationTableRows, estimator);
		}
		case 'average-risk':
			return averageReidentificationRisk(requireNumber(spec.threshold, `${field}.threshold`, 0, 1));
		case 'sample-uniqueness':
			return sampleUniqueness(requireNumber(spec.threshold, `${field}.threshold`, 0, 1));
		case 'population-uniqueness': {
			const threshold = requireNumber(spec.threshold, `${field}.threshold`, 0, 1);
			const estimator = oneOf(spec.estimator, UNIQUENESS_ESTIMATORS, `${field}.estimator`);
			const size = populationSize(spec, setup, field);
			return populationUniqueness(threshold, estimator, size, options.estimators ?? defaultEstimators);
		}
		case 'beta-likeness': {
			const variant = oneOf(spec.variant, ['basic', 'enhanced'] as const, `${field}.variant`);
			const { index, attribute } = sensitiveAttribute(setup, spec.attribute, `${field}.attribute`);
			const beta = requireNumber(spec.beta, `${field}.beta`);
			if (beta <= 0) throw new CriterionConfigError(`${field}.beta: must be > 0, got ${beta}`);
			return betaLikeness(attribute, index, beta, variant);
		}
		case 'inclusion':
			return inclusion();
		default: {
			const model = (spec as { model?: unknown }).model;
			throw new CriterionConfigError(
				`${field}.model: unknown privacy model ${JSON.stringify(model)} (known: k-anonymity, l-diversity, ` +
					't-closeness, delta-presence, k-map, average-risk, sample-uniqueness, population-uniqueness, ' +
					'beta-likeness, inclusion)'
			);
		}
	}
}

/**
 * One criterion per spec, in the order given except that δ-presence comes first (ARX checks it
 * first, see emptyClassFailureIsFatal; evaluate class criteria in the returned order). Throws a CriterionConfigError (code 'BAD_CONFIG')
 * naming the offending field (`privacy[i].…`) for an invalid spec. Criteria are created once per
 * search: they precompute what they need from `setup` (global distributions, hierarchy trees,
 * derived k′).
 */
export function createCriteria(
	specs: readonly PrivacyModelSpec[],
	setup: EvaluationSetup,
	options: CreateCriteriaOptions = {}
): PrivacyCriterion[] {
	if (!Array.isArray(specs) || specs.length === 0) {
		throw new CriterionConfigError('privacy: at least one privacy model is needed');
	}
	const criteria = specs.map((spec, i) => {
		if (typeof spec !== 'object' || spec === null) {
			throw new CriterionConfigError(`privacy[${i}]: expected an object`);
		}
		return createCriterion(spec, setup, `privacy[${i}]`, options);
	});
	// ARX evaluates δ-presence before every other class criterion (HashGroupify relies on it to
	// tell an unsuppressible δ-presence failure of an empty class); the rest keep their order.
	const presenceFirst = (c: PrivacyCriterion) =>
		c.kind === 'class' && c.needsSubset && c.emptyClassFailureIsFatal ? 0 : 1;
	criteria.sort((a, b) => presenceFirst(a) - presenceFirst(b));
	// ARX accepts one DPresence at most, and Inclusion is one (ARXConfiguration#addPrivacyModel).
	const presenceModels = specs.filter((s) => s.model === 'delta-presence' || s.model === 'inclusion').length;
	if (presenceModels > 1) {
		throw new CriterionConfigError('privacy: at most one delta-presence or inclusion model is allowed');
	}
	return criteria;
}
