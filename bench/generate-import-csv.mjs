// Writes the import benchmark's input: a deterministic synthetic CSV of N rows × 10 columns
// (default 1,000,000 rows, about 64 MB, UTF-8, LF). All values are made up.
// Usage: node bench/generate-import-csv.mjs [rows] [out.csv]
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

const rows = Number(process.argv[2] ?? 1_000_000);
const out = process.argv[3] ?? `bench/out/import-${rows}.csv`;

if (existsSync(out) && statSync(out).size > 0) {
	console.log(`${out} exists (${statSync(out).size} bytes)`);
	process.exit(0);
}
await mkdir(dirname(out), { recursive: true });

// mulberry32 (Tommy Ettinger): a small, fast, seedable PRNG so every run writes the same file.
let seed = 20240401;
function random() {
	seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pad = (n, w) => String(n).padStart(w, '0');
const prefectures = [
	'北海道',
	'青森県',
	'宮城県',
	'東京都',
	'神奈川県',
	'愛知県',
	'大阪府',
	'兵庫県',
	'広島県',
	'福岡県',
	'沖縄県'
];
const icd = ['E11', 'I10', 'J45', 'K21', 'M54', 'E78', 'I25', 'N18', 'F32', 'C34'];

const stream = createWriteStream(out);
stream.write('患者ID,性別,生年月日,年齢,都道府県,郵便番号,受診日,ICD10,HbA1c,BMI\n');
let chunk = '';
for (let i = 0; i < rows; i++) {
	const year = int(1930, 2015);
	chunk +=
		`P${pad(i, 7)},${random() < 0.5 ? '男' : '女'},${year}${pad(int(1, 12), 2)}${pad(int(1, 28), 2)},` +
		`${2024 - year},${prefectures[int(0, prefectures.length - 1)]},${pad(int(0, 9_999_999), 7)},` +
		`2023${pad(int(1, 12), 2)}${pad(int(1, 28), 2)},${icd[int(0, icd.length - 1)]},` +
		`${random() < 0.03 ? '' : (4.5 + random() * 6).toFixed(1)},${(16 + random() * 20).toFixed(1)}\n`;
	if (chunk.length > 1 << 16) {
		if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
		chunk = '';
	}
}
stream.end(chunk);
await new Promise((r) => stream.on('finish', r));
console.log(`wrote ${out} (${statSync(out).size} bytes, ${rows} rows)`);
