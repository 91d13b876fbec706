import t from 'tap';
import { generateDeviceKeyPair, signWithDeviceKey, verifyWithDeviceKey } from '../../../src/core/device/keys.js';
import { nodeKeyOf, verifyEventSignatureOffLoop } from '../../../src/server/features/ingest/signature.js';

// The server's off-loop check must say exactly what core's WebCrypto check says.
t.test('agrees with core verifyWithDeviceKey', async (t) => {
  const a = await generateDeviceKeyPair();
  const b = await generateDeviceKeyPair();
  const text = '{"deviceId":"dev-1","payload":{"plate":"苏E12345"},"seq":1}';
  const sig = await signWithDeviceKey(a.privateKey, new TextEncoder().encode(text));
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  const cases: Array<[string, string, unknown, CryptoKey, boolean]> = [
    ['valid', text, sig, a.publicKey, true],
    ['other text', text.replace('12345', '12346'), sig, a.publicKey, false],
    ['other key', text, sig, b.publicKey, false],
    ['a flipped signature character', text, flip(sig, 10), a.publicKey, false],
    ['too short', text, sig.slice(1), a.publicKey, false],
    ['padded', text, `${sig}==`, a.publicKey, false],
    ['standard base64 alphabet', text, sig.replace(/-/g, '+').replace(/_/g, '/'), a.publicKey, sig.includes('-') || sig.includes('_') ? false : true],
    ['not a string', text, 12, a.publicKey, false],
    ['empty', text, '', a.publicKey, false],
  ];
  for (const [name, data, s, key, expected] of cases) {
    const core = await verifyWithDeviceKey(key, s, new TextEncoder().encode(data) as Uint8Array<ArrayBuffer>);
    const server = await verifyEventSignatureOffLoop(data, s, nodeKeyOf(key));
    t.equal(core, expected, `${name}: core`);
    t.equal(server, core, `${name}: server agrees`);
  }
});
