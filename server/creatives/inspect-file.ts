import { fileTypeFromBuffer } from "file-type";
import { imageSize } from "image-size";
import { DomainError } from "@/server/errors";
import { MAX_FILE_BYTES, MAX_PIXELS, MAX_SIDE } from "./limits";

export const IMAGE_TYPES = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp" } as const;
export type ImageType = keyof typeof IMAGE_TYPES;

export type InspectedImage = { type: ImageType; ext: (typeof IMAGE_TYPES)[ImageType]; width: number; height: number; size: number };

const refuse = (message: string) => new DomainError("BAD_REQUEST", message, "file");

// Markup a browser would act on if the bytes were ever read as a document: a real banner never holds it.
// (Long enough tokens that compressed pixel data cannot match them by chance.)
const MARKUP = /<\s*(script|html|body|iframe|svg|object|embed|meta|style|!doctype)[\s>/]|javascript:/i;

const KB = (n: number) => `${Math.round(n / 1024)} KB`;
const SVG_REFUSED = "SVG files are not accepted (they can carry script). Upload a PNG, JPEG, GIF or WebP image.";

/** Nothing may follow the image's own end: bytes appended after it are how image/HTML and image/JS polyglots are made. */
function endsCleanly(type: ImageType, bytes: Uint8Array): boolean {
  const n = bytes.length;
  switch (type) {
    case "image/png": {
      const iend = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
      return n >= 12 && iend.every((b, i) => bytes[n - 8 + i] === b);
    }
    case "image/jpeg":
      return n >= 4 && bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9;
    case "image/gif":
      return n >= 14 && bytes[n - 1] === 0x3b;
    case "image/webp":
      return n >= 12 && Buffer.from(bytes.buffer, bytes.byteOffset, n).readUInt32LE(4) + 8 === n;
  }
}

/**
 * Decides what an uploaded banner is from its bytes alone (never its name or declared type), and refuses anything
 * that is not a plain PNG, JPEG, GIF or WebP within the size and pixel limits. SVG is refused outright: it is a
 * document that can carry script, and we would rather not serve one than depend on sanitising it.
 */
export async function inspectImage(bytes: Uint8Array): Promise<InspectedImage> {
  if (bytes.length === 0) throw refuse("The file is empty.");
  if (bytes.length > MAX_FILE_BYTES) throw refuse(`The file is ${KB(bytes.length)}; banners may be at most ${KB(MAX_FILE_BYTES)}.`);
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !(detected.mime in IMAGE_TYPES)) {
    const head = Buffer.from(bytes.subarray(0, 4096)).toString("utf8");
    if (detected?.mime === "image/svg+xml" || /<svg[\s>/]/i.test(head)) throw refuse(SVG_REFUSED);
    if (/^[\s\uFEFF]*</.test(head)) throw refuse("This file is HTML or XML text, not an image, whatever its name says. Upload a PNG, JPEG, GIF or WebP image.");
  }
  if (!detected) throw refuse("This file is not a PNG, JPEG, GIF or WebP image. Upload one of those.");
  if (!(detected.mime in IMAGE_TYPES)) throw refuse(`This file is ${detected.mime}, not an image we accept. Upload a PNG, JPEG, GIF or WebP image.`);
  const type = detected.mime as ImageType;
  let size: { width: number; height: number };
  try {
    size = imageSize(bytes);
  } catch {
    throw refuse("The image is damaged: its size cannot be read.");
  }
  const { width, height } = size;
  if (!width || !height) throw refuse("The image is damaged: its size cannot be read.");
  if (width > MAX_SIDE || height > MAX_SIDE) throw refuse(`The image is ${width}×${height} pixels; each side may be at most ${MAX_SIDE} pixels.`);
  if (width * height > MAX_PIXELS) throw refuse(`The image is ${width}×${height} pixels (${((width * height) / 1e6).toFixed(1)} megapixels); at most ${MAX_PIXELS / 1e6} megapixels are accepted.`);
  if (!endsCleanly(type, bytes)) throw refuse("The image has data after its end (an image joined to another file). Export it again from an image editor.");
  if (MARKUP.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1"))) throw refuse("The image holds HTML or script text in its data. Export it again from an image editor.");
  return { type, ext: IMAGE_TYPES[type], width, height, size: bytes.length };
}
