export {
  DEVICE_KEY_ALGORITHM,
  DEVICE_SIGNATURE_ALGORITHM,
  DEVICE_SIGNATURE_PATTERN,
  deviceIdSchema,
  devicePublicJwkSchema,
  generateDeviceKeyPair,
  exportDevicePublicJwk,
  importDevicePublicKey,
  type DevicePublicJwk,
  type DeviceKeyPair,
  type DeviceVerifyKey,
} from './keys.js';
export * from './request-signature.js';
