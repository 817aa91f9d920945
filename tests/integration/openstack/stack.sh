# A private Keystone v3 + Glance v2 (Debian packages) on 127.0.0.1, from an empty state directory.
#
# Sourced:   source stack.sh; stack_start DIR   → exports OS_CLIENT_CONFIG_FILE, OS_CLIENT_SECURE_FILE,
#            STACK_* (ports, ids, passwords); stack_stop tears everything down (idempotent; the
#            caller's EXIT trap must call it).
# Run:       bash stack.sh DIR   → starts the stack, prints its clouds.yaml, runs until SIGINT/SIGTERM.
#
# Recipe (see /work/shared/reference/glance-api.md): PostgreSQL 15 private cluster for Keystone,
# Keystone under uwsgi (stopped with SIGINT), Glance with workers = 0 on SQLite and a file store
# (or STACK_GLANCE_WORKERS API processes on PostgreSQL, as the benchmarks run it).
# Every daemon runs in its own process group (setsid) and is killed by group.

STACK_PY=/usr/bin/python3
STACK_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STACK_PIDS=()

# stack_free_ports N: N distinct free loopback ports.
stack_free_ports() {
  "$STACK_PY" -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}

# stack_wait_http URL SECONDS PIDFILE-PID: waits until URL answers (any HTTP status).
stack_wait_http() {
  local url=$1 limit=$2 pid=$3 i
  for ((i = 0; i < limit * 10; i++)); do
    if curl -s -o /dev/null --max-time 2 "$url"; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "stack: process $pid died waiting for $url" >&2; return 1; fi
    sleep 0.1
  done
  echo "stack: $url did not answer within ${limit}s" >&2
  return 1
}

# stack_as_pg CMD…: runs CMD as the owner of the PostgreSQL cluster (postgres refuses root).
stack_as_pg() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stack_start_postgres() {
  local d=$STACK_DIR/pg
  mkdir -p "$d"
  if [[ $(id -u) == 0 ]]; then
    chmod o+x "$STACK_DIR" "$(dirname "$STACK_DIR")" 2>/dev/null || true
    chown postgres: "$d"
  fi
  stack_as_pg /usr/lib/postgresql/15/bin/initdb -D "$d/data" -A trust -U postgres --no-sync \
    >"$d/initdb.log" 2>&1 || { cat "$d/initdb.log" >&2; return 1; }
  cat >>"$d/data/postgresql.conf" <<CONF
port = $STACK_PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$d'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
CONF
  stack_as_pg /usr/lib/postgresql/15/bin/pg_ctl -D "$d/data" -l "$d/postgres.log" -w -t 60 start \
    >/dev/null 9>&- || { cat "$d/postgres.log" >&2; return 1; }
  STACK_PG_STARTED=1
  stack_as_pg /usr/lib/postgresql/15/bin/createdb -h 127.0.0.1 -p "$STACK_PG_PORT" -U postgres keystone
  if ((${STACK_GLANCE_WORKERS:-0} > 0)); then
    stack_as_pg /usr/lib/postgresql/15/bin/createdb -h 127.0.0.1 -p "$STACK_PG_PORT" -U postgres glance
  fi
}

stack_start_keystone() {
  local d=$STACK_DIR/keystone
  mkdir -p "$d/fernet-keys" "$d/credential-keys"
  cat >"$d/keystone.conf" <<CONF
[DEFAULT]
log_file = $d/keystone.log
[database]
connection = postgresql://postgres@127.0.0.1:$STACK_PG_PORT/keystone
[token]
provider = fernet
expiration = 86400
[fernet_tokens]
key_repository = $d/fernet-keys
[credential]
key_repository = $d/credential-keys
[identity]
password_hash_rounds = 4
[oslo_policy]
enforce_scope = false
enforce_new_defaults = false
CONF
  local km=(keystone-manage --config-file "$d/keystone.conf")
  "${km[@]}" db_sync >>"$d/manage.log" 2>&1 || { tail -20 "$d/manage.log" >&2; return 1; }
  "${km[@]}" fernet_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)" >>"$d/manage.log" 2>&1
  "${km[@]}" credential_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)" >>"$d/manage.log" 2>&1
  local url=http://127.0.0.1:$STACK_KEYSTONE_PORT
  "${km[@]}" bootstrap --bootstrap-password "$STACK_ADMIN_PASSWORD" \
    --bootstrap-admin-url "$url/v3" --bootstrap-internal-url "$url/v3" \
    --bootstrap-public-url "$url/v3" --bootstrap-region-id RegionOne >>"$d/manage.log" 2>&1 ||
    { tail -20 "$d/manage.log" >&2; return 1; }
  OS_KEYSTONE_CONFIG_FILES=$d/keystone.conf setsid uwsgi --plugin python3 \
    --http-socket "127.0.0.1:$STACK_KEYSTONE_PORT" --wsgi-file /usr/bin/keystone-wsgi-public \
    --add-header "Connection: close" --lazy-apps --no-orphans --skip-atexit-teardown --die-on-term \
    --processes 1 --threads 1 --logto "$d/uwsgi.log" </dev/null >/dev/null 2>&1 9>&- &
  STACK_KEYSTONE_PID=$!
  STACK_PIDS+=("$STACK_KEYSTONE_PID")
  stack_wait_http "$url/v3" 60 "$STACK_KEYSTONE_PID" || { tail -30 "$d/uwsgi.log" >&2; return 1; }
}

