#!/usr/bin/env bash
# Runs the hourly report now (what the schedule does every hour) and prints the JSON report it wrote.
#   examples/hourly-report/run-now.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../lib.sh"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
step "Invoking thumbnail-report"
aws lambda invoke --function-name thumbnail-report --payload '{}' "$out" --query FunctionError --output text | grep -qx None \
  || { echo "The report failed:" >&2; cat "$out" >&2; echo >&2; exit 1; }
report="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["report"])' "$out")"
step "Report $report"
aws s3 cp "$report" -
