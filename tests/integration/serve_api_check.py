"""Checks `glancer serve` through openstacksdk and raw HTTP. argv: URL WORKDIR."""
import hashlib, http.client, http.server, json, os, sys, threading, time, urllib.parse
import openstack

URL, WORK = sys.argv[1], sys.argv[2]
u = urllib.parse.urlparse(URL)


def req(method, path, body=None, headers=None):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    h = {"Accept": "application/json"}
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
        h["Content-Type"] = "application/json"
    h.update(headers or {})
    c.request(method, path, body, h)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, r.headers, data


def check(cond, what):
    if not cond:
        print("FAIL:", what)
        sys.exit(1)


conn = openstack.connection.Connection(auth_type="none", auth={"endpoint": URL})
data = os.urandom(2 * 1024 * 1024 + 5)
path = os.path.join(WORK, "sdk.raw")
open(path, "wb").write(data)
md5 = hashlib.md5(data).hexdigest()

# SDK: create with a file, show, members, download.
img = conn.image.create_image(name="sdk", filename=path, disk_format="raw", container_format="bare",
                              visibility="shared", wait=True)
img = conn.image.get_image(img.id)
check(img.status == "active" and img.checksum == md5, "sdk upload")
m = conn.image.add_member(img.id, member_id="proj-1")
check(m.status == "pending", "member pending")
conn.image.update_member(m, img.id, status="accepted")
check([x.status for x in conn.image.members(img.id)] == ["accepted"], "member accepted")
conn.image.remove_member("proj-1", img.id)
check(list(conn.image.members(img.id)) == [], "member removed")
got = conn.image.download_image(img.id).content
check(hashlib.md5(got).hexdigest() == md5, "sdk download")

# SDK: stage + import (glance-direct), then web-download from a loopback HTTP server.
staged = conn.image.create_image(name="staged", disk_format="raw", container_format="bare")
conn.image.stage_image(staged, data=data)
check(conn.image.get_image(staged.id).status == "uploading", "staged image is uploading")
conn.image.import_image(staged, method="glance-direct")


class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *a):
        pass


web = http.server.HTTPServer(("127.0.0.1", 0), H)
threading.Thread(target=web.serve_forever, daemon=True).start()
wd = conn.image.create_image(name="web", disk_format="raw", container_format="bare")
conn.image.import_image(wd, method="web-download", uri="http://127.0.0.1:%d/x.raw" % web.server_port)
for image_id in (staged.id, wd.id):
    for _ in range(100):
        s = conn.image.get_image(image_id)
        if s.status == "active":
            break
        time.sleep(0.1)
    check(s.status == "active" and s.checksum == md5, "import of %s: %s" % (s.name, s.status))
web.shutdown()

# Raw HTTP: Glance's status codes, headers and documents.
st, h, b = req("GET", "/")
check(st == 300 and json.loads(b)["versions"][0]["id"] == "v2.15", "versions 300")
check(req("GET", "/versions")[0] == 200, "versions 200")
check(req("GET", "/v3/images")[0] == 300, "unknown prefix gives versions")
st, h, b = req("GET", "/v2/images/not-a-uuid")
e = json.loads(b)
check(st == 404 and e["code"] == "404 Not Found" and e["title"] == "Not Found" and "message" in e, "error body")
check(h["X-Openstack-Request-Id"].startswith("req-"), "request id")
for name in ("image", "images", "member", "members"):
    check(req("GET", "/v2/schemas/" + name)[0] == 200, "schema " + name)