stack_start_glance() {
  local d=$STACK_DIR/glance db
  # SQLite takes one writer at a time: with several API processes, concurrent writes fail with
  # "database is locked". So API workers (STACK_GLANCE_WORKERS, as on a production Glance) come
  # with PostgreSQL; the default single process keeps the faster-to-start SQLite.
  if ((${STACK_GLANCE_WORKERS:-0} > 0)); then
    db=postgresql://postgres@127.0.0.1:$STACK_PG_PORT/glance
  else
    db=sqlite:///$d/glance.sqlite
  fi
  mkdir -p "$d/images" "$d/staging" "$d/locks" "$d/tasks"
  cat >"$d/glance-api.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $STACK_GLANCE_PORT
workers = ${STACK_GLANCE_WORKERS:-0}
log_file = $d/glance-api.log
enabled_import_methods = [glance-direct,web-download]
node_staging_uri = file://$d/staging
[database]
connection = $db
[glance_store]
stores = file,http
default_store = file
filesystem_store_datadir = $d/images
[os_glance_tasks_store]
filesystem_store_datadir = $d/tasks
[os_glance_staging_store]
filesystem_store_datadir = $d/staging
[import_filtering_opts]
# web-download from the test's loopback HTTP server: Glance refuses loopback addresses and
# ports other than 80/443 unless allowed explicitly.
allowed_hosts = [127.0.0.1]
allowed_ports = []
[oslo_concurrency]
lock_path = $d/locks
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:$STACK_KEYSTONE_PORT
auth_url = http://127.0.0.1:$STACK_KEYSTONE_PORT
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = glance
password = $STACK_GLANCE_PASSWORD
interface = internal
[paste_deploy]
flavor = keystone
config_file = /etc/glance/glance-api-paste.ini
[oslo_policy]
enforce_scope = false
enforce_new_defaults = false
CONF
  glance-manage --config-file "$d/glance-api.conf" db_sync >"$d/manage.log" 2>&1 ||
    { tail -20 "$d/manage.log" >&2; return 1; }
  setsid glance-api --config-file "$d/glance-api.conf" </dev/null >"$d/stdout.log" 2>&1 9>&- &
  STACK_GLANCE_PID=$!
  STACK_PIDS+=("$STACK_GLANCE_PID")
  stack_wait_http "http://127.0.0.1:$STACK_GLANCE_PORT/versions" 60 "$STACK_GLANCE_PID" ||
    { tail -30 "$d/glance-api.log" "$d/stdout.log" >&2; return 1; }
}

# stack_start DIR: the whole stack; DIR must be empty or missing. Sets STACK_SECONDS.
stack_start() {
  STACK_DIR=$(realpath -m "$1")
  mkdir -p "$STACK_DIR"
  local t0=$SECONDS
  read -r STACK_PG_PORT STACK_KEYSTONE_PORT STACK_GLANCE_PORT <<<"$(stack_free_ports 3)"
  rand() { "$STACK_PY" -c 'import secrets; print(secrets.token_hex(12))'; }
  STACK_ADMIN_PASSWORD=admin-$(rand)
  STACK_GLANCE_PASSWORD=glance-$(rand)
  export STACK_DIR STACK_PG_PORT STACK_KEYSTONE_PORT STACK_GLANCE_PORT STACK_ADMIN_PASSWORD STACK_GLANCE_PASSWORD
  stack_start_postgres || return 1
  stack_start_keystone || return 1
  # Users, projects, the image service's catalog entries and the clouds.yaml (see bootstrap.py).
  "$STACK_PY" "$STACK_LIB_DIR/bootstrap.py" "$STACK_DIR" >"$STACK_DIR/bootstrap.log" 2>&1 ||
    { cat "$STACK_DIR/bootstrap.log" >&2; return 1; }
  # shellcheck disable=SC1091
  source "$STACK_DIR/stack.env"
  stack_start_glance || return 1
  export OS_CLIENT_CONFIG_FILE=$STACK_DIR/clouds.yaml OS_CLIENT_SECURE_FILE=$STACK_DIR/secure.yaml
  STACK_SECONDS=$((SECONDS - t0))
}

# stack_stop: stops every daemon by process group and waits for them; idempotent.
stack_stop() {
  local pid i
  if [[ -n ${STACK_GLANCE_PID:-} ]]; then kill -TERM -- "-$STACK_GLANCE_PID" 2>/dev/null || true; fi
  if [[ -n ${STACK_KEYSTONE_PID:-} ]]; then kill -INT -- "-$STACK_KEYSTONE_PID" 2>/dev/null || true; fi
  for pid in "${STACK_PIDS[@]}"; do
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  STACK_PIDS=()
  STACK_GLANCE_PID='' STACK_KEYSTONE_PID=''
  if [[ -n ${STACK_PG_STARTED:-} ]]; then
    stack_as_pg /usr/lib/postgresql/15/bin/pg_ctl -D "$STACK_DIR/pg/data" -m immediate -w stop \
      >/dev/null 2>&1 || true
    STACK_PG_STARTED=''
  fi
  return 0
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  trap 'stack_stop' EXIT
  trap 'exit 0' INT TERM
  stack_start "${1:?usage: stack.sh DIR}"
  echo "stack up in ${STACK_SECONDS}s: keystone :$STACK_KEYSTONE_PORT glance :$STACK_GLANCE_PORT"
  echo "export OS_CLIENT_CONFIG_FILE=$OS_CLIENT_CONFIG_FILE OS_CLIENT_SECURE_FILE=$OS_CLIENT_SECURE_FILE"
  while true; do sleep 1; done
fi
