"""A TLS-terminating TCP proxy on 127.0.0.1 (python3 ssl): HTTPS in front of an HTTP server.

Usage: tls_proxy.py CERT KEY BACKEND_PORT [CLIENT_CA]
Prints "listening PORT" once ready. With CLIENT_CA, clients must present a certificate
signed by it (the handshake fails otherwise). Runs until killed.
"""
import socket
import ssl
import sys
import threading

cert, key, backend_port = sys.argv[1], sys.argv[2], int(sys.argv[3])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
if len(sys.argv) > 4:
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(sys.argv[4])

listener = socket.create_server(("127.0.0.1", 0))
print("listening %d" % listener.getsockname()[1], flush=True)


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(raw):
    try:
        tls = ctx.wrap_socket(raw, server_side=True)
    except (ssl.SSLError, OSError) as e:
        print("handshake refused: %s" % e, file=sys.stderr, flush=True)
        raw.close()
        return
    back = socket.create_connection(("127.0.0.1", backend_port))
    threading.Thread(target=pump, args=(back, tls), daemon=True).start()
    pump(tls, back)


while True:
    conn, _ = listener.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
