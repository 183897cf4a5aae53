import * as Comlink from 'comlink';
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError, installErrorTransfer } from '../../../src/lib/workbench/errors';
import type { ImportProgress } from '../../../src/lib/workbench/types';
import { createEngineApi, type EngineApi } from '../../../workers/engine-api';
import { MemoryTableStore } from '../../../workers/table-store';

// The worker API driven through comlink over a MessageChannel, as the page drives the real worker.
installErrorTransfer();
const channels: MessageChannel[] = [];

function connect(store: MemoryTableStore) {
	const api = createEngineApi({ loadSql: () => initSqlJs(), openStore: async () => store });
	const channel = new MessageChannel();
	channels.push(channel);
	Comlink.expose(api, channel.port2 as unknown as Comlink.Endpoint);
	return Comlink.wrap<EngineApi>(channel.port1 as unknown as Comlink.Endpoint);
}

afterEach(() => {
	for (const c of channels.splice(0)) {
		c.port1.close();
		c.port2.close();
	}
});

const auto = { encoding: 'auto', delimiter: 'auto' } as const;
const csv = (text: string) => new Blob([text]);
const SAMPLE = '患者ID,性別,年齢\r\nP001,女,34\r\nP002,男,\r\nP003,女,61\r\n';

async function codeOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(EngineError);
		return (error as EngineError).code;
	}
	throw new Error('expected a rejection');
}

