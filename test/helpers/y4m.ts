/**
 * YUV4MPEG2 (y4m) files for Chromium's fake camera
 * (`--use-file-for-fake-video-capture=<file>.y4m`), which loops the file's
 * frames. Frames are greyscale: the luma plane is the picture and both chroma
 * planes are neutral (128), which is all a QR needs.
 */
import { writeFileSync } from 'node:fs';

export interface LumaFrame {
  width: number;
  height: number;
  /** width × height bytes, row by row, 0 black … 255 white. */
  luma: Uint8Array;
}

export interface Y4mOptions {
  /** Frames per second the fake camera plays the file at. */
  fps?: number;
}

/** Bytes of one 4:2:0 frame's planes (no `FRAME` line): Y, then Cb and Cr at half resolution (rounded up). */
export function frameBytes(width: number, height: number): number {
  return width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2);
}

export function y4mHeader(width: number, height: number, fps = 10): string {
  return `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420\n`;
}

export function encodeY4m(frames: readonly LumaFrame[], options: Y4mOptions = {}): Buffer {
  const first = frames[0];
  if (!first) throw new Error('a y4m file needs at least one frame');
  const { width, height } = first;
  const header = Buffer.from(y4mHeader(width, height, options.fps ?? 10), 'ascii');
  const frameHeader = Buffer.from('FRAME\n', 'ascii');
  const chroma = Math.ceil(width / 2) * Math.ceil(height / 2);
  const size = frameBytes(width, height);
  const out = Buffer.alloc(header.length + frames.length * (frameHeader.length + size));
  let at = header.copy(out, 0);
  for (const frame of frames) {
    if (frame.width !== width || frame.height !== height) throw new Error(`frame ${frame.width}×${frame.height} in a ${width}×${height} file`);
    if (frame.luma.length !== width * height) throw new Error(`luma plane has ${frame.luma.length} bytes, expected ${width * height}`);
    at += frameHeader.copy(out, at);
    out.set(frame.luma, at);
    at += frame.luma.length;
    out.fill(128, at, at + 2 * chroma);
    at += 2 * chroma;
  }
  return out;
}

export function writeY4m(path: string, frames: readonly LumaFrame[], options: Y4mOptions = {}): void {
  writeFileSync(path, encodeY4m(frames, options));
}
