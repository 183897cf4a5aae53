import { describe, expect, it } from 'vitest';
import { deriveK, kMapWithEstimator, kMapWithSubset } from '../../../../src/lib/engine/criteria/k-map';
import { poissonProbability } from '../../../../src/lib/engine/criteria/poisson';
import { sizedClass } from './fixtures';

describe('k-map with a research subset', () => {
	it('counts the population rows of the class (ARX pcount), not the sample rows', () => {
		const c = kMapWithSubset(5);
		expect(c.isAnonymous(sizedClass(1, 5))).toBe(true);
		expect(c.isAnonymous(sizedClass(4, 4))).toBe(false);
		expect(c).toMatchObject({
			needsSubset: true,
			minimalClassSize: 0,
			monotonicWithGeneralization: true,
			monotonicWithSuppression: true
		});
	});
});

describe('k-map with a population estimator', () => {
	it('Poisson probabilities', () => {
		// P(X=0) = e^−2, P(X=3) = e^−2·2³/3! = 0.180447.
		expect(poissonProbability(2, 0)).toBeCloseTo(Math.exp(-2), 15);
		expect(poissonProbability(2, 3)).toBeCloseTo((Math.exp(-2) * 8) / 6, 15);
		// Large means do not underflow: P(X = 1000 | λ = 1000) ≈ 1/√(2π·1000) = 0.012611.
		expect(poissonProbability(1000, 1000)).toBeCloseTo(0.0126146, 6);
	});

	it('zero-truncated Poisson, ARX’s adult cases (30,162 rows, USA 317,238,626, α = 0.01)', () => {
		// k = 3: λ = 3·30162/317238626 = 2.852e−4; P(1)/(1 − P(0)) ≈ 1 − λ/2 = 0.99986 ≥ 0.99 at x = 1 → k′ = 2.
		expect(deriveK(3, 0.01, 30162 / 317238626, 'zero-truncated-poisson', 30162).k).toBe(2);
		// k = 1000: λ = 0.0950767; P(1)/(1−P(0)) = 0.953225 < 0.99; + P(2)/(1−P(0)) = 0.045315 → 0.99854 → k′ = 3.
		const big = deriveK(1000, 0.01, 30162 / 317238626, 'zero-truncated-poisson', 30162);
		expect(big.k).toBe(3);
		expect(big.typeOneError).toBeCloseTo(1 - 0.99854, 4);
	});

	it('Poisson: ARX returns (first x with P(X ≤ x) ≥ 1 − α) + 2', () => {
		// λ = 3·0.001 = 0.003: P(X ≤ 0) = 0.997 ≥ 0.99 → k′ = 0 + 2 = 2.
		expect(deriveK(3, 0.01, 0.001, 'poisson', 1000).k).toBe(2);
		// α = 0.001: P(X ≤ 0) = 0.997004 < 0.999; P(X ≤ 1) = 0.9999955 → k′ = 3.
		expect(deriveK(3, 0.001, 0.001, 'poisson', 1000).k).toBe(3);
	});

	it('matches the k′ that ARX 3.9.2 derives (KMap#toString after initialize, adult: 30,162 rows)', () => {
		// [k, estimator, significance, population, k′ printed by ARX]
		const measured = [
			[3, 'zero-truncated-poisson', 0.01, 317238626, 2],
			[1000, 'zero-truncated-poisson', 0.01, 317238626, 3],
			[3, 'poisson', 0.01, 317238626, 2],
			[1000, 'poisson', 0.01, 317238626, 3],
			[5, 'poisson', 0.001, 60000, 5],
			[10, 'zero-truncated-poisson', 0.05, 40000, 10],
			[20, 'poisson', 0.05, 100000, 12],
			[20, 'zero-truncated-poisson', 0.05, 100000, 11],
			[50, 'poisson', 0.01, 1000000, 7],
			[50, 'zero-truncated-poisson', 0.01, 1000000, 6]
		] as const;
		for (const [k, estimator, alpha, population, expected] of measured) {
			expect(
				deriveK(k, alpha, 30162 / population, estimator, 30162).k,
				`${k} ${estimator} ${population}`
			).toBe(expected);
		}
	});

	it('k′ never exceeds k nor the number of rows', () => {
		// Sampling fraction 1: λ = k; the walk reaches k and stops with certainty → k′ = k.
		expect(deriveK(4, 0.01, 1, 'poisson', 100)).toEqual({ k: 4, typeOneError: 0 });
		expect(deriveK(50, 0.01, 1, 'zero-truncated-poisson', 10).k).toBe(10);
		expect(deriveK(1, 0.01, 0.5, 'zero-truncated-poisson', 10).k).toBe(1);
	});

	it('is k′-anonymity with k′ as minimal class size', () => {
		const c = kMapWithEstimator(1000, 0.01, 317238626, 30162, 'zero-truncated-poisson');
		expect(c.label).toBe('(1000)-map estimated as (3)-anonymity (zero-truncated-poisson)');
		expect(c.isAnonymous(sizedClass(3))).toBe(true);
		expect(c.isAnonymous(sizedClass(2))).toBe(false);
		expect(c).toMatchObject({
			minimalClassSize: 3,
			minimalClassSizeAvailable: true,
			needsSubset: false,
			monotonicWithSuppression: true
		});
	});
});
