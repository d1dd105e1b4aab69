#!/usr/bin/env bash
# A throw-away PostgreSQL for the fleet tests, from Debian's postgresql package: initdb and
# pg_ctl in a temporary folder, as an unprivileged user (PostgreSQL refuses to run as root, and
# CI runs as root: the server then runs as 'nobody', owning its folder), listening on a Unix
# socket inside that folder (and, with --tls, on 127.0.0.1 with a certificate made here).
#
#   pg.sh run [--tls] PORT -- COMMAND...   start a server, run COMMAND with EASE_PG_* set, stop
#   pg.sh stop DIR | start DIR            (used by the tests to take the server away and back)
#
# COMMAND sees EASE_PG_DIR (the folder; the socket is in it), EASE_PG_PORT, EASE_PG_SCRIPT
# (this file) and, with --tls, EASE_PG_CA, EASE_PG_WRONG_CA. EASE_PG_DURABLE=1 keeps fsync on.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "pg.sh: PostgreSQL's server is not installed (apt-get install postgresql)" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    as_owner "$bin/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 120 start >/dev/null
}

pg_stop() {
    as_owner "$bin/pg_ctl" -D "$1/data" -m fast -w -t 120 stop >/dev/null
}

make_certificates() { # folder: a CA and a server certificate it signs; another, unrelated CA
    local d=$1
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Ease test CA" \
        -keyout "$d/ca.key" -out "$d/ca.crt" 2>/dev/null
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Someone else's CA" \
        -keyout "$d/wrong-ca.key" -out "$d/wrong-ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$d/server.key" \
        -out "$d/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost\n' >"$d/san.ext"
    openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial \
        -days 2 -extfile "$d/san.ext" -out "$d/server.crt" 2>/dev/null
    chmod 600 "$d/server.key"
}

case "${1:-}" in
stop) pg_stop "$2" ;;
start) pg_start "$2" ;;
run)
    shift
    tls=no
    if [ "${1:-}" = --tls ]; then
        tls=yes
        shift
    fi
    port=$1
    shift
    [ "${1:-}" = -- ] && shift
    dir=$(mktemp -d /tmp/ease-fleet-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$dir"
    cleanup() {
        pg_stop "$dir" 2>/dev/null || true
        rm -rf "$dir"
    }
    trap cleanup EXIT
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    {
        echo "unix_socket_directories = '$dir'"
        echo "listen_addresses = ''"
        echo "max_connections = 50"
        # A test server: nothing here must survive a power cut, and the machine is busy. The
        # benchmark sets EASE_PG_DURABLE=1 to measure a server that syncs as a real one does.
        if [ -z "${EASE_PG_DURABLE:-}" ]; then
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        fi
    } >>"$dir/data/postgresql.conf"
    if [ $tls = yes ]; then
        as_owner bash -c "$(declare -f make_certificates); make_certificates '$dir'"
        {
            echo "listen_addresses = '127.0.0.1'"
            echo "ssl = on"
            echo "ssl_cert_file = '$dir/server.crt'"
            echo "ssl_key_file = '$dir/server.key'"
        } >>"$dir/data/postgresql.conf"
        echo "hostssl all all 127.0.0.1/32 trust" >>"$dir/data/pg_hba.conf"
        export EASE_PG_CA="$dir/ca.crt" EASE_PG_WRONG_CA="$dir/wrong-ca.crt"
    fi
    # Only --tls listens on a TCP port, and that port may be taken (another test's server, a
    # developer's): try the next ones, each set last in the file so it wins. A Unix socket lives
    # in this folder and never collides.
    tries=1
    [ $tls = yes ] && tries=20
    started=no
    for ((i = 0; i < tries; i++)); do
        echo "port = $((port + i * 7))" >>"$dir/data/postgresql.conf"
        rm -f "$dir/server.log" # this attempt's own messages
        if pg_start "$dir"; then
            started=yes
            port=$((port + i * 7))
            break
        fi
        grep -q 'Address already in use' "$dir/server.log" 2>/dev/null || break
    done
    [ $started = yes ] || {
        cat "$dir/server.log" >&2
        exit 1
    }
    export EASE_PG_DIR="$dir" EASE_PG_PORT="$port" EASE_PG_SCRIPT="${BASH_SOURCE[0]}"
    status=0
    "$@" || status=$?
    exit $status
    ;;
*)
    echo "usage: pg.sh run [--tls] PORT -- COMMAND... | stop DIR | start DIR" >&2
    exit 64
    ;;
esac
