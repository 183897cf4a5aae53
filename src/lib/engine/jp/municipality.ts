/**
 * 市区町村 from a Japanese address, for address hierarchies (DOMAIN.md §1.6: 住所 → 市区町村 in 仮名 mode,
 * → 都道府県 in 匿名 mode; §2.1: PPC 事例編 keeps 市・区・郡 and puts 町村 no finer than their 郡).
 *
 * Heuristic parse, no lookup table: after the prefecture, `X郡Y町` / `X郡Y村`, else the first `市`, `区`,
 * `町` or `村` ends the municipality, except for the names below whose 市/町/村 is inside the name (四日市市,
 * 町田市, 上市町…). The 20 政令指定都市 keep their ward (`横浜市中区`: one 団体コード per ward). Without a
 * 全国地方公共団体コード table this can mis-split a name that has such a character inside and is not listed.
 */
import { findPrefecture, type Prefecture } from './prefectures';

/** Municipalities whose name contains 市, 区, 町 or 村 before its end (matched before the generic rule). */
const INNER_NAMES = [
	'四日市市',
	'廿日市市',
	'野々市市',
	'市川市',
	'市原市',
	'町田市',
	'十日町市',
	'大町市',
	'村上市',
	'村山市',
	'東村山市',
	'武蔵村山市',
	'羽村市',
	'大村市',
	'田村市',
	'大和郡山市',
	'上市町',
	'下市町',
	'余市町',
	'大町町',
	'玉村町'
];

const DESIGNATED_CITIES = new Set(
	'札幌 仙台 さいたま 千葉 横浜 川崎 相模原 新潟 静岡 浜松 名古屋 京都 大阪 堺 神戸 岡山 広島 北九州 福岡 熊本'
		.split(' ')
		.map((c) => `${c}市`)
);

export interface AddressParts {
	prefecture: Prefecture;
	/** 市区町村 as the 団体コード names it, with the prefecture: 東京都千代田区, 神奈川県横浜市中区, 北海道余市郡余市町. */
	municipality?: string;
	/** One step coarser (PPC 事例編): 政令市 without its ward, 町村 as their 郡; other cities and 特別区 unchanged. */
	city?: string;
}

function municipalityOf(rest: string): { municipality: string; city: string } | undefined {
	// Cities listed first: 大和郡山市 would otherwise read as 大和郡 + a town.
	const city = INNER_NAMES.find((n) => n.endsWith('市') && rest.startsWith(n));
	const county = city ? null : /^(.+?郡)(.+?[町村])/.exec(rest);
	if (county) {
		// In a 郡 only 町/村 end the name; 大町町 and 玉村町 have one inside.
		const town = INNER_NAMES.find((n) => rest.startsWith(county[1] + n));
		return { municipality: county[1] + (town ?? county[2]), city: county[1] };
	}
	const head = city ?? INNER_NAMES.find((n) => rest.startsWith(n)) ?? /^(.+?[市区町村])/.exec(rest)?.[1];
	if (!head) return undefined;
	if (DESIGNATED_CITIES.has(head)) {
		const ward = /^(.{1,4}?区)/.exec(rest.slice(head.length));
		return { municipality: head + (ward ? ward[1] : ''), city: head };
	}
	return { municipality: head, city: head };
}

/** Splits an address into prefecture and 市区町村; undefined when it does not start with a prefecture. */
export function parseAddress(text: string): AddressParts | undefined {
	const t = text.normalize('NFKC').replace(/\s+/g, '');
	const prefecture = findPrefecture(t);
	if (!prefecture) return undefined;
	const rest = t.startsWith(prefecture.name) ? t.slice(prefecture.name.length) : '';
	const parts = rest ? municipalityOf(rest) : undefined;
	if (!parts) return { prefecture };
	return {
		prefecture,
		municipality: prefecture.name + parts.municipality,
		city: prefecture.name + parts.city
	};
}
