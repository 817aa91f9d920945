"""An upstream image mirror for URL-source tests: serves DIR on 127.0.0.1 (port chosen by the
OS unless PORT is given, written to PORTFILE) with Last-Modified and HEAD like a real mirror, logs each request line
to DIR/../mirror.log, and under /truncate/NAME sends NAME's full Content-Length but only half
its bytes, then hangs up (a broken download); under /slow/NAME sends NAME at 320 KiB/s (a
download that is still running when a test needs it to be); under /hang/NAME answers HEAD but
never answers a GET (a mirror that accepts and goes silent); under /flaky/NAME answers the
first two requests for each path with 503, then serves NAME."""
import http.server
import os
import sys
import threading
import time

FLAKY_SEEN = {}  # path → requests so far
FLAKY_LOCK = threading.Lock()


class Mirror(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt, *args):
        with open(os.path.join(os.path.dirname(self.directory), "mirror.log"), "a") as log:
            log.write("%s %s\n" % (self.command, self.path))

    def flaky_refusal(self):
        """Under /flaky/: 503 for the first two requests of a path; else strips the prefix."""
        if not self.path.startswith("/flaky/"):
            return False
        with FLAKY_LOCK:
            FLAKY_SEEN[self.path] = FLAKY_SEEN.get(self.path, 0) + 1
            refuse = FLAKY_SEEN[self.path] <= 2
        if refuse:
            self.send_error(503, "try again later")
            return True
        self.path = self.path[len("/flaky"):]
        return False

    def do_HEAD(self):
        for prefix in ("/slow/", "/hang/"):
            if self.path.startswith(prefix):
                self.path = self.path[len(prefix) - 1:]
        if self.flaky_refusal():
            return None
        return super().do_HEAD()

    def do_GET(self):
        if self.flaky_refusal():
            return None
        if self.path.startswith("/hang/"):
            time.sleep(3600)
            return None
        if self.path.startswith("/slow/"):
            return self.send_slowly(os.path.join(self.directory, self.path[len("/slow/"):]))
        if not self.path.startswith("/truncate/"):
            return super().do_GET()
        path = os.path.join(self.directory, self.path[len("/truncate/"):])
        with open(path, "rb") as f:
            data = f.read()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True


    def send_slowly(self, path):
        with open(path, "rb") as f:
            data = f.read()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            for at in range(0, len(data), 64 * 1024):
                self.wfile.write(data[at : at + 64 * 1024])
                self.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: that is what the test wanted to see


def main():
    directory, portfile = sys.argv[1], sys.argv[2]
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 0  # a mirror back at its old address
    handler = lambda *a, **kw: Mirror(*a, directory=directory, **kw)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    server.serve_forever()


if __name__ == "__main__":
    main()
