#!/usr/bin/env node
// Writes the synthetic sample dataset (UTF-8 and Shift_JIS) that the app offers with one click.
// Usage: node scripts/generate-sample.mjs [--rows N] [--out DIR] [--seed N] [--if-missing]
// Deterministic: the same options always produce the same bytes. No real personal data is involved.
import Encoding from 'encoding-japanese';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, HEADER, generatePatients, toCsv } from './sample/generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
	options: {
		rows: { type: 'string', default: '20000' },
		out: { type: 'string', default: path.join(root, 'static', 'sample') },
		seed: { type: 'string', default: String(DEFAULT_SEED) },
		'if-missing': { type: 'boolean', default: false }
	}
});

const rows = Number(values.rows);
const seed = Number(values.seed);
if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(seed)) {
	process.stderr.write('generate-sample: --rows must be a positive integer and --seed an integer\n');
	process.exit(2);
}
const utf8Path = path.join(values.out, 'tokumei-sample-utf8.csv');
const sjisPath = path.join(values.out, 'tokumei-sample-sjis.csv');
if (values['if-missing'] && existsSync(utf8Path) && existsSync(sjisPath)) {
	process.stdout.write(
		`generate-sample: ${path.relative(process.cwd(), values.out) || '.'} already has the sample\n`
	);
	process.exit(0);
}

const patients = generatePatients(rows, seed);
mkdirSync(values.out, { recursive: true });
// UTF-8 with LF; Shift_JIS (CP932) with CRLF, as Windows-based hospital systems write it.
writeFileSync(utf8Path, toCsv(HEADER, patients, '\n'));
const sjis = Encoding.convert(Encoding.stringToCode(toCsv(HEADER, patients, '\r\n')), {
	to: 'SJIS',
	from: 'UNICODE'
});
writeFileSync(sjisPath, Uint8Array.from(sjis));
process.stdout.write(`generate-sample: wrote ${rows} patients to ${utf8Path} and ${sjisPath}\n`);
