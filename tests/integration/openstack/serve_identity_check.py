"""Glance's rules in `glancer serve --auth-cloud`, checked with real Keystone tokens of two
projects, an admin and a reader.

Usage: serve_identity_check.py SERVE_URL   (environment: STACK_AUTH_URL, STACK_ADMIN_PASSWORD,
STACK_DEMO_PASSWORD, STACK_OTHER_PASSWORD, STACK_DEMO_PROJECT_ID, STACK_OTHER_PROJECT_ID).
Prints every token it used to TOKENS_FILE (argv[2]) so the caller can grep serve's logs for them.
"""
import http.client
import json
import os
import sys
import urllib.parse

serve = urllib.parse.urlparse(sys.argv[1])
tokens_file = sys.argv[2]
keystone = urllib.parse.urlparse(os.environ["STACK_AUTH_URL"])
env = os.environ
checks = 0


def call(url, method, path, token=None, body=None, headers=None, subject=None):
    c = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    h = dict(headers or {})
    if token is not None:
        h["X-Auth-Token"] = token
    if subject is not None:
        h["X-Subject-Token"] = subject
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body)
        h.setdefault("Content-Type", "application/json")
    c.request(method, url.path.rstrip("/") + path if url is keystone else path, data, h)
    r = c.getresponse()
    raw = r.read()
    try:
        doc = json.loads(raw) if raw else None
    except ValueError:
        doc = raw
    return r.status, doc, r


def check(cond, what):
    global checks
    if not cond:
        print("FAIL:", what)
        sys.exit(1)
    checks += 1


def token(user, password, project):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"id": "default"}, "password": password}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
    st, _, r = call(keystone, "POST", "/auth/tokens", body=body)
    assert st == 201, (user, st)
    return r.getheader("X-Subject-Token")


def api(method, path, tok, body=None, ctype=None):
    headers = {"Content-Type": ctype} if ctype else None
    return call(serve, method, path, tok, body, headers)


admin = token("admin", env["STACK_ADMIN_PASSWORD"], "admin")
demo = token("demo", env["STACK_DEMO_PASSWORD"], "demo")
other = token("other", env["STACK_OTHER_PASSWORD"], "other")
demo_p, other_p = env["STACK_DEMO_PROJECT_ID"], env["STACK_OTHER_PROJECT_ID"]

# A reader of project demo, made here with the admin's token.
st, roles, _ = call(keystone, "GET", "/roles?name=reader", admin)
reader_role = roles["roles"][0]["id"]
st, user, _ = call(keystone, "POST", "/users", admin,
                   {"user": {"name": "viewer", "domain_id": "default", "password": "viewer-pw-1"}})
check(st == 201, "reader user created")
st, _, _ = call(keystone, "PUT", f"/projects/{demo_p}/users/{user['user']['id']}/roles/{reader_role}", admin)
check(st == 204, "reader role granted")
reader = token("viewer", "viewer-pw-1", "demo")
used = [admin, demo, other, reader]

PATCH = "application/openstack-images-v2.1-json-patch"

# Unauthenticated, forged and revoked tokens.
check(api("GET", "/v2/images", None)[0] == 401, "no token: 401")
check(api("GET", "/v2/images", "gAAAAABforged-token-0123456789")[0] == 401, "forged token: 401")
doomed = token("other", env["STACK_OTHER_PASSWORD"], "other")
used.append(doomed)
st, _, _ = call(keystone, "DELETE", "/auth/tokens", admin, subject=doomed)
check(st == 204, "token revoked")
st, doc, _ = api("GET", "/v2/images", doomed)
check(st == 401 and doc["code"] == "401 Unauthorized", f"revoked token: 401 with Glance's shape ({st} {doc})")
check(api("GET", "/versions", None)[0] == 200, "versions need no token")

# Project demo's private image: invisible and untouchable for project other.
st, img, _ = api("POST", "/v2/images", demo, {"name": "demo-private", "visibility": "private",
                                              "disk_format": "raw", "container_format": "bare"})
check(st == 201 and img["owner"] == demo_p, f"owner is the caller's project ({st} {img})")
priv = img["id"]
check(api("PUT", f"/v2/images/{priv}/file", demo, b"0123456789",
          "application/octet-stream")[0] == 204, "owner uploads")
for method, path, body, ctype in (("GET", f"/v2/images/{priv}", None, None),
                                  ("GET", f"/v2/images/{priv}/file", None, None),
                                  ("PATCH", f"/v2/images/{priv}", [{"op": "replace", "path": "/name", "value": "x"}], PATCH),
                                  ("DELETE", f"/v2/images/{priv}", None, None),
                                  ("POST", f"/v2/images/{priv}/actions/deactivate", None, None),
                                  ("PUT", f"/v2/images/{priv}/tags/x", None, None)):
    st = api(method, path, other, body, ctype)[0]
    check(st == 404, f"other: {method} {path} → 404, got {st}")
