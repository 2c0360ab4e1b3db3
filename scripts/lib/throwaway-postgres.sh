# Sourced by scripts/test and scripts/bench: starts a PostgreSQL cluster in a temporary folder on a free
# loopback port, as the postgres user when run as root, and stops and removes it when the script exits.
# Sets THROWAWAY_POSTGRES to its connection string.
start_throwaway_postgres() {
  local pg_bin=$1
  pg_dir=$(mktemp -d /tmp/parallax-pg.XXXXXX)
  local pg_port pg_password
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  pg_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
    chown postgres "$pg_dir"
  fi
  trap 'run_pg "'"$pg_bin"'/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
  printf '%s\n' "$pg_password" > "$pg_dir/pwfile"
  if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir/pwfile"; fi
  run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=300 -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { echo "PostgreSQL did not start; its log:" >&2; cat "$pg_dir/server.log" >&2; exit 1; }
  THROWAWAY_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password;Database=postgres"
  echo "PostgreSQL listening on 127.0.0.1:$pg_port"
}

# PostgreSQL refuses to run as root: run it as the postgres user when we are root.
run_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
