import { describe, expect, it } from 'vitest';
import { deltaPresence, inclusion } from '../../../../src/lib/engine/criteria/delta-presence';
import { sizedClass } from './fixtures';

describe('δ-presence', () => {
	it('δ = sample rows / population rows of the class lies in [δmin, δmax]', () => {
		// 2 of 10 people of the class are in the sample: δ = 0.2.
		expect(deltaPresence(0, 0.2).isAnonymous(sizedClass(2, 10))).toBe(true);
		expect(deltaPresence(0, 0.19).isAnonymous(sizedClass(2, 10))).toBe(false);
		expect(deltaPresence(0.25, 1).isAnonymous(sizedClass(2, 10))).toBe(false);
		expect(deltaPresence(0.2, 0.2).isAnonymous(sizedClass(2, 10))).toBe(true);
	});

	it('a class without sample rows has δ = 0; its failure cannot be suppressed', () => {
		expect(deltaPresence(0, 0.5).isAnonymous(sizedClass(0, 7))).toBe(true);
		expect(deltaPresence(0.1, 0.5).isAnonymous(sizedClass(0, 7))).toBe(false);
		expect(deltaPresence(0.1, 0.5)).toMatchObject({
			needsSubset: true,
			emptyClassFailureIsFatal: true,
			monotonicWithGeneralization: true,
			monotonicWithSuppression: false
		});
	});

	it('inclusion only defines the subset', () => {
		expect(inclusion().isAnonymous(sizedClass(1, 1000))).toBe(true);
		expect(inclusion()).toMatchObject({ needsSubset: true, monotonicWithSuppression: true });
	});
});
