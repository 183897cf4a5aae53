import { describe, expect, it } from 'vitest';
import { encodeRows } from '../../../src/lib/engine/table/encoded-table';
import { decodeTableFile, encodeTableFile } from '../../../workers/table-codec';

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
		const back = decodeTableFile(await encodeTableFile(table).arrayBuffer());
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
			const back = decodeTableFile(await encodeTableFile(table).arrayBuffer());
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
		const bytes = new Uint8Array(await encodeTableFile(table).arrayBuffer());
		const length = new Uint32Array(bytes.buffer, 0, 2)[1];
		const expected = JSON.stringify({
			rowCount: 2,
			columns: table.columns.map((c) => ({ name: c.name, values: c.values }))
		});
		expect(new TextDecoder().decode(bytes.subarray(8, 8 + length))).toBe(expected);
		const none = new Uint8Array(await encodeTableFile({ rowCount: 0, columns: [] }).arrayBuffer());
		expect(new TextDecoder().decode(none.subarray(8, 8 + new Uint32Array(none.buffer, 0, 2)[1]))).toBe(
			'{"rowCount":0,"columns":[]}'
		);
	});

	it('handles a table with no rows', async () => {
		const back = decodeTableFile(await encodeTableFile(encodeRows(['a', 'b'], [])).arrayBuffer());
		expect(back.rowCount).toBe(0);
		expect(back.columns).toHaveLength(2);
	});

	it('rejects truncated or foreign files', async () => {
		const bytes = await encodeTableFile(encodeRows(['a'], [['1'], ['2']])).arrayBuffer();
		expect(() => decodeTableFile(bytes.slice(0, bytes.byteLength - 4))).toThrow(/truncated/);
		expect(() => decodeTableFile(new TextEncoder().encode('id,name\n1,x\n').buffer)).toThrow(
			/unknown format/
		);
		expect(() => decodeTableFile(new ArrayBuffer(3))).toThrow(/truncated/);
	});
});
