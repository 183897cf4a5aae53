import { describe, expect, it } from 'vitest';
import { groupify } from '../../../../src/lib/engine/classes/groupify';
import { classSizeHistogram, classSizesByCounting } from '../../../../src/lib/engine/risk/class-histogram';
import { refreshRisk } from '../../../../src/lib/engine/risk/risk-refresh';

function randomColumns(rows: number, cardinalities: number[], seed = 7): Int32Array[] {
	let s = seed;
	const random = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
	return cardinalities.map((card) =>
		Int32Array.from({ length: rows }, () => Math.floor(card * random() ** 2))
	);
}

describe('risk refresh', () => {
	const cardinalities = [3, 11, 4, 6];
	const keys = randomColumns(5000, cardinalities);

	it('counts the same class sizes as groupify', () => {
		const classes = groupify(keys, cardinalities, 5000);
		const expected = classSizeHistogram(classes.sizes, classes.count);
		const counted = classSizeHistogram(classSizesByCounting(keys, cardinalities, 5000)!);
		expect(counted).toEqual(expected);
		expect(refreshRisk(keys, cardinalities, 5000).histogram).toEqual(expected);
	});

	it('falls back to groupify when the key space is too large to count densely', () => {
		const wide = [...cardinalities, 1 << 20];
		const wideKeys = [...keys, randomColumns(5000, [1 << 20], 3)[0]];
		expect(classSizesByCounting(wideKeys, wide, 5000)).toBeNull();
		const classes = groupify(wideKeys, wide, 5000);
		const refreshed = refreshRisk(wideKeys, wide, 5000, {
			kValues: [2],
			population: { samplingFraction: 0.5 }
		});
		expect(refreshed.histogram.classes).toBe(classes.count);
		expect(refreshed.prosecutor.average).toBe(classes.count / 5000);
		expect(refreshed.kViolations['2']).toBe(Array.from(classes.sizes).filter((s) => s === 1).length);
		expect(refreshed.populationUniqueness?.samplingFraction).toBe(0.5);
	});
});
