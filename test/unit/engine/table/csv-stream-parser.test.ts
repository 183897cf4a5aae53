import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvStreamParser } from '../../../../src/lib/engine/table/csv-stream-parser';
import { toCsv } from './to-csv';

/** Parses text split at the given cut points. */
function parseInChunks(text: string, cuts: number[], delimiter = ','): string[][] {
	const parser = new CsvStreamParser(delimiter);
	const rows: string[][] = [];
	let at = 0;
	for (const cut of [...cuts].sort((a, b) => a - b)) {
		rows.push(...parser.push(text.slice(at, cut)));
		at = cut;
	}
	rows.push(...parser.push(text.slice(at)));
	rows.push(...parser.finish());
	return rows;
}

/** Every way of splitting `text` into two chunks gives the same records. */
function expectSplitInvariant(text: string, expected: string[][]) {
	for (let cut = 0; cut <= text.length; cut++)
		expect(parseInChunks(text, [cut]), `cut ${cut}`).toEqual(expected);
}

describe('CsvStreamParser', () => {
	it('parses quoted fields, escapes and embedded line breaks at every split point', () => {
		expectSplitInvariant('a,"b ""q"" ,\r\nc",d\r\n"",x\n', [
			['a', 'b "q" ,\r\nc', 'd'],
			['', 'x']
		]);
	});

	it('handles LF, CRLF and CR mixed, with or without a final line break', () => {
		expectSplitInvariant('a,b\r\n1,2\n3,4\r5,6\r\n7,8', [
			['a', 'b'],
			['1', '2'],
			['3', '4'],
			['5', '6'],
			['7', '8']
		]);
	});

	it('skips blank lines but keeps a quoted empty single field', () => {
		expect(parseInChunks('a\n\n\r\n""\nb\n\n', [])).toEqual([['a'], [''], ['b']]);
	});

	it('keeps trailing empty fields', () => {
		expect(parseInChunks('a,b,\n,,\n', [])).toEqual([
			['a', 'b', ''],
			['', '', '']
		]);
	});

	it('keeps quotes inside unquoted fields and text after a closing quote, counting the latter', () => {
		const parser = new CsvStreamParser(',');
		const rows = [...parser.push('a"b,"c"d,e\n'), ...parser.finish()];
		expect(rows).toEqual([['a"b', 'cd', 'e']]);
		expect(parser.malformedQuotes).toBe(1);
		expect(parser.firstMalformedRecord).toBe(1);
	});

	it('reports an unterminated quote and keeps the text', () => {
		const parser = new CsvStreamParser(',');
		const rows = [...parser.push('h\nx\n"open,\nrest'), ...parser.finish()];
		expect(rows).toEqual([['h'], ['x'], ['open,\nrest']]);
		expect(parser.unterminatedQuoteRecord).toBe(3);
	});

	it('uses other one-character delimiters and refuses unusable ones', () => {
		expect(parseInChunks('a\tb\n"x\ty"\tz\n', [3], '\t')).toEqual([
			['a', 'b'],
			['x\ty', 'z']
		]);
		expect(() => new CsvStreamParser('"')).toThrow(TypeError);
		expect(() => new CsvStreamParser(';;')).toThrow(TypeError);
	});

	it('property: random tables survive CSV serialization and any chunking', () => {
		const cell = fc.string({
			unit: fc.constantFrom('a', 'b', ' ', ',', ';', '\t', '"', '\n', '\r', 'あ', '漢', '😀', '\u202e'),
			maxLength: 6
		});
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 4 }).chain((width) =>
					fc.tuple(
						fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
							minLength: 1,
							maxLength: 8
						}),
						fc.constantFrom(',', '\t', ';', '|'),
						fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
						fc.array(fc.nat(), { maxLength: 10 })
					)
				),
				([rows, delimiter, breaks, cutSeeds]) => {
					const text = toCsv(rows, delimiter, breaks);
					const cuts = cutSeeds.map((s) => s % (text.length + 1));
					expect(parseInChunks(text, cuts, delimiter)).toEqual(rows);
				}
			),
			{ numRuns: 400 }
		);
	});
});

/** Parses with a sink; with `ranges`, unquoted fields arrive through fieldIn as ranges of the chunk. */
function parseWithSink(text: string, cuts: number[], ranges: boolean) {
	const records: string[][] = [];
	let row: string[] = [];
	let viaRange = 0;
	const sink = {
		field: (value: string) => void row.push(value),
		endRecord: () => {
			records.push(row);
			row = [];
		},
		...(ranges
			? {
					fieldIn: (chunk: string, start: number, end: number) => {
						viaRange++;
						row.push(chunk.slice(start, end));
					}
				}
			: {})
	};
	const parser = new CsvStreamParser(',', sink);
	let at = 0;
	for (const cut of [...cuts].sort((a, b) => a - b)) {
		expect(parser.push(text.slice(at, cut))).toEqual([]);
		at = cut;
	}
	parser.push(text.slice(at));
	parser.finish();
	return { records, viaRange };
}

describe('CsvStreamParser with a range sink', () => {
	it('delivers the same records through fieldIn as through field, at any chunking', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.array(fc.constantFrom('', 'a', 'bc', '"q"', 'x,y', '東京', ' ', 'l\nb'), {
						minLength: 1,
						maxLength: 4
					}),
					{
						minLength: 1,
						maxLength: 6
					}
				),
				fc.array(fc.nat(), { maxLength: 4 }),
				(rows, rawCuts) => {
					const text = toCsv(rows, ',', ['\n', '\r\n', '\r']);
					const cuts = rawCuts.map((c) => c % (text.length + 1));
					const plain = parseWithSink(text, cuts, false);
					const ranged = parseWithSink(text, cuts, true);
					expect(ranged.records).toEqual(plain.records);
					expect(ranged.records).toEqual(parseInChunks(text, cuts));
				}
			)
		);
		// Unquoted fields within one chunk do take the range path.
		expect(parseWithSink('a,b\n1,2\n', [], true).viaRange).toBe(4);
	});
});
