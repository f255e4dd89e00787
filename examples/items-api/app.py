"""The Items API: one function behind an HTTP API (API Gateway v2, payload format 2.0) with three routes.

  POST /items       validates the JSON body and inserts the item (201 with the stored item)
  GET  /items       lists the items, newest first
  GET  /items/{id}  one item, or 404

Bad input gets a 400 whose JSON body says what is wrong: {"message": ..., "errors": [...]}. boto3 comes with the
runtime, as on AWS; it finds Nimbus through AWS_ENDPOINT_URL, which Nimbus sets in every function.
"""
import base64
import functools
import json
import os
import uuid
from datetime import datetime, timezone
from decimal import Decimal

import boto3



@functools.cache
def table():
    # Made on first use, then reused by every request this environment serves. Not at import: building boto3's
    # resource model can take seconds on a busy machine, and the init phase has a 10-second limit of its own.
    return boto3.resource("dynamodb").Table(os.environ.get("ITEMS_TABLE", "items"))


MAX_NAME = 100
MAX_DESCRIPTION = 500
MAX_PRICE = 1_000_000
FIELDS = {"name", "price", "description"}


def handler(event, context):
    route = event.get("routeKey")
    if route == "POST /items":
        return create(event)
    if route == "GET /items":
        items = _scan()
        items.sort(key=lambda item: item["createdAt"], reverse=True)
        return _response(200, {"items": items, "count": len(items)})
    if route == "GET /items/{id}":
        item_id = event["pathParameters"]["id"]
        item = table().get_item(Key={"id": item_id}).get("Item")
        return _response(200, _plain(item)) if item else _response(404, {"message": f"No item with id {item_id}."})
    return _response(404, {"message": f"No route {route}."})


def create(event):
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        body = base64.b64decode(body).decode("utf-8", "replace")
    try:
        data = json.loads(body, parse_float=Decimal)
    except ValueError:
        return _response(400, {"message": "The body must be a JSON object, like {\"name\": \"Lamp\", \"price\": 19.99}."})
    errors = validate(data)
    if errors:
        return _response(400, {"message": "The item is not valid: " + " ".join(errors), "errors": errors})
    item = {
        "id": str(uuid.uuid4()),
        "name": data["name"].strip(),
        "price": Decimal(str(data["price"])),
        "createdAt": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }
    if data.get("description"):
        item["description"] = data["description"].strip()
    table().put_item(Item=item)
    return _response(201, _plain(item), {"Location": "/items/" + item["id"]})


def validate(data):
    """Every problem at once, each a sentence naming the field."""
    if not isinstance(data, dict):
        return ["The body must be a JSON object."]
    errors = []
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        errors.append("name is required and must be a non-empty string.")
    elif len(name.strip()) > MAX_NAME:
        errors.append(f"name must be at most {MAX_NAME} characters.")
    price = data.get("price")
    if isinstance(price, bool) or not isinstance(price, (int, Decimal)):
        errors.append("price is required and must be a number.")
    elif not 0 <= price <= MAX_PRICE or Decimal(price).as_tuple().exponent < -2:
        errors.append(f"price must be between 0 and {MAX_PRICE:,}, with at most two decimals.")
    description = data.get("description")
    if description is not None and (not isinstance(description, str) or len(description) > MAX_DESCRIPTION):
        errors.append(f"description must be a string of at most {MAX_DESCRIPTION} characters.")
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        errors.append("Unknown field(s): " + ", ".join(unknown) + ".")
    return errors


def _scan():
    items, query = [], {}
    while True:
        page = table().scan(**query)
        items.extend(_plain(item) for item in page["Items"])
        if "LastEvaluatedKey" not in page:
            return items
        query["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def _plain(item):
    # DynamoDB numbers arrive as Decimal: prices go back as JSON numbers.
    return {key: float(value) if isinstance(value, Decimal) else value for key, value in item.items()}


def _response(status, body, headers=None):
    return {"statusCode": status, "headers": {"Content-Type": "application/json", **(headers or {})}, "body": json.dumps(body)}
