/**
 * Typed-array scratch space reused across calls. The search groups, merges or rolls up classes for
 * thousands of lattice nodes; allocating fresh buffers for each dominated its profile, so each module
 * keeps one pool and asks for its buffers by name. A buffer grows by doubling and is never shrunk.
 * Contents are left over from earlier calls: callers clear what they read before writing it.
 * Buffers of one pool alias across calls, never across names, so a module must not hold a buffer
 * across a call that asks the same pool for the same name.
 */
export class ScratchPool {
	private readonly ints = new Map<string, Int32Array>();
	private readonly floats = new Map<string, Float64Array>();

	/** An Int32Array of at least `length` elements. */
	int32(name: string, length: number): Int32Array {
		const current = this.ints.get(name);
		if (current && current.length >= length) return current;
		const grown = new Int32Array(Math.max(length, (current?.length ?? 0) * 2));
		this.ints.set(name, grown);
		return grown;
	}

	/** A Float64Array of at least `length` elements. */
	float64(name: string, length: number): Float64Array {
		const current = this.floats.get(name);
		if (current && current.length >= length) return current;
		const grown = new Float64Array(Math.max(length, (current?.length ?? 0) * 2));
		this.floats.set(name, grown);
		return grown;
	}
}