check(json.loads(req("GET", "/v2/info/import")[2])["import-methods"]["value"] == ["glance-direct", "web-download"], "import info")
check(req("GET", "/v2/info/stores")[0] == 404, "no multi-store")
st, h, b = req("POST", "/v2/images", {"name": "q", "disk_format": "raw", "container_format": "bare"})
check(st == 201 and h["Location"].endswith(json.loads(b)["id"]) and "glance-direct" in h["OpenStack-image-import-methods"], "create 201")
q = json.loads(b)["id"]
check(req("POST", "/v2/images", {"id": q})[0] == 409, "duplicate id 409")
check(req("POST", "/v2/images", {"size": 1})[0] == 403, "read-only on create 403")
check(req("POST", "/v2/images", {"n": 5})[0] == 400, "non-string property 400")
check(req("POST", "/v2/images", "x" * (2 << 20))[0] == 413, "JSON body cap 413")
check(req("POST", "/v2/images", {"tags": ["t%d" % i for i in range(129)]})[0] == 413, "tag quota 413")
patch = {"Content-Type": "application/openstack-images-v2.1-json-patch"}
st, h, b = req("PATCH", "/v2/images/" + q, json.dumps([{"op": "replace", "path": "/name", "value": "r"}]))
check(st == 415 and "Accept-Patch" in h, "patch without its media type 415")
check(req("PATCH", "/v2/images/" + q, json.dumps([{"op": "replace", "path": "/status", "value": "active"}]), patch)[0] == 403, "read-only patch 403")
check(req("PATCH", "/v2/images/" + q, json.dumps([{"op": "remove", "path": "/nope"}]), patch)[0] == 409, "missing key 409")
check(req("PUT", "/v2/images/%s/file" % q, b"abc", {"Content-Type": "text/plain"})[0] == 415, "upload media type 415")
# Chunked upload.
c = http.client.HTTPConnection(u.hostname, u.port)
c.request("PUT", "/v2/images/%s/file" % q, body=iter([b"ab", b"cdef"]), headers={"Content-Type": "application/octet-stream"}, encode_chunked=True)
r = c.getresponse(); r.read(); c.close()
check(r.status == 204, "chunked upload 204")
check(json.loads(req("GET", "/v2/images/" + q)[2])["size"] == 6, "chunked size")
check(req("PUT", "/v2/images/%s/file" % q, b"x", {"Content-Type": "application/octet-stream"})[0] == 409, "upload to active 409")
st, h, b = req("GET", "/v2/images/%s/file" % q, headers={"Range": "bytes=1-3"})
check(st == 206 and b == b"bcd" and h["Content-Range"] == "bytes 1-3/6", "range 206")
check(req("GET", "/v2/images/%s/file" % q, headers={"Range": "bytes=9-"})[0] == 416, "range 416")
check(req("GET", "/v2/images/%s/file" % q, headers={"Range": "bytes=0-1,3-4"})[0] == 400, "multi range 400")
st, h, b = req("GET", "/v2/images/%s/file" % q)
check(st == 200 and h["Content-MD5"] == hashlib.md5(b"abcdef").hexdigest(), "Content-MD5")
# The empty-body rule: neither Content-Length nor chunked → active with size 0.
st, h, b = req("POST", "/v2/images", {"disk_format": "raw", "container_format": "bare"})
e0 = json.loads(b)["id"]
c = http.client.HTTPConnection(u.hostname, u.port)
c.putrequest("PUT", "/v2/images/%s/file" % e0); c.putheader("Content-Type", "application/octet-stream"); c.endheaders()
r = c.getresponse(); r.read(); c.close()
i = json.loads(req("GET", "/v2/images/" + e0)[2])
check(r.status == 204 and i["status"] == "active" and i["size"] == 0, "empty body: active, size 0")
check(req("GET", "/v2/images/%s/file" % json.loads(req("POST", "/v2/images", {})[2])["id"])[0] == 204, "queued download 204")
# Listing: hidden images only with os_hidden=true; next is a /v2 path; limit is capped.
req("PATCH", "/v2/images/" + e0, json.dumps([{"op": "replace", "path": "/os_hidden", "value": True}]), patch)
ids = [i["id"] for i in json.loads(req("GET", "/v2/images?limit=1000")[2])["images"]]
check(e0 not in ids, "hidden excluded")
check([i["id"] for i in json.loads(req("GET", "/v2/images?os_hidden=true")[2])["images"]] == [e0], "hidden listed")
page = json.loads(req("GET", "/v2/images?limit=2&sort_key=name&sort_dir=asc")[2])
check(len(page["images"]) == 2 and page["next"].startswith("/v2/images?"), "next link")
check(req("GET", "/v2/images?marker=00000000-0000-4000-8000-000000000000")[0] == 400, "unknown marker 400")
check(req("GET", "/v2/images?sort_key=bogus")[0] == 400, "bad sort key 400")
# Protected → 403 on delete; tags; actions.
req("PATCH", "/v2/images/" + q, json.dumps([{"op": "replace", "path": "/protected", "value": True}]), patch)
check(req("DELETE", "/v2/images/" + q)[0] == 403, "protected delete 403")
check(req("PUT", "/v2/images/%s/tags/x" % q)[0] == 204 and req("DELETE", "/v2/images/%s/tags/y" % q)[0] == 404, "tags")
check(req("POST", "/v2/images/%s/actions/deactivate" % q)[0] == 204, "deactivate")
check(req("GET", "/v2/images/%s/file" % q)[0] == 403, "deactivated download 403")
check(req("POST", "/v2/images/%s/actions/reactivate" % q)[0] == 204, "reactivate")
# Metadata definitions: the standard resource types, a namespace with its content, paging,
# tags replaced or appended, protected → 403, names that repeat → 409.
jget = lambda path: json.loads(req("GET", path)[2])
types = [t["name"] for t in jget("/v2/metadefs/resource_types")["resource_types"]]
check(types[0] == "OS::Glance::Image" and "OS::Nova::Flavor" in types, "standard resource types")
ns = {"namespace": "OS::Api::Check", "protected": True, "visibility": "public",
      "resource_type_associations": [{"name": "OS::Glance::Image", "prefix": "api_"}],
      "properties": {"speed": {"title": "Speed", "type": "integer"}}, "tags": [{"name": "a"}]}
