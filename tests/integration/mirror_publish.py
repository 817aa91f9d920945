"""Publishes a release of a catalogue's upstream images into a test mirror.

usage: mirror_publish.py RELEASE DIR MIRROR BASE [MATCH]

For every `url:` of DIR's manifests that has a `checksum_url:` and lies under BASE, writes a
qcow2 (made by qemu-img) at the URL's path under MIRROR, with a virtual size unique to the image
and RELEASE, so every digest is new; with MATCH, only URLs containing MATCH get new bytes (the
others keep theirs, or are written when missing). Then rewrites every checksum file the
manifests name, each in the format its name implies (MD5SUMS, SHA512SUMS, BSD-style CHECKSUM,
else GNU sha256). Every file is dated 2026-01-01 12:00 UTC plus RELEASE seconds: the mirror's
Last-Modified, the release label of images without a `version:`, is the same minute for all.
MIRROR_EPOCH (Unix seconds) moves that date, e.g. to today for a test that checks how recent the
images are (scs-0102's `outdated` drift).
"""
import glob
import hashlib
import os
import re
import subprocess
import sys


EPOCH = int(os.environ.get("MIRROR_EPOCH", "1767268800"))  # 2026-01-01 12:00 UTC


def main():
    release, directory, mirror, base = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    match = sys.argv[5] if len(sys.argv) > 5 else ""
    pairs, url = [], None
    for manifest in sorted(glob.glob(os.path.join(directory, "*.yaml"))):
        for line in open(manifest):
            m = re.match(r"\s*(url|checksum_url):\s*(\S+)", line)
            if m and m.group(1) == "url":
                url = m.group(2)
            elif m and url and url.startswith(base + "/"):
                pairs.append((url, m.group(2)))
    sums = {}
    for i, (url, checksum_url) in enumerate(pairs):
        path = os.path.join(mirror, url[len(base) + 1:])
        if match in url or not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", path,
                            "%dK" % (1024 * (i + 1) + 64 * release)], check=True)
            os.utime(path, (EPOCH + release, EPOCH + release))
        sums.setdefault(checksum_url, []).append(path)
    for checksum_url, paths in sums.items():
        name = os.path.basename(checksum_url)
        algo = "md5" if "MD5" in name else "sha512" if "512" in name else "sha256"
        lines = []
        for path in paths:
            with open(path, "rb") as f:
                digest = hashlib.new(algo, f.read()).hexdigest()
            file = os.path.basename(path)
            lines.append("%s (%s) = %s" % (algo.upper(), file, digest) if name == "CHECKSUM"
                         else "%s  %s" % (digest, file))
        with open(os.path.join(mirror, checksum_url[len(base) + 1:]), "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
