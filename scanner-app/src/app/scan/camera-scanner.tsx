/**
 * Live camera preview that reports each QR it reads. Decoding runs in the
 * worker; the page only grabs frames, and skips grabbing while the worker is
 * still busy with the previous one.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, useLocale, type MessageKey } from '../i18n/index.js';
import { CameraError, classifyCameraError, createFrameGrabber, openCamera, setTorch, startFrameLoop, stopStream, torchSupported, type CameraProblem } from './camera.js';
import { createDecoder } from './decoder-client.js';
import { createRepeatFilter, DEFAULT_REPEAT_MS } from './repeat-filter.js';

export interface CameraScannerProps {
  onCode: (text: string) => void;
  /** False stops the camera (the light goes off); true starts it again. */
  active: boolean;
  /** The same text is ignored for this long after it was reported (ms). */
  repeatMs?: number;
}

type Status = { kind: 'off' } | { kind: 'starting' } | { kind: 'running' } | { kind: 'error'; problem: CameraProblem; detail: string } | { kind: 'decoder-failed' };

const PROBLEM_TEXT: Record<CameraProblem, MessageKey> = {
  denied: 'scan.camera.denied',
  'no-camera': 'scan.camera.none',
  busy: 'scan.camera.busy',
  insecure: 'scan.camera.insecure',
  unsupported: 'scan.camera.unsupported',
  failed: 'scan.camera.failed',
};

export function CameraScanner({ onCode, active, repeatMs = DEFAULT_REPEAT_MS }: CameraScannerProps) {
  useLocale();
  const videoRef = useRef<HTMLVideoElement>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  const [status, setStatus] = useState<Status>({ kind: active ? 'starting' : 'off' });
  const [track, setTrack] = useState<MediaStreamTrack | undefined>();
  const [torchOn, setTorchOn] = useState(false);
  const [torchFailed, setTorchFailed] = useState(false);
  // Bumped by "Try again" to rerun the camera effect.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const video = videoRef.current;
    if (!active || !video) {
      setStatus({ kind: 'off' });
      return;
    }
    let cancelled = false;
    let stream: MediaStream | undefined;
    let stopLoop: (() => void) | undefined;
    // The worker lives as long as the camera runs: an idle scanner costs nothing.
    const decoder = createDecoder();
    const grab = createFrameGrabber();
    const isNew = createRepeatFilter(repeatMs);
    setStatus({ kind: 'starting' });
    setTorchOn(false);
    setTorchFailed(false);

    decoder.ready.catch(() => {
      if (!cancelled) setStatus({ kind: 'decoder-failed' });
    });

    (async () => {
      try {
        stream = await openCamera();
        if (cancelled) return stopStream(stream);
        video.srcObject = stream;
        await video.play();
        if (cancelled) return;
        setTrack(stream.getVideoTracks()[0]);
        setStatus((s) => (s.kind === 'decoder-failed' ? s : { kind: 'running' }));
        stopLoop = startFrameLoop(video, () => {
          if (decoder.busy) return;
          const frame = grab(video);
          if (!frame) return;
          decoder.decode(frame).then(
            (text) => {
              if (!cancelled && text !== null && isNew(text)) onCodeRef.current(text);
            },
            () => {
              if (!cancelled) setStatus({ kind: 'decoder-failed' });
            },
          );
        });
      } catch (e) {
        if (cancelled) return;
        // play() rejects with AbortError when srcObject is replaced during a quick remount; that is not "busy".
        const err = e instanceof CameraError ? e : classifyCameraError(e);
        setStatus({ kind: 'error', problem: err.problem, detail: err.detail });
      }
    })();

    return () => {
      cancelled = true;
      stopLoop?.();
      decoder.close();
      stopStream(stream);
      video.srcObject = null;
      setTrack(undefined);
    };
  }, [active, repeatMs, attempt]);

  const toggleTorch = async () => {
    if (!track) return;
    try {
      await setTorch(track, !torchOn);
      setTorchOn(!torchOn);
      setTorchFailed(false);
    } catch {
      setTorchFailed(true);
    }
  };

  const message =
    status.kind === 'error'
      ? t(PROBLEM_TEXT[status.problem], { detail: status.detail })
      : status.kind === 'decoder-failed'
        ? t('scan.decoder.failed')
        : null;
  const retryable = status.kind === 'error' && (status.problem === 'denied' || status.problem === 'busy' || status.problem === 'failed');

  return (
    <div class="camera-scanner" data-status={status.kind}>
      <div class="camera-view">
        <video ref={videoRef} muted playsInline autoPlay aria-label={t('scan.camera.video')} />
        {status.kind === 'starting' && <p class="camera-overlay">{t('scan.camera.starting')}</p>}
        {status.kind === 'off' && <p class="camera-overlay">{t('scan.camera.off')}</p>}
      </div>
      {status.kind === 'running' && <p class="camera-hint">{t('scan.camera.hint')}</p>}
      {message && (
        <div class="camera-problem" role="alert">
          <p>{message}</p>
          {retryable && (
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>
              {t('action.retry')}
            </button>
          )}
        </div>
      )}
      {status.kind === 'running' && torchSupported(track) && (
        <button type="button" class="torch" aria-pressed={torchOn} onClick={() => void toggleTorch()}>
          {t(torchOn ? 'scan.torch.off' : 'scan.torch.on')}
        </button>
      )}
      {torchFailed && <p role="status">{t('scan.torch.failed')}</p>}
    </div>
  );
}
