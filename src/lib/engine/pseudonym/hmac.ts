/**
 * Keyed HMAC-SHA-256 (RFC 2104, FIPS 198-1) through Web Crypto, available as `crypto.subtle` in
 * browsers and Node ≥ 20. The PPC 事例編 accepts a hash of identifiers only with a secret known to the
 * producer; an unkeyed hash can be brute-forced (DOMAIN.md §1.5), so nothing here hashes without a key.
 */

/** Raw key length: 256 bits, the HMAC-SHA-256 block-size recommendation of RFC 2104 §3 (≥ output size). */
export const KEY_BYTES = 32;

export class KeyError extends Error {
	readonly code = 'BAD_KEY';
	constructor(message: string) {
		super(message);
		this.name = 'KeyError';
	}
}

function subtle(): SubtleCrypto {
	const api = globalThis.crypto?.subtle;
	if (!api)
		throw new KeyError('Web Crypto (crypto.subtle) is not available here (a secure context is needed).');
	return api;
}

/** Fresh random key bytes from the platform CSPRNG. */
export function generateKeyBytes(): Uint8Array {
	return globalThis.crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

export function bytesToHex(bytes: Uint8Array): string {
	let out = '';
	for (const b of bytes) out += b.toString(16).padStart(2, '0');
	return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary);
}

/**
 * Reads a key written as hex (64 digits) or base64 (44 characters, padded or not); surrounding
 * whitespace (a key file's newline) is ignored. Short keys are refused: RFC 2104 §3 discourages keys
 * shorter than the hash output.
 */
export function parseKey(text: string): Uint8Array {
	const trimmed = text.trim();
	let bytes: Uint8Array;
	if (/^[0-9a-fA-F]+$/.test(trimmed) && trimmed.length % 2 === 0) {
		bytes = Uint8Array.from(trimmed.match(/../g)!, (pair) => parseInt(pair, 16));
	} else if (/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || /^[A-Za-z0-9_-]+={0,2}$/.test(trimmed)) {
		const normalized = trimmed.replaceAll('-', '+').replaceAll('_', '/');
		try {
			bytes = Uint8Array.from(atob(normalized), (c) => c.charCodeAt(0));
		} catch {
			throw new KeyError('The key is neither hex nor base64.');
		}
	} else {
		throw new KeyError('The key is neither hex nor base64.');
	}
	if (bytes.length < KEY_BYTES) {
		throw new KeyError(`The key has ${bytes.length} bytes; at least ${KEY_BYTES} (256 bits) are needed.`);
	}
	return bytes;
}

/** Imports raw key bytes as a non-extractable HMAC-SHA-256 signing key. */
export async function importHmacKey(bytes: Uint8Array): Promise<CryptoKey> {
	return subtle().importKey('raw', bytes as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** A random non-extractable key that no one ever sees: per-release surrogates. */
export async function generateEphemeralKey(): Promise<CryptoKey> {
	return subtle().generateKey({ name: 'HMAC', hash: 'SHA-256', length: KEY_BYTES * 8 }, false, ['sign']);
}

const utf8 = new TextEncoder();

/** HMAC-SHA-256 of a message (a string is taken as UTF-8). */
export async function hmacSha256(key: CryptoKey, message: string | Uint8Array): Promise<Uint8Array> {
	const data = typeof message === 'string' ? utf8.encode(message) : message;
	return new Uint8Array(await subtle().sign('HMAC', key, data as BufferSource));
}
