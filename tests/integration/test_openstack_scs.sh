# scs-0102 on a real Keystone + Glance: the shipped public catalogue (13 images, `standards:
# [scs-0102]`, its upstream mirrors replaced by one on 127.0.0.1, builds of today, the tracked
# images pinned to them by glancer update) applied as
# admin; every rule checked on the live images as the member user `demo` sees them; a new
# release of two images (one the protected ubuntu-20.04), applied, checked again: the kept
# versions are hidden, named "<name> <YYYYMMDD>", oldgeneric, and uniqueness holds.
# With SCS_STANDARDS=DIR (a checkout of SovereignCloudStack/standards), the SCS project's own
# checker runs too (docs/standards.md); nothing is downloaded here.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/openstack/lib_openstack.sh"
source "$(dirname "$0")/mirror.sh"
command -v qemu-img >/dev/null || { echo "qemu-img missing: run scripts/install-deps" >&2; exit 1; }
mkdir -p "$WORK/mirror"
start_mirror "$WORK/mirror"
start_stack
CAT="$WORK/public-catalogue"
cp -r "$SRC/examples/public-catalogue" "$CAT"
localize "$CAT"
export MIRROR_EPOCH=$(($(date +%s) / 86400 * 86400))

# live_check: every scs-0102 rule on the public images demo sees.
live_check() {
  set +e
  OUT=$(/usr/bin/python3 "$SRC/tests/integration/scs_live_check.py" demo 2>&1)
  CODE=$?
  set -e
  printf '%s\n' "$OUT"
  expect_code 0
  expect_out "every scs-0102 rule holds"
}

publish 1 "$CAT"
gx update "$CAT"
expect_code 2
gc admin apply --auto-approve "$CAT"
expect_code 0
expect_out "Apply complete: 13 succeeded"
live_check
expect_out "13 images (0 hidden)"

# A new release of two images.
publish 2 "$CAT" "focal"
publish 2 "$CAT" "rhel/8"
gx update "$CAT"
expect_code 2
gc admin apply --auto-approve "$CAT"
expect_code 0
expect_out "2 to rotate"
live_check
expect_out "15 images (2 hidden)"
today=$(date -u +%Y%m%d)
for name in "Ubuntu 20.04 (Focal Fossa)" "RHEL Server 8"; do
  id=$(image_id demo "$name $today")
  [[ -n $id ]] || fail "no kept version \"$name $today\""
  [[ $(image_field demo "$id" os_purpose) == oldgeneric ]] || fail "$name $today is not oldgeneric"
  [[ $(image_field demo "$(image_id demo "$name")" os_purpose) == generic ]] || fail "$name is not generic"
  CHECKS=$((CHECKS + 3))
done
gc admin plan --detailed-exitcode "$CAT"
expect_code 0

if [[ -n ${SCS_STANDARDS:-} ]]; then
  set +e
  OUT=$(cd "$SCS_STANDARDS/Tests/iaas" && /usr/bin/python3 openstack_test.py -c demo \
    $(grep -o "'scs_0102_[a-z_]*'" openstack_test.py | tr -d "'" | sed 's/^scs_0102_/scs-0102-/' | sort -u) 2>&1)
  CODE=$?
  set -e
  printf '%s\n' "$OUT" | grep -E ': (PASS|FAIL|ABORT)$|^(ERROR|WARNING)'
  expect_code 0
  expect_no_out ": FAIL"
  expect_no_out ": ABORT"
  [[ $(grep -c ': PASS$' <<<"$OUT") == 20 ]] || fail "the SCS checker did not pass its 20 scs-0102 testcases"
  CHECKS=$((CHECKS + 1))
fi
passed
