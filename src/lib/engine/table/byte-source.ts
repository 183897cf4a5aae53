/** What {@link importTable} reads: a File/Blob (browser, worker), a byte stream, or bytes already in memory. */
export type ByteSource = Blob | ReadableStream<Uint8Array> | Uint8Array;

/**
 * Yields the source's bytes in chunks of at most `chunkBytes` (stream chunks larger than that are split, smaller
 * ones passed as they come). A Blob is read slice by slice, so only one chunk is in memory at a time.
 * Closing the generator early (an error or a cancel upstream) cancels the stream.
 */
export async function* byteChunks(source: ByteSource, chunkBytes: number): AsyncGenerator<Uint8Array> {
	if (source instanceof Uint8Array) {
		for (let at = 0; at < source.length; at += chunkBytes) yield source.subarray(at, at + chunkBytes);
		return;
	}
	if (typeof Blob !== 'undefined' && source instanceof Blob) {
		for (let at = 0; at < source.size; at += chunkBytes) {
			yield new Uint8Array(await source.slice(at, at + chunkBytes).arrayBuffer());
		}
		return;
	}
	const reader = (source as ReadableStream<Uint8Array>).getReader();
	let done = false;
	try {
		for (;;) {
			const next = await reader.read();
			if (next.done) {
				done = true;
				return;
			}
			const value = next.value;
			for (let at = 0; at < value.length; at += chunkBytes) yield value.subarray(at, at + chunkBytes);
		}
	} finally {
		// Cancelling is cleanup after an error or early exit; that error is the one to report, not this one.
		if (!done) await reader.cancel().catch(() => undefined);
		reader.releaseLock();
	}
}
