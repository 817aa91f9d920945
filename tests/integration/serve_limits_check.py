"""Every size and time cap of `glancer serve`, probed over raw sockets and http.client.

Usage: serve_limits_check.py URL READ_TIMEOUT_S MAX_IMAGE_SIZE
The server must run with --read-timeout READ_TIMEOUT_S and --max-image-size MAX_IMAGE_SIZE.
Prints one line per check; exits 1 at the first failure.
"""
import http.client
import json
import socket
import sys
import threading
import time
import urllib.parse

URL = sys.argv[1]
READ_TIMEOUT = float(sys.argv[2])
MAX_IMAGE = int(sys.argv[3])
HOST, PORT = urllib.parse.urlsplit(URL).hostname, urllib.parse.urlsplit(URL).port
CHECKS = 0


def check(ok, what, detail=""):
    global CHECKS
    if not ok:
        print("FAIL: %s %s" % (what, detail))
        sys.exit(1)
    CHECKS += 1
    print("ok: " + what)


def req(method, path, body=None, headers=None, conn=None):
    c = conn or http.client.HTTPConnection(HOST, PORT, timeout=30)
    h = {"Accept": "application/json"}
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
        h["Content-Type"] = ("application/openstack-images-v2.1-json-patch" if method == "PATCH"
                             else "application/json")
    h.update(headers or {})
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    if conn is None:
        c.close()
    return r.status, data


def read_all(s):
    """Everything the server sends until it closes (or resets) the connection."""
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    return out


def raw(data, wait_s=None, read_timeout=30):
    """Sends bytes on a fresh connection (then waits wait_s before reading); returns
    (status line, whole response, seconds until the server closed)."""
    s = socket.create_connection((HOST, PORT), timeout=read_timeout)
    t0 = time.monotonic()
    try:
        s.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        pass
    if wait_s:
        time.sleep(wait_s)
    out = read_all(s)
    s.close()
    return out.split(b"\r\n", 1)[0].decode(errors="replace"), out, time.monotonic() - t0


def new_image(**fields):
    body = {"name": "lim", "disk_format": "raw", "container_format": "bare"}
    body.update(fields)
    status, data = req("POST", "/v2/images", body)
    check(status == 201, "create image", data[:200])
    return json.loads(data)["id"]


