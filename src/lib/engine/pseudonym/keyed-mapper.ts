/**
 * Replaces linking IDs and shifts dates with values derived from a key by HMAC-SHA-256.
 *
 * - `pseudonym`: the key is the user's (kept secret, stable across releases: 仮名加工, DOMAIN.md §1.5).
 * - `surrogate`: the key is random per release and never leaves memory, so surrogates are consistent
 *   across all tables of one release but cannot be linked to another release or reversed
 *   (匿名加工 measure 3: 復元することのできる規則性を有しない方法による置換, §1.2). No mapping is kept.
 * - date offsets: per patient, from the same key, so all of a patient's dates move together.
 *
 * Web Crypto is asynchronous, while the row transformer is synchronous (it runs millions of times):
 * callers `prepare` each batch's distinct values first. Results are cached per distinct value up to
 * `maxCached` entries; past that the cache starts afresh (HMAC is deterministic, so only time is lost),
 * which keeps memory bounded even with tens of millions of patients.
 */
import { bytesToHex, generateEphemeralKey, hmacSha256, importHmacKey } from './hmac';

/** Domain separation: the same patient ID gives unrelated pseudonym and date-offset inputs. */
const ID_CONTEXT = 'tokumei/id\u0000';
const DATE_CONTEXT = 'tokumei/date-shift\u0000';

/** Pseudonyms keep 128 of the 256 HMAC bits (RFC 4231 §4.6 tests this truncation): 32 hex digits. */
export const PSEUDONYM_HEX_DIGITS = 32;

/** Cache size: 131,072 IDs ≈ 20 MB of strings. */
export const MAX_CACHED = 1 << 17;

export class KeyedMapper {
	private readonly ids = new Map<string, string>();
	private readonly offsets = new Map<string, number>();
	maxCached = MAX_CACHED;

	private constructor(
		private readonly key: CryptoKey,
		/** Largest absolute date shift in days. */
		readonly maxShiftDays: number
	) {}

	/** Keyed by the user's secret key bytes (pseudonyms stable across releases). */
	static async fromKeyBytes(bytes: Uint8Array, maxShiftDays = 30): Promise<KeyedMapper> {
		return new KeyedMapper(await importHmacKey(bytes), maxShiftDays);
	}

	/** Keyed by a fresh random key that is never exported (per-release surrogates). */
	static async ephemeral(maxShiftDays = 30): Promise<KeyedMapper> {
		return new KeyedMapper(await generateEphemeralKey(), maxShiftDays);
	}

	/** Computes and caches the replacement of every value not seen yet. */
	async prepareIds(values: Iterable<string>): Promise<void> {
		const distinct = [...new Set(values)];
		const missing = distinct.filter((v) => !this.ids.has(v));
		if (this.ids.size + missing.length > this.maxCached) this.restart(this.ids, distinct);
		const digests = await Promise.all(missing.map((v) => hmacSha256(this.key, ID_CONTEXT + v)));
		missing.forEach((v, i) => this.ids.set(v, bytesToHex(digests[i].subarray(0, PSEUDONYM_HEX_DIGITS / 2))));
	}

	/** Computes and caches the date offset of every patient not seen yet. */
	async prepareOffsets(patients: Iterable<string>): Promise<void> {
		const distinct = [...new Set(patients)];
		const missing = distinct.filter((p) => !this.offsets.has(p));
		if (this.offsets.size + missing.length > this.maxCached) this.restart(this.offsets, distinct);
		const digests = await Promise.all(missing.map((p) => hmacSha256(this.key, DATE_CONTEXT + p)));
		missing.forEach((p, i) => this.offsets.set(p, offsetFromDigest(digests[i], this.maxShiftDays)));
	}

	/** Empties a full cache except for the batch's values that were already cached. */
	private restart<T>(cache: Map<string, T>, batch: readonly string[]): void {
		const keep = new Map<string, T>();
		for (const value of batch) {
			const cached = cache.get(value);
			if (cached !== undefined) keep.set(value, cached);
		}
		cache.clear();
		for (const [value, result] of keep) cache.set(value, result);
	}

	/** The replacement of a prepared value. */
	id(value: string): string {
		const id = this.ids.get(value);
		if (id === undefined) throw new Error('KeyedMapper.id: value was not prepared');
		return id;
	}

	/** The date offset (days, never 0) of a prepared patient. */
	offset(patient: string): number {
		const offset = this.offsets.get(patient);
		if (offset === undefined) throw new Error('KeyedMapper.offset: patient was not prepared');
		return offset;
	}
}

/**
 * A shift in ±[1, max] days from the digest's first 32 bits. Zero is excluded: it would leave a
 * patient's true dates in the output. The modulo bias is below max/2^32 (negligible).
 */
export function offsetFromDigest(digest: Uint8Array, max: number): number {
	if (max < 1) return 0;
	const word = ((digest[0] << 24) | (digest[1] << 16) | (digest[2] << 8) | digest[3]) >>> 0;
	const magnitude = 1 + (word % max);
	return digest[4] & 1 ? magnitude : -magnitude;
}
