/**
 * Camera-like frames of a QR code, in plain JS on a luma plane: the code on a
 * white background, optionally seen at an angle (a perspective warp) and out
 * of focus (a blur). Used by the scanner's browser tests (through a y4m file
 * for the fake camera) and by bench/scanner-decode.ts.
 */
import QRCode from 'qrcode';
import { encodePassQrText, passQrSegments, PASS_QR_PREFIX } from '../../src/core/pass/qr-text.js';
import type { LumaFrame } from './y4m.js';

export type Point = readonly [x: number, y: number];
/** Corners where the code's quiet-zone square lands: top-left, top-right, bottom-right, bottom-left. */
export type Quad = readonly [Point, Point, Point, Point];

export interface QrFrameOptions {
  width?: number;
  height?: number;
  /** Where the code lands; default a centred square of 440 px. */
  quad?: Quad;
  /** Box-blur radius in pixels (three passes, close to a Gaussian of σ ≈ r·1.41 for r = 1, 2.45 for r = 2); 0 is sharp. */
  blur?: number;
}

/** The default square: the code and its 4-module quiet zone fill 440 of 480 rows, as when a pass is held close. */
export function centredSquare(width = 640, height = 480, side = 440): Quad {
  const x = (width - side) / 2;
  const y = (height - side) / 2;
  return [
    [x, y],
    [x + side, y],
    [x + side, y + side],
    [x, y + side],
  ];
}

/** A pass held at an angle: tilted away at the top and turned, so opposite edges are neither parallel nor equal. */
export const SKEWED: Quad = [
  [200, 40],
  [470, 75],
  [540, 450],
  [110, 420],
];

const QUIET = 4;

/** The QR's modules; pass texts as the two segments the issuing side uses (alphanumeric prefix, numeric digits). */
export function qrModules(text: string): { size: number; dark: (row: number, col: number) => boolean } {
  const input = text.startsWith(PASS_QR_PREFIX) && /^[0-9]+$/.test(text.slice(PASS_QR_PREFIX.length)) ? passQrSegments(text) : text;
  const qr = QRCode.create(input as Parameters<typeof QRCode.create>[0], { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  return { size, dark: (r, c) => data[r * size + c] === 1 };
}

type Matrix = [number, number, number, number, number, number, number, number, number];

/** Projective map of the unit square onto `q` (Heckbert's closed form), as a 3×3 matrix, row-major. */
function squareToQuad(q: Quad): Matrix {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q;
  const dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3;
  const dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const h = (dx1 * dy3 - dx3 * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert(m: Matrix): Matrix {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h, B = c * h - b * i, C = b * f - c * e;
  const D = f * g - d * i, E = a * i - c * g, F = c * d - a * f;
  const G = d * h - e * g, H = b * g - a * h, I = a * e - b * d;
  const det = a * A + b * D + c * G;
  return [A / det, B / det, C / det, D / det, E / det, F / det, G / det, H / det, I / det];
}

/** Three passes of a separable box blur: cheap, and close enough to a lens out of focus. */
export function boxBlur(luma: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  if (radius <= 0) return luma;
  let src = Float32Array.from(luma);
  let dst = new Float32Array(src.length);
  const span = 2 * radius + 1;
  for (let pass = 0; pass < 3; pass++) {
    for (const horizontal of [true, false]) {
      const lines = horizontal ? height : width;
      const len = horizontal ? width : height;
      const step = horizontal ? 1 : width;
      for (let line = 0; line < lines; line++) {
        const base = horizontal ? line * width : line;
        // Edges repeat the border pixel, as a camera sees more of the same white paper.
        const at = (k: number) => src[base + Math.min(len - 1, Math.max(0, k)) * step]!;
        let sum = 0;
        for (let k = -radius; k <= radius; k++) sum += at(k);
        for (let k = 0; k < len; k++) {
          dst[base + k * step] = sum / span;
          sum += at(k + radius + 1) - at(k - radius);
        }
      }
      [src, dst] = [dst, src];
    }
  }
  return Uint8Array.from(src, (v) => Math.round(v));
}

/** One greyscale frame showing `text` as a QR (error correction M, as passes are printed). */
export function qrFrame(text: string, options: QrFrameOptions = {}): LumaFrame {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const quad = options.quad ?? centredSquare(width, height);
  const { size, dark } = qrModules(text);
  const total = size + 2 * QUIET;
  const toSquare = invert(squareToQuad(quad));
  const luma = new Uint8Array(width * height).fill(255);
  // 3×3 samples per pixel, so module edges are grey like a camera's, not aliased.
  const SS = 3;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let darkSamples = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const px = x + (sx + 0.5) / SS;
          const py = y + (sy + 0.5) / SS;
          const w = toSquare[6] * px + toSquare[7] * py + toSquare[8];
          const u = (toSquare[0] * px + toSquare[1] * py + toSquare[2]) / w;
          const v = (toSquare[3] * px + toSquare[4] * py + toSquare[5]) / w;
          const col = Math.floor(u * total) - QUIET;
          const row = Math.floor(v * total) - QUIET;
          if (row >= 0 && row < size && col >= 0 && col < size && dark(row, col)) darkSamples++;
        }
      }
      if (darkSamples) luma[y * width + x] = Math.round(255 * (1 - darkSamples / (SS * SS)));
    }
  }
  return { width, height, luma: boxBlur(luma, width, height, options.blur ?? 0) };
}

/** A QR text shaped like a real pass: `KK1/` and a compact JWS of `jwsChars` base64url characters as digit pairs. */
export function passLikeText(jwsChars: number, random: () => number = Math.random): string {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const chars = Array.from({ length: jwsChars }, () => B64[Math.floor(random() * B64.length)]!);
  // Two dots, as in header.payload.signature (an Ed25519 signature is 86 characters).
  chars[Math.floor(jwsChars * 0.05)] = '.';
  chars[jwsChars - 87] = '.';
  return encodePassQrText(chars.join(''));
}
