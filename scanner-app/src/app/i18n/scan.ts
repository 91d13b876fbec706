import type { Catalogue } from './locale.js';

export const scan = {
  'scan.title': { zh: '扫描通行证', en: 'Scan a pass' },
  'scan.camera.video': { zh: '摄像头画面', en: 'Camera view' },
  'scan.camera.starting': { zh: '正在打开摄像头…', en: 'Starting the camera…' },
  'scan.camera.hint': { zh: '将二维码放入画面中，保持稳定', en: 'Hold the QR code steady in the picture' },
  'scan.camera.off': { zh: '摄像头已关闭', en: 'Camera off' },
  'scan.camera.denied': {
    zh: '没有摄像头权限。请在浏览器设置中允许本站使用摄像头，然后点“重试”。也可用扫码枪或粘贴二维码内容。',
    en: 'No permission to use the camera. Allow this site to use the camera in the browser settings, then tap "Try again". A handheld scanner or pasting the QR text also works.',
  },
  'scan.camera.none': {
    zh: '没有找到摄像头。请用扫码枪扫描，或粘贴二维码内容。',
    en: 'No camera found. Use a handheld scanner, or paste the QR text.',
  },
  'scan.camera.busy': {
    zh: '摄像头正被其他应用使用。请关闭其他使用摄像头的应用，然后点“重试”。',
    en: 'Another app is using the camera. Close it, then tap "Try again".',
  },
  'scan.camera.insecure': {
    zh: '摄像头需要安全连接（HTTPS）。请通过 https:// 地址打开本应用。',
    en: 'The camera needs a secure connection (HTTPS). Open the app at its https:// address.',
  },
  'scan.camera.unsupported': {
    zh: '此浏览器不能使用摄像头。请用扫码枪扫描，或粘贴二维码内容。',
    en: 'This browser cannot use the camera. Use a handheld scanner, or paste the QR text.',
  },
  'scan.camera.failed': { zh: '无法打开摄像头（{detail}）。请点“重试”。', en: 'Could not start the camera ({detail}). Tap "Try again".' },
  'scan.decoder.failed': {
    zh: '二维码识别组件加载失败。请重新加载页面；扫码枪和粘贴仍可使用。',
    en: 'The QR decoder failed to load. Reload the page; a handheld scanner and pasting still work.',
  },
  'scan.torch.on': { zh: '打开补光灯', en: 'Torch on' },
  'scan.torch.off': { zh: '关闭补光灯', en: 'Torch off' },
  'scan.torch.failed': { zh: '补光灯无法切换', en: 'The torch could not be switched' },
  'scan.wedge.hint': { zh: '扫码枪：直接扫描即可，无需点击', en: 'Handheld scanner: just scan, no tap needed' },
  'scan.paste.label': { zh: '粘贴或输入二维码内容', en: 'Paste or type the QR text' },
  'scan.paste.submit': { zh: '查验', en: 'Check' },
  'scan.paste.empty': { zh: '请先粘贴或输入二维码内容', en: 'Paste or type the QR text first' },
} as const satisfies Catalogue;