st, listing, _ = api("GET", "/v2/images", other)
check(priv not in [i["id"] for i in listing["images"]], "other does not list demo's private image")
st, listing, _ = api("GET", "/v2/images?visibility=private", admin)
check(priv in [i["id"] for i in listing["images"]], "admin lists every image")
check(api("POST", "/v2/images", demo, {"name": "x", "owner": other_p})[0] == 403,
      "a member may not create an image owned by another project")

# Reader: sees its project's images, writes nothing.
check(api("GET", f"/v2/images/{priv}", reader)[0] == 200, "reader sees its project's image")
check(api("POST", "/v2/images", reader, {"name": "r"})[0] == 403, "reader cannot create")
check(api("PATCH", f"/v2/images/{priv}", reader, [{"op": "replace", "path": "/name", "value": "r"}], PATCH)[0] == 403,
      "reader cannot update")
check(api("DELETE", f"/v2/images/{priv}", reader)[0] == 403, "reader cannot delete")

# Sharing: pending is not listed, accepting is the member's own act.
st, img, _ = api("POST", "/v2/images", demo, {"name": "demo-shared", "visibility": "shared"})
shared = img["id"]
st, m, _ = api("POST", f"/v2/images/{shared}/members", demo, {"member": other_p})
check(st == 200 and m["status"] == "pending", "owner adds a member")
check(api("POST", f"/v2/images/{shared}/members", other, {"member": other_p})[0] == 403,
      "a member cannot add members")
ids = lambda q, t: [i["id"] for i in api("GET", "/v2/images" + q, t)[1]["images"]]
check(shared not in ids("", other), "a pending share is not listed")
check(shared in ids("?visibility=shared&member_status=pending", other), "listed with member_status=pending")
check(api("GET", f"/v2/images/{shared}", other)[0] == 200, "a member sees the shared image")
check(api("PUT", f"/v2/images/{shared}/members/{other_p}", demo, {"status": "accepted"})[0] == 403,
      "project demo cannot accept for project other")
st, m, _ = api("PUT", f"/v2/images/{shared}/members/{other_p}", other, {"status": "accepted"})
check(st == 200 and m["status"] == "accepted", "the member accepts")
check(shared in ids("", other), "an accepted share is listed")
check(api("PATCH", f"/v2/images/{shared}", other, [{"op": "replace", "path": "/name", "value": "x"}], PATCH)[0] == 403,
      "a member cannot change the owner's image")
check(api("DELETE", f"/v2/images/{shared}", other)[0] == 403, "a member cannot delete the owner's image")
st, members, _ = api("GET", f"/v2/images/{shared}/members", other)
check(st == 200 and [m["member_id"] for m in members["members"]] == [other_p], "a member sees its own membership")
check(api("DELETE", f"/v2/images/{shared}/members/{other_p}", demo)[0] == 204, "the owner removes the member")
check(api("GET", f"/v2/images/{shared}", other)[0] == 404, "a removed member no longer sees the image")

# An admin gives an image to another project.
st, img, _ = api("PATCH", f"/v2/images/{priv}", admin, [{"op": "replace", "path": "/owner", "value": other_p}], PATCH)
check(st == 200 and img["owner"] == other_p, f"admin sets owner ({st} {img})")
check(api("GET", f"/v2/images/{priv}", other)[0] == 200, "the new owner sees it")
check(api("GET", f"/v2/images/{priv}", demo)[0] == 404, "the old owner no longer does")

# Metadata definitions (Glance's default policy): only an admin writes; a private namespace is
# seen by its owner's project (and an admin), a public one by everyone.
ns_doc = {"namespace": "OS::Check::Private", "visibility": "private", "owner": other_p}
check(api("POST", "/v2/metadefs/namespaces", demo, ns_doc)[0] == 403, "a member cannot create a namespace")
st, ns, _ = api("POST", "/v2/metadefs/namespaces", admin, ns_doc)
check(st == 201 and ns["owner"] == other_p, f"an admin creates a namespace for project other ({st} {ns})")
path = "/v2/metadefs/namespaces/OS::Check::Private"
check(api("GET", path, other)[0] == 200, "the owner's project sees its private namespace")
check(api("GET", path, demo)[0] == 404, "another project does not")
check(api("POST", path + "/tags/t", other)[0] == 403, "the owner's member cannot add a tag")
listed = lambda tok: [n["namespace"] for n in api("GET", "/v2/metadefs/namespaces?limit=1000", tok)[1]["namespaces"]]
check("OS::Check::Private" in listed(other) and "OS::Check::Private" not in listed(demo),
      "a private namespace is listed for its project only")
check(api("DELETE", path, admin)[0] == 204, "an admin deletes the namespace")

with open(tokens_file, "w") as f:
    f.write("\n".join(used) + "\n")
print(f"identity checks: {checks} passed")
