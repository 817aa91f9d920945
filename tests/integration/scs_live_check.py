"""Checks scs-0102 on the public images a cloud's user sees (openstacksdk, hidden ones too).

usage: scs_live_check.py CLOUD  (clouds.yaml from OS_CLIENT_CONFIG_FILE)

Prints one line per broken rule ("RULE: image: why") and exits 1 if any; else prints a summary:
"N images (H hidden), every scs-0102 rule holds". Rules as docs/standards.md states them; the
SCS project's checker is run separately (docs/standards.md).
"""
import collections
import re
import sys

import openstack

ARCH = {"x86_64", "aarch64", "risc-v"}
BUS = {"virtio", "scsi"}
FREQ = {"never", "critical_bug", "yearly", "quarterly", "monthly", "weekly", "daily"}
PURPOSE = {"generic", "oldgeneric", "minimal", "k8snode", "gpu", "network", "custom"}
DATE = re.compile(r"^\d{4}-\d\d-\d\d( \d\d:\d\d(:\d\d)?)?$")
GIB = 1 << 30


def main():
    conn = openstack.connect(cloud=sys.argv[1])
    images = [i for i in conn.image.images() if i.visibility == "public"]
    images += [i for i in conn.image.images(os_hidden=True) if i.visibility == "public"]
    problems = []

    def check(ok, rule, image, why):
        if not ok:
            problems.append("scs-0102-%s: %s: %s" % (rule, image.name, why))

    for im in images:
        p = dict(im.properties or {})
        for key in ("architecture", "os_distro", "os_version", "hw_disk_bus"):
            p.setdefault(key, getattr(im, key, None))
        check(p.get("architecture") in ARCH, "prop-architecture", im, p.get("architecture"))
        check(bool(p.get("os_distro")), "prop-os_distro", im, "not set")
        check(bool(p.get("os_version")), "prop-os_version", im, "not set")
        check(p.get("hw_disk_bus") in BUS, "prop-hw_disk_bus", im, p.get("hw_disk_bus"))
        check(bool(im.min_disk) and im.min_disk * GIB >= (im.size or 0), "prop-min_disk", im,
              "min_disk %s, size %s" % (im.min_disk, im.size))
        check(bool(im.min_disk) and im.min_disk * GIB >= (im.virtual_size or 0), "prop-min_disk",
              im, "min_disk %s, virtual size %s" % (im.min_disk, im.virtual_size))
        check(bool(im.min_ram), "prop-min_ram", im, "not set")
        check(p.get("replace_frequency") in FREQ, "prop-replace_frequency", im,
              p.get("replace_frequency"))
        until = p.get("provided_until", "")
        check(until in ("none", "notice") or DATE.match(until), "prop-provided_until", im, until)
        check(bool(p.get("image_description")), "prop-image_description", im, "not set")
        check(bool(p.get("image_original_user")), "prop-image_original_user", im, "not set")
        source = p.get("image_source", "")
        check(source == "private" or re.match(r"^(https?|ftps?)://", source), "prop-image_source",
              im, source)
        built = p.get("image_build_date", "")
        check(DATE.match(built) and built.replace(" ", "T") <= im.created_at,
              "prop-image_build_date", im, "%r, created %s" % (built, im.created_at))
        validity = p.get("uuid_validity", "")
        check(validity in ("none", "notice", "forever") or re.match(r"^last-\d+$", validity),
              "prop-uuid_validity", im, validity)
        check(p.get("os_purpose") in PURPOSE, "prop-os_purpose", im, p.get("os_purpose"))
        if im.is_hidden:  # a kept version: "<name> <YYYYMMDD>", oldgeneric unless another purpose
            check(re.match(r"^.+ \d{8}(-[0-9a-f]{8})?$", im.name), "image-recency", im,
                  "a kept version's name carries no date")
            check(p.get("os_purpose") != "generic", "os_purpose-uniqueness", im,
                  "a kept version is still generic")
    generic = collections.defaultdict(list)
    for im in images:  # openstacksdk gives the well-known properties as attributes
        if not im.is_hidden and (im.properties or {}).get("os_purpose") == "generic":
            generic[(im.architecture, im.os_distro, im.os_version)].append(im)
    for key, group in generic.items():
        check(len(group) == 1, "os_purpose-uniqueness", group[0], "%d generic images for %s"
              % (len(group), "/".join(map(str, key))))
    for line in problems:
        print(line)
    hidden = sum(1 for i in images if i.is_hidden)
    if not problems:
        print("%d images (%d hidden), every scs-0102 rule holds" % (len(images), hidden))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
