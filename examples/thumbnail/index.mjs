// The seed example: an image lands in one bucket, S3 invokes this function with an ObjectCreated event, and the
// function writes a smaller copy to another bucket. It is an ordinary Lambda function: the same zip runs on AWS.
//
// The AWS SDK reads its endpoint from AWS_ENDPOINT_URL, which Nimbus sets inside every function, so the code has
// no Nimbus-specific line. jimp is pure JavaScript, so the zip carries the whole image library.
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Jimp } from 'jimp';

// Path-style addressing works both on AWS and against an endpoint given as an IP address and port.
const s3 = new S3Client({ forcePathStyle: true });
const targetBucket = process.env.THUMBNAIL_BUCKET;
const width = Number(process.env.THUMBNAIL_WIDTH ?? '128');

export const handler = async (event) => {
  if (!targetBucket) {
    throw new Error('Set THUMBNAIL_BUCKET to the bucket thumbnails go to.');
  }
  const written = [];
  for (const record of event.Records ?? []) {
    const bucket = record.s3.bucket.name;
    // S3 URL-encodes keys in events, with spaces as '+' (form encoding).
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const original = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const image = await Jimp.read(Buffer.from(await original.Body.transformToByteArray()));
    image.resize({ w: Math.min(width, image.bitmap.width) }); // height follows the aspect ratio
    const mime = image.mime ?? 'image/png';
    const thumbnail = await image.getBuffer(mime);
    const thumbnailKey = 'thumbnails/' + key;
    await s3.send(new PutObjectCommand({ Bucket: targetBucket, Key: thumbnailKey, Body: thumbnail, ContentType: mime }));
    console.log(`thumbnail of s3://${bucket}/${key}: s3://${targetBucket}/${thumbnailKey} (${image.bitmap.width}x${image.bitmap.height})`);
    written.push(thumbnailKey);
  }
  return { written };
};
