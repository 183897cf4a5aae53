import Encoding from 'encoding-japanese';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EncodedTable } from '../../../../src/lib/engine/table/encoded-table';
import { importTable, MAX_COLUMNS, type ImportOptions } from '../../../../src/lib/engine/table/import';
import { toCsv } from './to-csv';

const utf8 = (text: string) => new TextEncoder().encode(text);
const sjis = (text: string) =>
	new Uint8Array(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
const eucjp = (text: string) =>
	new Uint8Array(Encoding.convert(Encoding.stringToCode(text), { to: 'EUCJP', from: 'UNICODE' }));

/** A byte stream delivering `bytes` in pieces cut at the given offsets. */
function streamOf(bytes: Uint8Array, cuts: number[] = []): ReadableStream<Uint8Array> {
	const points = [...new Set([0, ...cuts.map((c) => Math.min(c, bytes.length)), bytes.length])].sort(
		(a, b) => a - b
	);
	let k = 0;
	return new ReadableStream({
		pull(controller) {
			if (k + 1 >= points.length) controller.close();
			else controller.enqueue(bytes.slice(points[k], points[++k]));
		}
	});
}

/** Decodes the table back to rows of strings. */
function cells(table: EncodedTable): string[][] {
	return Array.from({ length: table.rowCount }, (_, r) => table.columns.map((c) => c.values[c.codes[r]]));
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
	try {
		await promise;
	} catch (e) {
		return e as { code: string; message: string };
	}
	throw new Error('expected the import to fail');
}

const SAMPLE =
	'患者ID,氏名,生年月日,HbA1c\r\n1,山田太郎,令和5年4月1日,5.6\r\n2,"佐藤, 花子",H30/1/2,7.1\r\n3,髙橋①,S47.10.14,\r\n';

describe('importTable: encodings', () => {
	it.each([
		['UTF-8', utf8(SAMPLE), 'utf-8'],
		['UTF-8 with BOM', utf8('\ufeff' + SAMPLE), 'utf-8'],
		['Shift_JIS (CP932 ① 髙)', sjis(SAMPLE), 'shift_jis'],
		['EUC-JP', eucjp(SAMPLE.replace('髙橋①', '高橋')), 'euc-jp']
	])('decodes %s', async (_, bytes, encoding) => {
		const result = await importTable(bytes, { chunkBytes: 5 });
		expect(result.encoding).toBe(encoding);
		expect(result.delimiter).toBe(',');
		expect(result.header).toEqual(['患者ID', '氏名', '生年月日', 'HbA1c']);
		expect(result.table.columns[1].values.slice(0, 2)).toEqual(['山田太郎', '佐藤, 花子']);
		expect(result.warnings).toEqual([]);
		expect(result.types.map((t) => t.type)).toEqual(['integer', 'categorical', 'date', 'decimal']);
	});

	it('decides the encoding where the first non-ASCII bytes appear, even after 100 KB of ASCII', async () => {
		const ascii = 'id,name\n' + Array.from({ length: 10_000 }, (_, i) => `${i},abcdefgh`).join('\n') + '\n';
		const result = await importTable(sjis(ascii + '10000,髙橋①\n'), { chunkBytes: 4096 });
		expect(result.encoding).toBe('shift_jis');
		expect(result.table.columns[1].values.at(-1)).toBe('髙橋①');
		expect(result.table.rowCount).toBe(10_001);
	});

	it('refuses a Shift_JIS file declared as UTF-8, naming the likely encoding', async () => {
		const error = await rejection(importTable(sjis(SAMPLE), { encoding: 'utf-8' }));
		expect(error.code).toBe('ENCODING');
		expect(error.message).toMatch(/not UTF-8.*Shift_JIS/);
	});

	it('refuses a UTF-8 file declared as Shift_JIS when that garbles it', async () => {
		const error = await rejection(importTable(utf8(SAMPLE), { encoding: 'shift_jis' }));
		expect(error.code).toBe('ENCODING');
		expect(error.message).toMatch(/not Shift_JIS.*UTF-8/);
	});

	it('warns about an EUC-JP file declared as Shift_JIS (mojibake without invalid bytes)', async () => {
		const result = await importTable(eucjp('名前,値\nあいう,1\nかきく,2\n'), { encoding: 'shift_jis' });
		expect(result.encoding).toBe('shift_jis');
		expect(result.warnings.map((w) => w.code)).toContain('ENCODING_MISMATCH');
	});

	it('counts undecodable bytes when a file switches encoding after the detection sample', async () => {
		const mixed = new Uint8Array([...utf8('名前,値\n' + 'あいうえお,1\n'.repeat(5000)), ...sjis('い,2\n')]);
		const result = await importTable(mixed);
		expect(result.encoding).toBe('utf-8');
		const warning = result.warnings.find((w) => w.code === 'REPLACEMENT_CHARS');
		expect(warning?.count).toBeGreaterThan(0);
	});
});

describe('importTable: bad input', () => {
	it.each([
		['an empty file', new Uint8Array()],
		['a BOM only', utf8('\ufeff')],
		['blank lines only', utf8('\n\r\n\n')]
	])('rejects %s with EMPTY_FILE', async (_, bytes) => {
		expect((await rejection(importTable(bytes))).code).toBe('EMPTY_FILE');
	});

	it('rejects a PNG renamed .csv with BINARY_FILE', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);
		const error = await rejection(importTable(new Blob([png])));
		expect(error.code).toBe('BINARY_FILE');
		expect(error.message).toMatch(/PNG/);
	});

	it.each(['a,b,c\n', 'a,b,c'])('rejects a header-only file (%j) with NO_DATA_ROWS', async (text) => {
		expect((await rejection(importTable(utf8(text)))).code).toBe('NO_DATA_ROWS');
	});

	it('pads short rows and truncates long ones, with one warning giving counts and record numbers', async () => {
		const result = await importTable(utf8('a,b,c\n1,2,3\n4\n5,6,7,8\n9,10,11,\n'));
		expect(cells(result.table)).toEqual([
			['1', '2', '3'],
			['4', '', ''],
			['5', '6', '7'],
			['9', '10', '11']
		]);
		expect(result.warnings).toEqual([
			expect.objectContaining({ code: 'RAGGED_ROWS', count: 3, examples: [3, 4, 5] })
		]);
		expect(result.warnings[0].message).toMatch(
			/1 had fewer than 3 fields.*2 had more than 3 fields.*1 of them not empty/
		);
	});

	it('renames empty and duplicate header names', async () => {
		const result = await importTable(utf8('id,,name,name,id_2,\n1,2,3,4,5,6\n'));
		expect(result.header).toEqual(['id', 'column_2', 'name', 'name_2', 'id_2', 'column_6']);
		expect(result.table.columns.map((c) => c.name)).toEqual(result.header);
		expect(result.warnings.map((w) => [w.code, w.count])).toEqual([
			['EMPTY_HEADER', 2],
			['DUPLICATE_HEADER', 1]
		]);
	});

	it('keeps a 10 MB field (quoted, with delimiters and line breaks) intact across chunks', async () => {
		const big = 'x,"y"\n'.repeat((10 * 1024 * 1024) / 6) + 'end';
		const text = `id,note\n1,"${big.replaceAll('"', '""')}"\n2,short\n`;
		const result = await importTable(new Blob([text]), { chunkBytes: 1024 * 1024 });
		expect(result.table.rowCount).toBe(2);
		expect(result.table.columns[1].values[0].length).toBe(big.length);
		expect(result.table.columns[1].values[0] === big).toBe(true);
		expect(result.table.columns[1].values[1]).toBe('short');
	});

	it('reads mixed line endings', async () => {
		const result = await importTable(utf8('a,b\r\n1,2\n3,4\r5,6\r\n7,8'), { chunkBytes: 3 });
		expect(cells(result.table)).toEqual([
			['1', '2'],
			['3', '4'],
			['5', '6'],
			['7', '8']
		]);
	});

	it(`imports ${MAX_COLUMNS} columns and refuses ${MAX_COLUMNS + 1}`, async () => {
		const row = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(',');
		const ok = await importTable(utf8(`${row(MAX_COLUMNS, 'c')}\n${row(MAX_COLUMNS, 'v')}\n`));
		expect(ok.table.columns.length).toBe(MAX_COLUMNS);
		expect(ok.table.columns[1999].values).toEqual(['v1999']);
		const error = await rejection(
			importTable(utf8(`${row(MAX_COLUMNS + 1, 'c')}\n${row(MAX_COLUMNS + 1, 'v')}\n`))
		);
		expect(error.code).toBe('TOO_MANY_COLUMNS');
	});

	it('keeps markup, formulas, bidi controls and emoji verbatim as data', async () => {
		const hostile = [
			'<script>alert(1)</script>',
			'=HYPERLINK("http://example.invalid","click")',
			'+SUM(A1:A2)',
			'\u202eevil\u202c',
			'\u200fمرحبا',
			'👨‍👩‍👧‍👦',
			'  padded  '
		];
		const text = 'value\n' + hostile.map((v) => `"${v.replaceAll('"', '""')}"`).join('\n') + '\n';
		const result = await importTable(utf8(text), { chunkBytes: 7 });
		expect(result.table.columns[0].values).toEqual(hostile);
	});

	it('warns about a quote that is never closed and keeps the text', async () => {
		const result = await importTable(utf8('a,b\n1,"open\n2,3\n'));
		expect(cells(result.table)).toEqual([['1', 'open\n2,3\n']]);
		expect(result.warnings.map((w) => w.code)).toEqual(['UNTERMINATED_QUOTE']);
	});

	it('refuses a delimiter it cannot use', async () => {
		expect((await rejection(importTable(utf8('a\n1\n'), { delimiter: '"' }))).code).toBe('READ_FAILED');
	});
});

