# Images glancer did not create are never changed or deleted, and sets not loaded are left alone.
source "$(dirname "$0")/lib.sh"
copy_quickstart
QS="$WORK/qs"
manual=$("$STORE_TOOL" "$STORE" create "Scratch" "$QS/images/scratch.raw")

g apply --auto-approve "$QS"
expect_code 0
before=$(store_json "[i for i in images if i['id']=='$manual'][0]")

# Even with every image removed from the set, the unlabelled image stays.
sed -i '/^images:/,$d' "$QS/images.yaml"
echo "images: []" >>"$QS/images.yaml"
g apply --auto-approve --allow-mass-delete "$QS"
expect_code 0
expect_out "3 succeeded"
[[ $(store_json "[i['id'] for i in images]") == "['$manual']" ]] || fail "only the unlabelled image remains"
[[ $(store_json "[i for i in images if i['id']=='$manual'][0]") == "$before" ]] || fail "unlabelled image changed"

# An image labelled with another set is not ours to delete either.
other=$("$STORE_TOOL" "$STORE" create "Other" "$QS/images/scratch.raw")
"$STORE_TOOL" "$STORE" set-property "$other" glancer.set other-team
"$STORE_TOOL" "$STORE" set-property "$other" glancer.key other
g plan --detailed-exitcode "$QS"
expect_code 0
expect_out "No changes."
passed
