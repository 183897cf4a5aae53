import { describe, expect, it } from 'vitest';
import {
	equalDistanceTCloseness,
	lexicographicOrder,
	orderedDistanceTCloseness
} from '../../../../src/lib/engine/criteria/t-closeness';
import { hierarchicalDistanceTCloseness } from '../../../../src/lib/engine/criteria/t-closeness-hierarchical';
import { classWith, sensitive } from './fixtures';

// Values a, b, c (codes 0, 1, 2) with global counts 5, 3, 2 over 10 rows: q = (0.5, 0.3, 0.2).
const abc = sensitive('s', ['a', 'b', 'c'], [5, 3, 2], {
	hierarchyLevels: [
		['a', 'b', 'c'],
		['ab', 'ab', 'c'],
		['*', '*', '*']
	]
});

describe('t-closeness, equal ground distance', () => {
	it('D = ½·Σ|pᵢ − qᵢ| against the distribution of the whole sample', () => {
		// {a:1, b:1}: p = (0.5, 0.5, 0): D = ½·(0 + 0.2 + 0.2) = 0.2.
		const cls = classWith({ 0: 1, 1: 1 });
		expect(equalDistanceTCloseness(abc, 0, 0.2).isAnonymous(cls)).toBe(true);
		expect(equalDistanceTCloseness(abc, 0, 0.19).isAnonymous(cls)).toBe(false);
		// {a:2}: p = (1, 0, 0): D = ½·(0.5 + 0.3 + 0.2) = 0.5.
		expect(equalDistanceTCloseness(abc, 0, 0.5).isAnonymous(classWith({ 0: 2 }))).toBe(true);
		expect(equalDistanceTCloseness(abc, 0, 0.49).isAnonymous(classWith({ 0: 2 }))).toBe(false);
	});

	it('t = 0 accepts only a class with exactly the global distribution', () => {
		expect(equalDistanceTCloseness(abc, 0, 0).isAnonymous(classWith({ 0: 5, 1: 3, 2: 2 }))).toBe(true);
		expect(equalDistanceTCloseness(abc, 0, 0).isAnonymous(classWith({ 0: 4, 1: 4, 2: 2 }))).toBe(false);
	});

	it('is monotonic with generalization only and has no minimal class size', () => {
		expect(equalDistanceTCloseness(abc, 0, 0.2)).toMatchObject({
			monotonicWithGeneralization: true,
			monotonicWithSuppression: false,
			minimalClassSize: 0
		});
	});
});

describe('t-closeness, ordered distance', () => {
	it('D = Σ|cumulative (pᵢ − qᵢ)| / (m − 1), values in string order by default', () => {
		// {c:2}: p = (0, 0, 1): cumulative −0.5, −0.8, 0 → (0.5 + 0.8 + 0)/2 = 0.65.
		expect(orderedDistanceTCloseness(abc, 0, 0.66).isAnonymous(classWith({ 2: 2 }))).toBe(true);
		expect(orderedDistanceTCloseness(abc, 0, 0.64).isAnonymous(classWith({ 2: 2 }))).toBe(false);
		// {a:1}: p = (1, 0, 0): cumulative 0.5, 0.2, 0 → 0.7/2 = 0.35.
		expect(orderedDistanceTCloseness(abc, 0, 0.35 + 1e-9).isAnonymous(classWith({ 0: 1 }))).toBe(true);
		expect(orderedDistanceTCloseness(abc, 0, 0.34).isAnonymous(classWith({ 0: 1 }))).toBe(false);
	});

	it('follows a given order (e.g. numeric) instead of string order', () => {
		// Order b < a < c: {a:1}: p − q in that order = (−0.3, 0.5, −0.2); cumulative −0.3, 0.2, 0 → 0.5/2 = 0.25.
		const reordered = { ...abc, order: Int32Array.from([1, 0, 2]) };
		expect(orderedDistanceTCloseness(reordered, 0, 0.3).isAnonymous(classWith({ 0: 1 }))).toBe(true);
		expect(orderedDistanceTCloseness(abc, 0, 0.3).isAnonymous(classWith({ 0: 1 }))).toBe(false);
	});

	it('string order compares UTF-16 code units, like Java', () => {
		expect(Array.from(lexicographicOrder(['b', 'B', 'a', '10', '9', 'あ']))).toEqual([3, 4, 1, 2, 0, 5]);
	});

	it('an empty class fails (ARX: no smallest value)', () => {
		expect(orderedDistanceTCloseness(abc, 0, 1).isAnonymous(classWith({}))).toBe(false);
	});
});

