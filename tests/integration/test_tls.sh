# TLS is verified by default. An HTTPS front (tests/integration/tls_proxy.py, python3 ssl) with a
# self-signed CA made here by the openssl CLI sits before `glancer serve`; clouds reach it with
# `auth_type: none` + `auth.endpoint`. Refused without `cacert` (the error names the URL and the
# TLS failure), refused for a certificate naming another host, accepted with `cacert` or
# `verify: <path>`, accepted unverified only with `insecure: true` / `verify: false`, and a client
# certificate (`cert` + `key`) is presented to a front that demands one.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_common.sh"

# --- certificates --------------------------------------------------------------------------
PKI="$WORK/pki"
mkdir -p "$PKI"
ossl() { openssl "$@" 2>>"$PKI/openssl.log" || { OUT=$(cat "$PKI/openssl.log"); CODE=-; fail "openssl $1 failed"; }; }
# ca NAME: a self-signed CA.
ca() {
  ossl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=glancer test $1" \
    -keyout "$PKI/$1.key" -out "$PKI/$1.pem"
}
# leaf NAME CA EXTENSIONS: a key and a certificate signed by CA.
leaf() {
  ossl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$PKI/$1.key" -out "$PKI/$1.csr"
  printf '%s\n' "$3" >"$PKI/$1.ext"
  ossl x509 -req -in "$PKI/$1.csr" -CA "$PKI/$2.pem" -CAkey "$PKI/$2.key" -CAcreateserial -days 2 \
    -extfile "$PKI/$1.ext" -out "$PKI/$1.pem"
}
ca ca
ca other-ca
leaf server ca "subjectAltName = IP:127.0.0.1
extendedKeyUsage = serverAuth"
leaf wronghost ca "subjectAltName = DNS:images.example.invalid
extendedKeyUsage = serverAuth"
leaf client ca "extendedKeyUsage = clientAuth"

# --- glancer serve behind three HTTPS fronts ------------------------------------------------
start_serve
BACKEND_PORT=${URL##*:}
# front NAME CERT [CLIENT_CA]: starts a TLS front; sets PORT_<NAME>.
front() {
  local name=$1 cert=$2
  shift 2
  : >"$WORK/front-$name.out"  # before the child opens it: the wait below reads it at once
  $PY "$SRC/tests/integration/tls_proxy.py" "$PKI/$cert.pem" "$PKI/$cert.key" "$BACKEND_PORT" "$@" \
    >"$WORK/front-$name.out" 2>"$WORK/front-$name.err" &
  defer stop_process "$!"
  local port=
  for _ in $(seq 1 100); do
    port=$(sed -n 's/^listening //p' "$WORK/front-$name.out")
    [[ -n $port ]] && break
    sleep 0.05
  done
  [[ -n $port ]] || { OUT=$(cat "$WORK/front-$name.err"); CODE=-; fail "TLS front $name did not start"; }
  printf -v "PORT_$name" '%s' "$port"
}
front plain server
front mtls server "$PKI/ca.pem"
front wrong wronghost

cat >"$WORK/clouds.yaml" <<YAML
clouds:
  default:       {auth_type: none, auth: {endpoint: "https://127.0.0.1:$PORT_plain"}}
  cacert:        {auth_type: none, auth: {endpoint: "https://127.0.0.1:$PORT_plain"}, cacert: "$PKI/ca.pem"}
  verify-path:   {auth_type: none, auth: {endpoint: "https://127.0.0.1:$PORT_plain"}, verify: "$PKI/ca.pem"}
  other-ca:      {auth_type: none, auth: {endpoint: "https://127.0.0.1:$PORT_plain"}, cacert: "$PKI/other-ca.pem"}
  insecure:      {auth_type: none, auth: {endpoint: "https://127.0.0.1:$PORT_plain"}, insecure: true}
  verify-false:  {auth_type: none, auth: {endpoint: "https://127.0.0.1:$PORT_plain"}, verify: false}
  insecure-no:   {auth_type: none, auth: {endpoint: "https://127.0.0.1:$PORT_plain"}, insecure: false}
  wrong-host:    {auth_type: none, auth: {endpoint: "https://127.0.0.1:$PORT_wrong"}, cacert: "$PKI/ca.pem"}
  mtls:          {auth_type: none, auth: {endpoint: "https://127.0.0.1:$PORT_mtls"}, cacert: "$PKI/ca.pem",
                  cert: "$PKI/client.pem", key: "$PKI/client.key"}
  mtls-no-cert:  {auth_type: none, auth: {endpoint: "https://127.0.0.1:$PORT_mtls"}, cacert: "$PKI/ca.pem"}
YAML
export OS_CLIENT_CONFIG_FILE="$WORK/clouds.yaml"
unset OS_CLOUD OS_AUTH_URL OS_CLIENT_SECURE_FILE
copy_quickstart
QS="$WORK/qs"

# tls CLOUD ARGS…: glancer against a cloud of the file; output in $OUT, exit code in $CODE.
tls() { gx --cloud "$1" "${@:2}"; }

# Refused: no CA for the self-signed chain, the wrong CA, insecure: false, another host's name.
for cloud in default other-ca insecure-no; do
  tls $cloud plan "$QS"
  expect_code 1
  expect_out "https://127.0.0.1:$PORT_plain/v2/images"
  expect_out "SSL certificate problem"
  expect_no_out "Plan:"
done
tls wrong-host plan "$QS"
expect_code 1
expect_out "https://127.0.0.1:$PORT_wrong/v2/images"
expect_out "no alternative certificate subject name matches target host name '127.0.0.1'"
# A front that demands a client certificate refuses a client without one.
tls mtls-no-cert plan "$QS"
expect_code 1
expect_out "https://127.0.0.1:$PORT_mtls/v2/images"
expect_no_out "Plan:"
grep -q "handshake refused" "$WORK/front-mtls.err" || fail "the mTLS front saw no refused handshake"
[[ $(store_json 'len(images)') == 0 ]] || fail "a refused connection changed the store"
CHECKS=$((CHECKS + 2))

# Accepted: the CA given by cacert or verify: <path>; apply streams uploads over TLS.
tls cacert apply --auto-approve "$QS"
expect_code 0
expect_out "target: cloud cacert (https://127.0.0.1:$PORT_plain)"
expect_out "Apply complete: 3 succeeded, 0 failed, 0 skipped."
[[ $(store_json 'sum(1 for i in images if i["status"] == "active")') == 3 ]] || fail "three active images after apply over TLS"
CHECKS=$((CHECKS + 1))
tls verify-path plan --detailed-exitcode "$QS"
expect_code 0
expect_out "No changes."
# The client certificate is presented: the mTLS front lets glancer through.
tls mtls drift "$QS"
expect_code 0
# Unverified only when asked for, and then said so by nothing else changing.
for cloud in insecure verify-false; do
  tls $cloud plan --detailed-exitcode "$QS"
  expect_code 0
  expect_out "No changes."
done
passed
