import { cell, expect, grid, openApp, test } from './fixtures';

const good = {
	name: 'good.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from('患者ID,年齢\r\nP001,34\r\nP002,51\r\n')
};
const png = {
	name: 'photo.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
};
const hostileCells = [
	'<script>window.__pwned=1</script>',
	'=HYPERLINK("http://example.com","x")',
	'\u202eabc\u202c',
	'😀👩‍⚕️'
];

test('bad input shows a clear message and the loaded table stays intact', async ({ page }) => {
	await openApp(page);
	const input = page.getByTestId('file-input');
	await input.setInputFiles(good);
	await expect(page.getByTestId('notice')).toContainText('good.csv を読み込みました');

	await input.setInputFiles(png);
	const notice = page.getByTestId('notice');
	await expect(notice).toHaveAttribute('data-kind', 'error');
	await expect(notice).toContainText('photo.csv を読み込めませんでした');
	await expect(notice).toContainText('バイナリファイル');

	await input.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
	await expect(notice).toContainText('empty.csv を読み込めませんでした: ファイルが空です。');

	await input.setInputFiles({ name: 'header.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n') });
	await expect(notice).toContainText('データ行がありません');

	// still one table, with its data
	await expect(page.getByRole('tab')).toHaveCount(1);
	await expect(cell(page, 1, 0)).toHaveText('P002');
	await expect(cell(page, 1, 1)).toHaveText('51');
});

test('hostile cells render as text, never as markup', async ({ page }) => {
	await openApp(page);
	const csv = `id,text\r\n1,"${hostileCells[0]}"\r\n2,"${hostileCells[1].replaceAll('"', '""')}"\r\n3,${hostileCells[2]}\r\n4,${hostileCells[3]}\r\n`;
	await page.getByTestId('file-input').setInputFiles({
		name: '<img src=x onerror=alert(1)>.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	await expect(page.getByRole('tab')).toHaveCount(1);
	for (let r = 0; r < hostileCells.length; r++) {
		await expect(cell(page, r, 1)).toHaveText(hostileCells[r]);
	}
	await expect(page.getByRole('tab').first()).toContainText('<img src=x onerror=alert(1)>.csv');
	expect(await grid(page).locator('script, img, a').count()).toBe(0);
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('several tables side by side, cancel and close', async ({ page }) => {
	await openApp(page);
	const input = page.getByTestId('file-input');
	await input.setInputFiles(good);
	await expect(page.getByRole('tab')).toHaveCount(1);
	await input.setInputFiles({
		name: 'second.tsv',
		mimeType: 'text/plain',
		buffer: Buffer.from('x\ty\n1\t2\n')
	});
	await expect(page.getByRole('tab')).toHaveCount(2);
	await expect(page.getByTestId('table-summary')).toContainText('区切り タブ');
	await expect(cell(page, 0, 1)).toHaveText('2');
	// switch back with the keyboard (tabs pattern)
	await page.getByRole('tab', { selected: true }).focus();
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByRole('tab', { selected: true })).toContainText('good.csv');
	await expect(cell(page, 0, 0)).toHaveText('P001');

	// a large import can be cancelled and leaves the others alone
	const big = 'id,v\n' + Array.from({ length: 1_500_000 }, (_, i) => `${i},${i % 13}`).join('\n');
	await input.setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
	await page.getByRole('button', { name: '中止' }).click();
	await expect(page.getByTestId('notice')).toContainText('読み込みを中止しました');
	await expect(page.getByRole('tab')).toHaveCount(2);

	await page.getByRole('button', { name: 'second.tsv を閉じる' }).click();
	await expect(page.getByRole('tab')).toHaveCount(1);
});

test('drag and drop imports a file; encoding and delimiter overrides reach the importer', async ({
	page
}) => {
	await openApp(page);
	const dataTransfer = await page.evaluateHandle(() => {
		const dt = new DataTransfer();
		dt.items.add(new File(['a;b\n1;2\n'], 'dropped.csv', { type: 'text/csv' }));
		return dt;
	});
	const zone = page.getByRole('region', { name: 'CSV / TSV ファイルをここにドロップ' });
	await zone.dispatchEvent('dragenter', { dataTransfer });
	await zone.dispatchEvent('drop', { dataTransfer });
	await expect(page.getByRole('tab')).toHaveCount(1);
	await expect(page.getByTestId('table-summary')).toContainText('2 列');
	await expect(cell(page, 0, 1)).toHaveText('2');

	await page.getByLabel('文字コード').selectOption('shift_jis');
	await page.getByLabel('区切り文字').selectOption(',');
	await page.getByTestId('file-input').setInputFiles({
		name: 'forced.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('a;b\n1;2\n')
	});
	await expect(page.getByRole('tab')).toHaveCount(2);
	await expect(page.getByTestId('table-summary')).toContainText('1 列 · shift_jis');
	await expect(cell(page, 0, 0)).toHaveText('1;2');
});

test('ragged rows, duplicate and empty names, a 10 MB field and 2,000 columns', async ({ page }) => {
	await openApp(page);
	const input = page.getByTestId('file-input');
	await input.setInputFiles({
		name: 'ragged.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('id,id,,v\r\n1,a,b,c\n2,x\r\n3,y,z,w,extra\n')
	});
	await expect(page.getByRole('tab')).toHaveCount(1);
	await page.getByText('注意 (').click();
	await expect(page.getByText('列数が見出しと異なる行があります')).toBeVisible();
	await expect(page.getByText('重複した列名があります')).toBeVisible();
	await expect(page.getByText('空の列名があります')).toBeVisible();
	await expect(cell(page, 1, 2)).toHaveText('');

	const huge = 'x'.repeat(10 * 1024 * 1024);
	await input.setInputFiles({
		name: 'huge-field.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`id,text\n1,"${huge}"\n2,short\n`)
	});
	await expect(page.getByRole('tab')).toHaveCount(2, { timeout: 60_000 });
	await expect(cell(page, 1, 1)).toHaveText('short');
	expect((await cell(page, 0, 1).textContent())?.length).toBe(1001);

	const header = Array.from({ length: 2000 }, (_, i) => `c${i}`).join(',');
	const row = Array.from({ length: 2000 }, (_, i) => `v${i}`).join(',');
	await input.setInputFiles({
		name: 'wide.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`${header}\n${row}\n`)
	});
	await expect(page.getByRole('tab')).toHaveCount(3, { timeout: 60_000 });
	await expect(page.getByTestId('table-summary')).toContainText('2,000 列');
	// only the columns in view are in the DOM; scrolling far right shows the last ones
	expect(await grid(page).getByRole('gridcell').count()).toBeLessThan(40);
	await grid(page).evaluate((el) => {
		el.scrollLeft = el.scrollWidth;
		el.dispatchEvent(new Event('scroll'));
	});
	await expect(cell(page, 0, 1999)).toHaveText('v1999');
});
