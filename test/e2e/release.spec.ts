import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCsvText } from '../../src/lib/engine/table/csv';
import { expect, openApp, sample, test } from './fixtures';

// Issue 6: several loaded tables in one release. The sample (patients' visits) and a lab table that
// shares its 患者ID are designed one after the other — each keeps its own design — and released
// together: the ZIP holds both files, a patient's surrogate is the same in both, and a patient refused
// by kana name + birth date + sex (columns only the sample has) is gone from the lab table too.

const step = (page: Page, id: string) => page.locator(`nav [data-step="${id}"]`).click();

test('two tables, one release: surrogates agree across tables, opt-out removes a patient from both', async ({
	page
}) => {
	test.setTimeout(300_000);
	const facts = sample();
	const col = (name: string) => facts.header.indexOf(name);
	// Two lab results for each of the first 300 patients of the sample.
	const patients = facts.rows.slice(0, 300).map((r) => r[col('患者ID')]);
	const labs = [
		['患者ID', '検査', '結果'],
		...patients.flatMap((id, i) => [
			[id, 'HbA1c', (5 + (i % 9) / 10).toFixed(1)],
			[id, 'LDL', String(90 + (i % 50))]
		])
	];
	const labsCsv = labs.map((r) => r.join(',')).join('\n') + '\n';

	await openApp(page);
	await page.getByRole('button', { name: 'サンプルデータで試す' }).click();
	await expect(page.getByTestId('notice')).toContainText('tokumei-sample-utf8.csv', { timeout: 60_000 });
	await page.getByTestId('file-input').setInputFiles({
		name: 'labs.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(labsCsv)
	});
	await expect(page.getByRole('tab')).toHaveCount(2);

	// The lab table (active after its import): its patient ID becomes a random surrogate.
	await step(page, 'export');
	await expect(page.getByLabel('出力での 患者ID の扱い')).toBeVisible();
	await page.getByLabel('出力での 患者ID の扱い').selectOption('surrogate');
	await expect(page.getByTestId('export-patient').getByLabel('患者ID')).toHaveValue('患者ID');
	await expect(page.getByTestId('release-table')).toHaveCount(2);
	await expect(
		page.getByTestId('release-table').filter({ hasText: 'tokumei-sample-utf8.csv' })
	).toHaveAttribute('data-included', 'false');

	// The sample: the 匿名加工 preset (surrogate IDs, names removed, generalized QIs).
	await step(page, 'data');
	await page.getByRole('tab', { name: /tokumei-sample-utf8\.csv/ }).click();
	await step(page, 'roles');
	await page.getByLabel('次世代医療基盤法・匿名加工').check();
	await page.getByRole('button', { name: 'プリセットを適用' }).click();
	await expect(page.getByTestId('preset-current')).toContainText('匿名加工');
	await step(page, 'search');
	await page.getByRole('button', { name: '最適な加工を探す' }).click();
	await expect(page.getByTestId('apply-optimum')).toBeVisible({ timeout: 120_000 });
	await page.getByTestId('apply-optimum').click();
	await expect(page.getByTestId('verdict')).toHaveText(/プライバシーモデルを満たしています/);

	await step(page, 'export');
	await expect(page.getByLabel('出力での 患者ID の扱い')).toHaveValue('surrogate');
	const release = page.getByTestId('release-tables');
	await expect(release.getByTestId('release-table')).toHaveCount(2);
	// The lab table kept its design while the sample was designed; it joins the release when ticked.
	await expect(release.locator('[data-name="labs.csv"]')).toHaveAttribute('data-included', 'false');
	await expect(page.getByTestId('release-count')).toHaveAttribute('data-count', '1');
	await page.getByLabel('labs.csv をこの出力に含める').check();
	await expect(release.locator('[data-name="labs.csv"]')).toHaveAttribute('data-included', 'true');
	await expect(page.getByTestId('release-count')).toHaveAttribute('data-count', '2');

	// Refused by kana name + birth date + sex: only the sample can match it; labs loses the patient by ID.
	const refused = facts.rows[4];
	const refusedId = refused[col('患者ID')];
	const optOutCsv = `kana_name,birth_date,sex\n${refused[col('氏名カナ')]},${refused[col('生年月日')]},${refused[col('性別')]}\n`;
	await page.getByTestId('optout-input').setInputFiles({
		name: 'optout.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(optOutCsv)
	});
	await expect(page.getByTestId('optout-counts')).toHaveAttribute('data-entries', '1');

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-data').click()
	]);
	expect(download.suggestedFilename()).toBe('tokumei-release.zip');
	const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
	expect(Object.keys(files).sort()).toEqual(['labs-anonymized.csv', 'tokumei-sample-utf8-anonymized.csv']);
	const outSample = parseCsvText(new TextDecoder().decode(files['tokumei-sample-utf8-anonymized.csv']));
	const outLabs = parseCsvText(new TextDecoder().decode(files['labs-anonymized.csv']));

	// Records keep their order: pair each kept input record with its output record.
	const keptSample = facts.rows.filter((r) => r[col('患者ID')] !== refusedId);
	const keptLabs = labs.slice(1).filter((r) => r[0] !== refusedId);
	expect(outSample.rows).toHaveLength(keptSample.length);
	expect(outLabs.rows).toHaveLength(keptLabs.length);
	expect(keptLabs).toHaveLength(598);
	const surrogateOf = new Map<string, string>();
	const sampleId = outSample.header.indexOf('患者ID');
	keptSample.forEach((r, i) => surrogateOf.set(r[col('患者ID')], outSample.rows[i][sampleId]));
	keptLabs.forEach((r, i) => {
		expect(outLabs.rows[i][0]).toBe(surrogateOf.get(r[0]));
		expect(outLabs.rows[i][0]).not.toBe(r[0]);
	});
	expect(new TextDecoder().decode(files['labs-anonymized.csv'])).not.toContain(refusedId);

	const summary = page.getByTestId('release-summary');
	await expect(summary.locator('[data-name="labs.csv"]')).toHaveAttribute('data-optout', '2');
	await expect(page.getByTestId('release-optout')).toHaveAttribute('data-matched', '1');
	await expect(page.getByTestId('release-optout')).toHaveAttribute('data-patients', '1');

	const [recordDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('record-json').click()
	]);
	const record = JSON.parse(readFileSync(await recordDownload.path(), 'utf8'));
	expect(record.format).toBe('tokumei-release-record');
	expect(record.inputs.map((i: { name: string }) => i.name)).toEqual(['tokumei-sample-utf8.csv', 'labs.csv']);
	expect(record.optOut.refusedRecords).toBe(facts.rows.length - keptSample.length + 2);
	expect(JSON.stringify(record)).not.toContain(refusedId);

	// The same release on the command line: the project files the Export step saves, beside the data.
	const [projectsDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('release-projects').click()
	]);
	const projects = unzipSync(new Uint8Array(readFileSync(await projectsDownload.path())));
	expect(Object.keys(projects).sort()).toEqual(['labs.tokumei.json', 'tokumei-sample-utf8.tokumei.json']);
	const dir = mkdtempSync(path.join(tmpdir(), 'tokumei-release-'));
	try {
		for (const [name, bytes] of Object.entries(projects)) writeFileSync(path.join(dir, name), bytes);
		copyFileSync('static/sample/tokumei-sample-utf8.csv', path.join(dir, 'tokumei-sample-utf8.csv'));
		writeFileSync(path.join(dir, 'labs.csv'), labsCsv);
		writeFileSync(path.join(dir, 'optout.csv'), optOutCsv);
		const command = (await page.getByTestId('release-command').textContent())!.trim();
		expect(command).toBe(
			'npx tokumei release tokumei-sample-utf8.tokumei.json labs.tokumei.json --out-dir release/ ' +
				'--preset anonymous --optout optout.csv --report release-record.html'
		);
		execFileSync(process.execPath, ['scripts/build-cli.mjs']); // the CLI of this checkout
		const cli = spawnSync(
			process.execPath,
			[
				path.resolve('bin/tokumei.mjs'),
				'release',
				'tokumei-sample-utf8.tokumei.json',
				'labs.tokumei.json',
				'--out-dir',
				'release',
				'--optout',
				'optout.csv',
				'--preset',
				'anonymous',
				'--report',
				'release-record.json'
			],
			{ cwd: dir, encoding: 'utf8' }
		);
		expect(cli.status, cli.stderr).toBe(0);
		const result = JSON.parse(cli.stdout);
		expect(result.tables.map((t: { recordsOut: number }) => t.recordsOut)).toEqual([
			outSample.rows.length,
			outLabs.rows.length
		]);
		expect(result.optOut).toEqual(record.optOut);
		// The CLI's release record has the browser's figures and checklist (dates and hashes aside).
		const cliRecord = JSON.parse(readFileSync(path.join(dir, 'release-record.json'), 'utf8'));
		expect(cliRecord.totals).toEqual(record.totals);
		expect(cliRecord.checklist).toEqual(record.checklist);
		expect(cliRecord.inputs.map((i: { sha256: string }) => i.sha256)).toEqual(
			record.inputs.map((i: { sha256: string }) => i.sha256)
		);
		// Same rules: every column but the per-release surrogates is equal, row by row.
		const cliSample = parseCsvText(
			readFileSync(path.join(dir, 'release/tokumei-sample-utf8-anonymized.csv'), 'utf8')
		);
		const drop = (rows: string[][]) => rows.map((r) => r.filter((_, i) => i !== sampleId).join('\u0000'));
		expect(drop(cliSample.rows)).toEqual(drop(outSample.rows));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}

	await summary.scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screenshots/release-ja-JP.png' });
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { name: 'Tables in this release' })).toBeVisible();
	await page.getByRole('heading', { name: 'Tables in this release' }).scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'test-results/screenshots/release-tables-en-US.png' });

	// Both designs survive a reload: the lab table can join the release again without being redesigned.
	await page.reload();
	const labsRow = page.getByTestId('release-tables').locator('[data-name="labs.csv"]');
	await expect(labsRow).toContainText('患者ID', { timeout: 30_000 });
	await labsRow.getByRole('checkbox').check();
	await expect(page.getByTestId('release-count')).toHaveAttribute('data-count', '2');
});
