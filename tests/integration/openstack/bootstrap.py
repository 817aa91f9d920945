"""Populates a fresh Keystone for glancer's real-stack tests (run by stack.sh, /usr/bin/python3).

Creates the `service` project and the `glance` service user, the `image` service with public,
internal and admin endpoints, projects `demo` and `other` each with a member user, and an
application credential of `demo`. Writes DIR/clouds.yaml (no secrets), DIR/secure.yaml (the
passwords and the application-credential secret) and DIR/stack.env (shell exports for tests).
Passwords and the secret start with CANARY so tests can grep every output for them.
"""
import json
import os
import secrets
import sys

from keystoneauth1 import session
from keystoneauth1.identity import v3
from keystoneclient.v3 import client

state = sys.argv[1]
env = os.environ
auth_url = f"http://127.0.0.1:{env['STACK_KEYSTONE_PORT']}/v3"
glance_url = f"http://127.0.0.1:{env['STACK_GLANCE_PORT']}"


def sess(user, password, project):
    auth = v3.Password(auth_url=auth_url, username=user, password=password, project_name=project,
                       user_domain_id="default", project_domain_id="default")
    return session.Session(auth=auth)


ks = client.Client(session=sess("admin", env["STACK_ADMIN_PASSWORD"], "admin"))
roles = {r.name: r for r in ks.roles.list()}
admin_role, member_role = roles["admin"], roles["member"]

service = ks.projects.create("service", domain="default")
glance = ks.users.create("glance", domain="default", password=env["STACK_GLANCE_PASSWORD"])
ks.roles.grant(admin_role, user=glance, project=service)
image = ks.services.create("glance", type="image")
for interface in ("public", "internal", "admin"):
    ks.endpoints.create(image, glance_url, interface=interface, region="RegionOne")

users = {}
for name in ("demo", "other"):
    project = ks.projects.create(name, domain="default")
    password = f"CANARY-pw-{name}-{secrets.token_hex(8)}"
    user = ks.users.create(name, domain="default", password=password, default_project=project)
    ks.roles.grant(member_role, user=user, project=project)
    users[name] = (project.id, user.id, password)

demo_project, demo_user, demo_password = users["demo"]
demo_ks = client.Client(session=sess("demo", demo_password, "demo"))
appcred_secret = f"CANARY-secret-{secrets.token_hex(12)}"
appcred = demo_ks.application_credentials.create("glancer-e2e", user=demo_user,
                                                 secret=appcred_secret, roles=[member_role.id])


def password_cloud(user, project):
    return {"auth": {"auth_url": auth_url, "username": user, "project_name": project,
                     "user_domain_name": "Default", "project_domain_name": "Default"},
            "region_name": "RegionOne", "interface": "public", "identity_api_version": 3}


clouds = {"clouds": {
    "admin": password_cloud("admin", "admin"),
    "demo": password_cloud("demo", "demo"),
    "other": password_cloud("other", "other"),
    "demo-appcred": {"auth_type": "v3applicationcredential",
                     "auth": {"auth_url": auth_url, "application_credential_id": appcred.id},
                     "region_name": "RegionOne"},
}}
secure = {"clouds": {
    "admin": {"auth": {"password": env["STACK_ADMIN_PASSWORD"]}},
    "demo": {"auth": {"password": demo_password}},
    "other": {"auth": {"password": users["other"][2]}},
    "demo-appcred": {"auth": {"application_credential_secret": appcred_secret}},
}}
# JSON is YAML; openstacksdk and glancer both read it.
with open(os.path.join(state, "clouds.yaml"), "w") as f:
    json.dump(clouds, f, indent=2)
with open(os.path.join(state, "secure.yaml"), "w") as f:
    json.dump(secure, f, indent=2)
os.chmod(os.path.join(state, "secure.yaml"), 0o600)
with open(os.path.join(state, "stack.env"), "w") as f:
    for k, v in {"STACK_AUTH_URL": auth_url, "STACK_GLANCE_URL": glance_url,
                 "STACK_DEMO_PROJECT_ID": demo_project, "STACK_DEMO_PASSWORD": demo_password,
                 "STACK_OTHER_PROJECT_ID": users["other"][0],
                 "STACK_OTHER_PASSWORD": users["other"][2],
                 "STACK_APPCRED_ID": appcred.id, "STACK_APPCRED_SECRET": appcred_secret}.items():
        f.write(f"export {k}='{v}'\n")
print("bootstrap done")
