import { cell, expect, openApp, test } from './fixtures';

test('when the data worker dies, the import fails clearly and the project comes back', async ({ page }) => {
	await openApp(page);
	const input = page.getByTestId('file-input');
	await input.setInputFiles({
		name: 'kept.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('id,v\n1,残る\n')
	});
	await expect(page.getByRole('tab')).toHaveCount(1);

	const big = 'id,v\n' + Array.from({ length: 1_500_000 }, (_, i) => `${i},${i % 13}`).join('\n');
	await input.setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
	await expect(page.getByRole('button', { name: '中止' })).toBeVisible();
	// Kill the worker the way an out-of-memory kill looks to the page: it just goes silent.
	const worker = page.workers().find((w) => w.url().includes('engine.worker'));
	expect(worker, 'the data worker is running').toBeTruthy();
	await worker!.evaluate(() => self.close());

	await expect(page.getByTestId('notice')).toContainText('データエンジンが停止したため再起動しました', {
		timeout: 60_000
	});
	await expect(page.getByRole('tab')).toHaveCount(1);
	await expect(cell(page, 0, 1)).toHaveText('残る');
	// and the new worker imports as usual
	await input.setInputFiles({ name: 'after.csv', mimeType: 'text/csv', buffer: Buffer.from('x\nok\n') });
	await expect(page.getByRole('tab')).toHaveCount(2);
	await expect(cell(page, 0, 0)).toHaveText('ok');
});
