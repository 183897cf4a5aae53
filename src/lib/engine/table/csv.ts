import Papa from 'papaparse';
import { encodeRows, type EncodedTable } from './encoded-table';

/**
 * Parses already-decoded CSV text into header + rows (quoted fields, CRLF, BOM handled).
 * The browser importer streams instead; this whole-text variant serves the CLI and tests.
 */
export function parseCsvText(text: string, delimiter?: string): { header: string[]; rows: string[][] } {
	const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const parsed = Papa.parse<string[]>(clean, { delimiter: delimiter ?? '', skipEmptyLines: true });
	const [header = [], ...rows] = parsed.data;
	return { header, rows };
}

export function encodeCsvText(text: string, delimiter?: string): EncodedTable {
	const { header, rows } = parseCsvText(text, delimiter);
	return encodeRows(header, rows);
}
