import { releaseBuffer } from './release-buffer';

/**
 * A value → code index for a dictionary that is being built: an open-addressing hash table with linear probing
 * (Knuth, TAOCP vol. 3, §6.4, algorithm L) whose slots are one Int32Array of codes; the strings themselves are
 * only the dictionary's own `values`. Why not a JS object or Map: for a nearly unique column (patient IDs,
 * postal codes) of 1,000,000 rows, V8's dictionary-mode object held ~50 MB beside the 32 MB of strings (Node 20,
 * measured), as each key is internalized and kept in a three-word entry; here each value costs 8–16 bytes of slots.
 */

/** Slots are at most this full (load factor ½: short probe runs, measured on the import benchmark). */
const MAX_LOAD_SHIFT = 1;
const INITIAL_SLOTS = 64;

/**
 * FNV-1a over UTF-16 code units (Fowler, Noll, Vo; http://www.isthe.com/chongo/tech/comp/fnv/) followed by the
 * MurmurHash3 32-bit finalizer (Appleby, fmix32), which spreads FNV's weak low bits before they pick a slot.
 */
export function hashString(value: string): number {
	return hashRange(value, 0, value.length);
}

/** {@link hashString} of `text.slice(start, end)`, without making that string. */
export function hashRange(text: string, start: number, end: number): number {
	let h = 0x811c9dc5;
	for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

/** Whether `value` equals `text.slice(start, end)`. */
function equalsRange(value: string, text: string, start: number, end: number): boolean {
	if (value.length !== end - start) return false;
	for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
	return true;
}

export class ValueIndex {
	/** code + 1 per occupied slot, 0 when empty. */
	private slots = new Int32Array(INITIAL_SLOTS);
	private mask = INITIAL_SLOTS - 1;

	/** `values` is the dictionary the codes point into; the index never copies it. */
	constructor(private readonly values: readonly string[]) {
		for (let code = 0; code < values.length; code++) this.insert(code);
	}

	/** The code of `value`, or -1 when it is not in the dictionary. */
	find(value: string): number {
		const { slots, mask, values } = this;
		for (let i = hashString(value) & mask; ; i = (i + 1) & mask) {
			const slot = slots[i];
			if (slot === 0) return -1;
			if (values[slot - 1] === value) return slot - 1;
		}
	}

	/** The code of `text.slice(start, end)`, or -1; looks it up without making that string. */
	findRange(text: string, start: number, end: number): number {
		const { slots, mask, values } = this;
		for (let i = hashRange(text, start, end) & mask; ; i = (i + 1) & mask) {
			const slot = slots[i];
			if (slot === 0) return -1;
			if (equalsRange(values[slot - 1], text, start, end)) return slot - 1;
		}
	}

	/** Records that `values[code]` (not yet indexed) has this code. */
	insert(code: number): void {
		if ((code + 1) << MAX_LOAD_SHIFT > this.slots.length) this.grow(this.slots.length * 2);
		this.place(code);
	}

	/** Makes room for `count` values in one step (no rehash at each doubling on the way there). */
	reserve(count: number): void {
		let size = this.slots.length;
		while (count << MAX_LOAD_SHIFT > size) size *= 2;
		if (size > this.slots.length) this.grow(size);
	}

	private place(code: number): void {
		const { slots, mask } = this;
		let i = hashString(this.values[code]) & mask;
		while (slots[i] !== 0) i = (i + 1) & mask;
		slots[i] = code + 1;
	}

	private grow(size: number): void {
		const old = this.slots;
		this.slots = new Int32Array(size);
		this.mask = this.slots.length - 1;
		for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.place(old[i] - 1);
		releaseBuffer(old);
	}

	/** Frees the slots now; the index must not be used afterwards. */
	release(): void {
		releaseBuffer(this.slots);
		this.slots = new Int32Array(0);
	}
}
