import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	insurerCheckDigit,
	isValidInsurerNumber,
	isValidMyNumber,
	myNumberCheckDigit
} from '../../../../src/lib/engine/jp/check-digits';

describe('マイナンバー check digit', () => {
	it('matches a hand computation', () => {
		// 12345678901: P1..P11 = 1,0,9,8,7,6,5,4,3,2,1; Q = 2,3,4,5,6,7,2,3,4,5,6
		// Σ = 2+0+36+40+42+42+10+12+12+10+6 = 212; 212 mod 11 = 3; check = 11 − 3 = 8
		expect(myNumberCheckDigit('12345678901')).toBe(8);
		expect(isValidMyNumber('123456789018')).toBe(true);
		expect(isValidMyNumber('1234 5678 9018')).toBe(true);
		expect(isValidMyNumber('123456789017')).toBe(false);
		expect(isValidMyNumber('12345678901')).toBe(false);
	});

	it('gives 0 when the remainder is 0 or 1', () => {
		// 00000000000 → Σ = 0 → r = 0 → 0; 10000000000: P11 = 1, Q11 = 6 → r = 6 → 5
		expect(myNumberCheckDigit('00000000000')).toBe(0);
		expect(myNumberCheckDigit('10000000000')).toBe(5);
		// 00000000005: P1 = 5, Q1 = 2 → Σ = 10 → r = 10 → 1; 00000000006: Σ = 12 → r = 1 → 0
		expect(myNumberCheckDigit('00000000005')).toBe(1);
		expect(myNumberCheckDigit('00000000006')).toBe(0);
	});

	// Q_n ∈ 2..7 and 11 is prime, so changing one digit always changes r; it goes unnoticed only when r
	// moves between 0 and 1 (both give check digit 0). With a non-zero check digit every error shows.
	it('detects every single-digit error when the check digit is not 0', () => {
		fc.assert(
			fc.property(
				fc.stringMatching(/^\d{11}$/),
				fc.nat(10),
				fc.integer({ min: 1, max: 9 }),
				(base, pos, delta) => {
					fc.pre(myNumberCheckDigit(base) !== 0);
					const good = base + myNumberCheckDigit(base);
					expect(isValidMyNumber(good)).toBe(true);
					const bad = good.slice(0, pos) + ((+good[pos] + delta) % 10) + good.slice(pos + 1);
					expect(isValidMyNumber(bad)).toBe(false);
				}
			)
		);
	});
});

describe('保険者番号 検証番号', () => {
	it('matches published insurer numbers', () => {
		// 千葉県警察共済 33120015: 3312001 × (2,1,2,1,2,1,2 from the right) → 6+3+2+2+0+0+2 = 15 → 10 − 5 = 5
		expect(insurerCheckDigit('3312001')).toBe(5);
		expect(isValidInsurerNumber('33120015')).toBe(true);
		// 協会けんぽ 東京支部 01130012, 大阪支部 01270016; 東京都後期高齢者医療広域連合 39131156
		expect(isValidInsurerNumber('01130012')).toBe(true);
		expect(isValidInsurerNumber('01270016')).toBe(true);
		expect(isValidInsurerNumber('39131156')).toBe(true);
		// 国保 (6 digits): 千代田区 131011
		expect(isValidInsurerNumber('131011')).toBe(true);
		expect(isValidInsurerNumber('01130013')).toBe(false);
		expect(isValidInsurerNumber('0113001')).toBe(false);
	});

	it('counts a 2-digit product as the sum of its digits', () => {
		// 9 × 2 = 18 → 1 + 8 = 9 → 10 − 9 = 1
		expect(insurerCheckDigit('9')).toBe(1);
		expect(insurerCheckDigit('5')).toBe(9);
		expect(insurerCheckDigit('0')).toBe(0);
	});
});
