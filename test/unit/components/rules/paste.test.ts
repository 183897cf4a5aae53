import { describe, expect, it } from 'vitest';
import {
	entriesFromMap,
	mapFromEntries,
	mergeEntries,
	pairsFromPaste,
	parsePastedTable
} from '../../../../src/lib/components/rules/paste';

describe('pasted tables', () => {
	it('reads spreadsheet cells (tabs, CRLF, quoted cells with line breaks)', () => {
		const text = '東京都\t関東\r\n"大阪\n府"\t近畿\r\n\r\n';
		expect(parsePastedTable(text)).toEqual([
			['東京都', '関東'],
			['大阪\n府', '近畿']
		]);
	});

	it('reads comma-separated text when there is no tab', () => {
		expect(parsePastedTable('a, x\nb,y')).toEqual([
			['a', 'x'],
			['b', 'y']
		]);
	});

	it('takes value and group from the first two columns and skips a header line', () => {
		expect(pairsFromPaste('値\tグループ\n東京都\t関東\t13\n北海道')).toEqual([
			{ value: '東京都', group: '関東' },
			{ value: '北海道', group: '' }
		]);
		expect(pairsFromPaste('Value,Group name\nA,1')).toEqual([{ value: 'A', group: '1' }]);
	});
});

describe('group entries', () => {
	it('merge pasted pairs: known values take the pasted group, new ones are appended', () => {
		const merged = mergeEntries(
			[
				{ value: 'a', group: 'x' },
				{ value: 'b', group: '' }
			],
			[
				{ value: 'b', group: 'y' },
				{ value: 'c', group: 'z' },
				{ value: 'a', group: '' }
			]
		);
		expect(merged).toEqual([
			{ value: 'a', group: 'x' },
			{ value: 'b', group: 'y' },
			{ value: 'c', group: 'z' }
		]);
	});

	it('round-trip a map', () => {
		const map = { 東京都: '関東', 大阪府: '近畿' };
		expect(mapFromEntries(entriesFromMap(map))).toEqual({ map });
	});

	it('report a value listed twice and a value without a group', () => {
		expect(
			mapFromEntries([
				{ value: 'a', group: '' },
				{ value: 'a', group: 'x' }
			])
		).toEqual({ map: { a: 'x' }, duplicate: 'a', ungrouped: 'a' });
		expect(mapFromEntries([{ value: '', group: 'x' }])).toEqual({ map: {} });
	});
});
