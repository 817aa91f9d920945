# No secret ever leaves glancer: canary passwords, application-credential secrets, Keystone
# tokens (the X-Auth-Token / X-Subject-Token values) and `glancer serve --token` are grepped for in
# every output of every command (validate, plan, plan --out + show, apply, drift, graph, import,
# destroy, serve), at every verbosity (default, --debug, GLANCER_LOG=debug) and in every format
# each command's --help lists, on success and on error paths (wrong password, secret and token:
# Keystone's and Glance's 401), against the real Keystone + Glance of the test stack. A property
# whose name merely looks secret is user data and stays visible.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/openstack/lib_openstack.sh"
PY=/usr/bin/python3
start_stack
OUTS="$WORK/outputs"
mkdir -p "$OUTS"
rnd() { $PY -c 'import secrets; print(secrets.token_hex(10))'; }

# Keystone tokens made here, so their values are known canaries (issued outside any output file).
issue_token() { OS_CLOUD=demo /usr/bin/openstack token issue -f value -c id 2>/dev/null; }
TOKEN_RESCOPE=$(issue_token)
TOKEN_DIRECT=$(issue_token)
[[ ${#TOKEN_RESCOPE} -gt 20 && $TOKEN_RESCOPE != "$TOKEN_DIRECT" ]] || { OUT=; CODE=-; fail "could not issue two tokens"; }
WRONG_PW=CANARY-wrong-pw-$(rnd)
WRONG_SECRET=CANARY-wrong-secret-$(rnd)
WRONG_TOKEN=CANARY-wrong-token-$(rnd)
WRONG_DIRECT=CANARY-wrong-direct-$(rnd)
USERINFO=CANARY-userinfo-$(rnd)
SERVE_TOKEN=CANARY-serve-$(rnd)
SERVE_WRONG=CANARY-serve-wrong-$(rnd)
NOT_SECRET=visible-$(rnd)

# The stack's clouds plus token, admin_token and wrong-credential clouds; secrets in secure.yaml.
GLANCE_URL="http://127.0.0.1:$STACK_GLANCE_PORT"
mkdir -p "$WORK/mine"
$PY - "$OS_CLIENT_CONFIG_FILE" "$OS_CLIENT_SECURE_FILE" "$WORK" <<PYEOF
import json, sys
clouds, secure = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
demo = clouds["clouds"]["demo"]
def like_demo(**auth):
    c = json.loads(json.dumps(demo)); c["auth"].update(auth); return c
scope = {k: demo["auth"][k] for k in ("auth_url", "project_name", "project_domain_name")}
clouds["clouds"].update({
    "rescope": {"auth_type": "token", "auth": dict(scope), "region_name": "RegionOne"},
    "bad-token": {"auth_type": "token", "auth": dict(scope), "region_name": "RegionOne"},
    "direct": {"auth_type": "admin_token", "auth": {"endpoint": "$GLANCE_URL"}},
    "bad-direct": {"auth_type": "admin_token", "auth": {"endpoint": "$GLANCE_URL"}},
    "bad-secret": json.loads(json.dumps(clouds["clouds"]["demo-appcred"])),
    "userinfo": like_demo(),
    "serve": {"auth_type": "admin_token", "auth": {"endpoint": "SERVE_URL"}},
    "serve-wrong": {"auth_type": "admin_token", "auth": {"endpoint": "SERVE_URL"}},
})
secure["clouds"].update({
    "rescope": {"auth": {"token": "$TOKEN_RESCOPE"}},
    "bad-token": {"auth": {"token": "$WRONG_TOKEN"}},
    "direct": {"auth": {"token": "$TOKEN_DIRECT"}},
    "bad-direct": {"auth": {"token": "$WRONG_DIRECT"}},
    "bad-secret": {"auth": {"application_credential_secret": "$WRONG_SECRET"}},
    "userinfo": {"auth": dict(secure["clouds"]["demo"]["auth"],
                              auth_url=demo["auth"]["auth_url"].replace("http://", "http://demo:$USERINFO@"))},
    "serve": {"auth": {"token": "$SERVE_TOKEN"}},
    "serve-wrong": {"auth": {"token": "$SERVE_WRONG"}},
})
json.dump(clouds, open(sys.argv[3] + "/clouds.json", "w"), indent=1)
json.dump(secure, open(sys.argv[3] + "/mine/secure.yaml", "w"), indent=1)  # JSON is YAML
PYEOF
export OS_CLIENT_CONFIG_FILE="$WORK/clouds.json" OS_CLIENT_SECURE_FILE="$WORK/mine/secure.yaml"

# Manifests: the quickstart, with a property whose name looks secret (it is not).
copy_quickstart
QS="$WORK/qs"
sed -i "s/^      os_distro: tinylinux$/&\n      db_password_hint: $NOT_SECRET/" "$QS"/*.yaml
grep -rq "db_password_hint" "$QS" || { OUT=; CODE=-; fail "could not add the look-alike property"; }

# run LABEL [VAR=VALUE…] -- ARGS…: glancer (with the env assignments), output kept in $OUTS/N-LABEL.
RUNS=0
run() {
  local label=$1 envs=()
  shift
  while [[ $1 != -- ]]; do envs+=("$1"); shift; done
  shift
  RUNS=$((RUNS + 1))
  set +e
  OUT=$(env "${envs[@]}" "$GLANCER" "$@" 2>&1)
  CODE=$?
  set -e
  printf '$ %s\n%s\n' "$*" "$OUT" >"$OUTS/$RUNS-$label.out"
}
# formats CMD: the values `glancer CMD --help` lists for --format (none: the command has none).
formats() {
  "$GLANCER" "$1" --help | sed -n 's/^ *--format \([a-z|]*\).*/\1/p' | tr '|' ' '
}
VERBOSITIES=(quiet debug env)
# vrun LABEL VERBOSITY -- ARGS…: run with the verbosity applied.
vrun() {
  local label=$1 v=$2
  shift 3
  case $v in
    quiet) run "$label-$v" GLANCER_LOG= -- "$@" ;;
    debug) run "$label-$v" GLANCER_LOG= -- --debug "$@" ;;
    env) run "$label-$v" GLANCER_LOG=debug -- "$@" ;;
  esac
}
# each CLOUD LABEL CMD ARGS…: CMD at every verbosity and in every format it lists.
each() {
  local cloud=$1 label=$2 cmd=$3 v f
  shift 3
  local fmts
  fmts=$(formats "$cmd")
  for v in "${VERBOSITIES[@]}"; do
    if [[ -z $fmts ]]; then
      vrun "$label" "$v" -- --cloud "$cloud" "$cmd" "$@"
      LAST_CODES+=("$CODE")
    else
      for f in $fmts; do
        vrun "$label-$f" "$v" -- --cloud "$cloud" "$cmd" --format "$f" "$@"
        LAST_CODES+=("$CODE")
      done
    fi
  done
}
# codes_are CODE: every run of the last `each` exited with CODE.
codes_are() {
  local c
  for c in "${LAST_CODES[@]}"; do [[ $c == "$1" ]] || fail "expected every exit code $1, got ${LAST_CODES[*]}"; done
  CHECKS=$((CHECKS + 1))
  LAST_CODES=()
}
LAST_CODES=()

