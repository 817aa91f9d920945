"""Publishes a release of a catalogue's upstream images into a test mirror.

usage: mirror_publish.py RELEASE DIR MIRROR BASE [MATCH]

Floating images (a `url:` with a `checksum_url:`, under BASE): writes a qcow2 (made by qemu-img)
at the URL's path under MIRROR, with a virtual size unique to the image and RELEASE, so every
digest is new; with MATCH, only URLs containing MATCH get new bytes (the others keep theirs, or
are written when missing). Then rewrites every checksum file the manifests name, each in the
format its name implies (MD5SUMS, SHA512SUMS, BSD-style CHECKSUM, else GNU sha256).

Tracked images (`source.track`, as upstreams with dated releases publish them): the pinned
release is written when missing, with bytes whose digest must be the pinned `checksum` (the
shipped examples pin what this script makes; a mismatch stops it). Then a new dated release
beside it: the pin's version with its date moved to the mirror date and its build number
moved by RELEASE - 1 (release 2 of `20240821` is `20260101.1`, of `9-20240326.0` is
`9-20260101.1`, of `20240204-1647` is `20260101-1648`), at the pinned URL with that version
substituted. Its checksum file (the
track's `checksum_url`, or the index when that is a checksum file) lists every release; an
index ending in `/` gets an Apache-style autoindex of its release folders.

Every file is dated 2026-01-01 12:00 UTC plus RELEASE seconds: the mirror's Last-Modified, the
release label of images without a `version:`, is the same minute for all. MIRROR_EPOCH (Unix
seconds) moves that date, e.g. to today for a test that checks how recent the images are
(scs-0102's `outdated` drift); it also dates the tracked releases.
"""
import datetime
import glob
import hashlib
import os
import re
import subprocess
import sys
import zlib

EPOCH = int(os.environ.get("MIRROR_EPOCH", "1767268800"))  # 2026-01-01 12:00 UTC
LINE = re.compile(r"^(\s*)(?:-\s+)?(\w+):\s*(.*?)\s*(?:\s#.*)?$")


def unquote(value):
    return value[1:-1] if len(value) > 1 and value[0] in "'\"" and value[-1] == value[0] else value


def read_sources(directory):
    """Every image source of DIR's manifests (block style): url, checksum_url, checksum,
    version and, when tracked, track {index, match, url, checksum_url}."""
    sources = []
    for manifest in sorted(glob.glob(os.path.join(directory, "*.yaml"))):
        source, track_indent = None, None
        for line in open(manifest):
            m = LINE.match(line)
            if not m:
                continue
            indent, key, value = len(m.group(1)), m.group(2), unquote(m.group(3))
            if key == "source":
                source, track_indent = {"manifest": manifest}, None
                sources.append(source)
            elif source is None:
                continue
            elif key == "track":
                track_indent, source["track"] = indent, {}
            elif track_indent is not None and indent > track_indent:
                source["track"][key] = value
            else:
                track_indent = None
                source.setdefault(key, value)
    return sources


def qcow2(path, kib, stamp):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", path, "%dK" % kib], check=True)
    os.utime(path, (stamp, stamp))


def digest(path, algo):
    with open(path, "rb") as f:
        return hashlib.new(algo, f.read()).hexdigest()


def algorithm(checksum_file):
    name = os.path.basename(checksum_file)
    return "md5" if "MD5" in name else "sha512" if "512" in name else "sha256"


