/**
 * The camera, apart from the UI: open the back camera, tell why it could not
 * be opened, the torch, and a loop that grabs frames as the video produces them.
 */

/** Why there is no picture, each with its own message and remedy. */
export type CameraProblem = 'denied' | 'no-camera' | 'busy' | 'insecure' | 'unsupported' | 'failed';

export class CameraError extends Error {
  constructor(
    readonly problem: CameraProblem,
    readonly detail: string,
  ) {
    super(`camera ${problem}: ${detail}`);
    this.name = 'CameraError';
  }
}

/** getUserMedia's DOMException names, as browsers use them, mapped to what staff can do about it. */
export function classifyCameraError(e: unknown): CameraError {
  if (e instanceof CameraError) return e;
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  const detail = e instanceof Error ? e.message || e.name : String(e);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return new CameraError('denied', detail);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new CameraError('no-camera', detail);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new CameraError('busy', detail);
    case 'SecurityError':
      return new CameraError('insecure', detail);
    default:
      return new CameraError('failed', detail);
  }
}

/**
 * The back camera at about 640×480: enough pixels for a pass QR held at arm's
 * length, and a quarter of the decoding work of 1280×960.
 */
export async function openCamera(): Promise<MediaStream> {
  if (!window.isSecureContext) throw new CameraError('insecure', 'not a secure context');
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('unsupported', 'no getUserMedia');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 640 }, height: { ideal: 480 } },
    });
  } catch (e) {
    throw classifyCameraError(e);
  }
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

// `torch` is an image-capture constraint that lib.dom does not declare.
type TorchCapabilities = MediaTrackCapabilities & { torch?: boolean };
type TorchConstraints = MediaTrackConstraintSet & { torch?: boolean };

export function torchSupported(track: MediaStreamTrack | undefined): boolean {
  const caps = track?.getCapabilities?.() as TorchCapabilities | undefined;
  return caps?.torch === true;
}

export async function setTorch(track: MediaStreamTrack, on: boolean): Promise<void> {
  const advanced: TorchConstraints[] = [{ torch: on }];
  await track.applyConstraints({ advanced });
}

/**
 * Calls `onFrame` once per new video frame (requestVideoFrameCallback), or
 * once per display frame where that is missing; returns the stop function.
 */
export function startFrameLoop(video: HTMLVideoElement, onFrame: () => void): () => void {
  let stopped = false;
  let handle = 0;
  const useVfc = typeof video.requestVideoFrameCallback === 'function';
  const tick = () => {
    if (stopped) return;
    onFrame();
    handle = useVfc ? video.requestVideoFrameCallback(tick) : requestAnimationFrame(tick);
  };
  handle = useVfc ? video.requestVideoFrameCallback(tick) : requestAnimationFrame(tick);
  return () => {
    stopped = true;
    if (useVfc) video.cancelVideoFrameCallback(handle);
    else cancelAnimationFrame(handle);
  };
}

/** Copies the current video frame into a fresh ImageData (fresh, because the decoder takes its buffer). */
export function createFrameGrabber(): (video: HTMLVideoElement) => ImageData | null {
  const canvas = document.createElement('canvas');
  // Read back on every frame: keeps the canvas in CPU memory instead of a GPU round trip per read.
  const ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: false });
  return (video) => {
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (!ctx || w === 0 || h === 0) return null;
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx.drawImage(video, 0, 0, w, h);
    return ctx.getImageData(0, 0, w, h);
  };
}
