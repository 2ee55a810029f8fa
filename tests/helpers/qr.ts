import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with a `default` export in its types; under Node's ESM both shapes can arrive.
const jsQR = (jsQRModule as unknown as { default?: typeof jsQRModule.default }).default ?? (jsQRModule as unknown as typeof jsQRModule.default);

/** The text a PNG QR code encodes (a Buffer, or a `data:image/png;base64,` URL), read as a scanner would. */
export function readQrPng(image: Buffer | string): string | undefined {
  const bytes = typeof image === 'string' ? Buffer.from(image.replace(/^data:image\/png;base64,/, ''), 'base64') : image;
  const png = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}
