import { describe, expect, it } from 'vitest';
import { kAnonymity } from '../../../../src/lib/engine/criteria/k-anonymity';
import { sizedClass } from './fixtures';

describe('k-anonymity', () => {
	it('accepts classes of at least k rows (of the research sample)', () => {
		const c = kAnonymity(3);
		expect(c.isAnonymous(sizedClass(2))).toBe(false);
		expect(c.isAnonymous(sizedClass(3))).toBe(true);
		expect(c.isAnonymous(sizedClass(10))).toBe(true);
		// With a subset only the sample rows count: 2 sample rows among 50 population rows fail 3-anonymity.
		expect(c.isAnonymous(sizedClass(2, 50))).toBe(false);
	});

	it('declares ARX flags: monotonic in both senses, k as minimal class size', () => {
		const c = kAnonymity(5);
		expect(c).toMatchObject({
			kind: 'class',
			label: '5-anonymity',
			monotonicWithGeneralization: true,
			monotonicWithSuppression: true,
			minimalClassSize: 5,
			minimalClassSizeAvailable: true,
			needsSubset: false
		});
	});

	it('k = 1 accepts every non-empty class', () => {
		expect(kAnonymity(1).isAnonymous(sizedClass(1))).toBe(true);
		expect(kAnonymity(1).isAnonymous(sizedClass(0, 4))).toBe(false);
	});
});