check(req("POST", "/v2/metadefs/namespaces", ns)[0] == 201, "namespace created")
check(req("POST", "/v2/metadefs/namespaces", ns)[0] == 409, "namespace name repeats: 409")
check(req("POST", "/v2/metadefs/namespaces", {"namespace": "OS::Api::Other"})[0] == 201, "second namespace")
nsp = "/v2/metadefs/namespaces/OS::Api::Check"
shown = jget(nsp + "?resource_type=OS::Glance::Image")
check(list(shown["properties"]) == ["api_speed"] and shown["tags"] == [{"name": "a"}], f"namespace shown {shown}")
page = jget("/v2/metadefs/namespaces?limit=1&sort_key=namespace&sort_dir=asc")
check([n["namespace"] for n in page["namespaces"]] == ["OS::Api::Check"] and "marker=" in page["next"], "namespace page")
nxt = jget(page["next"])
check([n["namespace"] for n in nxt["namespaces"]] == ["OS::Api::Other"], "next namespace page")
check(req("POST", nsp + "/tags", {"tags": [{"name": "b"}, {"name": "c"}]})[0] == 201, "tags replaced")
check(req("POST", nsp + "/tags", {"tags": [{"name": "d"}]}, {"X-Openstack-Append": "true"})[0] == 201, "tag appended")
check(sorted(t["name"] for t in jget(nsp + "/tags")["tags"]) == ["b", "c", "d"], "tags after replace + append")
check(req("POST", nsp + "/objects", {"name": "o", "properties": {"x": {"title": "X", "type": "string"}}})[0] == 201, "object")
check(req("DELETE", nsp + "/objects/o")[0] == 403 and req("DELETE", nsp)[0] == 403, "protected: 403")
check(req("PUT", nsp, {"namespace": "OS::Api::Check", "protected": False})[0] == 200, "unprotected")
check(req("DELETE", nsp)[0] == 204 and req("GET", nsp + "/tags")[0] == 404, "namespace deleted with its content")
print("serve_api_check: ok")
