import { describe, expect, it } from 'vitest';
import { createCriteria, type PrivacyModelSpec } from '../../../../src/lib/engine/criteria';
import { sensitive, setupWith } from './fixtures';

const occupation = sensitive('occupation', ['a', 'b', 'c'], [5, 3, 2], {
	hierarchyLevels: [
		['a', 'b', 'c'],
		['ab', 'ab', 'c'],
		['*', '*', '*']
	]
});
const setup = setupWith([occupation], 10, { populationTableRows: 10 });

function badConfig(specs: unknown[], message: RegExp) {
	let error: unknown;
	try {
		createCriteria(specs as PrivacyModelSpec[], setup);
	} catch (e) {
		error = e;
	}
	expect(error).toBeInstanceOf(Error);
	expect((error as { code?: string }).code).toBe('BAD_CONFIG');
	expect((error as Error).message).toMatch(message);
}

describe('createCriteria', () => {
	it('creates one criterion per spec, in order (δ-presence first)', () => {
		const criteria = createCriteria(
			[
				{ model: 'k-anonymity', k: 5 },
				{ model: 'l-diversity', variant: 'recursive', attribute: 'occupation', l: 2, c: 4 },
				{ model: 'l-diversity', variant: 'distinct', attribute: 'occupation', l: 2 },
				{ model: 'l-diversity', variant: 'entropy', attribute: 'occupation', l: 1.5 },
				{ model: 'l-diversity', variant: 'grassberger-entropy', attribute: 'occupation', l: 2 },
				{ model: 't-closeness', variant: 'hierarchical', attribute: 'occupation', t: 0.2 },
				{ model: 't-closeness', variant: 'equal', attribute: 'occupation', t: 0.2 },
				{ model: 't-closeness', variant: 'ordered', attribute: 'occupation', t: 0.2 },
				{ model: 'delta-presence', deltaMin: 0, deltaMax: 0.5, subset: 'subset.csv' },
				{ model: 'k-map', k: 3, population: 10000, estimator: 'zero-truncated-poisson', significance: 0.01 },
				{ model: 'average-risk', threshold: 0.1 },
				{ model: 'sample-uniqueness', threshold: 0.1 },
				{ model: 'population-uniqueness', threshold: 0.1, estimator: 'dankar', population: 1000 },
				{ model: 'beta-likeness', variant: 'basic', attribute: 'occupation', beta: 1 },
				{ model: 'beta-likeness', variant: 'enhanced', attribute: 'occupation', beta: 1 }
			],
			setup
		);
		expect(criteria.map((c) => c.label)).toEqual([
			'(0,0.5)-presence',
			'5-anonymity',
			'recursive-(4,2)-diversity for occupation',
			'distinct-2-diversity for occupation',
			'shannon-entropy-1.5-diversity for occupation',
			'grassberger-entropy-2-diversity for occupation',
			'0.2-closeness with hierarchical ground-distance for occupation',
			'0.2-closeness with equal ground-distance for occupation',
			'0.2-closeness with ordered distance for occupation',
			'(3)-map estimated as (2)-anonymity (zero-truncated-poisson)',
			'(0.1)-avg-reidentification-risk',
			'(0.1)-sample-uniqueness',
			'(0.1)-population-uniqueness (dankar)',
			'basic-1-likeness for occupation',
			'enhanced-1-likeness for occupation'
		]);
		expect(criteria.map((c) => c.kind).join('')).toBe(
			'class'.repeat(10) + 'sample'.repeat(3) + 'class'.repeat(2)
		);
	});

	it('puts δ-presence first, as ARX evaluates it before the other class criteria', () => {
		const criteria = createCriteria(
			[
				{ model: 'k-anonymity', k: 2 },
				{ model: 't-closeness', variant: 'equal', attribute: 'occupation', t: 0.2 },
				{ model: 'delta-presence', deltaMin: 0.1, deltaMax: 0.5 },
				{ model: 'sample-uniqueness', threshold: 0.1 }
			],
			setup
		);
		expect(criteria.map((c) => c.label)).toEqual([
			'(0.1,0.5)-presence',
			'2-anonymity',
			'0.2-closeness with equal ground-distance for occupation',
			'(0.1)-sample-uniqueness'
		]);
	});

	it('rejects invalid specs with BAD_CONFIG and the field name', () => {
		badConfig([], /at least one privacy model/);
		badConfig([{ model: 'k-anonymity', k: 0 }], /privacy\[0\]\.k: must be ≥ 1/);
		badConfig([{ model: 'k-anonymity', k: 2.5 }], /privacy\[0\]\.k: must be an integer/);
		badConfig([{ model: 'k-anonymity', k: '5' }], /privacy\[0\]\.k: expected a number/);
		badConfig(
			[{ model: 'k-anonymity', k: 2 }, { model: 'x-privacy' }],
			/privacy\[1\]\.model: unknown privacy model "x-privacy"/
		);
		badConfig(
			[{ model: 'l-diversity', variant: 'fancy', attribute: 'occupation', l: 2 }],
			/privacy\[0\]\.variant: unknown value "fancy"/
		);
		badConfig(
			[{ model: 'l-diversity', variant: 'distinct', attribute: 'salary', l: 2 }],
			/"salary" is not a sensitive attribute \(sensitive attributes: "occupation"\)/
		);
		badConfig([{ model: 'l-diversity', variant: 'recursive', attribute: 'occupation', l: 2 }], /needs c/);
		badConfig(
			[{ model: 'l-diversity', variant: 'recursive', attribute: 'occupation', l: 2, c: 0 }],
			/c: must be > 0/
		);
		badConfig(
			[{ model: 'l-diversity', variant: 'entropy', attribute: 'occupation', l: 0.5 }],
			/l: must be ≥ 1/
		);
		badConfig(
			[{ model: 't-closeness', variant: 'equal', attribute: 'occupation', t: -0.1 }],
			/t: must be in \[0, 1\]/
		);
		badConfig(
			[{ model: 'delta-presence', deltaMin: 0.6, deltaMax: 0.5 }],
			/deltaMin \(0.6\) is larger than deltaMax/
		);
		badConfig([{ model: 'k-map', k: 5 }], /needs a population size/);
		badConfig([{ model: 'k-map', k: 5, subset: 's.csv', population: 100 }], /not both/);
		badConfig([{ model: 'k-map', k: 5, population: 5 }], /cannot be smaller than the data/);
		badConfig(
			[{ model: 'k-map', k: 5, population: 100, significance: 2 }],
			/significance: must be in \[0, 1\]/
		);
		badConfig([{ model: 'k-map', k: 5, population: 100, estimator: 'normal' }], /estimator: unknown value/);
		badConfig([{ model: 'average-risk', threshold: 1.5 }], /threshold: must be in \[0, 1\]/);
		badConfig(
			[{ model: 'population-uniqueness', threshold: 0.1, estimator: 'guess', population: 100 }],
			/estimator/
		);
		badConfig(
			[{ model: 'beta-likeness', variant: 'basic', attribute: 'occupation', beta: 0 }],
			/beta: must be > 0/
		);
		badConfig(
			[{ model: 'delta-presence', deltaMin: 0, deltaMax: 0.5 }, { model: 'inclusion' }],
			/at most one delta-presence or inclusion/
		);
		badConfig([null], /privacy\[0\]: expected an object/);
	});

	it('rejects hierarchical t-closeness without a hierarchy for the attribute', () => {
		const plain = setupWith([sensitive('occupation', ['a', 'b'], [1, 1])]);
		expect(() =>
			createCriteria(
				[{ model: 't-closeness', variant: 'hierarchical', attribute: 'occupation', t: 0.2 }],
				plain
			)
		).toThrow(/needs a hierarchy/);
	});

	it('takes the population from the setup: a sampling fraction f means round(rows / f) people', () => {
		// rows 10, f = 0.001 → 10,000 people; λ = 3·0.001 = 0.003; zero-truncated: P(1)/(1−P(0)) ≈ 0.9985 ≥ 0.99 → k′ = 2.
		const withFraction = setupWith([occupation], 10, { population: { samplingFraction: 0.001 } });
		const [c] = createCriteria([{ model: 'k-map', k: 3, estimator: 'zero-truncated-poisson' }], withFraction);
		expect(c.label).toBe('(3)-map estimated as (2)-anonymity (zero-truncated-poisson)');
	});
});
