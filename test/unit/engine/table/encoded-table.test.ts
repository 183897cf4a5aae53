import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
	ColumnEncoder,
	encodeRows,
	columnByName,
	ownedValue
} from '../../../../src/lib/engine/table/encoded-table';
import { encodeCsvText } from '../../../../src/lib/engine/table/csv';

describe('dictionary encoding', () => {
	it('assigns codes in order of first appearance', () => {
		const t = encodeRows(['x', 'y'], [['b', '1'], ['a', '2'], ['b', '3'], ['c']]);
		const x = columnByName(t, 'x');
		expect(x.values).toEqual(['b', 'a', 'c']);
		expect(Array.from(x.codes)).toEqual([0, 1, 0, 2]);
		// a ragged row's missing cell is encoded as ''
		expect(columnByName(t, 'y').values).toEqual(['1', '2', '3', '']);
	});

	it('names the known columns when one is missing', () => {
		const t = encodeRows(['x'], [['1']]);
		expect(() => columnByName(t, 'z')).toThrow(/No column named "z" \(columns: x\)/);
	});

	it('parses CSV text with a BOM, quotes and CRLF', () => {
		const t = encodeCsvText('\ufeffa;b\r\n"x;1";2\r\ny;3\r\n', ';');
		expect(t.rowCount).toBe(2);
		expect(t.columns[0].values).toEqual(['x;1', 'y']);
	});

	it('grows past its initial capacity and keeps long values equal to their input', () => {
		const encoder = new ColumnEncoder('id', 16);
		const long = (i: number) => `patient-number-${i % 1000}`;
		for (let i = 0; i < 5000; i++) encoder.push(long(i));
		const column = encoder.finish();
		expect(column.codes.length).toBe(5000);
		expect(column.values.length).toBe(1000);
		for (let i = 0; i < 5000; i += 97) expect(column.values[column.codes[i]]).toBe(long(i));
	});

	it('grows to many times its capacity with a large dictionary, handing out only the codes', () => {
		const encoder = new ColumnEncoder('zip', 16);
		const value = (i: number) => String((i * 7919) % 150_000).padStart(7, '0');
		for (let i = 0; i < 300_000; i++) encoder.push(value(i));
		const column = encoder.finish();
		expect(column.codes.length).toBe(300_000);
		// no buffer much larger than the codes is kept alive
		expect(column.codes.buffer.byteLength).toBeLessThanOrEqual((300_000 * 4 * 10) / 9);
		expect(column.values.length).toBe(150_000);
		expect(new Set(column.values).size).toBe(150_000);
		for (let i = 0; i < 300_000; i += 1013) expect(column.values[column.codes[i]]).toBe(value(i));
	});

	it('fills a reservation without reallocating and hands it out as it is when nearly full', () => {
		const encoder = new ColumnEncoder('r', 16);
		encoder.reserve(1000);
		for (let i = 0; i < 950; i++) encoder.push(String(i % 7));
		const column = encoder.finish();
		expect(column.codes.length).toBe(950);
		expect(column.codes.buffer.byteLength).toBe(4000);
		expect(Array.from(column.codes.subarray(0, 8))).toEqual([0, 1, 2, 3, 4, 5, 6, 0]);
		// a reservation far above the rows is not kept: the codes are copied out
		const sparse = new ColumnEncoder('s', 16);
		sparse.reserve(10_000);
		sparse.push('a');
		expect(sparse.finish().codes.buffer.byteLength).toBe(4);
	});

	it("sizes a nearly unique column's index from the expected rows, not the margin, and still grows past it", () => {
		const encoder = new ColumnEncoder('id', 16);
		const id = (i: number) => `ID${String(i).padStart(7, '0')}`;
		for (let i = 0; i < 1000; i++) encoder.push(id(i));
		// 130,000 expected rows need 260,000 slots at load ½ (2^18); the 5 % margin's 136,500 would need 2^19.
		encoder.reserve(136_500, 130_000);
		const slots = () => (encoder as unknown as { index: { slots: Int32Array } }).index.slots.length;
		expect(slots()).toBe(2 ** 18);
		for (let i = 1000; i < 140_000; i++) encoder.push(id(i));
		expect(slots()).toBe(2 ** 19);
		for (let i = 0; i < 140_000; i += 997) encoder.push(id(i));
		const column = encoder.finish();
		expect(column.values.length).toBe(140_000);
		for (let i = 0; i < 140_000; i += 997) expect(column.values[column.codes[i]]).toBe(id(i));
		const repeats = column.codes.subarray(140_000);
		for (let k = 0; k < repeats.length; k++) expect(column.values[repeats[k]]).toBe(id(k * 997));
	});

	it('treats every string as an ordinary value, including object-property names and numeric forms', () => {
		const tricky = [
			'__proto__',
			'constructor',
			'toString',
			'hasOwnProperty',
			'1',
			'01',
			'1.0',
			'-0',
			'0',
			''
		];
		const t = encodeRows(
			['x'],
			[...tricky, ...tricky].map((v) => [v])
		);
		const x = columnByName(t, 'x');
		expect(x.values).toEqual(tricky);
		expect(Array.from(x.codes)).toEqual([...tricky.keys(), ...tricky.keys()]);
	});

	it('keeps coding consistently when values are pushed after finish()', () => {
		const encoder = new ColumnEncoder('x');
		for (const v of ['a', 'b', 'a']) encoder.push(v);
		expect(Array.from(encoder.finish().codes)).toEqual([0, 1, 0]);
		for (const v of ['b', 'c', 'a']) encoder.push(v);
		const again = encoder.finish();
		expect(again.values).toEqual(['a', 'b', 'c']);
		expect(Array.from(again.codes)).toEqual([0, 1, 0, 1, 2, 0]);
		// a column handed out as a view of a full buffer keeps its codes while the encoder grows on
		const full = new ColumnEncoder('y', 16);
		for (let i = 0; i < 16; i++) full.push(String(i % 3));
		const first = full.finish();
		for (let i = 0; i < 40; i++) full.push('new');
		expect(Array.from(first.codes)).toEqual(Array.from({ length: 16 }, (_, i) => i % 3));
		expect(full.finish().codes.length).toBe(56);
	});
});

