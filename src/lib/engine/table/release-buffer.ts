/**
 * Frees a typed array's memory now rather than at the next full garbage collection. A buffer that lives long
 * enough to leave the young generation (a code buffer, a hash index) is otherwise reclaimed only by a
 * mark-compact, and during an import several such dead buffers of megabytes each would add up at the peak.
 * `ArrayBuffer.prototype.transfer(0)` (ES2024, https://tc39.es/ecma262/#sec-arraybuffer.prototype.transfer)
 * detaches the buffer, which releases its store at once. Where it is missing (Node 20) a transferring
 * structuredClone detaches it too, its store then owned by a clone that dies young. Views of a detached buffer
 * read as empty, so the caller must hold the only views of the buffer.
 */
export function releaseBuffer(array: ArrayBufferView): void {
	const buffer = array.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
	if (buffer.byteLength === 0) return;
	if (typeof buffer.transfer === 'function') buffer.transfer(0);
	else structuredClone(buffer, { transfer: [buffer] });
}
