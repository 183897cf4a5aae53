import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeRows } from '../../../src/lib/engine/table/encoded-table';
import { SqlMirror } from '../../../workers/sql-mirror';

let db: Database;
beforeAll(async () => {
	db = new (await initSqlJs()).Database();
});

const tableOf = (rows: number) =>
	encodeRows(
		['id', 'group'],
		Array.from({ length: rows }, (_, i) => [`r${i}`, `g${i % 5}`])
	);
const exists = (name: string) => db.exec(`SELECT 1 FROM sqlite_master WHERE name = '${name}'`).length > 0;

describe('SqlMirror', () => {
	it('copies tables one after another, every row once', async () => {
		const mirror = new SqlMirror(db);
		void mirror.add('t_a', tableOf(60_000));
		void mirror.add('t_b', tableOf(10));
		await mirror.ready('t_b');
		expect(db.exec('SELECT count(*), count(DISTINCT c0) FROM t_a')[0].values[0]).toEqual([60_000, 60_000]);
		expect(db.exec("SELECT count(*) FROM t_a WHERE c1 = 'g4'")[0].values[0][0]).toBe(12_000);
		expect(db.exec('SELECT count(*) FROM t_b')[0].values[0][0]).toBe(10);
	});

	it('yields between slices, so other work runs during a long copy', async () => {
		const mirror = new SqlMirror(db);
		let ticks = 0;
		const timer = setInterval(() => ticks++, 0);
		await mirror.add('t_long', tableOf(200_000));
		clearInterval(timer);
		expect(ticks).toBeGreaterThan(2);
	});

	it('drops a table whose copy is still running, leaving no trace and no open transaction', async () => {
		const mirror = new SqlMirror(db);
		void mirror.add('t_gone', tableOf(200_000));
		await new Promise((r) => setTimeout(r, 1));
		await mirror.drop('t_gone');
		expect(exists('t_gone')).toBe(false);
		await mirror.add('t_after', tableOf(3));
		expect(exists('t_after')).toBe(true);
		await mirror.idle();
	});

	it('copies on first use only: ensure() queues a table once and a drop lets it be copied again', async () => {
		const mirror = new SqlMirror(db);
		expect(exists('t_lazy')).toBe(false);
		await mirror.ensure('t_lazy', tableOf(4));
		await mirror.ensure('t_lazy', tableOf(9));
		expect(db.exec('SELECT count(*) FROM t_lazy')[0].values[0][0]).toBe(4);
		await mirror.drop('t_lazy');
		await mirror.ensure('t_lazy', tableOf(9));
		expect(db.exec('SELECT count(*) FROM t_lazy')[0].values[0][0]).toBe(9);
	});

	it('reports a failed copy through ready() without rejecting add()', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		const mirror = new SqlMirror(db);
		await mirror.add('t_dup', tableOf(2));
		await expect(mirror.add('t_dup', tableOf(2))).resolves.toBeUndefined();
		await expect(mirror.ready('t_dup')).rejects.toThrow(/already exists/);
		expect(warn).toHaveBeenCalledTimes(1);
		warn.mockRestore();
	});
});