# --- every command, the password cloud ----------------------------------------------------------
[[ -n $(formats plan) && -n $(formats drift) ]] || { OUT=$("$GLANCER" plan --help); CODE=-; fail "no --format values parsed from --help"; }
each demo validate validate "$QS"; codes_are 0
each demo plan plan "$QS"; codes_are 0
grep -l "db_password_hint" "$OUTS"/*-plan-* >/dev/null || fail "the plan shows the look-alike property"
[[ $(grep -l "$NOT_SECRET" "$OUTS"/*-plan-*-quiet.out | wc -l) == $(formats plan | wc -w) ]] ||
  fail "the look-alike property's value is shown in every plan format"
CHECKS=$((CHECKS + 2))
for v in "${VERBOSITIES[@]}"; do
  vrun plan-out "$v" -- --cloud demo plan --out "$OUTS/saved-$v.plan" "$QS"
  expect_code 0
  for f in $(formats show); do
    vrun show-$f "$v" -- --cloud demo show --format "$f" "$OUTS/saved-$v.plan"
    expect_code 0
  done
done
grep -q "$NOT_SECRET" "$OUTS/saved-quiet.plan" || fail "the saved plan keeps the look-alike property"
each demo graph graph "$QS"; codes_are 0
vrun apply debug -- --cloud demo apply --auto-approve "$QS"
expect_code 0
expect_out "Apply complete: 3 succeeded"
grep -q '^debug: http: POST .*/auth/tokens body .*"password":"\*\*\*"' <<<"$OUT" ||
  fail "--debug logs the Keystone request with the password redacted"
CHECKS=$((CHECKS + 1))
each demo apply apply --auto-approve "$QS"; codes_are 0
each demo drift drift "$QS"; codes_are 0

# import + destroy: an image made outside glancer, adopted, then destroyed, at each verbosity.
for v in "${VERBOSITIES[@]}"; do
  M="$WORK/adopt-$v"
  mkdir -p "$M"
  head -c 4096 /dev/urandom >"$M/data.raw"
  cat >"$M/adopt.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: adopt-$v}
images:
  - key: adopt
    name: Adopt $v
    disk_format: raw
    container_format: bare
    visibility: private
    source: {file: data.raw}
