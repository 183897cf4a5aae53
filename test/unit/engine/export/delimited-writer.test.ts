import { describe, expect, it } from 'vitest';
import {
	concatBytes,
	DelimitedWriter,
	exportDelimited,
	ExportError,
	formatRecord,
	neutralizeFormula,
	restoreNeutralized
} from '../../../../src/lib/engine/export/delimited-writer';
import { importTable } from '../../../../src/lib/engine/table/import';

const hostile = [
	'<script>alert(1)</script>',
	"=cmd|' /C calc'!A0",
	'+SUM(1,2)',
	'-2+3',
	'@A1',
	'\t=1+1',
	'\r=1+1',
	'\u202Eexe.txt',
	'\u200F\u05E9\u05DC\u05D5\u05DD',
	'👩‍⚕️ 🏥',
	'a,b;c\td',
	'say "hi"',
	'line1\r\nline2',
	'line1\nline2',
	'-12.5',
	'+81',
	'',
	"'already quoted",
	'山田 太郎'
];

function tableValues(table: Awaited<ReturnType<typeof importTable>>['table']): string[][] {
	return Array.from({ length: table.rowCount }, (_, row) => table.columns.map((c) => c.values[c.codes[row]]));
}

describe('neutralizeFormula', () => {
	it('prefixes an apostrophe to cells a spreadsheet would run as a formula', () => {
		expect(neutralizeFormula("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
		expect(neutralizeFormula('+SUM(A1)')).toBe("'+SUM(A1)");
		expect(neutralizeFormula('-2+3')).toBe("'-2+3");
		expect(neutralizeFormula('@A1')).toBe("'@A1");
		expect(neutralizeFormula('\tx')).toBe("'\tx");
		expect(neutralizeFormula('\rx')).toBe("'\rx");
	});

	it('leaves plain numbers and ordinary text alone', () => {
		for (const v of ['-5', '+81', '-12.5', '1e-3', '-.5', 'abc', '', '山田'])
			expect(neutralizeFormula(v)).toBe(v);
	});

	it('restoreNeutralized inverts it, and keeps an apostrophe that was data', () => {
		for (const v of hostile) expect(restoreNeutralized(neutralizeFormula(v))).toBe(v);
		expect(restoreNeutralized("'already quoted")).toBe("'already quoted");
	});
});

describe('formatRecord', () => {
	it('quotes per RFC 4180 and ends records with CRLF', () => {
		expect(formatRecord(['a,b', 'say "hi"', 'x\ny', 'plain'], ',')).toBe(
			'"a,b","say ""hi""","x\ny",plain\r\n'
		);
		expect(formatRecord(['a,b', 'c\td'], '\t')).toBe('a,b\t"c\td"\r\n');
	});
});

describe('exportDelimited', () => {
	const header = ['id', 'value'];
	const rows = hostile.map((v, i) => [String(i), v]);

	for (const [delimiter, name] of [
		[',', 'CSV'],
		['\t', 'TSV']
	] as const) {
		it(`hostile values survive a ${name} export and re-import unchanged in meaning`, async () => {
			const bytes = exportDelimited(header, rows, { delimiter });
			const text = new TextDecoder().decode(bytes);
			// No cell starts with a formula trigger once parsed by a spreadsheet: every one is quoted text.
			expect(text).not.toMatch(/(^|[,\t\n])=cmd/);
			const imported = await importTable(bytes, { delimiter, encoding: 'utf-8' });
			expect(imported.header).toEqual(header);
			const values = tableValues(imported.table).map((row) => row.map(restoreNeutralized));
			expect(values).toEqual(rows);
		});
	}

	it('writes a UTF-8 BOM when asked, which the importer drops', async () => {
		const bytes = exportDelimited(header, [['1', '東京']], { encoding: 'utf-8-bom' });
		expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
		const imported = await importTable(bytes, { delimiter: ',' });
		expect(imported.header).toEqual(header);
		expect(tableValues(imported.table)).toEqual([['1', '東京']]);
	});

	it('round-trips Japanese text through Shift_JIS (CP932)', async () => {
		const japanese = [
			['1', '山田 太郎'],
			['2', 'ｶﾀｶﾅ ﾃｽﾄ'],
			['3', '①～髙﨑'],
			['4', '=HYPERLINK("x")']
		];
		const bytes = exportDelimited(header, japanese, { encoding: 'shift_jis' });
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		const imported = await importTable(bytes, { delimiter: ',' });
		expect(imported.encoding).toBe('shift_jis');
		expect(tableValues(imported.table).map((r) => r.map(restoreNeutralized))).toEqual(japanese);
	});

	it('refuses characters Shift_JIS cannot hold, naming the code point', () => {
		expect(() => exportDelimited(header, [['1', '寿司🍣']], { encoding: 'shift_jis' })).toThrow(ExportError);
		expect(() => exportDelimited(header, [['1', '寿司🍣']], { encoding: 'shift_jis' })).toThrow(/U\+1F363/);
	});

	it('gives the same bytes whatever the chunk size', () => {
		for (const encoding of ['utf-8', 'utf-8-bom', 'shift_jis'] as const) {
			const safe = rows.filter(([, v]) => !/[\u202E\u200F👩🏥]/u.test(v));
			const whole = exportDelimited(header, safe, { encoding });
			const writer = new DelimitedWriter({ encoding }, 7);
			const chunks: Uint8Array[] = [];
			for (const row of [header, ...safe]) {
				const chunk = writer.write(row);
				if (chunk) chunks.push(chunk);
			}
			chunks.push(writer.flush());
			expect(chunks.length).toBeGreaterThan(3);
			expect(concatBytes(chunks)).toEqual(whole);
		}
	});
});
