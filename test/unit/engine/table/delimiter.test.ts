import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../../../src/lib/engine/table/delimiter';

describe('detectDelimiter', () => {
	it.each([
		[',', 'a,b,c\n1,2,3\n4,5,6\n'],
		['\t', 'a\tb\tc\n1\t2\t3\n'],
		[';', 'a;b;c\n1,5;2,5;3\n4;5;6\n'],
		['|', 'a|b\n1|2\n3|4\n'],
		[',', '"a;b",c\n"1;2;3",4\n"x;y",5\n'],
		['\t', '氏名\t住所\n"山田, 太郎"\t東京都\n佐藤\t"大阪府, 大阪市"\n'],
		[',', 'a,b\r\n"multi\nline;;;;",2\r\n3,4\r\n'],
		[',', '\ufeffx,y\n1,2\n'],
		[',', 'single column\nvalue\n']
	])('picks %j', (expected, text) => {
		expect(detectDelimiter(text)).toBe(expected);
	});

	it('ignores a last record cut by the end of the sample', () => {
		expect(detectDelimiter('a;b\n1;2\n3;4\n5;6;7|8|9|10|11|1')).toBe(';');
	});

	it('prefers the consistent delimiter over the more frequent one', () => {
		expect(detectDelimiter('a\tb\n1,2,3\t4\n5\t6,7\n8\t9\n')).toBe('\t');
	});
});
