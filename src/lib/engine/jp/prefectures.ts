/**
 * 都道府県 with their JIS X 0401 codes (the same codes as UKE IR 都道府県, digits 3–4 of the 保険者番号
 * and the first two digits of the 全国地方公共団体コード), the standard 8-region (地方) scheme and the
 * 地方厚生(支)局 grouping. Source: DOMAIN.md §5.1 (codes and names checked against JIS X 0401; the
 * 地方厚生局 grouping is marked there as to be verified before shipping in UI text).
 */

export interface Prefecture {
	/** JIS X 0401 code, two digits. */
	readonly code: string;
	readonly name: string;
	/** Name without 都/府/県 (北海道 stays 北海道). */
	readonly short: string;
	readonly romaji: string;
	/** 8-region scheme: 1 北海道, 2 東北, 3 関東, 4 中部, 5 近畿 (with 三重), 6 中国, 7 四国, 8 九州・沖縄. */
	readonly region: number;
	readonly regionName: string;
	readonly kouseikyoku: string;
}

const TABLE = `01 北海道 北海道 Hokkaido 1 北海道 北海道
02 青森県 青森 Aomori 2 東北 東北
03 岩手県 岩手 Iwate 2 東北 東北
04 宮城県 宮城 Miyagi 2 東北 東北
05 秋田県 秋田 Akita 2 東北 東北
06 山形県 山形 Yamagata 2 東北 東北
07 福島県 福島 Fukushima 2 東北 東北
08 茨城県 茨城 Ibaraki 3 関東 関東信越
09 栃木県 栃木 Tochigi 3 関東 関東信越
10 群馬県 群馬 Gunma 3 関東 関東信越
11 埼玉県 埼玉 Saitama 3 関東 関東信越
12 千葉県 千葉 Chiba 3 関東 関東信越
13 東京都 東京 Tokyo 3 関東 関東信越
14 神奈川県 神奈川 Kanagawa 3 関東 関東信越
15 新潟県 新潟 Niigata 4 中部 関東信越
16 富山県 富山 Toyama 4 中部 東海北陸
17 石川県 石川 Ishikawa 4 中部 東海北陸
18 福井県 福井 Fukui 4 中部 近畿
19 山梨県 山梨 Yamanashi 4 中部 関東信越
20 長野県 長野 Nagano 4 中部 関東信越
21 岐阜県 岐阜 Gifu 4 中部 東海北陸
22 静岡県 静岡 Shizuoka 4 中部 東海北陸
23 愛知県 愛知 Aichi 4 中部 東海北陸
24 三重県 三重 Mie 5 近畿 東海北陸
25 滋賀県 滋賀 Shiga 5 近畿 近畿
26 京都府 京都 Kyoto 5 近畿 近畿
27 大阪府 大阪 Osaka 5 近畿 近畿
28 兵庫県 兵庫 Hyogo 5 近畿 近畿
29 奈良県 奈良 Nara 5 近畿 近畿
30 和歌山県 和歌山 Wakayama 5 近畿 近畿
31 鳥取県 鳥取 Tottori 6 中国 中国四国
32 島根県 島根 Shimane 6 中国 中国四国
33 岡山県 岡山 Okayama 6 中国 中国四国
34 広島県 広島 Hiroshima 6 中国 中国四国
35 山口県 山口 Yamaguchi 6 中国 中国四国
36 徳島県 徳島 Tokushima 7 四国 中国四国(四国支局)
37 香川県 香川 Kagawa 7 四国 中国四国(四国支局)
38 愛媛県 愛媛 Ehime 7 四国 中国四国(四国支局)
39 高知県 高知 Kochi 7 四国 中国四国(四国支局)
40 福岡県 福岡 Fukuoka 8 九州・沖縄 九州
41 佐賀県 佐賀 Saga 8 九州・沖縄 九州
42 長崎県 長崎 Nagasaki 8 九州・沖縄 九州
43 熊本県 熊本 Kumamoto 8 九州・沖縄 九州
44 大分県 大分 Oita 8 九州・沖縄 九州
45 宮崎県 宮崎 Miyazaki 8 九州・沖縄 九州
46 鹿児島県 鹿児島 Kagoshima 8 九州・沖縄 九州
47 沖縄県 沖縄 Okinawa 8 九州・沖縄 九州`;

export const PREFECTURES: readonly Prefecture[] = TABLE.split('\n').map((line) => {
	const [code, name, short, romaji, region, regionName, kouseikyoku] = line.split(' ');
	return { code, name, short, romaji, region: Number(region), regionName, kouseikyoku };
});

const byKey = new Map<string, Prefecture>();
for (const p of PREFECTURES) {
	byKey.set(p.code, p);
	byKey.set(String(Number(p.code)), p); // "1" as well as "01" (UKE writes 2-digit codes either way)
	byKey.set(p.name, p);
	byKey.set(p.short, p);
	byKey.set(p.romaji.toLowerCase(), p);
}

/** Leading prefecture of an address (DOMAIN.md §5.1); full names only, so 京都 vs 東京 cannot be confused. */
const ADDRESS_PREFIX = new RegExp(`^(${PREFECTURES.map((p) => p.name).join('|')})`);

/**
 * The prefecture a cell names: a JIS code (`13`, `1`), a full or short name (`東京都`, `東京`), a romaji name
 * (`Tokyo`), or an address that starts with a full prefecture name (`東京都千代田区…`). Undefined otherwise.
 */
export function findPrefecture(text: string): Prefecture | undefined {
	const t = text.normalize('NFKC').trim();
	if (t === '') return undefined;
	const direct = byKey.get(t) ?? byKey.get(t.toLowerCase());
	if (direct) return direct;
	const m = ADDRESS_PREFIX.exec(t);
	return m ? byKey.get(m[1]) : undefined;
}

/** Whether a text starts with a full prefecture name followed by more address (e.g. 市区町村). */
export function looksLikeAddress(text: string): boolean {
	const t = text.normalize('NFKC').trim();
	const m = ADDRESS_PREFIX.exec(t);
	return m !== null && t.length > m[1].length;
}
