import { CsvStreamParser } from './csv-stream-parser';
import { detectDelimiter } from './delimiter';
import { encodeRows, type EncodedTable } from './encoded-table';

/**
 * Parses already-decoded CSV text into header + rows (quoted fields, CRLF/LF/CR, BOM handled) with the same
 * parser as the streaming importer, so the CLI and the browser read a file identically. The delimiter is
 * detected when not given.
 */
export function parseCsvText(text: string, delimiter?: string): { header: string[]; rows: string[][] } {
	const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const parser = new CsvStreamParser(delimiter || detectDelimiter(clean.slice(0, 64 * 1024)));
	const [header = [], ...rows] = [...parser.push(clean), ...parser.finish()];
	return { header, rows };
}

export function encodeCsvText(text: string, delimiter?: string): EncodedTable {
	const { header, rows } = parseCsvText(text, delimiter);
	return encodeRows(header, rows);
}
