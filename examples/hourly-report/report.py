"""The hourly job: a report of the thumbnails made in the last 24 hours, written to S3 as JSON and CSV.

EventBridge Scheduler invokes this function every hour (and `run-now.sh` invokes it on demand). It reads the
metadata table that examples/thumbnail fills, through its by-day index (one query per calendar day the window
touches), and writes reports/<end of window>.json and .csv to the report bucket. boto3 comes with the runtime, as on
AWS; it finds Nimbus through AWS_ENDPOINT_URL, which Nimbus sets in every function.
"""
import csv
import functools
import io
import json
import os
from datetime import datetime, timedelta, timezone

import boto3
from boto3.dynamodb.conditions import Key

TABLE = os.environ.get("METADATA_TABLE", "photo-metadata")
BUCKET = os.environ.get("REPORT_BUCKET", "photo-reports")
WINDOW = timedelta(hours=int(os.environ.get("REPORT_HOURS", "24")))
COLUMNS = ["key", "bucket", "size", "width", "height", "contentType", "uploadedAt", "thumbnailKey"]



@functools.cache
def table():
    # Made on first use, then reused by later runs in this environment. Not at import: building boto3's resource model
    # can take seconds on a busy machine, and the init phase has a 10-second limit of its own.
    return boto3.resource("dynamodb").Table(TABLE)


@functools.cache
def s3():
    return boto3.client("s3")



def handler(event, context):
    # A scheduled run reports the window ending at its scheduled time (the input carries
    # <aws.scheduler.scheduled-time>); an ad-hoc run, the window ending now.
    end = _parse_time((event or {}).get("time")) or datetime.now(timezone.utc)
    start = end - WINDOW
    images = [_row(item) for item in _images_between(start, end)]
    images.sort(key=lambda image: image["uploadedAt"])
    report = {
        "from": _iso(start),
        "to": _iso(end),
        "images": len(images),
        "bytes": sum(image["size"] for image in images),
        "byContentType": _count_by(images, "contentType"),
        "thumbnails": images,
    }
    name = "reports/" + end.strftime("%Y-%m-%dT%H-%M-%SZ")
    s3().put_object(Bucket=BUCKET, Key=name + ".json", Body=json.dumps(report, indent=2).encode(), ContentType="application/json")
    s3().put_object(Bucket=BUCKET, Key=name + ".csv", Body=_csv(images).encode(), ContentType="text/csv")
    print(f"report {name}: {len(images)} thumbnail(s) from {report['from']} to {report['to']}")
    return {"report": f"s3://{BUCKET}/{name}.json", "csv": f"s3://{BUCKET}/{name}.csv", "images": len(images)}


def _images_between(start, end):
    day = start.date()
    while day <= end.date():
        query = {"IndexName": "by-day",
                 "KeyConditionExpression": Key("day").eq(day.isoformat()) & Key("uploadedAt").between(_iso(start), _iso(end))}
        while True:
            page = table().query(**query)
            yield from page["Items"]
            if "LastEvaluatedKey" not in page:
                break
            query["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        day += timedelta(days=1)


def _row(item):
    # DynamoDB numbers arrive as Decimal; the report wants plain JSON numbers.
    return {column: int(item[column]) if column in ("size", "width", "height") else item.get(column, "") for column in COLUMNS}


def _count_by(images, field):
    counts = {}
    for image in images:
        counts[image[field]] = counts.get(image[field], 0) + 1
    return counts


def _csv(images):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(images)
    return out.getvalue()


def _parse_time(value):
    if not value or value.startswith("<"):
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(timezone.utc)


def _iso(moment):
    # The same form as the thumbnail function's uploadedAt (JavaScript's toISOString), so strings compare as times.
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
