export {
  validationMessages,
  validationMessage,
  schemaFromParser,
  type ValidationCode,
  type Lang,
  type ParseFailure,
} from './messages.js';
export {
  parseCitizenId,
  normalizeCitizenId,
  computeCitizenIdCheckChar,
  citizenIdSchema,
  idLast4,
  type CitizenIdResult,
  type CitizenIdFailureCode,
} from './id-number.js';
export {
  parseCreditCode,
  normalizeCreditCode,
  computeCreditCheckChar,
  creditCodeSchema,
  CREDIT_CODE_ALPHABET,
  type CreditCodeResult,
  type CreditCodeFailureCode,
} from './credit-code.js';
export {
  parsePlate,
  normalizePlate,
  plateSchema,
  PLATE_PROVINCE_CHARS,
  type PlateProvince,
  type PlateKind,
  type PlateResult,
  type PlateFailureCode,
} from './plate.js';
export {
  plateRegion,
  PLATE_PROVINCE_REGIONS,
  PLATE_CITY_REGIONS,
  type PlateRegion,
  type PlateRegionLevel,
} from './plate-region.js';
export {
  lookupRegion,
  isKnownRegion,
  regionCovers,
  regionLevel,
  searchRegions,
  parseRegionCode,
  regionSchema,
  type RegionLevel,
  type RegionRef,
  type RegionInfo,
  type RegionFailureCode,
} from './region.js';
export { REGION_DATA_SOURCE } from './region-data.js';
export { personalDataIn, type PersonalDataKind } from './personal-data.js';
export { maskCitizenId, maskIdLast4, maskPhone, MASKED_ID_STARS } from './mask.js';
