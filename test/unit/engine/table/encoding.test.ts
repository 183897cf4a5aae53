import Encoding from 'encoding-japanese';
import { describe, expect, it } from 'vitest';
import { detectEncoding, utf8Stats } from '../../../../src/lib/engine/table/encoding';

const encode = (text: string, to: 'SJIS' | 'EUCJP') =>
	new Uint8Array(Encoding.convert(Encoding.stringToCode(text), { to, from: 'UNICODE' }));
const utf8 = (text: string) => new TextEncoder().encode(text);

const JAPANESE =
	'患者ID,氏名,氏名カナ,性別,生年月日\n1,山田太郎,ヤマダタロウ,男,昭和47年10月14日\n2,佐藤花子,サトウハナコ,女,平成元年1月8日\n';

describe('detectEncoding', () => {
	it('recognizes UTF-8 with and without BOM', () => {
		expect(detectEncoding(utf8(JAPANESE))).toEqual({ encoding: 'utf-8', bom: false, confidence: 1 });
		expect(detectEncoding(utf8('\ufeff' + JAPANESE))).toEqual({
			encoding: 'utf-8',
			bom: true,
			confidence: 1
		});
		expect(detectEncoding(utf8('a,b\n1,2\n')).encoding).toBe('utf-8');
	});

	it('recognizes Shift_JIS, including CP932 extensions (①, ㈱, 髙, Ⅳ)', () => {
		const text = JAPANESE + '3,髙橋①,ﾀｶﾊｼ,男,㈱Ⅳ\n';
		const bytes = encode(text, 'SJIS');
		const detected = detectEncoding(bytes);
		expect(detected.encoding).toBe('shift_jis');
		expect(new TextDecoder(detected.encoding).decode(bytes)).toBe(text);
	});

	it('recognizes EUC-JP', () => {
		const bytes = encode(JAPANESE, 'EUCJP');
		expect(detectEncoding(bytes).encoding).toBe('euc-jp');
		expect(new TextDecoder('euc-jp').decode(bytes)).toBe(JAPANESE);
	});

	it('tells Shift_JIS from EUC-JP on short kanji-only text', () => {
		for (const text of ['東京都', '山田', '糖尿病', '高血圧症', '患者ID,氏名']) {
			expect(detectEncoding(encode(text, 'SJIS')).encoding, text).toBe('shift_jis');
			expect(detectEncoding(encode(text, 'EUCJP')).encoding, text).toBe('euc-jp');
		}
	});

	it('reads half-width katakana as Shift_JIS even when every byte is also valid EUC-JP', () => {
		// ﾀﾛｳ is B8 DB B3: an odd run of bytes, impossible in EUC-JP.
		expect(detectEncoding(encode('ID,name\n1,ﾀﾛｳ\n', 'SJIS')).encoding).toBe('shift_jis');
		expect(detectEncoding(encode('ID,カナ\n1,ｶｶ\n2,ﾔﾏﾀﾞ ﾀﾛｳ\n', 'SJIS')).encoding).toBe('shift_jis');
		// EUC-JP half-width katakana (8E xx) and hiragana whose bytes all fall in A1–DF stay EUC-JP.
		expect(detectEncoding(encode('名前,カナ\nあいう,ﾀﾛｳ\n', 'EUCJP')).encoding).toBe('euc-jp');
	});

	it('does not count a multi-byte character cut at the end of the sample against UTF-8', () => {
		const bytes = utf8('あいう');
		expect(utf8Stats(bytes.subarray(0, 7)).valid).toBe(true);
		expect(detectEncoding(bytes.subarray(0, 7)).encoding).toBe('utf-8');
	});

	it('rejects overlong and surrogate UTF-8', () => {
		expect(utf8Stats(new Uint8Array([0xc0, 0xaf])).valid).toBe(false);
		expect(utf8Stats(new Uint8Array([0xed, 0xa0, 0x80])).valid).toBe(false);
		expect(utf8Stats(new Uint8Array([0xf4, 0x90, 0x80, 0x80])).valid).toBe(false);
	});

	it.each([
		['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
		['ZIP', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]],
		['PDF', [...utf8('%PDF-1.7\n')]],
		['NUL bytes', [...utf8('a,b\n1,'), 0, 0, 0x32]]
	])('rejects binary content (%s) with BINARY_FILE', (_, bytes) => {
		expect(() => detectEncoding(new Uint8Array(bytes))).toThrowError(
			expect.objectContaining({ code: 'BINARY_FILE' })
		);
	});

	it('rejects UTF-16 with ENCODING', () => {
		expect(() => detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toThrowError(
			expect.objectContaining({ code: 'ENCODING' })
		);
	});
});