def write_checksums(path, files):
    """PATH in the format its name implies, listing FILES (paths beside or below it)."""
    algo, name = algorithm(path), os.path.basename(path)
    lines = []
    for file in sorted(files):
        base = os.path.basename(file)
        if name == "CHECKSUM":  # CentOS: BSD format, each entry after a comment with its size
            lines.append("# %s: %d bytes" % (base, os.path.getsize(file)))
            lines.append("%s (%s) = %s" % (algo.upper(), base, digest(file, algo)))
        else:
            lines.append("%s  %s" % (digest(file, algo), base))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def autoindex(directory, title):
    """An Apache-style index.html listing DIRECTORY's folders, as cloud-images.ubuntu.com and
    cloud.debian.org serve their release folders."""
    rows = ['<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td>'
            '<td><a href="../">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td></tr>']
    for name in sorted(os.listdir(directory)):
        if os.path.isdir(os.path.join(directory, name)):
            when = datetime.datetime.fromtimestamp(EPOCH, datetime.timezone.utc)
            rows.append('<tr><td valign="top"><img src="/icons/folder.gif" alt="[DIR]"></td>'
                        '<td><a href="%s/">%s/</a></td><td align="right">%s  </td>'
                        '<td align="right">  - </td></tr>' % (name, name, when.strftime("%Y-%m-%d %H:%M")))
    with open(os.path.join(directory, "index.html"), "w") as f:
        f.write('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n'
                '  <title>Index of %s</title>\n </head>\n <body>\n<h1>Index of %s</h1>\n  <table>\n'
                '   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th>'
                '<th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th>'
                '<th><a href="?C=S;O=A">Size</a></th></tr>\n   %s\n  </table>\n</body></html>\n'
                % (title, title, "\n   ".join(rows)))


def expand(template, base, version):
    return template.replace("{base}", base).replace("{version}", version)


def release_version(pinned, release):
    """The version of release RELEASE, after the pinned version's pattern: its date is the mirror
    date, the build number after it counts releases (without one: a `.N` suffix from release 2).
    Never a future date: scs-0102 fills a future build date as the start of the plan's day."""
    date = datetime.datetime.fromtimestamp(EPOCH, datetime.timezone.utc).strftime("%Y%m%d")
    m = re.search(r"\d{8}([-.]\d+)?", pinned)
    build = m.group(1)
    if build:
        build = build[0] + str(int(build[1:]) + release - 1)
    elif release > 1:
        build = ".%d" % (release - 1)
    return pinned[: m.start()] + date + (build or "") + pinned[m.end():]


def publish_tracked(source, release, mirror, base, match):
    """The pinned release (when missing) and release RELEASE of a tracked image."""
    local = lambda url: os.path.join(mirror, url[len(base) + 1:])
    track, url, version = source["track"], source["url"], source["version"]
    index = track["index"]
    index_base = index[: index.rfind("/") + 1]
    # A size unique to the image (its index and match) and the release: every digest differs.
    kib = 65536 + 256 * (zlib.crc32((index[len(base):] + track["match"]).encode()) % 997)
    if not os.path.exists(local(url)):
        qcow2(local(url), kib, EPOCH)
        algo, _, pinned = source["checksum"].partition(":")
        if digest(local(url), algo) != pinned:
            sys.exit("mirror_publish: %s: the pin %s of %s is not what the mirror serves "
                     "(%s:%s); pin that" % (source["manifest"], source["checksum"], url, algo,
                                           digest(local(url), algo)))
    new = release_version(version, release)
    new_url = url.replace(version, new)
    if match in url and not os.path.exists(local(new_url)):
        qcow2(local(new_url), kib + release, EPOCH + release)
    checksum_url = track.get("checksum_url", index)
    for v in (version, new):
        if os.path.exists(local(url.replace(version, v))):
            sums = local(expand(checksum_url, index_base, v))
            listed = [] if checksum_url != index else [
                os.path.join(os.path.dirname(sums), n) for n in os.listdir(os.path.dirname(sums))
                if n != os.path.basename(sums) and os.path.isfile(os.path.join(os.path.dirname(sums), n))]
            write_checksums(sums, set(listed) | {local(url.replace(version, v))})
    if index.endswith("/"):
        autoindex(local(index), index[len(base):])


def main():
    release, directory, mirror, base = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    match = sys.argv[5] if len(sys.argv) > 5 else ""
    sources = [s for s in read_sources(directory) if s.get("url", "").startswith(base + "/")]
    sums = {}
    for i, source in enumerate(s for s in sources if "track" not in s and "checksum_url" in s):
        url = source["url"]
        path = os.path.join(mirror, url[len(base) + 1:])
        if match in url or not os.path.exists(path):
            qcow2(path, 1024 * (i + 1) + 64 * release, EPOCH + release)
        sums.setdefault(source["checksum_url"], []).append(path)
    for checksum_url, paths in sums.items():
        write_checksums(os.path.join(mirror, checksum_url[len(base) + 1:]), paths)
    for source in sources:
        if "track" in source:
            publish_tracked(source, release, mirror, base, match)


if __name__ == "__main__":
    main()
