import { describe, expect, it } from 'vitest';
import { quoteShellWord, stemOf, uniqueFileNames } from '../../../src/lib/workbench/file-names';

describe('release file names', () => {
	it('takes the stem of an imported file', () => {
		expect(stemOf('受診.csv')).toBe('受診');
		expect(stemOf('a.b.tsv')).toBe('a.b');
		expect(stemOf('.csv')).toBe('export');
		expect(stemOf('a:b*c?.csv')).toBe('a_b_c_');
		expect(stemOf('../..\\evil.csv')).toBe('_.._evil');
		expect(stemOf('..hidden.csv')).toBe('hidden');
		// NFD (as macOS names files) and NFC are one name.
		expect(stemOf('カ\u3099ルテ.csv')).toBe('ガルテ');
	});

	it('keeps names unique ignoring case, numbering repeats before the end', () => {
		expect(uniqueFileNames(['a.csv', 'A.tsv', 'b.csv', 'a.txt'], '-anonymized', '.csv')).toEqual([
			'a-anonymized.csv',
			'A-anonymized-2.csv',
			'b-anonymized.csv',
			'a-anonymized-3.csv'
		]);
		expect(uniqueFileNames(['visits.csv', 'visits.csv'], '', '.tokumei.json')).toEqual([
			'visits.tokumei.json',
			'visits-2.tokumei.json'
		]);
	});

	it('quotes a file name for the shell only when it needs it', () => {
		expect(quoteShellWord('labs.tokumei.json')).toBe('labs.tokumei.json');
		expect(quoteShellWord('受診 2024.csv')).toBe("'受診 2024.csv'");
		expect(quoteShellWord("it's.csv")).toBe("'it'\\''s.csv'");
		expect(quoteShellWord('$(rm -rf ~).csv')).toBe("'$(rm -rf ~).csv'");
	});
});
