// The seed example: an image lands in one bucket, S3 invokes this function with an ObjectCreated event, and the
// function writes a smaller copy to another bucket and records the image's metadata (key, size, dimensions, content
// type, time) in a DynamoDB table. It is an ordinary Lambda function: the same zip runs on AWS.
//
// The AWS SDK reads its endpoint from AWS_ENDPOINT_URL, which Nimbus sets inside every function, so the code has
// no Nimbus-specific line. jimp is pure JavaScript, so the zip carries the whole image library.
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Jimp } from 'jimp';

// Path-style addressing works both on AWS and against an endpoint given as an IP address and port.
const s3 = new S3Client({ forcePathStyle: true });
const dynamodb = new DynamoDBClient({});
const targetBucket = process.env.THUMBNAIL_BUCKET;
const width = Number(process.env.THUMBNAIL_WIDTH ?? '128');
// Optional: without a table the function only writes thumbnails.
const metadataTable = process.env.METADATA_TABLE;

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
    const bytes = Buffer.from(await original.Body.transformToByteArray());
    const image = await Jimp.read(bytes);
    const { width: originalWidth, height: originalHeight } = image.bitmap;
    image.resize({ w: Math.min(width, image.bitmap.width) }); // height follows the aspect ratio
    const mime = image.mime ?? 'image/png';
    const thumbnail = await image.getBuffer(mime);
    const thumbnailKey = 'thumbnails/' + key;
    await s3.send(new PutObjectCommand({ Bucket: targetBucket, Key: thumbnailKey, Body: thumbnail, ContentType: mime }));
    console.log(`thumbnail of s3://${bucket}/${key}: s3://${targetBucket}/${thumbnailKey} (${image.bitmap.width}x${image.bitmap.height})`);
    if (metadataTable) {
      await recordMetadata({ bucket, key, bytes, original, originalWidth, originalHeight, mime, thumbnailKey, image, eventTime: record.eventTime });
    }
    written.push(thumbnailKey);
  }
  return { written };
};

// One item per image, keyed by its S3 key (a re-upload replaces it). `day` and `uploadedAt` feed the table's by-day
// index, which the hourly report (examples/hourly-report) queries.
async function recordMetadata({ bucket, key, bytes, original, originalWidth, originalHeight, mime, thumbnailKey, image, eventTime }) {
  const uploadedAt = new Date(eventTime ?? Date.now()).toISOString();
  await dynamodb.send(new PutItemCommand({
    TableName: metadataTable,
    Item: {
      key: { S: key },
      bucket: { S: bucket },
      size: { N: String(bytes.length) },
      width: { N: String(originalWidth) },
      height: { N: String(originalHeight) },
      contentType: { S: original.ContentType ?? mime },
      uploadedAt: { S: uploadedAt },
      day: { S: uploadedAt.slice(0, 10) },
      thumbnailKey: { S: thumbnailKey },
      thumbnailWidth: { N: String(image.bitmap.width) },
      thumbnailHeight: { N: String(image.bitmap.height) },
    },
  }));
}
