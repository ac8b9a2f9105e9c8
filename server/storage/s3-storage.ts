import type { S3Client } from "@aws-sdk/client-s3";
import type { StorageConfig } from "@/server/config";
import { assertContentType, assertKey, readBody, type Storage } from "./types";

type S3Settings = Extract<StorageConfig, { kind: "s3" }>;

/**
 * An S3-compatible bucket (AWS S3, MinIO, Garage, Ceph RGW, R2...). The SDK is loaded on first use so the
 * local-disk default never pays for it. PutObject is atomic on the server side: a failed upload stores nothing.
 */
export function s3Storage(settings: S3Settings): Storage {
  let client: Promise<{ s3: S3Client; sdk: typeof import("@aws-sdk/client-s3") }> | undefined;
  const open = () =>
    (client ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        region: settings.region,
        endpoint: settings.endpoint,
        forcePathStyle: settings.forcePathStyle,
        credentials: settings.credentials,
        // Checksums on every request are newer than many S3-compatible servers: send them only when required.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      }),
    })));
  const objectKey = (key: string) => `${settings.prefix}${key}`;

  return {
    kind: "s3",
    async put(key, body, { contentType }) {
      assertKey(key);
      assertContentType(contentType);
      const bytes = await readBody(body);
      const { s3, sdk } = await open();
      await s3.send(
        new sdk.PutObjectCommand({
          Bucket: settings.bucket,
          Key: objectKey(key),
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
        }),
      );
      return { size: bytes.length };
    },
    async get(key) {
      assertKey(key);
      const { s3, sdk } = await open();
      try {
        const out = await s3.send(new sdk.GetObjectCommand({ Bucket: settings.bucket, Key: objectKey(key) }));
        const body = Buffer.from((await out.Body?.transformToByteArray()) ?? new Uint8Array());
        return { body, contentType: out.ContentType ?? "application/octet-stream", size: body.length };
      } catch (error) {
        if (error instanceof sdk.NoSuchKey || (error as { name?: string }).name === "NotFound") return null;
        throw error;
      }
    },
    async delete(key) {
      assertKey(key);
      const { s3, sdk } = await open();
      await s3.send(new sdk.DeleteObjectCommand({ Bucket: settings.bucket, Key: objectKey(key) }));
    },
  };
}
