import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../src/lib/workbench/engine-client';
import { EngineError } from '../../../src/lib/workbench/errors';
import { emptyProject, type EngineState, type TableSummary } from '../../../src/lib/workbench/types';
import { reasonOf, Workbench } from '../../../src/lib/workbench/workbench.svelte';

const summary = (id: string, name: string): TableSummary => ({
	id,
	name,
	rowCount: 2,
	header: ['a'],
	profiles: [],
	encoding: 'utf-8',
	delimiter: ',',
	warnings: [],
	fileBytes: 4,
	importedAt: '2026-01-01T00:00:00.000Z'
});

/** A client whose imports finish when the test says so, in any order. */
function fakeClient(initial: TableSummary[] = [], designedTableId?: string) {
	const started: string[] = [];
	const finish = new Map<string, (outcome: unknown) => void>();
	const fail = new Map<string, (error: unknown) => void>();
	let state: EngineState = {
		tables: initial,
		project: { ...emptyProject(), ui: { tableId: designedTableId } },
		designs: {},
		persistent: true,
		sqliteVersion: '3'
	};
	const client = {
		start: async () => state,
		importFile: (_file: Blob, name: string) => {
			started.push(name);
			return {
				jobId: name,
				done: new Promise((resolve, reject) => {
					finish.set(name, resolve);
					fail.set(name, reject);
				})
			};
		},
		clearAll: async () => (state = { ...state, tables: [] }),
		cancel: async () => true
	} as unknown as EngineClient;
	return { client, started, finish, fail };
}

const timings = { importMs: 1, persistMs: 1, totalMs: 2 };
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Workbench', () => {
	it('restores tables on start and activates the last one', async () => {
		const wb = new Workbench({ sampleUrl: () => '' });
		await wb.start(fakeClient([summary('1', 'a.csv'), summary('2', 'b.csv')]).client);
		expect(wb.status).toBe('ready');
		expect(wb.activeId).toBe('2');
	});

	it('comes back to the table of the design last worked on', async () => {
		const wb = new Workbench({ sampleUrl: () => '' });
		await wb.start(fakeClient([summary('1', 'a.csv'), summary('2', 'b.csv')], '1').client);
		expect(wb.activeId).toBe('1');
	});

	it('imports files dropped during an import one after another', async () => {
		const { client, started, finish } = fakeClient();
		const wb = new Workbench({ sampleUrl: () => '' });
		await wb.start(client);
		const first = wb.importFile(new Blob(['a\n1\n']), 'first.csv');
		const second = wb.importFile(new Blob(['a\n1\n']), 'second.csv');
		await tick();
		expect(started).toEqual(['first.csv']);
		expect(wb.job?.name).toBe('first.csv');
		finish.get('first.csv')!({ table: summary('1', 'first.csv'), timings });
		await first;
		await tick();
		expect(started).toEqual(['first.csv', 'second.csv']);
		finish.get('second.csv')!({ table: summary('2', 'second.csv'), timings });
		await second;
		expect(wb.tables.map((t) => t.name)).toEqual(['first.csv', 'second.csv']);
		expect(wb.job).toBeNull();
		expect(wb.notice).toMatchObject({ kind: 'success', key: 'import.done' });
	});

	it('turns worker errors into translatable notices and keeps the tables', async () => {
		const { client, fail } = fakeClient([summary('1', 'kept.csv')]);
		const wb = new Workbench({ sampleUrl: () => '' });
		await wb.start(client);
		const run = wb.importFile(new Blob([new Uint8Array([0x89, 0x50])]), 'x.csv');
		await tick();
		fail.get('x.csv')!(new EngineError('BINARY_FILE', 'This file is a PNG image'));
		await run;
		expect(wb.notice).toMatchObject({
			kind: 'error',
			key: 'import.failed',
			params: { name: 'x.csv' },
			reason: { key: 'error.BINARY_FILE' }
		});
		expect(wb.tables.map((t) => t.name)).toEqual(['kept.csv']);
		const cancelled = wb.importFile(new Blob(['a']), 'y.csv');
		await tick();
		fail.get('y.csv')!(new EngineError('ABORTED', 'cancelled'));
		await cancelled;
		expect(wb.notice).toMatchObject({ kind: 'info', key: 'import.cancelled' });
	});

	it('keeps the text of errors it has no message for', () => {
		expect(reasonOf(new Error('disk on fire'))).toEqual({
			key: 'error.UNKNOWN',
			params: { message: 'disk on fire' }
		});
		expect(reasonOf(new EngineError('WORKER_CRASHED', 'x'))).toEqual({ key: 'error.WORKER_CRASHED' });
	});

	it('empties the tables when all local data is deleted', async () => {
		const wb = new Workbench({ sampleUrl: () => '' });
		await wb.start(fakeClient([summary('1', 'a.csv')]).client);
		await wb.deleteAllLocalData();
		expect(wb.tables).toEqual([]);
		expect(wb.activeId).toBeNull();
		expect(wb.notice).toMatchObject({ key: 'storage.deleted' });
	});
});
