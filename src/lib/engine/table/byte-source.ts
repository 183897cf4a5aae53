/** What {@link importTable} reads: a File/Blob (browser, worker), a byte stream, or bytes already in memory. */
export type ByteSource = Blob | ReadableStream<Uint8Array> | Uint8Array;

/**
 * Yields the source's bytes in chunks of at most `chunkBytes` (stream chunks larger than that are split, smaller
 * ones passed as they come). A chunk is valid only until the next one is requested: a Blob is read into one
 * reused buffer where the platform allows it, so only one chunk is in memory at a time. Closing the generator
 * early (an error or a cancel upstream) cancels the stream.
 */
export async function* byteChunks(source: ByteSource, chunkBytes: number): AsyncGenerator<Uint8Array> {
	if (source instanceof Uint8Array) {
		for (let at = 0; at < source.length; at += chunkBytes) yield source.subarray(at, at + chunkBytes);
		return;
	}
	if (typeof Blob !== 'undefined' && source instanceof Blob) {
		const reader = byobReader(source);
		if (reader) {
			yield* blobChunksInto(reader, chunkBytes);
			return;
		}
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

/** A reader that fills buffers we supply, when the Blob's stream is a byte stream (it is in Chromium and Node). */
function byobReader(blob: Blob): ReadableStreamBYOBReader | null {
	try {
		return blob.stream().getReader({ mode: 'byob' });
	} catch {
		return null;
	}
}

/**
 * Reads a Blob through one buffer of `chunkBytes`, refilled for every chunk. Reading each chunk with
 * `slice().arrayBuffer()` allocates a fresh buffer that lives until the next collection: for a 65 MB file that
 * left up to ~90 MB of dead buffers in the data worker (measured with CDP's Runtime.getHeapUsage in the import
 * benchmark). A BYOB read transfers the buffer to the stream and back, so its memory is reused
 * (https://streams.spec.whatwg.org/#byob-reader-class).
 */
async function* blobChunksInto(
	reader: ReadableStreamBYOBReader,
	chunkBytes: number
): AsyncGenerator<Uint8Array> {
	let buffer = new ArrayBuffer(chunkBytes);
	let done = false;
	try {
		while (!done) {
			let filled = 0;
			while (filled < chunkBytes) {
				const next = await reader.read(new Uint8Array(buffer, filled, chunkBytes - filled));
				if (next.value) {
					buffer = next.value.buffer as ArrayBuffer;
					filled += next.value.byteLength;
				}
				if (next.done) {
					done = true;
					break;
				}
			}
			if (filled > 0) yield new Uint8Array(buffer, 0, filled);
		}
	} finally {
		if (!done) await reader.cancel().catch(() => undefined);
		reader.releaseLock();
	}
}
