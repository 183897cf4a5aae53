import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256OfBlob } from '../../../workers/file-hash';

const nodeSha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256OfBlob', () => {
	it('equals a one-shot SHA-256 across slice boundaries', async () => {
		for (const size of [0, 1, 4 << 20, (4 << 20) + 1, 9_000_001]) {
			const bytes = new Uint8Array(randomBytes(size));
			expect(await sha256OfBlob(new Blob([bytes]))).toBe(nodeSha(bytes));
		}
	});

	it('stops when cancelled', async () => {
		const controller = new AbortController();
		controller.abort(new Error('stop'));
		await expect(sha256OfBlob(new Blob([new Uint8Array(10)]), controller.signal)).rejects.toThrow('stop');
	});
});
