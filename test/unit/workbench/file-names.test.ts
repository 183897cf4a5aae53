import { describe, expect, it } from 'vitest';
import { stemOf, uniqueFileNames } from '../../../src/lib/workbench/file-names';

describe('release file names', () => {
	it('takes the stem of an imported file', () => {
		expect(stemOf('受診.csv')).toBe('受診');
		expect(stemOf('a.b.tsv')).toBe('a.b');
		expect(stemOf('.csv')).toBe('export');
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
});
