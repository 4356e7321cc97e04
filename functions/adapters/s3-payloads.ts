import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isAnsweredByUrl, isClaimed, payloadContentType, restorePayload, type EnvelopePayload, type PayloadObject, type PayloadReference } from '../core/claim-check.ts';
import { decodeEnvelope } from '../core/envelope.ts';
import { UploadNotFoundError } from '../core/problems/index.ts';
import { newUploadId, PRESIGNED_URL_SECONDS, uploadKey } from '../core/uploads.ts';

/** The presigner only signs uploads and large-body URLs: loaded on first use, off the cold start. */
const presigner = () => import('@aws-sdk/s3-request-presigner');

/** S3: the object is gone (past the bucket's expiry). */
const isMissingObject = (error: unknown): boolean => error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey';

/** A presigned PUT of one upload: what `POST /v1/uploads` answers. */
export interface UploadTarget {
  readonly uploadId: string;
  readonly url: string;
  readonly method: 'PUT';
  /** The headers the PUT must carry as given (they are signed); Content-Length must be the declared size. */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: string;
}

/** The payload bucket of the claim check (core/claim-check.ts): stores, restores and renews payload objects. */
export class S3Payloads {
  readonly #s3: S3Client;
  /** Signs URLs: a client that adds no checksum of its own (a presigned PUT's would be the empty body's). */
  readonly #signer: () => S3Client;
  readonly bucket: string;

  constructor(s3: S3Client, bucket: string, signer: () => S3Client = () => s3) {
    this.#s3 = s3;
    this.#signer = signer;
    this.bucket = bucket;
  }

  /** A presigned PUT of `bytes` bytes of `contentType` to a new upload; S3 refuses any other size or type. */
  async createUpload(bytes: number, contentType: string, now: Date): Promise<UploadTarget> {
    const uploadId = newUploadId();
    const put = new PutObjectCommand({ Bucket: this.bucket, Key: uploadKey(uploadId), ContentLength: bytes, ContentType: contentType });
    const url = await (await presigner()).getSignedUrl(this.#signer(), put, {
      expiresIn: PRESIGNED_URL_SECONDS,
      signingDate: now,
      signableHeaders: new Set(['content-length', 'content-type']),
    });
    const expiresAt = new Date(now.getTime() + PRESIGNED_URL_SECONDS * 1000).toISOString();
    return { uploadId, url, method: 'PUT', headers: { 'content-type': contentType }, expiresAt };
  }

  /**
   * The size of each upload, by id: one HeadObject each.
   * @throws UploadNotFoundError for an upload whose object is not there (never PUT, or expired)
   */
  async sizeUploads(uploadIds: readonly string[]): Promise<Map<string, number>> {
    const unique = [...new Set(uploadIds)];
    const sizes = await Promise.all(
      unique.map(async (uploadId) => {
        try {
          const head = await this.#s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: uploadKey(uploadId) }));
          return head.ContentLength ?? 0;
        } catch (error) {
          if (error instanceof NotFound || (error as Error).name === 'NotFound') throw new UploadNotFoundError(uploadId);
          throw error;
        }
      }),
    );
    return new Map(unique.map((uploadId, index) => [uploadId, sizes[index]!]));
  }

  /** Writes the payload objects of sealed messages: before the messages that refer to them are sent. */
  async store(objects: readonly (PayloadObject | undefined)[]): Promise<void> {
    await Promise.all(
      objects.map(async (object) => {
        if (!object) return;
        const { key: Key, contentType: ContentType } = object;
        // An upload is copied within S3 (up to 5 GB in one call): its bytes never pass through the function.
        if ('copyOf' in object) {
          await this.#s3.send(new CopyObjectCommand({ Bucket: this.bucket, Key, CopySource: `${this.bucket}/${object.copyOf}`, MetadataDirective: 'REPLACE', ContentType }));
        } else {
          await this.#s3.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: object.content, ContentType }));
        }
      }),
    );
  }

  /**
   * Each message with its payload as if it had travelled inline: one GetObject per claimed payload.
   * A payload whose object is gone stays a reference (`bodyRef`), so the message is still delivered.
   * One too large for an answer (an upload's) stays a reference too, with `bodyUrl`: a presigned
   * GET of its object, valid PRESIGNED_URL_SECONDS.
   */
  async restore<M extends { readonly payload: EnvelopePayload }>(messages: readonly M[]): Promise<M[]> {
    return Promise.all(
      messages.map(async (message) => {
        const { payload } = message;
        if (!isClaimed(payload) || !isAnsweredByUrl(payload.bodyRef)) return (await restorePayloads(this.#s3, [message]))[0]!;
        const get = new GetObjectCommand({ Bucket: payload.bodyRef.bucket, Key: payload.bodyRef.key });
        return { ...message, payload: { ...payload, bodyUrl: await (await presigner()).getSignedUrl(this.#signer(), get, { expiresIn: PRESIGNED_URL_SECONDS }) } };
      }),
    );
  }

  /**
   * Restarts the expiry of the objects the SQS bodies refer to, before Postroom sends them on (a
   * copy of each object onto itself is a new object to the lifecycle rule). A body without a
   * reference costs nothing; an object already gone is left gone.
   */
  async renew(messageBodies: readonly string[]): Promise<void> {
    const references = new Map<string, PayloadReference>();
    for (const body of messageBodies) {
      const payload = decodeEnvelope(body)?.payload;
      if (payload && isClaimed(payload) && payload.bodyRef.bucket === this.bucket) references.set(payload.bodyRef.key, payload.bodyRef);
    }
    await Promise.all(
      [...references.values()].map(async ({ key, encoding }) => {
        try {
          // Copying onto itself needs a change: new metadata (the Content-Type is given again, as REPLACE drops it).
          await this.#s3.send(
            new CopyObjectCommand({
              Bucket: this.bucket,
              Key: key,
              CopySource: `${this.bucket}/${key}`,
              MetadataDirective: 'REPLACE',
              ContentType: payloadContentType(encoding),
              Metadata: { renewed: new Date().toISOString() },
            }),
          );
        } catch (error) {
          if (!isMissingObject(error)) throw error;
        }
      }),
    );
  }
}

/** S3Payloads.restore, for readers that only read (a consumer's function): the references name their bucket. */
export async function restorePayloads<M extends { readonly payload: EnvelopePayload }>(s3: S3Client, messages: readonly M[]): Promise<M[]> {
  return Promise.all(
    messages.map(async (message) => {
      if (!isClaimed(message.payload)) return message;
      const content = await read(s3, message.payload.bodyRef);
      return content === undefined ? message : { ...message, payload: restorePayload(message.payload.bodyRef, content) };
    }),
  );
}

async function read(s3: S3Client, reference: PayloadReference): Promise<Uint8Array | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: reference.bucket, Key: reference.key }));
    return await object.Body!.transformToByteArray();
  } catch (error) {
    if (isMissingObject(error)) return undefined;
    throw error;
  }
}