describe('importTable: fuzzing', () => {
	const KNOWN = ['EMPTY_FILE', 'BINARY_FILE', 'NO_DATA_ROWS', 'ENCODING'];

	it('property: arbitrary bytes either import or fail with a known ImportError code', async () => {
		const byte = fc.oneof(
			fc.integer({ min: 0, max: 255 }),
			fc.constantFrom(0x22, 0x2c, 0x0a, 0x0d, 0x09, 0x3b, 0x82, 0xa0, 0xe3, 0x81)
		);
		await fc.assert(
			fc.asyncProperty(
				fc.array(byte, { maxLength: 300 }),
				fc.integer({ min: 1, max: 50 }),
				async (bytes, chunkBytes) => {
					try {
						const result = await importTable(new Uint8Array(bytes), { chunkBytes });
						expect(result.table.rowCount).toBeGreaterThan(0);
						for (const column of result.table.columns)
							expect(column.codes.length).toBe(result.table.rowCount);
					} catch (e) {
						expect(KNOWN).toContain((e as { code?: string }).code);
					}
				}
			),
			{ numRuns: 500 }
		);
	});
});

describe('importTable: streaming contract', () => {
	const text = 'id\tv\n' + Array.from({ length: 20_000 }, (_, i) => `${i}\t${i % 7}`).join('\n') + '\n';

	it('reads Blobs, streams and byte arrays alike; detects the tab delimiter', async () => {
		const bytes = utf8(text);
		for (const source of [bytes, new Blob([bytes]), streamOf(bytes, [1, 10, 1000])]) {
			const result = await importTable(source, { chunkBytes: 4096 });
			expect(result.delimiter).toBe('\t');
			expect(result.table.rowCount).toBe(20_000);
			expect(result.types).toEqual([{ type: 'integer' }, { type: 'integer' }]);
			expect(result.bytes).toBe(bytes.length);
		}
	});

	it('hands every data row to onRows in chunks and reports progress up to the total', async () => {
		const bytes = utf8(text);
		const seen: string[][] = [];
		const progress: { bytesRead: number; totalBytes: number; rows: number }[] = [];
		let calls = 0;
		const result = await importTable(new Blob([bytes]), {
			chunkBytes: 8192,
			onRows: async (header, rows) => {
				expect(header).toEqual(['id', 'v']);
				calls++;
				seen.push(...rows);
				await Promise.resolve();
			},
			onProgress: (p) => progress.push(p)
		});
		expect(calls).toBeGreaterThanOrEqual(3);
		expect(seen).toEqual(cells(result.table));
		expect(progress.at(-1)).toEqual({ bytesRead: bytes.length, totalBytes: bytes.length, rows: 20_000 });
		for (let i = 1; i < progress.length; i++)
			expect(progress[i].bytesRead).toBeGreaterThanOrEqual(progress[i - 1].bytesRead);
	});

	it('treats the first row as data when hasHeader is false', async () => {
		const result = await importTable(utf8('1,2\n3,4\n'), { hasHeader: false });
		expect(result.header).toEqual(['column_1', 'column_2']);
		expect(cells(result.table)).toEqual([
			['1', '2'],
			['3', '4']
		]);
	});

	it('stops with ABORTED when the signal fires, and cancels the stream', async () => {
		const controller = new AbortController();
		let cancelled = false;
		const bytes = utf8(text);
		let offset = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(c) {
				if (offset >= bytes.length) return c.close();
				c.enqueue(bytes.slice(offset, (offset += 1000)));
			},
			cancel() {
				cancelled = true;
			}
		});
		const options: ImportOptions = {
			signal: controller.signal,
			onProgress: (p) => {
				if (p.bytesRead >= 100_000) controller.abort();
			}
		};
		const error = await rejection(importTable(stream, options));
		expect(error.code).toBe('ABORTED');
		expect(cancelled).toBe(true);
		controller.abort();
		expect((await rejection(importTable(utf8(text), { signal: controller.signal }))).code).toBe('ABORTED');
	});

	it('turns a failing read into READ_FAILED', async () => {
		let pulls = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(c) {
				if (pulls++ === 0) c.enqueue(utf8('a,b\n1,2\n'));
				else c.error(new Error('device unplugged'));
			}
		});
		const error = await rejection(importTable(stream));
		expect(error.code).toBe('READ_FAILED');
		expect(error.message).toMatch(/device unplugged/);
	});

	it('encodes the same table whether records go straight into the columns or through onRows', async () => {
		const inputs = [
			'a,b,c\n1,2,3\n4\n5,6,7,8\n9,10,11,\n\n"",x\n',
			'a,b\r\n\r\n1,"q""uote"\r"multi\nline",\n,\n',
			'only\n',
			'x,y\n1,2,,,\n3,,"",z\n'
		];
		for (const input of inputs) {
			for (const hasHeader of [true, false]) {
				for (const chunkBytes of [1, 3, 1024]) {
					const options = { hasHeader, chunkBytes };
					const direct = await importTable(utf8(input), options).catch((e: Error) => e);
					const viaRows = await importTable(utf8(input), { ...options, onRows: () => undefined }).catch(
						(e: Error) => e
					);
					const summary = (r: Awaited<ReturnType<typeof importTable>> | Error) =>
						r instanceof Error
							? { error: (r as Error & { code?: string }).code }
							: { header: r.header, cells: cells(r.table), warnings: r.warnings, types: r.types };
					expect(summary(direct), `${JSON.stringify(input)} ${hasHeader} ${chunkBytes}`).toEqual(
						summary(viaRows)
					);
				}
			}
		}
	});

	it('passes on an error thrown by onRows', async () => {
		const failing = importTable(utf8(text), {
			chunkBytes: 4096,
			onRows: () => {
				throw new Error('disk full');
			}
		});
		await expect(failing).rejects.toThrow('disk full');
	});

	it('property: random tables → CSV → any byte chunking → the same cells', async () => {
		const cell = fc.string({
			unit: fc.constantFrom('a', '1', ' ', ',', '"', '\n', '\r', 'あ', '漢', 'ｶ', '①', '😀', '\u202e'),
			maxLength: 5
		});
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 1, max: 4 }).chain((width) =>
					fc.tuple(
						fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
							minLength: 1,
							maxLength: 10
						}),
						fc.constantFrom(',', '\t', ';'),
						fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
						fc.constantFrom<'utf-8' | 'shift_jis'>('utf-8', 'shift_jis'),
						fc.integer({ min: 1, max: 64 }),
						fc.array(fc.nat(), { maxLength: 8 })
					)
				),
				async ([rows, delimiter, breaks, encoding, chunkBytes, cutSeeds]) => {
					// A kanji header, as real files have, decides the encoding: a few random half-width katakana
					// alone can be valid in both Shift_JIS and EUC-JP (ｶｶ = B6 B6 = 橋).
					const header = rows[0].map((_, i) => `列${i}`);
					const text = toCsv([header, ...rows], delimiter, breaks);
					const rowsOut =
						encoding === 'utf-8'
							? rows
							: rows.map((r) => r.map((c) => c.replaceAll('😀', '?').replaceAll('\u202e', '?')));
					const bytes = encoding === 'utf-8' ? utf8('\ufeff' + text) : sjis(text);
					const cuts = cutSeeds.map((s) => s % (bytes.length + 1));
					const result = await importTable(streamOf(bytes, cuts), {
						delimiter,
						chunkBytes,
						encoding: 'auto'
					});
					expect(result.header).toEqual(header);
					expect(cells(result.table)).toEqual(rowsOut);
				}
			),
			{ numRuns: 300 }
		);
	});
});