YAML
  ID=$(OS_CLOUD=demo /usr/bin/openstack image create --disk-format raw --container-format bare --private \
    --file "$M/data.raw" "Adopt $v" -f value -c id 2>&1 | tee -a "$ALL_OUTPUT")
  vrun import "$v" -- --cloud demo import adopt "$ID" "$M"
  expect_code 0
  vrun destroy "$v" -- --cloud demo destroy --auto-approve "$M"
  expect_code 0
done

# --- the other ways to authenticate: application credential, token rescoping, admin_token ------
each demo-appcred appcred-plan plan "$QS"; codes_are 0
each rescope rescope-plan plan "$QS"; codes_are 0
each direct direct-drift drift "$QS"; codes_are 0
vrun direct-apply debug -- --cloud direct apply --auto-approve "$QS"
expect_code 0
each userinfo userinfo-plan plan "$QS"; codes_are 0

# --- error paths: wrong password (OS_PASSWORD), secret and token; Glance's 401 ----------------
for v in "${VERBOSITIES[@]}"; do
  OS_ENV=(-u OS_CLIENT_CONFIG_FILE -u OS_CLIENT_SECURE_FILE -u OS_CLOUD OS_AUTH_URL="$STACK_AUTH_URL"
    OS_USERNAME=demo OS_PASSWORD="$WRONG_PW" OS_PROJECT_NAME=demo OS_USER_DOMAIN_NAME=Default
    OS_PROJECT_DOMAIN_NAME=Default)
  case $v in
    quiet) run env-pw-$v "${OS_ENV[@]}" GLANCER_LOG= -- plan "$QS" ;;
    debug) run env-pw-$v "${OS_ENV[@]}" GLANCER_LOG= -- --debug apply --auto-approve "$QS" ;;
    env) run env-pw-$v "${OS_ENV[@]}" GLANCER_LOG=debug -- drift "$QS" ;;
  esac
  expect_code 1
  expect_out "authentication failed"
  expect_out "401"
done
each bad-secret bad-secret plan "$QS"; codes_are 1
grep -q "401" "$OUTS"/*-bad-secret-*quiet.out || fail "a wrong secret reports Keystone's 401"
each bad-token bad-token plan "$QS"; codes_are 1
each bad-direct bad-direct drift "$QS"; codes_are 1
grep -q "401" "$OUTS"/*-bad-direct-*quiet.out || fail "a wrong token reports Glance's 401"
CHECKS=$((CHECKS + 2))

# --- glancer serve --token, its logs, and clients with the right and a wrong token --------------
GLANCER_LOG=debug start_serve --debug --token "$SERVE_TOKEN"
sed -i "s|SERVE_URL|$URL|" "$OS_CLIENT_CONFIG_FILE"
each serve serve-apply apply --auto-approve "$QS"; codes_are 0
each serve serve-plan plan "$QS"; codes_are 0
each serve-wrong serve-wrong drift "$QS"; codes_are 1
curl -s -H "X-Auth-Token: $SERVE_WRONG" "$URL/v2/images" >"$OUTS/curl-wrong.out"
grep -q "401" "$OUTS/curl-wrong.out" || fail "serve answers a wrong token with 401"
stop_serve
cp "$WORK/serve.out" "$WORK/serve.err" "$OUTS/"
CHECKS=$((CHECKS + 1))

# --- the canaries ----------------------------------------------------------------------------
CANARIES=("$STACK_DEMO_PASSWORD" "$STACK_OTHER_PASSWORD" "$STACK_ADMIN_PASSWORD" "$STACK_APPCRED_SECRET"
  "$TOKEN_RESCOPE" "$TOKEN_DIRECT" "$WRONG_PW" "$WRONG_SECRET" "$WRONG_TOKEN" "$WRONG_DIRECT"
  "$USERINFO" "$SERVE_TOKEN" "$SERVE_WRONG")
PATTERNS=()
for c in "${CANARIES[@]}"; do PATTERNS+=(-e "$c"); done
LEAKS=$(grep -rlF "${PATTERNS[@]}" "$OUTS" "$ALL_OUTPUT" || true)
[[ -z $LEAKS ]] || { OUT=$(grep -rhoF "${PATTERNS[@]}" $LEAKS | sort -u | head); CODE=-; fail "a secret leaked into: $LEAKS"; }
# Any Keystone (fernet) token glancer obtained itself, whose value the test cannot know.
LEAKS=$(grep -rlE 'gAAAAA[A-Za-z0-9_-]{20,}' "$OUTS" || true)
[[ -z $LEAKS ]] || { OUT=$(grep -rhoE 'gAAAAA[A-Za-z0-9_-]{20,}' $LEAKS | head -3); CODE=-; fail "a Keystone token leaked into: $LEAKS"; }
# The whole stack directory too (Keystone, Glance, PostgreSQL logs), like the e2e test.
expect_no_secrets
CHECKS=$((CHECKS + 2))
echo "secrets: $RUNS glancer runs, $(ls "$OUTS" | wc -l) files, ${#CANARIES[@]} canaries + the token pattern"
passed
