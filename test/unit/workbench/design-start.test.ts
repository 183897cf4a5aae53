import { describe, expect, it } from 'vitest';
import { proposeRole } from '../../../src/lib/engine/jp/identifiers';
import type { ColumnProposal } from '../../../src/lib/workbench/design-types';
import { designForTable, withoutStaleLevels } from '../../../src/lib/workbench/design-start';
import { emptyProject, type Project, type TableSummary } from '../../../src/lib/workbench/types';

const proposals: ColumnProposal[] = [
	{ name: '患者ID', proposal: proposeRole('患者ID', ['P1', 'P2']) },
	{ name: '性別', proposal: proposeRole('性別', ['男', '女']) }
];
const table = (id: string) => ({ id, name: `${id}.csv` }) as TableSummary;
const designed = (tableId: string): Project => ({
	...emptyProject(),
	data: { path: `${tableId}.csv` },
	attributes: { 性別: { role: 'quasi-identifying' } },
	transformation: { 性別: 1 },
	settings: { import: { encoding: 'utf-8' } },
	ui: { tableId }
});

describe('designForTable', () => {
	it('keeps the current project when it is already the table’s design', () => {
		expect(designForTable(designed('a'), table('a'), undefined, proposals)).toBeNull();
	});

	it('restores the design a table was last given, with the current import choices', () => {
		const current = { ...designed('a'), settings: { import: { encoding: 'shift_jis' } } };
		const next = designForTable(current, table('b'), designed('b'), proposals);
		expect(next?.restored).toBe(true);
		expect(next?.project.ui?.tableId).toBe('b');
		expect(next?.project.transformation).toEqual({ 性別: 1 });
		expect(next?.project.settings).toEqual({ import: { encoding: 'shift_jis' } });
	});

	it('starts a table never designed from the proposals, with its own patient columns', () => {
		const current = { ...designed('a'), patient: { id: 'other' }, decisions: [] };
		const next = designForTable(current, table('b'), undefined, proposals);
		expect(next?.restored).toBe(false);
		expect(next?.project.attributes).toEqual({
			患者ID: { role: 'identifying' },
			性別: { role: 'quasi-identifying', hierarchy: { builder: 'sex' } }
		});
		expect(next?.project.patient).toEqual({ id: '患者ID', sex: '性別' });
		expect(next?.project.transformation).toEqual({});
		expect(next?.project.data.path).toBe('b.csv');
		expect(next?.project.ui).toEqual({ tableId: 'b', preset: null });
	});

	it('drops levels of columns that are no longer quasi-identifiers', () => {
		const p = { ...designed('a'), attributes: { 性別: { role: 'insensitive' as const } } };
		expect(withoutStaleLevels(p).transformation).toEqual({});
		const kept = designed('a');
		expect(withoutStaleLevels(kept)).toBe(kept);
	});
});
