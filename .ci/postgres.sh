# Sourced by .ci/run: start a throwaway PostgreSQL cluster for the history store's tests and export
# VALUERING_TEST_POSTGRES_URL; the cluster listens on a unix socket in its temporary folder only and
# is stopped and deleted on exit. PostgreSQL refuses to run as root, so root runs it as postgres.
# The client tools alone (psql) may be installed; the server's initdb is what counts.
pg_initdb="$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$pg_initdb" ] || ! id postgres > /dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
    pg_initdb="$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"
fi
pg_bin="$(dirname "$pg_initdb")"
pg_dir="$(mktemp -d)"
if [ "$(id -u)" = 0 ]; then
    chown postgres "$pg_dir"
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi
pg_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U valuering --auth=trust -E UTF8 > "$pg_dir/initdb.log"
as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=''" start > /dev/null
stop_postgres() {
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop > /dev/null 2>&1 || true
    rm -rf "$pg_dir"
}
trap stop_postgres EXIT
as_pg "$pg_bin/createdb" -h "$pg_dir" -p "$pg_port" -U valuering valuering_test
export VALUERING_TEST_POSTGRES_URL="postgresql+psycopg://valuering@/valuering_test?host=$pg_dir&port=$pg_port"
