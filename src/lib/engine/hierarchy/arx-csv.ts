/**
 * ARX's hierarchy file format: CSV without header, column 0 = original value, column l = level l.
 * ARX writes `;`; files from spreadsheets often use `,`. The delimiter is detected from the first
 * line (`;` wins when present, since interval labels such as "[0, 5[" contain commas).
 */
import Papa from 'papaparse';
import { hierarchyFromRows, hierarchyRows, type Hierarchy } from './hierarchy';

export function detectHierarchyDelimiter(text: string): string {
	const end = text.search(/\r?\n/);
	const firstLine = end === -1 ? text : text.slice(0, end);
	if (firstLine.includes(';')) return ';';
	if (firstLine.includes('\t')) return '\t';
	return ',';
}

export function parseHierarchyCsv(text: string, delimiter?: string): string[][] {
	const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const parsed = Papa.parse<string[]>(clean, {
		delimiter: delimiter ?? detectHierarchyDelimiter(clean),
		skipEmptyLines: true
	});
	return parsed.data;
}

export function hierarchyFromCsv(attribute: string, text: string, delimiter?: string): Hierarchy {
	return hierarchyFromRows(attribute, parseHierarchyCsv(text, delimiter));
}

/** Serializes in ARX's format (`;`, quoting only where a cell needs it), one line per leaf. */
export function hierarchyToCsv(hierarchy: Hierarchy, delimiter = ';'): string {
	return Papa.unparse(hierarchyRows(hierarchy), { delimiter, newline: '\n' }) + '\n';
}
