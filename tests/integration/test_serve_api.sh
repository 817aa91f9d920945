# openstacksdk and raw HTTP against `glancer serve`: members, stage/import, web-download and
# Glance's status codes, headers, ranges, paging and error documents.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_common.sh"
start_serve
set +e
OUT=$($PY "$(dirname "$0")/serve_api_check.py" "$URL" "$WORK" 2>&1)
CODE=$?
set -e
expect_code 0
expect_out "serve_api_check: ok"
passed
