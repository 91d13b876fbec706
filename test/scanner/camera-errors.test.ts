import t from 'tap';
import { CameraError, classifyCameraError } from '../../scanner-app/src/app/scan/camera.js';

t.test("getUserMedia's errors map to what staff can do about them", async (t) => {
  const cases: Array<[string, string]> = [
    ['NotAllowedError', 'denied'],
    ['PermissionDeniedError', 'denied'],
    ['NotFoundError', 'no-camera'],
    ['OverconstrainedError', 'no-camera'],
    ['NotReadableError', 'busy'],
    ['AbortError', 'busy'],
    ['SecurityError', 'insecure'],
    ['TypeError', 'failed'],
  ];
  for (const [name, problem] of cases) {
    const e = classifyCameraError(new DOMException(`${name} happened`, name));
    t.equal(e.problem, problem, name);
    t.equal(e.detail, `${name} happened`);
  }
  t.equal(classifyCameraError('weird').problem, 'failed');
  const already = new CameraError('insecure', 'http');
  t.equal(classifyCameraError(already), already, 'an already classified error is kept');
});
