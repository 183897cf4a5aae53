/// <reference lib="webworker" />
// The data worker's entry: sql.js from the wasm URL the page passes in, OPFS storage (memory if absent).
import * as Comlink from 'comlink';
import initSqlJs from 'sql.js';
import { installErrorTransfer } from '$lib/workbench/errors';
import { createEngineApi } from './engine-api';
import { MemoryTableStore, OpfsTableStore } from './table-store';

installErrorTransfer();
Comlink.expose(
	createEngineApi({
		loadSql: (wasmUrl) => initSqlJs({ locateFile: () => wasmUrl }),
		openStore: async () => (await OpfsTableStore.open()) ?? new MemoryTableStore()
	})
);
