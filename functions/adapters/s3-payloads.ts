import { CopyObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isClaimed, payloadContentType, restorePayload, type EnvelopePayload, type PayloadObject, type PayloadReference } from '../core/claim-check.ts';
import { decodeEnvelope } from '../core/envelope.ts';

/** S3: the object is gone (past the bucket's expiry). */
const isMissingObject = (error: unknown): boolean => error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey';

/** The payload bucket of the claim check (core/claim-check.ts): stores, restores and renews payload objects. */
export class S3Payloads {
  readonly #s3: S3Client;
  readonly bucket: string;

  constructor(s3: S3Client, bucket: string) {
    this.#s3 = s3;
    this.bucket = bucket;
  }

  /** Writes the payload objects of sealed messages: before the messages that refer to them are sent. */
  async store(objects: readonly (PayloadObject | undefined)[]): Promise<void> {
    await Promise.all(
      objects.map((object) =>
        object && this.#s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: object.key, Body: object.content, ContentType: object.contentType })),
      ),
    );
  }

  /**
   * Each message with its payload as if it had travelled inline: one GetObject per claimed payload.
   * A payload whose object is gone stays a reference (`bodyRef`), so the message is still delivered.
   */
  async restore<M extends { readonly payload: EnvelopePayload }>(messages: readonly M[]): Promise<M[]> {
    return restorePayloads(this.#s3, messages);
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
