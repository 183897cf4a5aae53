import { describe, expect, it } from 'vitest';
import { hashString, ValueIndex } from '../../../../src/lib/engine/table/value-index';

describe('value index', () => {
	it('finds every indexed value and nothing else, through many resizes', () => {
		const values: string[] = [];
		const index = new ValueIndex(values);
		for (let i = 0; i < 20_000; i++) {
			const v = `v${i}`;
			expect(index.find(v)).toBe(-1);
			values.push(v);
			index.insert(i);
		}
		for (let i = 0; i < 20_000; i += 7) expect(index.find(`v${i}`)).toBe(i);
		expect(index.find('v20000')).toBe(-1);
		expect(index.find('')).toBe(-1);
	});

	it('finds ranges of a text as it finds strings, and keeps finding after a reservation', () => {
		const values = ['ab', 'abc', '東京', ''];
		const index = new ValueIndex(values);
		const text = 'xabcx東京x';
		expect(index.findRange(text, 1, 3)).toBe(0);
		expect(index.findRange(text, 1, 4)).toBe(1);
		expect(index.findRange(text, 5, 7)).toBe(2);
		expect(index.findRange(text, 2, 2)).toBe(3);
		expect(index.findRange(text, 2, 4)).toBe(-1);
		index.reserve(100_000);
		values.forEach((v, code) => expect(index.find(v)).toBe(code));
		expect(index.findRange(text, 5, 7)).toBe(2);
	});

	it('indexes a dictionary it is given, code by position', () => {
		const values = ['', '__proto__', 'constructor', '0', '01', '東京都', '😀'];
		const index = new ValueIndex(values);
		values.forEach((v, code) => expect(index.find(v)).toBe(code));
		expect(index.find('1')).toBe(-1);
	});

	it('hashes equal strings equally and spreads near-identical ones', () => {
		expect(hashString('P0000001')).toBe(hashString(['P000', '0001'].join('')));
		const low = new Set<number>();
		for (let i = 0; i < 4096; i++) low.add(hashString(`P${String(i).padStart(7, '0')}`) & 4095);
		// Uniform hashing fills about 1 − 1/e ≈ 63 % of the slots; a weak hash would cluster far below that.
		expect(low.size).toBeGreaterThan(2400);
	});
});