/**
 * Whether V8 holds `s` as a one-byte string: its serializer writes those with tag '"' and two-byte strings with
 * tag 'c' (after the 2-byte version header).
 */
const isOneByte = (s: string) => String.fromCharCode(serialize(s)[2]) === '"';

describe('ownedValue', () => {
	// A decoded chunk with one character above U+00FF is a two-byte string, like most Japanese CSV chunks.
	const chunk = 'P0000123,東京都,café,ÿ\u00e9,😀x,' + 'a'.repeat(64) + ',' + 'b'.repeat(65) + ',';
	const range = (value: string): [number, number] => {
		const start = chunk.indexOf(value);
		return [start, start + value.length];
	};

	it('returns the same text for every kind of slice', () => {
		for (const value of [
			'P0000123',
			'東京都',
			'café',
			'ÿ\u00e9',
			'😀x',
			'a'.repeat(64),
			'b'.repeat(65),
			'P'
		]) {
			expect(ownedValue(chunk, ...range(value))).toBe(value);
		}
		expect(ownedValue(chunk, 3, 3)).toBe('');
		expect(ownedValue('whole', 0, 5)).toBe('whole');
	});

	it('makes a one-byte string of a Latin-1 slice of a two-byte chunk, where slice() keeps two bytes', () => {
		expect(isOneByte(chunk.slice(...range('P0000123')))).toBe(false);
		expect(isOneByte(ownedValue(chunk, ...range('P0000123')))).toBe(true);
		expect(isOneByte(ownedValue(chunk, ...range('café')))).toBe(true);
		expect(isOneByte(ownedValue(chunk, ...range('a'.repeat(64))))).toBe(true);
		expect(isOneByte(ownedValue(chunk, ...range('東京都')))).toBe(false);
	});

	it('is what the encoder stores for ranges and for whole strings', () => {
		const encoder = new ColumnEncoder('v');
		encoder.pushRange(chunk, ...range('P0000123'));
		encoder.push(chunk.slice(...range('café')));
		encoder.pushRange(chunk, ...range('P0000123'));
		const column = encoder.finish();
		expect(column.values).toEqual(['P0000123', 'café']);
		expect(Array.from(column.codes)).toEqual([0, 1, 0]);
		expect(column.values.every(isOneByte)).toBe(true);
	});
});
