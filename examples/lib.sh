# Shared by the examples' deploy and remove scripts (sourced, not run): the endpoint and credentials a local Nimbus
# accepts unless told otherwise, one progress line per step, and small helpers. Only the AWS CLI talks to Nimbus.
export AWS_ENDPOINT_URL="${AWS_ENDPOINT_URL:-http://127.0.0.1:4566}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-000000000000}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-nimbus}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
export AWS_PAGER=""
command -v aws >/dev/null || { echo "the examples need the AWS CLI (pip install awscli)" >&2; exit 1; }

step() { printf '==> %s\n' "$*"; }

# The scripts bring their own credentials; the aws commands their usage text suggests run in the user's shell, which
# may have none (any key works with Nimbus; the region matters).
credentials_hint() {
  echo "export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=$AWS_DEFAULT_REGION   # if your shell has no AWS credentials"
}

# The account ARNs name: STS's answer where there is one; else Nimbus's account (000000000000 unless the server was
# configured otherwise: then set NIMBUS_ACCOUNT_ID). Asked once per script.
account() {
  if [ -z "${_account:-}" ]; then # cached when called outside $(...)
    _account="$(aws sts get-caller-identity --query Account --output text 2>/dev/null | grep -xE '[0-9]{12}' || echo "${NIMBUS_ACCOUNT_ID:-000000000000}")"
  fi
  echo "$_account"
}

function_exists() { aws lambda get-function --function-name "$1" >/dev/null 2>&1; }
table_exists() { aws dynamodb describe-table --table-name "$1" >/dev/null 2>&1; }
bucket_exists() { aws s3api head-bucket --bucket "$1" >/dev/null 2>&1; }

# Creates the function, or updates its code and configuration when it exists: re-running a deploy is an upgrade.
#   deploy_function NAME ZIP RUNTIME HANDLER ENVIRONMENT [extra create-function arguments...]
deploy_function() {
  local name="$1" zip="$2" runtime="$3" handler="$4" environment="$5"; shift 5
  if function_exists "$name"; then
    aws lambda update-function-code --function-name "$name" --zip-file "fileb://$zip" >/dev/null
    aws lambda wait function-updated-v2 --function-name "$name"
    aws lambda update-function-configuration --function-name "$name" --runtime "$runtime" --handler "$handler" \
      --environment "$environment" >/dev/null
  else
    aws lambda create-function --function-name "$name" --runtime "$runtime" --handler "$handler" \
      --role "arn:aws:iam::$(account):role/$name" --zip-file "fileb://$zip" --environment "$environment" "$@" >/dev/null
  fi
  aws lambda wait function-active-v2 --function-name "$name"
  aws lambda wait function-updated-v2 --function-name "$name"
}

# Zips Python sources (no dependencies: the runtime ships boto3) into a fresh temp file and prints its path.
zip_python() {
  local zip; zip="$(mktemp -d)/function.zip"
  command -v zip >/dev/null || { echo "packaging needs zip: run ./nimbus setup" >&2; exit 1; }
  zip -qj "$zip" "$@"
  echo "$zip"
}

# Removes what may be absent without failing: remove scripts run on a half-deployed example too.
quietly() { "$@" >/dev/null 2>&1 || true; }

delete_bucket() { bucket_exists "$1" && aws s3 rb "s3://$1" --force >/dev/null || true; }

delete_function() { quietly aws lambda delete-function --function-name "$1"; quietly aws logs delete-log-group --log-group-name "/aws/lambda/$1"; }

delete_table() {
  if table_exists "$1"; then
    aws dynamodb delete-table --table-name "$1" >/dev/null
    aws dynamodb wait table-not-exists --table-name "$1"
  fi
}
