/**
 * SHA-256 of a file read in slices, for the processing record's input hash. Web Crypto only hashes a
 * whole buffer at once, which for a 1 GB extract means 1 GB in memory; @noble/hashes' incremental
 * SHA-256 (audited, dependency-free) keeps one slice in memory at a time.
 */
import { sha256 } from '@noble/hashes/sha2.js';

const SLICE_BYTES = 4 << 20;

export async function sha256OfBlob(blob: Blob, signal?: AbortSignal): Promise<string> {
	const hash = sha256.create();
	for (let offset = 0; offset < blob.size; offset += SLICE_BYTES) {
		if (signal?.aborted) throw signal.reason ?? new Error('aborted');
		hash.update(new Uint8Array(await blob.slice(offset, offset + SLICE_BYTES).arrayBuffer()));
	}
	return Array.from(hash.digest(), (b) => b.toString(16).padStart(2, '0')).join('');
}
