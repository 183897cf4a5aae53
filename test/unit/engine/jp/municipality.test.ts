import { describe, expect, it } from 'vitest';
import { parseAddress } from '../../../../src/lib/engine/jp/municipality';

const split = (address: string) => {
	const parts = parseAddress(address);
	return parts && [parts.prefecture.name, parts.municipality, parts.city];
};

describe('市区町村 from addresses', () => {
	it.each([
		['東京都千代田区千代田1-1', ['東京都', '東京都千代田区', '東京都千代田区']],
		['東京都新宿区市谷本村町5-1', ['東京都', '東京都新宿区', '東京都新宿区']],
		['神奈川県横浜市中区日本大通1', ['神奈川県', '神奈川県横浜市中区', '神奈川県横浜市']],
		['大阪府堺市堺区南瓦町3-1', ['大阪府', '大阪府堺市堺区', '大阪府堺市']],
		['東京都八王子市元本郷町3-24-1', ['東京都', '東京都八王子市', '東京都八王子市']],
		['三重県四日市市諏訪町1-5', ['三重県', '三重県四日市市', '三重県四日市市']],
		['東京都町田市森野2-2-22', ['東京都', '東京都町田市', '東京都町田市']],
		['奈良県大和郡山市北郡山町248-4', ['奈良県', '奈良県大和郡山市', '奈良県大和郡山市']],
		['福島県郡山市朝日1-23-7', ['福島県', '福島県郡山市', '福島県郡山市']],
		['北海道余市郡余市町朝日町4', ['北海道', '北海道余市郡余市町', '北海道余市郡']],
		['富山県中新川郡上市町横法音寺40', ['富山県', '富山県中新川郡上市町', '富山県中新川郡']],
		['佐賀県杵島郡大町町大字大町5017', ['佐賀県', '佐賀県杵島郡大町町', '佐賀県杵島郡']],
		['東京都大島町元町1-1-14', ['東京都', '東京都大島町', '東京都大島町']],
		['東京都', ['東京都', undefined, undefined]]
	])('%s', (address, expected) => {
		expect(split(address)).toEqual(expected);
	});

	it('needs the prefecture', () => {
		expect(parseAddress('千代田区千代田1-1')).toBeUndefined();
	});
});
