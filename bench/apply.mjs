// `tokumei apply` benchmark (issue 6): generates a CSV of N rows × 10 columns in a temp dir (streamed to
// disk, never held in memory), runs the bundled CLI on it in a child process and reports rows/s and the
// child's peak RSS. Run for two sizes to show that peak memory does not grow with the file:
//   node scripts/build-cli.mjs && node bench/apply.mjs 1000000 10000000
// Target: ≥ 500,000 rows/s; peak RSS independent of the number of rows.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const sizes = process.argv
	.slice(2)
	.map(Number)
	.filter((n) => n > 0);
if (sizes.length === 0) sizes.push(1_000_000, 10_000_000);

const PREFECTURES = 47;
const header = [
	'patient_id',
	'age',
	'sex',
	'prefecture',
	'visit_date',
	'icd10',
	'dept',
	'ward',
	'los_days',
	'cost'
];

/** Deterministic pseudo-random stream (xorshift32), so every run writes the same file. */
function random(seed) {
	let x = seed >>> 0 || 1;
	return () => {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		return (x >>> 0) / 4294967296;
	};
}

async function generate(file, rows) {
	const out = createWriteStream(file);
	const next = random(42);
	out.write(header.join(',') + '\n');
	let buffer = '';
	for (let i = 0; i < rows; i++) {
		const age = Math.floor(next() * 100);
		const month = 1 + Math.floor(next() * 12);
		const day = 1 + Math.floor(next() * 28);
		buffer +=
			`P${(i % 2_000_000).toString(36)},${age},${next() < 0.5 ? 'M' : 'F'},${1 + Math.floor(next() * PREFECTURES)},` +
			`2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},` +
			`${String.fromCharCode(65 + Math.floor(next() * 26))}${Math.floor(next() * 100)},` +
			`D${Math.floor(next() * 30)},W${Math.floor(next() * 12)},${Math.floor(next() * 60)},${Math.floor(next() * 1e6)}\n`;
		if (buffer.length > 1 << 20) {
			if (!out.write(buffer)) await once(out, 'drain');
			buffer = '';
		}
	}
	out.write(buffer);
	out.end();
	await once(out, 'finish');
}

function project(dir, dataFile) {
	const age = Array.from({ length: 100 }, (_, a) => [
		String(a),
		`${a - (a % 5)}-${a - (a % 5) + 4}`,
		`${a - (a % 20)}-${a - (a % 20) + 19}`,
		'*'
	]);
	const sex = [
		['M', '*'],
		['F', '*']
	];
	const prefecture = Array.from({ length: PREFECTURES }, (_, p) => [
		String(p + 1),
		`region-${Math.floor(p / 6)}`,
		'*'
	]);
	const file = path.join(dir, 'project.json');
	writeFileSync(
		file,
		JSON.stringify({
			tokumei: 1,
			data: { path: dataFile },
			attributes: {
				patient_id: { role: 'identifying' },
				age: { role: 'quasi-identifying', hierarchy: { rows: age } },
				sex: { role: 'quasi-identifying', hierarchy: { rows: sex } },
				prefecture: { role: 'quasi-identifying', hierarchy: { rows: prefecture } }
			},
			privacy: [{ model: 'k-anonymity', k: 5 }],
			suppressionLimit: 0.05,
			transformation: { age: 1, sex: 0, prefecture: 1 }
		})
	);
	return file;
}

// Runs the CLI's main() in a child Node process and prints its peak RSS (resourceUsage().maxRSS, KiB).
const runner = `
	const { main } = await import(${JSON.stringify(path.join(root, 'dist/cli.mjs'))});
	const code = await main(process.argv.slice(1));
	process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n');
	process.exitCode = code;
`;

const results = [];
for (const rows of sizes) {
	const dir = mkdtempSync(path.join(tmpdir(), 'tokumei-bench-apply-'));
	try {
		const data = path.join(dir, 'data.csv');
		let started = performance.now();
		await generate(data, rows);
		const generateSeconds = (performance.now() - started) / 1000;
		const config = project(dir, data);
		started = performance.now();
		const run = spawnSync(
			process.execPath,
			['--input-type=module', '-e', runner, 'apply', config, '--out', path.join(dir, 'out.csv')],
			{ encoding: 'utf8', maxBuffer: 1 << 24 }
		);
		const seconds = (performance.now() - started) / 1000;
		if (run.status !== 0) throw new Error(`apply failed: ${run.stderr}`);
		const summary = JSON.parse(run.stdout);
		const maxRssKiB = Number(/MAXRSS (\d+)/.exec(run.stderr)[1]);
		results.push({
			rows,
			inputMB: +(statSync(data).size / 1e6).toFixed(1),
			outputMB: +(statSync(path.join(dir, 'out.csv')).size / 1e6).toFixed(1),
			generateSeconds: +generateSeconds.toFixed(1),
			applySeconds: +seconds.toFixed(2),
			rowsPerSecond: Math.round(rows / seconds),
			peakRssMB: +(maxRssKiB / 1024).toFixed(1),
			suppressedRecords: summary.privacy.suppressedRecords,
			classes: summary.privacy.equivalenceClasses,
			k: summary.privacy.minClassSize
		});
		console.log(JSON.stringify(results.at(-1)));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