describe('t-closeness, hierarchical distance', () => {
	// Tree: * → {ab → {a, b}, c → {c}}, height 2: moving mass within "ab" costs 1/2, across the root 1.
	it('cost = Σ level/H · min(pos, neg) over inner nodes', () => {
		// {a:1, b:1}: q − p = (0, −0.2, +0.2): "ab" (neg 0.2) and "c" (pos 0.2) cost 0;
		// root: min(0.2, 0.2)·2/2 = 0.2.
		const ab = classWith({ 0: 1, 1: 1 });
		expect(hierarchicalDistanceTCloseness(abc, 0, 0.2).isAnonymous(ab)).toBe(true);
		expect(hierarchicalDistanceTCloseness(abc, 0, 0.19).isAnonymous(ab)).toBe(false);
		// {a:2}: q − p = (−0.5, 0.3, 0.2): "ab": min(0.3, 0.5)·1/2 = 0.15, net −0.2; root: min(0.2, 0.2)·1 = 0.2.
		// Total 0.35 (equal distance would give 0.5).
		expect(hierarchicalDistanceTCloseness(abc, 0, 0.35).isAnonymous(classWith({ 0: 2 }))).toBe(true);
		expect(hierarchicalDistanceTCloseness(abc, 0, 0.34).isAnonymous(classWith({ 0: 2 }))).toBe(false);
	});

	it('t = 0 accepts the global distribution itself', () => {
		expect(hierarchicalDistanceTCloseness(abc, 0, 0).isAnonymous(classWith({ 0: 10, 1: 6, 2: 4 }))).toBe(
			true
		);
	});

	it('uses the class histogram total, also when the histogram is given out of code order', () => {
		// {b:1, a:1} is the same class as {a:1, b:1}.
		const h = { codes: Int32Array.from([1, 0]), counts: Int32Array.from([1, 1]), length: 2 };
		const cls = { size: 2, populationSize: 2, sensitive: [h] };
		expect(hierarchicalDistanceTCloseness(abc, 0, 0.2).isAnonymous(cls)).toBe(true);
		expect(hierarchicalDistanceTCloseness(abc, 0, 0.19).isAnonymous(cls)).toBe(false);
	});

	it('identifies nodes by label and level, as ARX does', () => {
		// Level 1 labels repeat across branches of level 2: "x" under both "L" and "R" is one node.
		const shared = sensitive('s', ['a', 'b', 'c', 'd'], [1, 1, 1, 1], {
			hierarchyLevels: [
				['a', 'b', 'c', 'd'],
				['x', 'y', 'x', 'z'],
				['*', '*', '*', '*']
			]
		});
		// {a:1, c:1} vs uniform q: q − p = (−0.25, 0.25, −0.25, 0.25): node x = {a, c}: pos 0, neg 0.5;
		// y: pos 0.25; z: pos 0.25; root: min(0.5, 0.5)·1 = 0.5. (Were a and c in different nodes, the same.)
		expect(hierarchicalDistanceTCloseness(shared, 0, 0.5).isAnonymous(classWith({ 0: 1, 2: 1 }))).toBe(true);
		// {a:1, b:1}: q − p = (−0.25, −0.25, 0.25, 0.25): x = {a, c}: pos 0.25, neg 0.25 → ½·0.25 = 0.125, net 0;
		// y: neg 0.25; z: pos 0.25; root: min(0.25, 0.25) = 0.25. Total 0.375.
		expect(hierarchicalDistanceTCloseness(shared, 0, 0.375).isAnonymous(classWith({ 0: 1, 1: 1 }))).toBe(
			true
		);
		expect(hierarchicalDistanceTCloseness(shared, 0, 0.37).isAnonymous(classWith({ 0: 1, 1: 1 }))).toBe(
			false
		);
	});

	it('needs a hierarchy covering every value', () => {
		expect(() =>
			hierarchicalDistanceTCloseness({ ...abc, hierarchyLevels: [['a', 'b', 'c']] }, 0, 0.2)
		).toThrow(/at least two levels/);
		expect(() =>
			hierarchicalDistanceTCloseness(
				{
					...abc,
					hierarchyLevels: [
						['a', 'b', 'c'],
						['ab', 'ab']
					]
				},
				0,
				0.2
			)
		).toThrow(/level 1 has no value for "c"/);
	});
});
