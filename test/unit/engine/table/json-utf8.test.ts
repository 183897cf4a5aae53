import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonUtf8Buffer } from '../../../../src/lib/engine/table/json-utf8';

const expected = (value: string) => new TextEncoder().encode(JSON.stringify(value));

function written(value: string): Uint8Array {
	const out = new JsonUtf8Buffer(value.length * 6 + 3);
	expect(out.fits(value)).toBe(true);
	out.string(value);
	return out.take().slice();
}

describe('JsonUtf8Buffer', () => {
	it('writes the bytes of JSON.stringify for escapes, controls, surrogate pairs and lone surrogates', () => {
		for (const value of [
			'',
			'plain',
			'"q" \\ /',
			'\b\f\n\r\t\u0000\u001f\u007f',
			'東京都 ①',
			'😀 a\ud83d\ude00',
			'\ud800',
			'x\udfffy',
			'\udbff\udbff\udc00',
			'\u2028\u2029'
		]) {
			expect(written(value), JSON.stringify(value)).toEqual(expected(value));
		}
	});

	it('matches JSON.stringify on arbitrary UTF-16 strings', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-composite' }), (a, b) => {
				expect(written(a)).toEqual(expected(a));
				expect(written(b)).toEqual(expected(b));
			})
		);
	});

	it('appends ASCII, reports when a value may not fit, and starts over after take()', () => {
		const out = new JsonUtf8Buffer(24);
		out.ascii('[1,');
		expect(out.fits('ab')).toBe(true);
		out.string('ab');
		expect(out.fits('abc')).toBe(false);
		expect(new TextDecoder().decode(out.take())).toBe('[1,"ab"');
		expect(out.length).toBe(0);
		expect(out.fits('abc')).toBe(true);
	});
});
