# Source this (bash): starts a throwaway PostgreSQL server for the archive tests and exports
# EXTRACTOR_TEST_PG_URL; the server and its files go away when the sourcing shell exits.
# Installs Debian's postgresql packages when no server binary is found and we are root; the
# archive's search needs the unaccent extension (in Debian's postgresql-15, contrib elsewhere).
# Without a server, or without unaccent, the PostgreSQL tests skip (a line on stderr says so).

_pg_say() { echo "[postgres] $*" >&2; }

_pg_bindir() {
    local initdb
    initdb=$(command -v initdb 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
    [ -n "$initdb" ] && dirname "$(readlink -f "$initdb")"
}

_pg_install() {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
    _pg_say "installing postgresql from the system packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq postgresql postgresql-contrib >/dev/null
}

# Whether the running server offers unaccent (uses _pg_start's bindir and port).
_pg_has_unaccent() {
    [ "$("$bindir/psql" -qtAX -h 127.0.0.1 -p "$port" -U postgres -d extractor_test \
        -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'unaccent'" 2>/dev/null)" = 1 ]
}

_pg_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_pg_start() {
    local bindir user port
    bindir=$(_pg_bindir) || bindir=""
    if [ -z "$bindir" ]; then
        _pg_install || { _pg_say "no PostgreSQL server available: its tests will skip"; return 0; }
        bindir=$(_pg_bindir) || { _pg_say "postgresql installed but initdb not found"; return 0; }
    fi
    PG_TMP=$(mktemp -d /tmp/extractor-pg.XXXXXX)
    user=$(id -un)
    if [ "$(id -u)" = 0 ]; then  # the server refuses to run as root
        user=postgres
        id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home "$user"
        chown "$user" "$PG_TMP"
    fi
    _pg_as() { if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi; }
    port=$(_pg_free_port)
    _pg_as "$bindir/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null ||
        { _pg_say "initdb failed: its tests will skip"; return 0; }
    _pg_as "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w \
        -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" start >/dev/null ||
        { _pg_say "server did not start: $(tail -n 3 "$PG_TMP/server.log")"; return 0; }
    PG_CTL_STOP="$bindir/pg_ctl"
    PG_USER=$user
    trap _pg_stop EXIT
    "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE extractor_test" >/dev/null 2>&1 ||
        _pg_as "$bindir/psql" -q -h "$PG_TMP" -p "$port" -U postgres -c "CREATE DATABASE extractor_test" >/dev/null
    if ! _pg_has_unaccent; then
        _pg_install && _pg_has_unaccent ||
            { _pg_say "the server has no unaccent extension (postgresql-contrib): its tests will skip"; return 0; }
    fi
    export EXTRACTOR_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/extractor_test"
    _pg_say "server up on port $port (EXTRACTOR_TEST_PG_URL set)"
}

_pg_stop() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u "$PG_USER" -- "$PG_CTL_STOP" -D "$PG_TMP/data" -m fast stop >/dev/null 2>&1
    else
        "$PG_CTL_STOP" -D "$PG_TMP/data" -m fast stop >/dev/null 2>&1
    fi
    rm -rf "$PG_TMP"
}

_pg_start
