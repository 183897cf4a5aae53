import { describe, expect, it } from 'vitest';
import Encoding from 'encoding-japanese';
import { byteChunks } from '../../../../src/lib/engine/table/byte-source';
import { importTable } from '../../../../src/lib/engine/table/import';

const bytesOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255);

async function collect(source: Blob | Uint8Array, chunkBytes: number) {
	const copies: Uint8Array[] = [];
	for await (const chunk of byteChunks(source, chunkBytes)) {
		expect(chunk.byteLength).toBeGreaterThan(0);
		expect(chunk.byteLength).toBeLessThanOrEqual(chunkBytes);
		copies.push(chunk.slice());
	}
	const all = new Uint8Array(copies.reduce((n, c) => n + c.byteLength, 0));
	let at = 0;
	for (const c of copies) {
		all.set(c, at);
		at += c.byteLength;
	}
	return { all, count: copies.length };
}

describe('byte chunks', () => {
	it('reads a Blob in full chunks, in order, whatever the size', async () => {
		for (const [size, chunk] of [
			[0, 8],
			[1, 8],
			[8, 8],
			[1000, 64],
			[70_001, 4096]
		]) {
			const source = bytesOf(size);
			const { all, count } = await collect(new Blob([source]), chunk);
			expect(all).toEqual(source);
			expect(count).toBe(Math.ceil(size / chunk));
		}
	});

	it('imports a Blob the same as the bytes, while the encoding is undecided over many reused chunks', async () => {
		// 200 ASCII rows before the first Shift_JIS byte: chunks of 512 are held (copied) until it is seen.
		const text =
			'id,name\n' + Array.from({ length: 200 }, (_, i) => `${i},abc`).join('\n') + '\n200,髙橋\n201,東京\n';
		const sjis = Uint8Array.from(
			Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' })
		);
		const fromBlob = await importTable(new Blob([sjis]), { chunkBytes: 512 });
		const fromBytes = await importTable(sjis, { chunkBytes: 512 });
		expect(fromBlob.encoding).toBe('shift_jis');
		expect(fromBlob.table.columns[1].values).toEqual(fromBytes.table.columns[1].values);
		expect(fromBlob.table.columns[1].values.slice(-2)).toEqual(['髙橋', '東京']);
		expect(Array.from(fromBlob.table.columns[0].codes)).toEqual(Array.from(fromBytes.table.columns[0].codes));
	});
});
