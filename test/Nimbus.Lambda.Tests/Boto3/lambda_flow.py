"""Drives Nimbus's Lambda API with stock boto3: waiters, paginators, modeled errors. Exit code 0 = all checks passed."""
import base64
import io
import json
import sys
import zipfile

import boto3
from botocore.config import Config

endpoint = sys.argv[1]
client = boto3.client(
    "lambda",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
    config=Config(retries={"max_attempts": 1}),
)


def zip_of(source):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", source)
    return buffer.getvalue()


def expect_error(code, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except client.exceptions.ClientError as error:
        actual = error.response["Error"]["Code"]
        assert actual == code, f"expected {code}, got {actual}: {error}"
        return error
    raise AssertionError(f"expected {code}, call succeeded")


role = "arn:aws:iam::000000000000:role/lambda-role"
created = client.create_function(
    FunctionName="boto", Runtime="python3.12", Role=role, Handler="index.handler",
    Code={"ZipFile": zip_of("def handler(e, c):\n    return e\n")}, Tags={"env": "test"},
)
assert created["State"] == "Pending", created
client.get_waiter("function_active_v2").wait(FunctionName="boto", WaiterConfig={"Delay": 1, "MaxAttempts": 10})

function = client.get_function(FunctionName="boto")
assert function["Configuration"]["State"] == "Active"
assert function["Tags"] == {"env": "test"}

response = client.invoke(FunctionName="boto", Payload=json.dumps({"hello": "world"}), LogType="Tail")
assert response["StatusCode"] == 200
assert json.loads(response["Payload"].read()) == {"hello": "world"}
assert response["ExecutedVersion"] == "$LATEST"
assert base64.b64decode(response["LogResult"]).startswith(b"START RequestId:")

event = client.invoke(FunctionName="boto", InvocationType="Event", Payload=b"{}")
assert event["StatusCode"] == 202

updated = client.update_function_configuration(FunctionName="boto", MemorySize=256, Environment={"Variables": {"MODE": "x"}})
assert updated["LastUpdateStatus"] == "InProgress"
client.get_waiter("function_updated_v2").wait(FunctionName="boto", WaiterConfig={"Delay": 1, "MaxAttempts": 10})

version = client.publish_version(FunctionName="boto")
assert version["Version"] == "1"
client.create_alias(FunctionName="boto", Name="live", FunctionVersion="1")
aliased = client.invoke(FunctionName="boto", Qualifier="live", Payload=b"{}")
assert aliased["ExecutedVersion"] == "1"

client.put_function_concurrency(FunctionName="boto", ReservedConcurrentExecutions=5)
assert client.get_function_concurrency(FunctionName="boto")["ReservedConcurrentExecutions"] == 5
settings = client.get_account_settings()
assert settings["AccountLimit"]["UnreservedConcurrentExecutions"] == 995

client.add_permission(FunctionName="boto", StatementId="s3", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com")
policy = json.loads(client.get_policy(FunctionName="boto")["Policy"])
assert policy["Statement"][0]["Principal"] == {"Service": "s3.amazonaws.com"}

arn = created["FunctionArn"]
client.tag_resource(Resource=arn, Tags={"team": "core"})
client.untag_resource(Resource=arn, TagKeys=["env"])
assert client.list_tags(Resource=arn)["Tags"] == {"team": "core"}

for i in range(3):
    client.create_function(FunctionName=f"page{i}", Runtime="python3.12", Role=role, Handler="index.handler",
                           Code={"ZipFile": zip_of("x = 1\n")})
names = []
for page in client.get_paginator("list_functions").paginate(PaginationConfig={"PageSize": 2}):
    names.extend(f["FunctionName"] for f in page["Functions"])
assert names == ["boto", "page0", "page1", "page2"], names
versions = [v["Version"] for v in client.list_versions_by_function(FunctionName="boto")["Versions"]]
assert versions == ["$LATEST", "1"], versions

expect_error("ResourceNotFoundException", client.get_function, FunctionName="missing")
expect_error("ResourceConflictException", client.create_function, FunctionName="boto", Runtime="python3.12", Role=role,
             Handler="index.handler", Code={"ZipFile": zip_of("x = 1\n")})
expect_error("InvalidParameterValueException", client.create_function, FunctionName="badzip", Runtime="python3.12",
             Role=role, Handler="index.handler", Code={"ZipFile": b"not a zip"})
expect_error("ResourceNotFoundException", client.get_alias, FunctionName="boto", Name="nope")
expect_error("PreconditionFailedException", client.update_function_configuration, FunctionName="boto", Description="x",
             RevisionId="stale")
throttle = client.put_function_concurrency(FunctionName="page0", ReservedConcurrentExecutions=0)
error = expect_error("TooManyRequestsException", client.invoke, FunctionName="page0", Payload=b"{}")
assert error.response["Reason"] == "ReservedFunctionConcurrentInvocationLimitExceeded", error.response
error = expect_error("InvalidRequestContentException", client.invoke, FunctionName="boto", Payload=b"{oops")

client.delete_alias(FunctionName="boto", Name="live")
client.delete_function(FunctionName="boto")
expect_error("ResourceNotFoundException", client.get_function_configuration, FunctionName="boto")
print("ok")
