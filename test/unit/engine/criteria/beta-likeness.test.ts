import { describe, expect, it } from 'vitest';
import { betaLikeness } from '../../../../src/lib/engine/criteria/beta-likeness';
import { classWith, sensitive } from './fixtures';

// q = (0.5, 0.3, 0.2) over 10 rows.
const abc = sensitive('s', ['a', 'b', 'c'], [5, 3, 2]);

describe('β-likeness', () => {
	it('basic: every relative gain (pᵢ − qᵢ)/qᵢ ≤ β', () => {
		// {b:1, c:1}: p = (0, 0.5, 0.5): gains b (0.5−0.3)/0.3 = 0.667, c (0.5−0.2)/0.2 = 1.5 (a is not in the class).
		const bc = classWith({ 1: 1, 2: 1 });
		expect(betaLikeness(abc, 0, 1.6, 'basic').isAnonymous(bc)).toBe(true);
		expect(betaLikeness(abc, 0, 1.4, 'basic').isAnonymous(bc)).toBe(false);
	});

	it('enhanced: the bound is min(β, −ln qᵢ), stricter for frequent values', () => {
		// {a:1}: gain a = (1 − 0.5)/0.5 = 1 ≤ β = 1.6, but −ln 0.5 = 0.693 < 1.
		const a = classWith({ 0: 1 });
		expect(betaLikeness(abc, 0, 1.6, 'basic').isAnonymous(a)).toBe(true);
		expect(betaLikeness(abc, 0, 1.6, 'enhanced').isAnonymous(a)).toBe(false);
		// {b:1, c:1} under enhanced β = 1.6: bounds b min(1.6, 1.204) ≥ 0.667, c min(1.6, 1.609) = 1.6 ≥ 1.5.
		expect(betaLikeness(abc, 0, 1.6, 'enhanced').isAnonymous(classWith({ 1: 1, 2: 1 }))).toBe(true);
	});

	it('values rarer in the class than overall never violate it', () => {
		// The global distribution itself: all gains 0.
		expect(betaLikeness(abc, 0, 0.0001, 'basic').isAnonymous(classWith({ 0: 5, 1: 3, 2: 2 }))).toBe(true);
		expect(betaLikeness(abc, 0, 0.0001, 'enhanced').isAnonymous(classWith({ 0: 5, 1: 3, 2: 2 }))).toBe(true);
	});

	it('is monotonic with generalization only (ARX)', () => {
		expect(betaLikeness(abc, 0, 1, 'enhanced')).toMatchObject({
			label: 'enhanced-1-likeness for s',
			monotonicWithGeneralization: true,
			monotonicWithSuppression: false,
			minimalClassSize: 0
		});
	});
});
