/**
 * Writes JSON text as UTF-8 straight into a reused byte buffer, the same bytes as `TextEncoder` applied to
 * `JSON.stringify` output. Saving a table writes every dictionary value this way: building the JSON as strings
 * (even in small pieces) made ~75 MB of short-lived strings for 1,000,000 × 10, which filled V8's young
 * generation and raised the tab's peak by ~40 MB during the save (import benchmark, stage "save").
 * String escaping follows QuoteJSONString (ECMA-262, https://tc39.es/ecma262/#sec-quotejsonstring), including
 * the well-formed JSON.stringify rule that lone surrogates are written as \uXXXX escapes.
 */
export class JsonUtf8Buffer {
	readonly bytes: Uint8Array;
	length = 0;

	constructor(capacity: number) {
		this.bytes = new Uint8Array(capacity);
	}

	/** Whether `value` as a JSON string (at most 6 bytes per UTF-16 unit, quotes and a separator) surely fits. */
	fits(value: string): boolean {
		return this.length + value.length * 6 + 3 <= this.bytes.length;
	}

	/** Appends ASCII text (JSON punctuation, numbers); the caller checked it fits. */
	ascii(text: string): void {
		const bytes = this.bytes;
		let at = this.length;
		for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
		this.length = at;
	}

	/** Appends `value` as a JSON string literal; the caller checked {@link fits}. */
	string(value: string): void {
		const bytes = this.bytes;
		let at = this.length;
		bytes[at++] = 0x22;
		for (let i = 0; i < value.length; i++) {
			const c = value.charCodeAt(i);
			if (c < 0x80) {
				if (c >= 0x20 && c !== 0x22 && c !== 0x5c) bytes[at++] = c;
				else at = escapeAscii(bytes, at, c);
			} else if (c < 0x800) {
				bytes[at++] = 0xc0 | (c >> 6);
				bytes[at++] = 0x80 | (c & 0x3f);
			} else if (c >= 0xd800 && c <= 0xdfff) {
				const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
				if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
					const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
					bytes[at++] = 0xf0 | (cp >> 18);
					bytes[at++] = 0x80 | ((cp >> 12) & 0x3f);
					bytes[at++] = 0x80 | ((cp >> 6) & 0x3f);
					bytes[at++] = 0x80 | (cp & 0x3f);
					i++;
				} else at = unicodeEscape(bytes, at, c);
			} else {
				bytes[at++] = 0xe0 | (c >> 12);
				bytes[at++] = 0x80 | ((c >> 6) & 0x3f);
				bytes[at++] = 0x80 | (c & 0x3f);
			}
		}
		bytes[at++] = 0x22;
		this.length = at;
	}

	/** The bytes written since the last take(), valid until the next write; the buffer then starts over. */
	take(): Uint8Array {
		const out = this.bytes.subarray(0, this.length);
		this.length = 0;
		return out;
	}
}

const SHORT_ESCAPES: Record<number, number> = {
	0x08: 0x62, // \b
	0x09: 0x74, // \t
	0x0a: 0x6e, // \n
	0x0c: 0x66, // \f
	0x0d: 0x72, // \r
	0x22: 0x22, // \"
	0x5c: 0x5c // \\
};

function escapeAscii(bytes: Uint8Array, at: number, c: number): number {
	const short = SHORT_ESCAPES[c];
	if (short === undefined) return unicodeEscape(bytes, at, c);
	bytes[at++] = 0x5c;
	bytes[at++] = short;
	return at;
}

const HEX = '0123456789abcdef';

/** `\uXXXX` with lowercase hex digits, as JSON.stringify writes it. */
function unicodeEscape(bytes: Uint8Array, at: number, c: number): number {
	bytes[at++] = 0x5c;
	bytes[at++] = 0x75;
	for (let shift = 12; shift >= 0; shift -= 4) bytes[at++] = HEX.charCodeAt((c >> shift) & 0xf);
	return at;
}
