import type { EncodedTable } from '$lib/engine/table/encoded-table';

/**
 * A compact binary form of an encoded table for the browser's private storage:
 *   "KTK1" | u32 JSON byte length | JSON {rowCount, columns: [{name, values}]} | zero pad to 4 | Int32 codes per column
 * Storing the dictionary-encoded columns (not the CSV) makes a restore a copy instead of a re-parse.
 * The codes are written in the platform's byte order: the file never leaves this browser.
 */
const MAGIC = 0x314b544b; // the bytes "KTK1" read as a little-endian u32

/** Dictionary values serialized per piece of the header JSON: each transient string stays an ordinary young object (~50 KB), not a large one. */
const VALUES_PER_PIECE = 4096;

interface Header {
	rowCount: number;
	columns: { name: string; values: readonly string[] }[];
}

const SCRATCH_BYTES = 1 << 20;

/**
 * Writes `bytes` at byte offset `at` of the file being produced. The bytes are only valid during the call
 * (until its promise settles): the producer reuses its buffer, so a writer that keeps them must copy them.
 */
export type PositionalWrite = (bytes: Uint8Array, at: number) => void | Promise<void>;

/**
 * The header's JSON in small pieces of text. Their UTF-8 bytes equal those of `JSON.stringify(header)`, but no
 * string holds more than VALUES_PER_PIECE values: for 1,000,000 × 10 with two nearly unique columns one string
 * of the whole header would be tens of MB (twice that as UTF-16 once a Japanese value makes it two-byte).
 */
function* headerJsonPieces(table: EncodedTable): Generator<string> {
	yield `{"rowCount":${JSON.stringify(table.rowCount)},"columns":[`;
	for (let c = 0; c < table.columns.length; c++) {
		const { name, values } = table.columns[c];
		yield `${c > 0 ? ',' : ''}{"name":${JSON.stringify(name)},"values":[`;
		for (let start = 0; start < values.length; start += VALUES_PER_PIECE) {
			// An array's JSON without its brackets; pieces after the first are joined by a comma.
			const items = JSON.stringify(values.slice(start, start + VALUES_PER_PIECE)).slice(1, -1);
			yield start > 0 ? ',' + items : items;
		}
		yield ']}';
	}
	yield ']}';
}

const bytesOf = (codes: Int32Array) => new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength);

/**
 * Produces the stored form of `table` through positional writes, streaming: the header JSON goes out piece
 * by piece and the codes straight from the columns' arrays, so the file is never assembled in memory (for
 * 1,000,000 × 10 that copy was 61 MB). The length prefix is written last, at offset 4, once the JSON's length
 * is known. Resolves to the file's size in bytes.
 */
export async function writeTableFile(table: EncodedTable, write: PositionalWrite): Promise<number> {
	for (const column of table.columns) {
		if (column.codes.length !== table.rowCount) throw new Error(`column ${column.name}: code count mismatch`);
	}
	// Pieces are encoded into one reused buffer (a piece's UTF-8 takes at most 3 bytes per UTF-16 unit), so
	// saving leaves no megabytes of encoded copies behind for the collector.
	const utf8 = new TextEncoder();
	const scratch = new Uint8Array(SCRATCH_BYTES);
	let at = 8;
	for (const piece of headerJsonPieces(table)) {
		const bytes =
			piece.length * 3 <= scratch.length
				? scratch.subarray(0, utf8.encodeInto(piece, scratch).written)
				: utf8.encode(piece);
		await write(bytes, at);
		at += bytes.byteLength;
	}
	const jsonLength = at - 8;
	const pad = (4 - (jsonLength % 4)) % 4;
	if (pad > 0) await write(new Uint8Array(pad), at);
	at += pad;
	for (const column of table.columns) {
		await write(bytesOf(column.codes), at);
		at += column.codes.byteLength;
	}
	await write(new Uint8Array(new Uint32Array([MAGIC, jsonLength]).buffer), 0);
	return at;
}

/** Gathers what `produce` writes into one Blob (the in-memory store keeps tables this way). */
export async function collectWrites(produce: (write: PositionalWrite) => Promise<unknown>): Promise<Blob> {
	const parts: { at: number; bytes: Uint8Array }[] = [];
	await produce((bytes, at) => void parts.push({ at, bytes: bytes.slice() }));
	parts.sort((a, b) => a.at - b.at);
	let end = 0;
	for (const { at, bytes } of parts) {
		if (at !== end) throw new Error('the writes leave a gap or overlap');
		end += bytes.byteLength;
	}
	return new Blob(parts.map((p) => p.bytes as Uint8Array<ArrayBuffer>));
}

/** The stored form as one Blob (for the in-memory store and tests; the OPFS store streams instead). */
export function encodeTableFile(table: EncodedTable): Promise<Blob> {
	return collectWrites((write) => writeTableFile(table, write));
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
