"""Compares two tempest runs (subunit2csv files): the real Glance's and glancer serve's.

Usage: tempest_compare.py GLANCE.csv SERVE.csv [NOT-IMPLEMENTED-PREFIX…]
Prints passed/failed/skipped for both and every test that passed against the real Glance but
not against serve; exits 1 when there is one (a test missing from serve's run counts as not
passed). Tests whose id starts with a NOT-IMPLEMENTED-PREFIX (an API serve does not offer yet)
are listed and counted apart, and do not fail the comparison.
"""
import csv
import re
import sys


def results(path):
    out = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            # "tempest.api.image.v2.test_x.Class.test_y[id-…,smoke]" → without the attributes.
            name = re.sub(r"\[.*\]$", "", row["test"])
            out[name] = row["status"]
    return out


def figures(res):
    count = {"success": 0, "fail": 0, "skip": 0}
    for status in res.values():
        count[status if status in count else "fail"] += 1
    return count


glance, serve = results(sys.argv[1]), results(sys.argv[2])
for label, res in (("real Glance", glance), ("glancer serve", serve)):
    c = figures(res)
    print(f"tempest {label}: {c['success']} passed, {c['fail']} failed, {c['skip']} skipped "
          f"({len(res)} entries)")
gaps = tuple(sys.argv[3:])
lost = sorted(t for t, s in glance.items() if s == "success" and serve.get(t) != "success")
regressions = [t for t in lost if not (gaps and t.startswith(gaps))]
unimplemented = [t for t in lost if gaps and t.startswith(gaps)]
if unimplemented:
    print(f"not implemented by serve (pass against Glance only): {len(unimplemented)} tests")
    for test in unimplemented:
        print(f"  {test}")
for test in regressions:
    print(f"passes against Glance, not against serve ({serve.get(test, 'missing')}): {test}")
sys.exit(1 if regressions else 0)
