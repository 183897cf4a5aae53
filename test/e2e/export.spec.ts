import type { Download, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { restoreNeutralized } from '../../src/lib/engine/export/delimited-writer';
import { parseCsvText } from '../../src/lib/engine/table/csv';
import { importTable } from '../../src/lib/engine/table/import';
import { cell, expect, openApp, test } from './fixtures';

// The proof (issue 6): sample → preset → rules → export in both encodings and the record;
// the released file, read back with the engine's importer, has the k the record claims. Hostile
// values survive export and re-import with their meaning and never run.

const step = (page: Page, id: string) => page.locator(`nav [data-step="${id}"]`).click();

async function bytesOf(download: Download): Promise<Uint8Array> {
	return new Uint8Array(readFileSync(await download.path()));
}

async function save(page: Page, testId: string): Promise<Download> {
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
	return download;
}

/** k of a released file measured with the engine: import (encoding detected), group the QI codes. */
async function measuredK(bytes: Uint8Array, qis: readonly string[], marker: string) {
	const { table } = await importTable(new Blob([bytes as BlobPart]), { encoding: 'auto', delimiter: 'auto' });
	const columns = qis.map((n) => table.columns.find((c) => c.name === n)!);
	const sizes = new Map<string, number>();
	let suppressed = 0;
	for (let row = 0; row < table.rowCount; row++) {
		const values = columns.map((c) => c.values[c.codes[row]]);
		if (values.every((v) => v === marker)) {
			suppressed++;
			continue;
		}
		const key = columns.map((c) => c.codes[row]).join(',');
		sizes.set(key, (sizes.get(key) ?? 0) + 1);
	}
	return { k: Math.min(...sizes.values()), suppressed, rows: table.rowCount, table };
}

test.describe('export', () => {
	test('sample → preset → rules → CSV in UTF-8 and Shift_JIS + record; k re-measured equals the record', async ({
		page
	}) => {
		test.setTimeout(300_000);
		await openApp(page);
		await page.getByRole('button', { name: 'サンプルデータで試す' }).click();
		await expect(page.getByTestId('notice')).toContainText('tokumei-sample-utf8.csv', { timeout: 60_000 });
		await step(page, 'roles');
		await page.getByLabel('次世代医療基盤法・匿名加工').check();
		await page.getByTestId('preset-k').selectOption('5');
		await page.getByRole('button', { name: 'プリセットを適用' }).click();
		await expect(page.getByTestId('preset-current')).toContainText('匿名加工');
		// Rules: the optimum the search finds under the preset's models.
		await step(page, 'search');
		await page.getByRole('button', { name: '最適な加工を探す' }).click();
		await expect(page.getByTestId('apply-optimum')).toBeVisible({ timeout: 120_000 });
		await page.getByTestId('apply-optimum').click();
		await expect(page.getByTestId('verdict')).toHaveText(/プライバシーモデルを満たしています/);

		await step(page, 'export');
		const exportStep = page.getByTestId('export-step');
		await expect(exportStep.getByRole('heading', { name: '8. 出力' })).toBeVisible();
		// Patient columns guessed from the proposals; the preset replaced the patient ID by a surrogate.
		await expect(page.getByTestId('export-patient').getByLabel('患者ID')).toHaveValue('患者ID');
		await expect(page.getByLabel('出力での 患者ID の扱い')).toHaveValue('surrogate');
		await expect(page.getByTestId('key-panel')).toContainText('鍵は要りません');

		// An opt-out list: three patients by ID.
		await page.getByTestId('optout-input').setInputFiles({
			name: 'optout.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('患者ID\nP0000001\nP0000002\nP0000003\n')
		});
		await expect(page.getByTestId('optout-counts')).toHaveAttribute('data-entries', '3');

		const utf8 = await bytesOf(await save(page, 'export-data'));
		await expect(page.getByTestId('export-summary')).toBeVisible();
		await expect(page.getByTestId('sum-optout')).toHaveAttribute('data-value', '3');
		const recordJson = JSON.parse(new TextDecoder().decode(await bytesOf(await save(page, 'record-json'))));
		const recordHtml = new TextDecoder().decode(await bytesOf(await save(page, 'record-html')));
		expect(recordHtml).toContain('加工の記録');
		expect(recordJson.records.in).toBe(20000);
		expect(recordJson.optOut.refusedRecords).toBe(3);
		expect(recordJson.checklist).toHaveLength(5);
		await expect(page.getByTestId('sum-k')).toHaveAttribute('data-value', String(recordJson.figures.k));

		const qis = (recordJson.columns as { name: string; role: string }[])
			.filter((c) => c.role === 'quasi-identifying')
			.map((c) => c.name);
		expect(qis.length).toBeGreaterThan(0);
		const measured = await measuredK(utf8, qis, recordJson.output.marker);
		expect(measured.k).toBe(recordJson.figures.k);
		expect(measured.k).toBeGreaterThanOrEqual(5);
		expect(measured.suppressed).toBe(
			recordJson.figures.suppressedRecords + recordJson.figures.suppressedByDecision
		);
		expect(measured.rows).toBe(recordJson.records.out);
		const text = new TextDecoder().decode(utf8);
		expect(text).not.toContain('P0000001'); // patient IDs replaced
		expect(text.split('\r\n')[0]).not.toContain('氏名'); // names removed

		// Shift_JIS: same release apart from the per-release surrogates.
		await page.getByTestId('export-encoding').selectOption('shift_jis');
		const sjis = await bytesOf(await save(page, 'export-data'));
		expect(new TextDecoder('utf-8', { fatal: false }).decode(sjis)).not.toBe(text);
		const sjisText = new TextDecoder('shift_jis').decode(sjis);
		const a = parseCsvText(text);
		const b = parseCsvText(sjisText);
		expect(b.header).toEqual(a.header);
		const id = a.header.indexOf('患者ID');
		const without = (rows: string[][]) => rows.map((r) => r.filter((_, i) => i !== id).join('\u0000'));
		expect(without(b.rows)).toEqual(without(a.rows));
		const sjisMeasured = await measuredK(sjis, qis, recordJson.output.marker);
		expect(sjisMeasured.k).toBe(recordJson.figures.k);

		await page.getByTestId('export-summary').scrollIntoViewIfNeeded();
		await page.screenshot({ path: 'test-results/screenshots/export-ja-JP.png' });
		await page.getByRole('button', { name: 'English' }).click();
		await expect(exportStep.getByRole('heading', { name: '8. Export' })).toBeVisible();
		await page.screenshot({ path: 'test-results/screenshots/export-en-US.png' });
		await page.locator('main').evaluate((m) => m.scrollTo(0, 0));
		await page.screenshot({ path: 'test-results/screenshots/export-top-en-US.png' });
	});

	test('pseudonym key: shown once, required, never stored; SQLite export', async ({ page }) => {
		test.setTimeout(180_000);
		await openApp(page);
		await page.getByRole('button', { name: 'サンプルデータで試す' }).click();
		await expect(page.getByTestId('notice')).toContainText('tokumei-sample-utf8.csv', { timeout: 60_000 });
		await step(page, 'roles');
		await page.getByLabel('仮名加工', { exact: true }).check();
		await page.getByRole('button', { name: 'プリセットを適用' }).click();
		await step(page, 'export');
		await expect(page.getByLabel('出力での 患者ID の扱い')).toHaveValue('pseudonym');
		await expect(page.getByTestId('export-data')).toBeDisabled();
		await page.getByRole('button', { name: '新しい鍵を作る' }).click();
		const hex = (await page.getByTestId('key-hex').textContent())!.trim();
		expect(hex).toMatch(/^[0-9a-f]{64}$/);
		await page.locator('main').evaluate((m) => m.scrollTo(0, 0));
		await page.getByTestId('key-panel').scrollIntoViewIfNeeded();
		await page.screenshot({ path: 'test-results/screenshots/export-key-ja-JP.png' });
		await page.getByRole('button', { name: '保管しました（表示を消す）' }).click();
		await expect(page.getByTestId('key-hex')).toHaveCount(0);
		await expect(page.getByTestId('key-status')).toContainText('鍵が設定されています');

		const first = new TextDecoder().decode(await bytesOf(await save(page, 'export-data')));
		const db = await bytesOf(await save(page, 'export-sqlite'));
		expect(new TextDecoder().decode(db.subarray(0, 15))).toBe('SQLite format 3');
		const record = new TextDecoder().decode(await bytesOf(await save(page, 'record-json')));
		// Pasting the same key gives the same pseudonyms.
		await page.getByRole('button', { name: '鍵を消す' }).click();
		await expect(page.getByTestId('export-data')).toBeDisabled();
		await page.getByTestId('key-paste').fill(hex.toUpperCase());
		await page.getByTestId('key-paste').press('Enter');
		await expect(page.getByTestId('key-status')).toContainText('鍵が設定されています');
		const again = new TextDecoder().decode(await bytesOf(await save(page, 'export-data')));
		expect(again).toBe(first);

		// The key is nowhere: not in the files, the record, the saved project or the browser's storage.
		const stored = await page.evaluate(async () => {
			const texts: string[] = [JSON.stringify({ ...localStorage })];
			const walk = async (dir: FileSystemDirectoryHandle) => {
				for await (const [, handle] of dir as unknown as AsyncIterable<[string, FileSystemHandle]>) {
					if (handle.kind === 'directory') await walk(handle as FileSystemDirectoryHandle);
					else texts.push(await (await (handle as FileSystemFileHandle).getFile()).text());
				}
			};
			await walk(await navigator.storage.getDirectory());
			return texts.join('\n');
		});
		for (const t of [first, new TextDecoder().decode(db), record, stored]) {
			expect(t.toLowerCase()).not.toContain(hex);
		}
		expect(stored).toContain('"treatment":"pseudonym"'); // the project itself was saved
	});

	test('hostile values survive export and re-import and never run', async ({ page }) => {
		test.setTimeout(120_000);
		const hostile = [
			['番号', 'メモ', '区分'],
			['1', '=HYPERLINK("http://example.invalid/","クリック")', 'A'],
			['2', "+cmd|' /C calc'!A0", 'B'],
			['3', '<script>window.__pwned=1</script>', 'A'],
			['4', '<img src=x onerror="window.__pwned=2">', 'B'],
			['5', '@SUM(1+1)', 'A'],
			['6', '-5', 'B']
		];
		const csv = hostile.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\n');
		await openApp(page);
		page.on('dialog', (d) => {
			throw new Error(`a dialog opened: ${d.message()}`);
		});
		await page
			.getByTestId('file-input')
			.setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await expect(page.getByTestId('notice')).toContainText('hostile.csv', { timeout: 60_000 });
		await step(page, 'roles');
		for (const name of hostile[0]) {
			await page.getByLabel(`${name} の役割`, { exact: true }).selectOption('insensitive');
		}
		await step(page, 'export');
		const released = await bytesOf(await save(page, 'export-data'));
		const { header, rows } = parseCsvText(new TextDecoder().decode(released));
		expect(header).toEqual(hostile[0]);
		const memo = rows.map((r) => r[1]);
		// Would-be formulas are neutralized with an apostrophe; -5 is a number, left alone.
		expect(memo).toEqual([
			`'=HYPERLINK("http://example.invalid/","クリック")`,
			`'+cmd|' /C calc'!A0`,
			'<script>window.__pwned=1</script>',
			'<img src=x onerror="window.__pwned=2">',
			"'@SUM(1+1)",
			'-5'
		]);
		expect(memo.map(restoreNeutralized)).toEqual(hostile.slice(1).map((r) => r[1]));
		const recordHtml = new TextDecoder().decode(await bytesOf(await save(page, 'record-html')));

		// Re-import the released file into the app: the cells read as the neutralized text, nothing runs.
		await step(page, 'data');
		await page.getByTestId('file-input').setInputFiles({
			name: 'hostile-released.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(released)
		});
		await expect(page.getByTestId('notice')).toContainText('hostile-released.csv', { timeout: 60_000 });
		for (let i = 0; i < memo.length; i++) await expect(cell(page, i, 1)).toHaveText(memo[i]);
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

		// The printable record, opened as a page, shows text and runs nothing.
		// (about:blank first: the app's CSP, which blocks inline styles, must not apply to the record.)
		await page.goto('about:blank');
		await page.setContent(recordHtml);
		await expect(page.locator('h1')).toContainText('加工の記録');
		expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
	});
});
