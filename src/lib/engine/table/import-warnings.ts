import type { CsvStreamParser } from './csv-stream-parser';
import { ENCODING_LABEL } from './declared-encoding';
import type { TextEncodingName } from './encoding';
import type { ImportWarning } from './import-error';

export interface RaggedRows {
	short: number;
	long: number;
	/** Non-empty cells dropped from rows longer than the header. */
	droppedCells: number;
	/** Record numbers (1-based, header = 1) of the first ragged rows. */
	examples: number[];
}

/** Turns what the import repaired or noticed into warnings with counts (header warnings are added earlier). */
export function collectWarnings(
	warnings: ImportWarning[],
	ragged: RaggedRows,
	width: number,
	replacementChars: number,
	parser: CsvStreamParser,
	encoding: TextEncodingName
): void {
	if (ragged.short + ragged.long > 0) {
		const parts: string[] = [];
		if (ragged.short > 0)
			parts.push(`${ragged.short} had fewer than ${width} fields (padded with empty cells)`);
		if (ragged.long > 0) {
			parts.push(
				`${ragged.long} had more than ${width} fields (extra cells dropped, ${ragged.droppedCells} of them not empty)`
			);
		}
		warnings.push({
			code: 'RAGGED_ROWS',
			message: `Of the data rows, ${parts.join('; ')}.`,
			count: ragged.short + ragged.long,
			examples: ragged.examples
		});
	}
	if (replacementChars > 0) {
		warnings.push({
			code: 'REPLACEMENT_CHARS',
			message:
				`${replacementChars} byte sequences could not be decoded as ${ENCODING_LABEL[encoding]} and were ` +
				'replaced by "\ufffd". The file may mix encodings or be declared with the wrong one.',
			count: replacementChars
		});
	}
	if (parser.unterminatedQuoteRecord > 0) {
		warnings.push({
			code: 'UNTERMINATED_QUOTE',
			message: `A quote (") opened in record ${parser.unterminatedQuoteRecord} is never closed; the rest of the file was read into that field.`,
			count: 1,
			examples: [parser.unterminatedQuoteRecord]
		});
	}
	if (parser.malformedQuotes > 0) {
		warnings.push({
			code: 'MALFORMED_QUOTES',
			message: `${parser.malformedQuotes} quoted fields had text after the closing quote; that text was kept in the field.`,
			count: parser.malformedQuotes,
			examples: [parser.firstMalformedRecord]
		});
	}
}
