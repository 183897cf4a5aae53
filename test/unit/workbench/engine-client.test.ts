import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineClient, type WorkerLike } from '../../../src/lib/workbench/engine-client';
import { EngineError } from '../../../src/lib/workbench/errors';
import { emptyProject, type EngineState } from '../../../src/lib/workbench/types';

/** A stand-in for a Worker: comlink messages over a MessageChannel, `error` events fired by the test. */
class FakeWorker extends EventTarget implements WorkerLike {
	readonly channel = new MessageChannel();
	terminated = false;

	constructor(api: object) {
		super();
		Comlink.expose(api, this.channel.port2 as unknown as Comlink.Endpoint);
		this.channel.port1.start();
	}
	postMessage(message: unknown, transfer?: Transferable[]): void {
		this.channel.port1.postMessage(message, (transfer ?? []) as never);
	}
	override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
		if (type === 'message') this.channel.port1.addEventListener(type, listener as never);
		else super.addEventListener(type, listener);
	}
	override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
		if (type === 'message') this.channel.port1.removeEventListener(type, listener as never);
		else super.removeEventListener(type, listener);
	}
	terminate(): void {
		this.terminated = true;
		this.channel.port1.close();
	}
	crash(message = 'Out of memory'): void {
		this.dispatchEvent(Object.assign(new Event('error'), { message }));
	}
}

const restored: EngineState = {
	tables: [],
	project: emptyProject(),
	designs: {},
	persistent: true,
	sqliteVersion: '3.49.1'
};

function harness(initCalls: { n: number }) {
	const workers: FakeWorker[] = [];
	const api = {
		init: async (url: string) => {
			initCalls.n++;
			expect(url).toBe('blob:wasm');
			return restored;
		},
		state: async () => restored,
		ping: () => true,
		// An import that never finishes, like one running when the worker dies.
		importFile: () => new Promise(() => undefined),
		rows: async (_id: string, start: number) => [[`row ${start}`]]
	};
	const onRestart = vi.fn();
	const onFatal = vi.fn();
	const client = new EngineClient({
		wasmUrl: 'blob:wasm',
		createWorker: () => {
			const w = new FakeWorker(api);
			workers.push(w);
			return w;
		},
		onRestart,
		onFatal,
		heartbeatMs: 10,
		heartbeatTimeoutMs: 100
	});
	return { client, workers, onRestart, onFatal };
}

const clients: EngineClient[] = [];
afterEach(() => {
	for (const c of clients.splice(0)) c.dispose();
});

describe('EngineClient', () => {
	it('rejects pending calls with WORKER_CRASHED, restarts the worker and restores the project', async () => {
		const calls = { n: 0 };
		const { client, workers, onRestart, onFatal } = harness(calls);
		clients.push(client);
		expect(await client.start()).toEqual(restored);
		const job = client.importFile(new Blob(['a\n1\n']), 'a.csv', { encoding: 'auto', delimiter: 'auto' });
		await new Promise((r) => setTimeout(r, 10));
		workers[0].crash();
		const error = await job.done.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(EngineError);
		expect((error as EngineError).code).toBe('WORKER_CRASHED');
		expect((error as EngineError).message).toMatch(/Out of memory/);
		expect(workers[0].terminated).toBe(true);
		expect(workers).toHaveLength(2);
		await vi.waitFor(() => expect(onRestart).toHaveBeenCalledWith(restored));
		expect(calls.n).toBe(2);
		// the new worker serves calls
		expect(await client.rows('t', 5, 1)).toEqual([['row 5']]);
		expect(onFatal).not.toHaveBeenCalled();
	});

	it('ignores errors of a worker it already replaced', async () => {
		const { client, workers } = harness({ n: 0 });
		clients.push(client);
		await client.start();
		workers[0].crash();
		workers[0].crash();
		await client.state();
		expect(workers).toHaveLength(2);
	});

	it('declares a worker that stopped answering dead, and restarts it', async () => {
		const { client, workers, onRestart } = harness({ n: 0 });
		clients.push(client);
		await client.start();
		const job = client.importFile(new Blob(['a']), 'a.csv', { encoding: 'auto', delimiter: 'auto' });
		// a worker that closed itself (or was killed) fires no error event: its port just goes silent
		workers[0].channel.port2.close();
		const error = await job.done.catch((e: unknown) => e);
		expect((error as EngineError).code).toBe('WORKER_CRASHED');
		expect((error as EngineError).message).toMatch(/stopped responding/);
		await vi.waitFor(() => expect(onRestart).toHaveBeenCalled());
		expect(workers).toHaveLength(2);
	});

	it('keeps a busy worker that still answers the heartbeat', async () => {
		const { client, workers } = harness({ n: 0 });
		clients.push(client);
		await client.start();
		const job = client.importFile(new Blob(['a']), 'a.csv', { encoding: 'auto', delimiter: 'auto' });
		let settled = false;
		job.done.then(
			() => (settled = true),
			() => (settled = true)
		);
		await new Promise((r) => setTimeout(r, 400));
		expect(settled).toBe(false);
		expect(workers).toHaveLength(1);
	});

	it('gives up after repeated crashes instead of restarting forever', async () => {
		const { client, workers, onFatal } = harness({ n: 0 });
		clients.push(client);
		await client.start();
		for (let i = 0; i < 4; i++) {
			workers.at(-1)!.crash();
			await new Promise((r) => setTimeout(r, 5));
		}
		expect(onFatal).toHaveBeenCalledTimes(1);
		expect(workers).toHaveLength(4);
		const error = await client.state().catch((e: unknown) => e);
		expect((error as EngineError).code).toBe('WORKER_CRASHED');
	});
});
