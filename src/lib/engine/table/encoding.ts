import { ImportError } from './import-error';

/**
 * Text encodings a Japanese export arrives in. 'shift_jis' is WHATWG's Shift_JIS decoder, which is in fact
 * Windows-31J (CP932): it decodes the NEC/IBM extensions (①, Ⅰ, ㈱, 髙) that real exports contain.
 */
export type TextEncodingName = 'utf-8' | 'shift_jis' | 'euc-jp';

export interface DetectedEncoding {
	encoding: TextEncodingName;
	bom: boolean;
	/** 0.5 = a coin toss between Shift_JIS and EUC-JP, 1 = certain (BOM, or valid multi-byte UTF-8, or ASCII). */
	confidence: number;
}

/** File signatures of formats people rename to .csv by mistake (PNG, ZIP/XLSX, PDF, GZIP, XLS/OLE, JPEG, GIF). */
const MAGIC: { name: string; bytes: number[] }[] = [
	{ name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
	{ name: 'ZIP archive (or Excel .xlsx)', bytes: [0x50, 0x4b, 0x03, 0x04] },
	{ name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
	{ name: 'gzip archive', bytes: [0x1f, 0x8b] },
	{ name: 'Excel 97–2003 workbook (.xls)', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
	{ name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
	{ name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] }
];

function startsWith(sample: Uint8Array, bytes: number[]): boolean {
	if (sample.length < bytes.length) return false;
	for (let i = 0; i < bytes.length; i++) if (sample[i] !== bytes[i]) return false;
	return true;
}

/** Throws BINARY_FILE for known binary signatures, NUL bytes or many control characters; ENCODING for UTF-16. */
export function assertText(sample: Uint8Array): void {
	for (const magic of MAGIC) {
		if (startsWith(sample, magic.bytes)) {
			throw new ImportError(
				'BINARY_FILE',
				`This file is a ${magic.name}, not a text (CSV/TSV) file. Export the data as CSV and import that.`,
				{ kind: magic.name }
			);
		}
	}
	if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) {
		throw new ImportError(
			'ENCODING',
			'This file is encoded as UTF-16, which is not supported. Save it as UTF-8 (or Shift_JIS) CSV and import it again.'
		);
	}
	let controls = 0;
	for (let i = 0; i < sample.length; i++) {
		const b = sample[i];
		if (b === 0) {
			throw new ImportError(
				'BINARY_FILE',
				'This file contains NUL bytes, so it is a binary file (or UTF-16 text), not a CSV/TSV text file.'
			);
		}
		// Tab, LF, CR, FF and ESC occur in text; other C0 controls do not.
		if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
	}
	if (controls > 8 && controls > sample.length / 100) {
		throw new ImportError(
			'BINARY_FILE',
			'This file contains many control bytes, so it is a binary file, not a CSV/TSV text file.'
		);
	}
}

export function isAscii(bytes: Uint8Array): boolean {
	for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return false;
	return true;
}

/**
 * Validates UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). A sequence cut off by the end of the
 * sample counts as valid, since the sample is usually a prefix of the file.
 */
export function utf8Stats(bytes: Uint8Array): { valid: boolean; multibyte: number } {
	let multibyte = 0;
	const n = bytes.length;
	let i = 0;
	while (i < n) {
		const b = bytes[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		let need: number;
		let lo = 0x80;
		let hi = 0xbf;
		if (b >= 0xc2 && b <= 0xdf) need = 1;
		else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			if (b === 0xe0) lo = 0xa0;
			if (b === 0xed) hi = 0x9f;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			if (b === 0xf0) lo = 0x90;
			if (b === 0xf4) hi = 0x8f;
		} else return { valid: false, multibyte };
		for (let k = 1; k <= need; k++) {
			if (i + k >= n) return { valid: true, multibyte };
			const c = bytes[i + k];
			if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return { valid: false, multibyte };
		}
		multibyte++;
		i += need + 1;
	}
	return { valid: true, multibyte };
}

/**
 * How Japanese a decoded text looks: kana and kanji score, U+FFFD (undecodable bytes), C1 controls and
 * private-use characters cost. Shift_JIS misread as EUC-JP yields U+FFFD (lead bytes 0x81–0x9F do not exist
 * in EUC-JP); EUC-JP misread as Shift_JIS turns hiragana into runs of half-width katakana and stray kanji.
 */
function japaneseScore(text: string): number {
	let score = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) continue;
		if (c === 0xfffd) score -= 20;
		else if (c >= 0x3041 && c <= 0x30ff) score += 2;
		else if (c >= 0x4e00 && c <= 0x9fff) score += 1;
		else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e)) score += 1;
		else if (c >= 0xff61 && c <= 0xff9f) score += 0;
		else if (c < 0xa0 || (c >= 0xe000 && c <= 0xf8ff)) score -= 5;
	}
	return score;
}

/** Decodes a sample without flushing, so a character cut off at its end does not count as U+FFFD. */
export function decodeSample(sample: Uint8Array, encoding: TextEncodingName): string {
	return new TextDecoder(encoding).decode(sample, { stream: true });
}

export function countReplacementChars(text: string): number {
	let count = 0;
	for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) count++;
	return count;
}

/**
 * EUC-JP writes every non-ASCII character in two bytes (three after 0x8F), so a run of non-ASCII bytes between
 * ASCII bytes has even length unless 0x8F occurs. Shift_JIS half-width katakana are single bytes and make odd
 * runs (ﾀﾛｳ), which rules EUC-JP out even when every byte is in the range both encodings share (A1–DF).
 * A run that reaches the end of the sample may be cut and is not judged.
 */
function eucJpPossible(sample: Uint8Array): boolean {
	let run = 0;
	for (let i = 0; i < sample.length; i++) {
		const b = sample[i];
		if (b === 0x8f) return true;
		if (b >= 0x80) run++;
		else {
			if (run % 2 === 1) return false;
			run = 0;
		}
	}
	return true;
}

/**
 * Detects the encoding of the first bytes of a file: a UTF-8 BOM wins; then UTF-8 validity (non-UTF-8
 * Japanese text is practically never valid UTF-8); then Shift_JIS vs EUC-JP by decoding the sample both ways
 * and scoring how Japanese each result looks. Binary files are rejected with ImportError BINARY_FILE.
 * (encoding-japanese's `detect` was weighed: it accepts the first encoding whose byte ranges fit, and EUC-JP
 * byte pairs also fit Shift_JIS, so it cannot rank the two; scoring the decoded text can.)
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
	if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bom: true, confidence: 1 };
	assertText(sample);
	return classifyBytes(sample);
}

/** {@link detectEncoding} without the BOM and binary checks, for a sample taken from inside a file. */
export function classifyBytes(sample: Uint8Array): DetectedEncoding {
	const utf8 = utf8Stats(sample);
	if (utf8.valid) return { encoding: 'utf-8', bom: false, confidence: 1 };
	if (!eucJpPossible(sample)) return { encoding: 'shift_jis', bom: false, confidence: 0.9 };
	const sjis = japaneseScore(decodeSample(sample, 'shift_jis'));
	const euc = japaneseScore(decodeSample(sample, 'euc-jp'));
	let nonAscii = 0;
	for (let i = 0; i < sample.length; i++) if (sample[i] >= 0x80) nonAscii++;
	// Ties go to Shift_JIS: Japanese medical systems export Shift_JIS far more often than EUC-JP.
	const encoding: TextEncodingName = euc > sjis ? 'euc-jp' : 'shift_jis';
	const confidence = Math.min(1, 0.5 + Math.abs(sjis - euc) / Math.max(1, nonAscii));
	return { encoding, bom: false, confidence };
}
