import { describe, expect, it } from 'vitest';
import {
	bytesToBase64,
	bytesToHex,
	generateKeyBytes,
	hmacSha256,
	importHmacKey,
	KeyError,
	parseKey
} from '../../../../src/lib/engine/pseudonym/hmac';
import { KeyedMapper, offsetFromDigest } from '../../../../src/lib/engine/pseudonym/keyed-mapper';
import { shiftDate } from '../../../../src/lib/engine/pseudonym/date-shift';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (p) => parseInt(p, 16));

describe('HMAC-SHA-256 (RFC 4231 test vectors)', () => {
	it('test case 1', async () => {
		const key = await importHmacKey(new Uint8Array(20).fill(0x0b));
		expect(bytesToHex(await hmacSha256(key, 'Hi There'))).toBe(
			'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'
		);
	});

	it('test case 2 (key "Jefe")', async () => {
		const key = await importHmacKey(new TextEncoder().encode('Jefe'));
		expect(bytesToHex(await hmacSha256(key, 'what do ya want for nothing?'))).toBe(
			'5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'
		);
	});

	it('test case 5, truncated to 128 bits', async () => {
		const key = await importHmacKey(new Uint8Array(20).fill(0x0c));
		const mac = await hmacSha256(key, 'Test With Truncation');
		expect(bytesToHex(mac.subarray(0, 16))).toBe('a3b6167473100ee06e0c796c2955552b');
	});
});

describe('keys', () => {
	it('round-trips a generated key through hex and base64', () => {
		const bytes = generateKeyBytes();
		expect(bytes.length).toBe(32);
		expect(parseKey(bytesToHex(bytes))).toEqual(bytes);
		expect(parseKey(`${bytesToBase64(bytes)}\n`)).toEqual(bytes);
		expect(generateKeyBytes()).not.toEqual(bytes);
	});

	it('refuses short or malformed keys', () => {
		expect(() => parseKey('00ff')).toThrow(KeyError);
		expect(() => parseKey('not a key!')).toThrow(KeyError);
	});
});

describe('KeyedMapper', () => {
	const key = hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');

	it('gives pseudonyms that are stable across runs and depend on the key', async () => {
		const a = await KeyedMapper.fromKeyBytes(key);
		const b = await KeyedMapper.fromKeyBytes(key);
		await a.prepareIds(['P001', 'P002']);
		await b.prepareIds(['P002', 'P001']);
		expect(a.id('P001')).toBe(b.id('P001'));
		expect(a.id('P001')).toMatch(/^[0-9a-f]{32}$/);
		expect(a.id('P001')).not.toBe(a.id('P002'));
		// The pseudonym is the first 128 bits of HMAC-SHA-256(key, context ‖ ID): recompute it independently.
		const expected = await hmacSha256(await importHmacKey(key), 'tokumei/id\u0000P001');
		expect(a.id('P001')).toBe(bytesToHex(expected.subarray(0, 16)));
		const other = await KeyedMapper.fromKeyBytes(key.map((x) => x ^ 1));
		await other.prepareIds(['P001']);
		expect(other.id('P001')).not.toBe(a.id('P001'));
	});

	it('per-release surrogates agree within a release and differ between releases', async () => {
		const release = await KeyedMapper.ephemeral();
		await release.prepareIds(['P001']);
		const first = release.id('P001');
		await release.prepareIds(['P001', 'P009']);
		expect(release.id('P001')).toBe(first);
		const next = await KeyedMapper.ephemeral();
		await next.prepareIds(['P001']);
		expect(next.id('P001')).not.toBe(first);
	});

	it('date offsets are per patient, non-zero and within ±max days', async () => {
		const mapper = await KeyedMapper.fromKeyBytes(key, 10);
		const patients = Array.from({ length: 200 }, (_, i) => `P${i}`);
		await mapper.prepareOffsets(patients);
		const offsets = patients.map((p) => mapper.offset(p));
		for (const o of offsets) {
			expect(o).not.toBe(0);
			expect(Math.abs(o)).toBeLessThanOrEqual(10);
		}
		expect(new Set(offsets).size).toBeGreaterThan(10);
		expect(offsetFromDigest(Uint8Array.of(0, 0, 0, 4, 1), 10)).toBe(5);
		expect(offsetFromDigest(Uint8Array.of(0, 0, 0, 4, 0), 10)).toBe(-5);
	});

	it('requires values to be prepared first', async () => {
		const mapper = await KeyedMapper.fromKeyBytes(key);
		expect(() => mapper.id('x')).toThrow(/not prepared/);
	});
});

describe('shiftDate', () => {
	it('keeps the written format and crosses month and year ends', () => {
		expect(shiftDate('2024-02-28', 2)).toBe('2024-03-01');
		expect(shiftDate('20231231', 1)).toBe('20240101');
		expect(shiftDate('2024/01/05', -10)).toBe('2023/12/26');
		expect(shiftDate('令和6年1月5日', 1)).toBe('2024-01-06');
		expect(shiftDate('', 5)).toBe('');
		expect(() => shiftDate('tomorrow', 1)).toThrow(/not a date/);
	});
});

describe('KeyedMapper cache', () => {
	it('stays bounded and gives the same values after starting afresh', async () => {
		const key = new Uint8Array(32).fill(3);
		const bounded = await KeyedMapper.fromKeyBytes(key);
		bounded.maxCached = 4;
		const reference = await KeyedMapper.fromKeyBytes(key);
		const batches = [
			['a', 'b', 'c'],
			['c', 'd', 'e'],
			['a', 'f']
		];
		for (const batch of batches) {
			await bounded.prepareIds(batch);
			await bounded.prepareOffsets(batch);
			await reference.prepareIds(batch);
			await reference.prepareOffsets(batch);
			for (const v of batch) {
				expect(bounded.id(v)).toBe(reference.id(v));
				expect(bounded.offset(v)).toBe(reference.offset(v));
			}
		}
		// 'b' was dropped when the cache started afresh for the second batch.
		expect(() => bounded.id('b')).toThrow(/not prepared/);
		expect(reference.id('b')).toMatch(/^[0-9a-f]{32}$/);
	});
});
