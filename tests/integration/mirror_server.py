"""An upstream image mirror for URL-source tests: serves DIR on 127.0.0.1 (port chosen by the
OS unless PORT is given, written to PORTFILE) with Last-Modified and HEAD like a real mirror, logs each request line
to DIR/../mirror.log, and under /truncate/NAME sends NAME's full Content-Length but only half
its bytes, then hangs up (a broken download)."""
import http.server
import os
import sys


class Mirror(http.server.SimpleHTTPRequestHandler):
    def log_message(self, fmt, *args):
        with open(os.path.join(os.path.dirname(self.directory), "mirror.log"), "a") as log:
            log.write("%s %s\n" % (self.command, self.path))

    def do_GET(self):
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
