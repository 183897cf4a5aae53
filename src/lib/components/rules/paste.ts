/**
 * Tables pasted from a spreadsheet (Excel, LibreOffice, Google Sheets copy cells as tab-separated
 * lines, quoting cells that hold tabs or line breaks) or typed as CSV, for the group editor and the
 * hierarchy grid.
 */
import Papa from 'papaparse';

/** Rows of cells; tab-separated when the text has a tab, else comma-separated. Blank lines are dropped. */
export function parsePastedTable(text: string): string[][] {
	const clean = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
	const delimiter = clean.includes('\t') ? '\t' : ',';
	const parsed = Papa.parse<string[]>(clean, { delimiter, skipEmptyLines: 'greedy' });
	return parsed.data.map((row) => row.map((cell) => cell.trim()));
}

export interface GroupEntry {
	value: string;
	group: string;
}

/**
 * value → group pairs from a pasted table: the first two columns of each line. A first line that
 * reads like a header (値/value and グループ/group) is skipped.
 */
export function pairsFromPaste(text: string): GroupEntry[] {
	const rows = parsePastedTable(text);
	const header = rows[0]?.map((c) => c.toLowerCase()) ?? [];
	const start =
		header.length >= 2 && /^(値|value)$/.test(header[0]) && /^(グループ|group)/.test(header[1]) ? 1 : 0;
	return rows
		.slice(start)
		.filter((r) => r[0] !== undefined && r[0] !== '')
		.map((r) => ({ value: r[0], group: r[1] ?? '' }));
}

/** Merges pasted pairs into the entries: a value already listed gets the pasted group, new values are appended. */
export function mergeEntries(entries: readonly GroupEntry[], pasted: readonly GroupEntry[]): GroupEntry[] {
	const result = entries.map((e) => ({ ...e }));
	const index = new Map(result.map((e, i) => [e.value, i]));
	for (const p of pasted) {
		const at = index.get(p.value);
		if (at === undefined) {
			index.set(p.value, result.length);
			result.push({ ...p });
		} else if (p.group !== '') result[at].group = p.group;
	}
	return result;
}

export function entriesFromMap(map: Readonly<Record<string, string>>): GroupEntry[] {
	return Object.entries(map).map(([value, group]) => ({ value, group }));
}

/**
 * The map of a `map` level from the entries; rows without a value are ignored. Problems: a value
 * listed twice, a value without a group (the engine would reject an empty group label).
 */
export function mapFromEntries(entries: readonly GroupEntry[]): {
	map: Record<string, string>;
	duplicate?: string;
	ungrouped?: string;
} {
	const map: Record<string, string> = {};
	let duplicate: string | undefined;
	let ungrouped: string | undefined;
	const seen = new Set<string>();
	for (const { value, group } of entries) {
		if (value === '') continue;
		if (seen.has(value)) duplicate ??= value;
		seen.add(value);
		if (group.trim() === '') ungrouped ??= value;
		else map[value] = group.trim();
	}
	return { map, duplicate, ungrouped };
}
