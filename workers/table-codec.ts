import type { EncodedTable } from '$lib/engine/table/encoded-table';

/**
 * A compact binary form of an encoded table for the browser's private storage:
 *   "KTK1" | u32 JSON byte length | JSON {rowCount, columns: [{name, values}]} | zero pad to 4 | Int32 codes per column
 * Storing the dictionary-encoded columns (not the CSV) makes a restore a copy instead of a re-parse.
 * The codes are written in the platform's byte order: the file never leaves this browser.
 */
const MAGIC = 0x314b544b; // the bytes "KTK1" read as a little-endian u32

interface Header {
	rowCount: number;
	columns: { name: string; values: readonly string[] }[];
}

/**
 * The header's JSON, UTF-8 encoded one column at a time. The bytes equal those of `JSON.stringify(header)`,
 * but no single string holds every dictionary at once: for 1,000,000 × 10 with two nearly unique columns
 * that string would be tens of MB, and twice that as UTF-16 once a Japanese value makes it two-byte.
 */
function headerJsonParts(table: EncodedTable): Uint8Array[] {
	const utf8 = new TextEncoder();
	const parts = [utf8.encode(`{"rowCount":${JSON.stringify(table.rowCount)},"columns":[`)];
	table.columns.forEach((c, i) => {
		parts.push(utf8.encode((i > 0 ? ',' : '') + JSON.stringify({ name: c.name, values: c.values })));
	});
	parts.push(utf8.encode(']}'));
	return parts;
}

export function encodeTableFile(table: EncodedTable): Blob {
	const json = headerJsonParts(table);
	const jsonLength = json.reduce((sum, part) => sum + part.byteLength, 0);
	const prefix = new Uint32Array([MAGIC, jsonLength]);
	const pad = new Uint8Array((4 - (jsonLength % 4)) % 4);
	const parts: BlobPart[] = [prefix, ...(json as Uint8Array<ArrayBuffer>[]), pad];
	for (const column of table.columns) {
		if (column.codes.length !== table.rowCount) throw new Error(`column ${column.name}: code count mismatch`);
		parts.push(column.codes as Int32Array<ArrayBuffer>);
	}
	return new Blob(parts);
}

export function decodeTableFile(buffer: ArrayBuffer): EncodedTable {
	if (buffer.byteLength < 8) throw new Error('stored table is truncated');
	const [magic, jsonLength] = new Uint32Array(buffer, 0, 2);
	if (magic !== MAGIC) throw new Error('stored table has an unknown format');
	const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, jsonLength))) as Header;
	let offset = 8 + jsonLength + ((4 - (jsonLength % 4)) % 4);
	const expected = offset + header.columns.length * header.rowCount * 4;
	if (buffer.byteLength !== expected) throw new Error('stored table is truncated');
	const columns = header.columns.map((c) => {
		const codes = new Int32Array(buffer, offset, header.rowCount);
		offset += header.rowCount * 4;
		return { name: c.name, values: c.values, codes };
	});
	return { rowCount: header.rowCount, columns };
}
