import t from 'tap';
import { encodeY4m, frameBytes, y4mHeader, type LumaFrame } from '../helpers/y4m.js';
import { boxBlur, centredSquare, passLikeText, qrFrame, qrModules, SKEWED } from '../helpers/qr-frame.js';
import { decodePassQrText } from '../../src/core/pass/qr-text.js';

const frame = (width: number, height: number, value: number): LumaFrame => ({ width, height, luma: new Uint8Array(width * height).fill(value) });

t.test('y4m: header, then FRAME + Y + Cb + Cr per frame', async (t) => {
  t.equal(y4mHeader(640, 480, 10), 'YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420\n');
  t.equal(frameBytes(640, 480), 640 * 480 * 1.5);
  t.equal(frameBytes(5, 3), 15 + 2 * 3 * 2, 'odd sizes round the chroma planes up');

  const out = encodeY4m([frame(4, 2, 10), frame(4, 2, 200)], { fps: 5 });
  const header = 'YUV4MPEG2 W4 H2 F5:1 Ip A1:1 C420\n';
  t.equal(out.length, header.length + 2 * ('FRAME\n'.length + 8 + 2 * 2));
  t.equal(out.subarray(0, header.length).toString('ascii'), header);
  let at = header.length;
  for (const y of [10, 200]) {
    t.equal(out.subarray(at, at + 6).toString('ascii'), 'FRAME\n');
    at += 6;
    t.same([...out.subarray(at, at + 8)], Array(8).fill(y), 'luma plane as given');
    at += 8;
    t.same([...out.subarray(at, at + 4)], [128, 128, 128, 128], 'neutral chroma: grey');
    at += 4;
  }
  t.equal(at, out.length);
});

t.test('y4m: refuses mismatched frames', async (t) => {
  t.throws(() => encodeY4m([]), /at least one frame/);
  t.throws(() => encodeY4m([frame(4, 2, 0), frame(2, 4, 0)]), /2×4 in a 4×2 file/);
  t.throws(() => encodeY4m([{ width: 4, height: 2, luma: new Uint8Array(7) }]), /7 bytes, expected 8/);
});

t.test('qr frames: pass-sized text, the code where the quad says', async (t) => {
  const text = passLikeText(400);
  t.ok(text.length >= 600 && text.length <= 900, `pass-sized text (${text.length} chars)`);
  t.match(decodePassQrText(text), /^[\w-]+\.[\w-]+\.[\w-]{86}$/, 'a JWS shape behind the prefix');
  const { size } = qrModules(text);
  const sharp = qrFrame(text);
  t.equal(sharp.luma.length, 640 * 480);
  // Top-left finder pattern: its outer ring is dark, 4 modules of quiet zone before it are white.
  const [[x0, y0]] = centredSquare();
  const module = 440 / (size + 8);
  const at = (mx: number, my: number) => sharp.luma[Math.floor(y0 + (my + 0.5) * module) * 640 + Math.floor(x0 + (mx + 0.5) * module)]!;
  t.equal(at(4, 4), 0, 'finder pattern corner is black');
  t.equal(at(2, 2), 255, 'quiet zone is white');
  t.equal(sharp.luma[0], 255, 'background is white');

  const skewed = qrFrame(text, { quad: SKEWED });
  t.equal(skewed.luma[40 * 640 + 200 + 2 * 640 + 2], 255, 'quiet zone just inside the skewed top-left corner');
  t.not(Buffer.compare(Buffer.from(skewed.luma), Buffer.from(sharp.luma)), 0);

  const blurred = qrFrame(text, { blur: 2 });
  const grey = (f: LumaFrame) => f.luma.filter((v) => v > 20 && v < 235).length;
  t.ok(grey(blurred) > 4 * grey(sharp), 'blur turns edges grey');
});

t.test('box blur keeps flat areas and total brightness', async (t) => {
  const flat = new Uint8Array(50).fill(77);
  t.same([...boxBlur(flat, 10, 5, 2)], [...flat]);
  const dot = new Uint8Array(21 * 21);
  dot[10 * 21 + 10] = 255;
  const out = boxBlur(dot, 21, 21, 1);
  const sum = out.reduce((a, b) => a + b, 0);
  t.ok(Math.abs(sum - 255) < 30, `energy roughly kept (${sum})`);
  t.ok(out[10 * 21 + 10]! < 255 && out[10 * 21 + 10]! > out[10 * 21 + 12]!, 'peak spread out, falling off');
});
