import { describe, expect, it } from 'vitest';
import { encodeRows } from '../../../src/lib/engine/table/encoded-table';
import { decodeTableFile, encodeTableFile, writeTableFile } from '../../../workers/table-codec';

describe('stored table format', () => {
	it('round-trips values and codes, including hostile text', async () => {
		const table = encodeRows(
			['患者ID', 'note', ''],
			[
				['P001', '<script>alert(1)</script>', '\u202eRTL'],
				['P002', '=HYPERLINK("http://x")', '😀'],
				['P001', '', 'a"b,c\nd']
			]
		);
		const back = decodeTableFile(await (await encodeTableFile(table)).arrayBuffer());
		expect(back.rowCount).toBe(3);
		expect(back.columns.map((c) => c.name)).toEqual(['患者ID', 'note', '']);
		for (let c = 0; c < 3; c++) {
			expect(back.columns[c].values).toEqual(table.columns[c].values);
			expect(Array.from(back.columns[c].codes)).toEqual(Array.from(table.columns[c].codes));
		}
	});

	it('keeps the code arrays 4-byte aligned whatever the JSON length', async () => {
		for (const name of ['a', 'ab', 'abc', 'abcd']) {
			const table = encodeRows([name], [['x'], ['y'], ['x']]);
			const back = decodeTableFile(await (await encodeTableFile(table)).arrayBuffer());
			expect(Array.from(back.columns[0].codes)).toEqual([0, 1, 0]);
		}
	});

	it('writes the same header bytes as one JSON.stringify of the whole header (files stored earlier stay readable)', async () => {
		const table = encodeRows(
			['id', '県', 'x'],
			[
				['1', '東京都', '"q"'],
				['2', '大阪府', '\\']
			]
		);
		const bytes = new Uint8Array(await (await encodeTableFile(table)).arrayBuffer());
		const length = new Uint32Array(bytes.buffer, 0, 2)[1];
		const expected = JSON.stringify({
			rowCount: 2,
			columns: table.columns.map((c) => ({ name: c.name, values: c.values }))
		});
		expect(new TextDecoder().decode(bytes.subarray(8, 8 + length))).toBe(expected);
		const none = new Uint8Array(await (await encodeTableFile({ rowCount: 0, columns: [] })).arrayBuffer());
		expect(new TextDecoder().decode(none.subarray(8, 8 + new Uint32Array(none.buffer, 0, 2)[1]))).toBe(
			'{"rowCount":0,"columns":[]}'
		);
	});

	it('splits a large header into pieces whose bytes still equal one JSON.stringify', async () => {
		// 40,000 distinct values span three pieces; the empty column has none.
		// The long column's pieces exceed the encoder's scratch buffer and are encoded on their own.
		const rows = Array.from({ length: 40_000 }, (_, i) => [
			`値${i}"`,
			'',
			i < 100 ? `長${i}`.repeat(2000) : ''
		]);
		const table = encodeRows(['v', 'empty', 'long'], rows);
		const bytes = new Uint8Array(await (await encodeTableFile(table)).arrayBuffer());
		const length = new Uint32Array(bytes.buffer, 0, 2)[1];
		const expected = JSON.stringify({
			rowCount: table.rowCount,
			columns: table.columns.map((c) => ({ name: c.name, values: c.values }))
		});
		expect(new TextDecoder().decode(bytes.subarray(8, 8 + length))).toBe(expected);
		const back = decodeTableFile(bytes.buffer);
		expect(back.columns[0].values).toEqual(table.columns[0].values);
		expect(Array.from(back.columns[1].codes.subarray(0, 3))).toEqual([0, 0, 0]);
	});

	it('streams through positional writes that cover the file once, the length prefix last', async () => {
		const table = encodeRows(
			['a', 'b'],
			[
				['x', '1'],
				['y', '2'],
				['x', '3']
			]
		);
		const writes: { at: number; length: number }[] = [];
		const size = await writeTableFile(
			table,
			(bytes, at) => void writes.push({ at, length: bytes.byteLength })
		);
		expect(writes.at(-1)).toEqual({ at: 0, length: 8 });
		const covered = [...writes].sort((p, q) => p.at - q.at);
		let end = 0;
		for (const w of covered) {
			expect(w.at).toBe(end);
			end += w.length;
		}
		expect(end).toBe(size);
		expect(size).toBe((await encodeTableFile(table)).size);
	});

	it('handles a table with no rows', async () => {
		const back = decodeTableFile(await (await encodeTableFile(encodeRows(['a', 'b'], []))).arrayBuffer());
		expect(back.rowCount).toBe(0);
		expect(back.columns).toHaveLength(2);
	});

	it('rejects truncated or foreign files', async () => {
		const bytes = await (await encodeTableFile(encodeRows(['a'], [['1'], ['2']]))).arrayBuffer();
		expect(() => decodeTableFile(bytes.slice(0, bytes.byteLength - 4))).toThrow(/truncated/);
		expect(() => decodeTableFile(new TextEncoder().encode('id,name\n1,x\n').buffer)).toThrow(
			/unknown format/
		);
		expect(() => decodeTableFile(new ArrayBuffer(3))).toThrow(/truncated/);
	});
});