describe('engine API through comlink', () => {
	it('imports a table into SQLite and the encoded columns, and pages its rows', async () => {
		const api = connect(new MemoryTableStore({ persistent: true }));
		const state = await api.init('');
		expect(state.tables).toEqual([]);
		expect(state.sqliteVersion).toMatch(/^3\.\d+/);
		const outcome = await api.importFile('j1', csv(SAMPLE), 'patients.csv', auto);
		const t = outcome.table;
		expect(t).toMatchObject({ name: 'patients.csv', rowCount: 3, header: ['患者ID', '性別', '年齢'] });
		expect(t.encoding).toBe('utf-8');
		expect(t.delimiter).toBe(',');
		expect(t.profiles[1]).toMatchObject({ name: '性別', distinct: 2, missing: 0 });
		expect(t.profiles[2]).toMatchObject({ missing: 1, min: '34', max: '61' });
		expect(await api.rows(t.id, 1, 10)).toEqual([
			['P002', '男', ''],
			['P003', '女', '61']
		]);
		expect(await api.sqlRowCount(t.id)).toBe(3);
		expect(outcome.timings.totalMs).toBeGreaterThanOrEqual(outcome.timings.importMs);
	});

	it('reports progress through a proxied callback', async () => {
		const api = connect(new MemoryTableStore());
		await api.init('');
		const seen: ImportProgress[] = [];
		const outcome = await api.importFile(
			'j1',
			csv(SAMPLE),
			'p.csv',
			auto,
			Comlink.proxy((p: ImportProgress) => void seen.push(p))
		);
		await new Promise((r) => setTimeout(r, 20));
		expect(seen.at(-1)).toEqual({
			bytesRead: outcome.table.fileBytes,
			totalBytes: outcome.table.fileBytes,
			rows: 3
		});
	});

	it('rejects bad input with a code and keeps the tables already loaded', async () => {
		const api = connect(new MemoryTableStore());
		await api.init('');
		const good = (await api.importFile('j1', csv(SAMPLE), 'good.csv', auto)).table;
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		expect(await codeOf(api.importFile('j2', new Blob([png]), 'image.csv', auto))).toBe('BINARY_FILE');
		expect(await codeOf(api.importFile('j3', csv(''), 'empty.csv', auto))).toBe('EMPTY_FILE');
		expect(await codeOf(api.importFile('j4', csv('a,b\r\n'), 'header.csv', auto))).toBe('NO_DATA_ROWS');
		const state = await api.state();
		expect(state.tables.map((t) => t.name)).toEqual(['good.csv']);
		expect(await api.rows(good.id, 0, 1)).toEqual([['P001', '女', '34']]);
		expect(await api.sqlRowCount(good.id)).toBe(3);
	});

	it('cancels an import, even one cancelled before it started', async () => {
		const api = connect(new MemoryTableStore());
		await api.init('');
		const big = 'id,value\n' + Array.from({ length: 200_000 }, (_, i) => `${i},v${i % 97}`).join('\n');
		const running = api.importFile('big', csv(big), 'big.csv', auto);
		const queued = api.importFile('later', csv(SAMPLE), 'later.csv', auto);
		await api.cancel('later');
		await api.cancel('big');
		expect(await codeOf(running)).toBe('ABORTED');
		expect(await codeOf(queued)).toBe('ABORTED');
		expect((await api.state()).tables).toEqual([]);
	});

	it('restores tables and the project from storage in a new worker', async () => {
		const store = new MemoryTableStore({ persistent: true });
		const first = connect(store);
		await first.init('');
		const t = (await first.importFile('j1', csv(SAMPLE), 'patients.csv', auto)).table;
		await first.saveProject({
			tokumei: 1,
			data: { path: 'x.csv' },
			attributes: { 性別: { role: 'quasi-identifying' } },
			settings: {}
		});

		const second = connect(store);
		const state = await second.init('');
		expect(state.persistent).toBe(true);
		expect(state.tables).toEqual([t]);
		expect(state.project.attributes).toEqual({ 性別: { role: 'quasi-identifying' } });
		expect(await second.rows(t.id, 0, 3)).toEqual([
			['P001', '女', '34'],
			['P002', '男', ''],
			['P003', '女', '61']
		]);
		expect(await second.sqlRowCount(t.id)).toBe(3);
	});

	it('drops a damaged stored table and restores the rest', async () => {
		const store = new MemoryTableStore({ persistent: true });
		const first = connect(store);
		await first.init('');
		const ok = (await first.importFile('j1', csv(SAMPLE), 'ok.csv', auto)).table;
		const bad = (await first.importFile('j2', csv(SAMPLE), 'bad.csv', auto)).table;
		await store.saveTable(bad, new Blob(['garbage']));
		const second = connect(store);
		const state = await second.init('');
		expect(state.tables.map((t) => t.id)).toEqual([ok.id]);
		expect((await store.listTables()).map((t) => t.id)).toEqual([ok.id]);
	});

	it('removes one table or everything, in memory and in storage', async () => {
		const store = new MemoryTableStore({ persistent: true });
		const api = connect(store);
		await api.init('');
		const a = (await api.importFile('j1', csv(SAMPLE), 'a.csv', auto)).table;
		const b = (await api.importFile('j2', csv(SAMPLE), 'b.csv', auto)).table;
		expect((await api.removeTable(a.id)).tables.map((t) => t.id)).toEqual([b.id]);
		expect(await codeOf(api.rows(a.id, 0, 1))).toBe('UNKNOWN_TABLE');
		const cleared = await api.clearAll();
		expect(cleared.tables).toEqual([]);
		expect(await store.listTables()).toEqual([]);
		expect(await store.loadProject()).toBeNull();
	});

	it('keeps a design per table: restored in a new worker, dropped with its table', async () => {
		const store = new MemoryTableStore({ persistent: true });
		const first = connect(store);
		await first.init('');
		const a = (await first.importFile('j1', csv(SAMPLE), 'a.csv', auto)).table;
		const b = (await first.importFile('j2', csv(SAMPLE), 'b.csv', auto)).table;
		const design = (tableId: string, role: 'quasi-identifying' | 'insensitive') => ({
			tokumei: 1 as const,
			data: { path: 'x.csv' },
			attributes: { 性別: { role } },
			settings: {},
			ui: { tableId }
		});
		await first.saveProject(design(a.id, 'quasi-identifying'));
		await first.saveProject(design(b.id, 'insensitive'));
		// A project naming no loaded table is no table's design.
		await first.saveProject(design('gone', 'insensitive'));

		const second = connect(store);
		const state = await second.init('');
		expect(Object.keys(state.designs).sort()).toEqual([a.id, b.id].sort());
		expect(state.designs[a.id].attributes).toEqual({ 性別: { role: 'quasi-identifying' } });
		expect(state.designs[b.id].attributes).toEqual({ 性別: { role: 'insensitive' } });
		expect(Object.keys((await second.removeTable(a.id)).designs)).toEqual([b.id]);
		expect(await store.loadDesign(a.id)).toBeNull();
		expect((await second.clearAll()).designs).toEqual({});
	});

	it("takes a project stored before designs were kept per table as its table's design", async () => {
		const store = new MemoryTableStore({ persistent: true });
		const first = connect(store);
		await first.init('');
		const a = (await first.importFile('j1', csv(SAMPLE), 'a.csv', auto)).table;
		await store.saveProject({
			tokumei: 1,
			data: { path: 'a.csv' },
			attributes: { 性別: { role: 'quasi-identifying' } },
			settings: {},
			ui: { tableId: a.id }
		});
		const state = await connect(store).init('');
		expect(state.designs[a.id]?.attributes).toEqual({ 性別: { role: 'quasi-identifying' } });
		expect((await store.loadDesign(a.id))?.attributes).toEqual({ 性別: { role: 'quasi-identifying' } });
	});
});
