import {
	classifyBytes,
	countReplacementChars,
	decodeSample,
	utf8Stats,
	type TextEncodingName
} from './encoding';
import { ImportError, type ImportWarning } from './import-error';

export const ENCODING_LABEL: Record<TextEncodingName, string> = {
	'utf-8': 'UTF-8',
	shift_jis: 'Shift_JIS',
	'euc-jp': 'EUC-JP'
};

/**
 * Checks a declared encoding against the bytes: throws when it garbles them (U+FFFD) while another encoding
 * decodes them cleanly, warns when they look like another encoding (mojibake without U+FFFD).
 */
export function checkDeclaredEncoding(
	sample: Uint8Array,
	declared: TextEncodingName,
	warnings: ImportWarning[]
): void {
	const guess = classifyBytes(sample);
	if (guess.encoding === declared) return;
	const bad = countReplacementChars(decodeSample(sample, declared));
	const cleanElsewhere = countReplacementChars(decodeSample(sample, guess.encoding)) === 0;
	if (bad > 0 && cleanElsewhere) {
		throw new ImportError(
			'ENCODING',
			`This file is not ${ENCODING_LABEL[declared]}: ${bad} byte sequences cannot be decoded as such. ` +
				`It looks like ${ENCODING_LABEL[guess.encoding]}; choose that encoding or automatic detection.`,
			{ declared, detected: guess.encoding, invalid: bad }
		);
	}
	const utf8 = utf8Stats(sample);
	if ((utf8.valid && utf8.multibyte > 0) || guess.confidence >= 0.9) {
		warnings.push({
			code: 'ENCODING_MISMATCH',
			message:
				`The file was read as ${ENCODING_LABEL[declared]}, but it looks like ${ENCODING_LABEL[guess.encoding]}; ` +
				'text may be garbled (mojibake). Check a few values or choose automatic detection.',
			count: 1
		});
	}
}