# --- request line and headers -------------------------------------------------------------
line, _, _ = raw(b"GET /v2/images?name=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
check(" 414 " in line + " ", "request line over 8 KiB: 414", line)
line, _, _ = raw(b"GET /v2/images HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n")
check(line.startswith("HTTP/1.1 400"), "one header line over 8 KiB: 400", line)
many = b"".join(b"X-H%d: %s\r\n" % (i, b"h" * 4000) for i in range(20))
line, out, _ = raw(b"GET /v2/images HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n")
check(line.startswith("HTTP/1.1 431"), "headers over 64 KiB in total: 431", line)
check(b"Request Header Fields Too Large" in out and b'"code"' in out, "431 has Glance's error body", out[-200:])
# just under the cap is fine
fits = b"".join(b"X-H%d: %s\r\n" % (i, b"h" * 3000) for i in range(20))
line, _, _ = raw(b"GET /v2/images HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + fits + b"\r\n")
check(line.startswith("HTTP/1.1 200"), "60 KiB of headers: 200", line)
# endless small headers (the count is bounded by the total size, memory stays flat)
s = socket.create_connection((HOST, PORT), timeout=30)
s.sendall(b"GET /v2/images HTTP/1.1\r\nHost: x\r\n")
sent = 0
try:
    for i in range(200000):
        s.sendall(b"X-%d: 1\r\n" % i)
        sent += 1
except (BrokenPipeError, ConnectionResetError):
    pass
resp = b""
try:
    resp = s.recv(4096)
except (ConnectionResetError, socket.timeout):
    pass
s.close()
check(sent < 200000 or resp.startswith(b"HTTP/1.1 431"), "an endless header stream is cut off",
      "sent %d headers, got %r" % (sent, resp[:40]))

# --- slow-loris: headers and JSON bodies must arrive within --read-timeout -----------------
slow = socket.create_connection((HOST, PORT), timeout=READ_TIMEOUT * 4 + 10)
slow.sendall(b"GET /v2/images HTTP/1.1\r\nHost: x\r\n")
t0 = time.monotonic()
stop_trickle = threading.Event()


def trickle():  # one header byte every READ_TIMEOUT/3 seconds: each read is "fast enough"
    try:
        while not stop_trickle.wait(READ_TIMEOUT / 3):
            slow.sendall(b"X")
    except OSError:
        pass


threading.Thread(target=trickle, daemon=True).start()
status, _ = req("GET", "/v2/images")
check(status == 200, "other clients are served while one trickles headers")
got = read_all(slow)
stop_trickle.set()
elapsed = time.monotonic() - t0
slow.close()
check(got.startswith(b"HTTP/1.1 408"), "trickled headers: 408", got[:60])
check(READ_TIMEOUT * 0.8 <= elapsed <= READ_TIMEOUT + 3, "cut off after --read-timeout",
      "%.1f s" % elapsed)

line, _, elapsed = raw(b"POST /v2/images HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       b"Content-Length: 100\r\n\r\n{\"name\":")
check(line.startswith("HTTP/1.1 408"), "a JSON body that stops arriving: 408", line)
check(elapsed <= READ_TIMEOUT + 3, "JSON body cut off after --read-timeout", "%.1f s" % elapsed)

# keep-alive still works: several requests on one connection
c = http.client.HTTPConnection(HOST, PORT, timeout=30)
codes = [req("GET", "/v2/images", conn=c)[0] for _ in range(3)]
c.close()
check(codes == [200, 200, 200], "three requests on one kept-alive connection", codes)

# --- JSON bodies and Glance's quotas ------------------------------------------------------
check(req("POST", "/v2/images", "x" * ((1 << 20) + 1),
          {"Content-Type": "application/json"})[0] == 413, "JSON body over 1 MiB: 413")
props = {"p%d" % i: "v" for i in range(129)}
check(req("POST", "/v2/images", dict(name="p", **props))[0] == 413, "129 properties: 413")
props = {"p%d" % i: "v" for i in range(128)}
check(req("POST", "/v2/images", dict(name="p", **props))[0] == 201, "128 properties: 201")
check(req("POST", "/v2/images", {"k" * 256: "v"})[0] == 400, "property key of 256 chars: 400")
check(req("POST", "/v2/images", {"k" * 255: "v"})[0] == 201, "property key of 255 chars: 201")
check(req("POST", "/v2/images", {"big": "v" * 65536})[0] == 400, "property value over 64 KiB: 400")
check(req("POST", "/v2/images", {"big": "v" * 65535})[0] == 201, "property value of 65535 bytes: 201")
check(req("POST", "/v2/images", {"tags": ["t%d" % i for i in range(129)]})[0] == 413, "129 tags: 413")
check(req("POST", "/v2/images", {"tags": ["t" * 256]})[0] == 400, "tag of 256 chars: 400")
check(req("POST", "/v2/images", {"name": "n" * 256})[0] == 400, "name of 256 chars: 400")
img = new_image()
check(req("PATCH", "/v2/images/" + img, [{"op": "add", "path": "/big", "value": "v" * 65536}])[0] == 400,
      "PATCH a property value over 64 KiB: 400")
ops = [{"op": "add", "path": "/q%d" % i, "value": "v"} for i in range(129)]
check(req("PATCH", "/v2/images/" + img, ops)[0] == 413, "PATCH to 129 properties: 413")
shared = new_image(visibility="shared")
codes = [req("POST", "/v2/images/%s/members" % shared, {"member": "project-%03d" % i})[0] for i in range(129)]
check(codes[:128] == [200] * 128 and codes[128] == 413, "the 129th member: 413", codes[-3:])
check(req("POST", "/v2/images/%s/members" % shared, {"member": "m" * 256})[0] == 400,
      "member id of 256 chars: 400")

# --- image data over --max-image-size ------------------------------------------------------
octet = {"Content-Type": "application/octet-stream"}
img = new_image()
status, data = req("PUT", "/v2/images/%s/file" % img, b"\0" * (MAX_IMAGE + 1), octet)
check(status == 413, "declared upload over --max-image-size: 413", data[:200])


def chunked(n):
    step = 65536
    for off in range(0, n, step):
        yield b"\0" * min(step, n - off)


c = http.client.HTTPConnection(HOST, PORT, timeout=30)
try:
    c.request("PUT", "/v2/images/%s/file" % img, body=chunked(MAX_IMAGE + 1),
              headers=dict(octet, **{"Transfer-Encoding": "chunked"}), encode_chunked=True)
    status = c.getresponse().status
except (BrokenPipeError, ConnectionResetError):
    status = "reset"
c.close()
check(status == 413, "chunked upload over --max-image-size: 413", status)
status, data = req("GET", "/v2/images/" + img)
check(json.loads(data)["status"] == "queued", "the refused image is still queued", data[:200])
status, data = req("PUT", "/v2/images/%s/stage" % img, b"\0" * (MAX_IMAGE + 1), octet)
check(status == 413, "staging over --max-image-size: 413", data[:200])
status, data = req("PUT", "/v2/images/%s/file" % img, b"\0" * MAX_IMAGE, octet)
check(status == 204, "an upload of exactly --max-image-size: 204", data[:200])

print("CHECKS %d" % CHECKS)
