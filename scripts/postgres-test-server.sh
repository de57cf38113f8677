#!/usr/bin/env bash
# A private PostgreSQL server for the tests, on 127.0.0.1 only, its data in a folder of its own.
#
#   scripts/postgres-test-server.sh start DIR   initialises DIR if needed, starts the server, prints its URL
#   scripts/postgres-test-server.sh stop DIR    stops the server started on DIR (DIR is kept)
#   scripts/postgres-test-server.sh run CMD...  starts a server in a new temporary folder, runs CMD with
#                                               VEILLEUR_TEST_POSTGRESQL_URL set to its URL, then stops it and
#                                               removes the folder, whether CMD succeeds or not; exits as CMD did
#
# Debian's `postgresql` is installed when no initdb is found (through sudo when not root). As root, the
# server runs as the `postgres` user the package creates, since PostgreSQL refuses to run as root: DIR is
# then given to that user, and must be reachable by it (a folder under /tmp is). The data is test data:
# fsync is off, every local connection is trusted, and the Unix socket is in DIR, not /var/run.
# POSTGRES_TEST_DURABLE=1 keeps fsync and synchronous commits on, as in production, for measurements.
set -euo pipefail

die() { echo "postgres-test-server: $*" >&2; exit 1; }

# The newest installed server's bin folder, or nothing.
find_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; fi
}

install_server() {
    local sudo=""
    if [[ $(id -u) != 0 ]]; then
        command -v sudo >/dev/null || die "initdb is missing and sudo is not available to install Debian's postgresql"
        sudo=sudo
    fi
    command -v apt-get >/dev/null || die "initdb is missing and apt-get is not available to install postgresql"
    echo "postgres-test-server: installing Debian's postgresql" >&2
    $sudo apt-get update -qq >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
}

bin_dir() {
    local dir
    dir=$(find_bin)
    if [[ -z "$dir" ]]; then
        install_server
        dir=$(find_bin)
        [[ -n "$dir" ]] || die "postgresql was installed but no initdb was found under /usr/lib/postgresql/*/bin"
    fi
    echo "$dir"
}

# Runs a server program as the user that owns the cluster: ourselves, or `postgres` when we are root.
as_owner() {
    if [[ $(id -u) == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_is_free() {
    # Bash's /dev/tcp connects when something listens; failing to connect means the port is free for now.
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
    local dir=$1 bin port attempt durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [[ "${POSTGRES_TEST_DURABLE:-0}" == 1 ]] && durability=""
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    bin=$(bin_dir)
    if [[ $(id -u) == 0 ]]; then
        getent passwd postgres >/dev/null || die "running as root, and there is no postgres user to run the server as"
        chown postgres: "$dir"
    fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
            || die "initdb failed in $dir/data: $(tail -n 5 "$dir/initdb.log")"
    fi
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        port_is_free "$port" || continue
        # Another process may take the port between the check and the bind: then pg_ctl fails and we retry.
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $durability -c max_connections=400" \
            start >/dev/null; then
            echo "$port" >"$dir/port"
            echo "postgresql://postgres@127.0.0.1:$port/postgres?sslmode=disable"
            return 0
        fi
        grep -q "could not bind\|Address already in use" "$dir/server.log" 2>/dev/null \
            || die "the server did not start (attempt $attempt); its log: $(tail -n 5 "$dir/server.log" 2>/dev/null)"
    done
    die "no free port found for the server after 8 attempts"
}

stop() {
    local dir=$1 bin
    [[ -f "$dir/data/postmaster.pid" ]] || return 0
    bin=$(find_bin)
    [[ -n "$bin" ]] || die "no pg_ctl found to stop the server in $dir"
    # Test data: an immediate stop skips the shutdown checkpoint.
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
}

run() {
    [[ $# -gt 0 ]] || die "run: no command given"
    local dir url status=0
    dir=$(mktemp -d "${TMPDIR:-/tmp}/veilleur-postgres.XXXXXX")
    # shellcheck disable=SC2064  # $dir is fixed now, on purpose.
    trap "stop '$dir' || true; rm -rf '$dir'" EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    url=$(start "$dir")
    echo "postgres-test-server: $url (data in $dir)" >&2
    VEILLEUR_TEST_POSTGRESQL_URL=$url "$@" || status=$?
    return "$status"
}

case "${1:-}" in
    start) [[ $# -eq 2 ]] || die "usage: $0 start DIR"; start "$2" ;;
    stop) [[ $# -eq 2 ]] || die "usage: $0 stop DIR"; stop "$2" ;;
    run) shift; run "$@" ;;
    *) die "usage: $0 start DIR | stop DIR | run CMD..." ;;
esac
