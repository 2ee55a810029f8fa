// Optional: scan the QR code of a confirmation email with the device camera (getUserMedia → canvas →
// jsQR, vendored in public/vendor/jsqr). The QR code holds the delegate's check-in code; a decoded code
// fills the code field and submits its form, exactly as if it had been typed. Without JavaScript, a
// camera or permission, the button stays hidden and the code is typed.
(function () {
  'use strict';
  const form = document.getElementById('checkin-code-form');
  const field = document.getElementById('f-code');
  const start = document.getElementById('checkin-scan-start');
  const panel = document.getElementById('checkin-scan');
  const video = document.getElementById('checkin-scan-video');
  const status = document.getElementById('checkin-scan-status');
  const stopButton = document.getElementById('checkin-scan-stop');
  /** Frames are scaled down to this width and read a few times a second: enough for a QR code, easy on a tablet. */
  const MAX_WIDTH = 640;
  const SCAN_EVERY_MS = 150;

  /** The check-in code a QR code's text carries (the server normalises the same way), or null. */
  function codeFromText(text) {
    const trimmed = String(text || '').normalize('NFKC').trim();
    const last = trimmed.includes('/') ? trimmed.split(/[/?#]/).filter(Boolean).pop() || '' : trimmed;
    const code = last.toUpperCase().replace(/[^A-Z0-9]/g, '');
    return /^[A-Z0-9]{4,32}$/.test(code) ? code : null;
  }

  /** Decode a QR code in an ImageData (a canvas frame); the check-in code, or null. */
  function decodeImageData(imageData) {
    if (typeof window.jsQR !== 'function') return null;
    const result = window.jsQR(imageData.data, imageData.width, imageData.height);
    return result ? codeFromText(result.data) : null;
  }

  let stream;
  let frame;
  let lastScan = 0;

  function stop() {
    if (frame) cancelAnimationFrame(frame);
    frame = undefined;
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = undefined;
    if (video) video.srcObject = null;
    if (panel) panel.hidden = true;
  }

  /** Put a code in the field and submit the form, as if it had been typed. */
  function useCode(code) {
    field.value = code;
    if (status && panel) status.textContent = (panel.dataset.msgFound || '').replace('{code}', code);
    stop();
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  /** Decode a frame and, if it holds a code, check it in; returns the code or null. */
  function scanImageData(imageData) {
    const code = decodeImageData(imageData);
    if (code && form && field) useCode(code);
    return code;
  }

  window.ConveneCheckinScan = { codeFromText, decodeImageData, scanImageData };

  if (!form || !field || !start || !panel || !video || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || typeof window.jsQR !== 'function') return;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });

  function tick(now) {
    if (!stream) return;
    if (now - lastScan >= SCAN_EVERY_MS && video.readyState >= video.HAVE_ENOUGH_DATA && video.videoWidth) {
      lastScan = now;
      const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      if (scanImageData(context.getImageData(0, 0, canvas.width, canvas.height))) return;
    }
    frame = requestAnimationFrame(tick);
  }

  async function begin() {
    panel.hidden = false;
    status.textContent = panel.dataset.msgScanning || '';
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
      status.textContent = panel.dataset.msgDenied || '';
      field.focus();
      return;
    }
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    frame = requestAnimationFrame(tick);
  }

  start.hidden = false;
  start.addEventListener('click', begin);
  stopButton.addEventListener('click', () => {
    stop();
    field.focus();
  });
  window.addEventListener('pagehide', stop);
})();
