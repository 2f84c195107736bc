#!/usr/bin/env bash
# Makes sure the services the tests talk to are up: PostgreSQL with PostGIS at 127.0.0.1:5432 and
# Redis at 127.0.0.1:6379. Starts what is not running and installs PostGIS where it is missing
# (Debian package postgresql-<major>-postgis-3; needs root). Fails loudly: CI must never skip.
set -euo pipefail

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
PGDATABASE=${PGDATABASE:-test}
PGOPTIONS="-c client_min_messages=warning"
export PGHOST PGPORT PGUSER PGDATABASE PGOPTIONS

say() { printf 'setup-services: %s\n' "$*"; }

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  say "PostgreSQL is not answering on $PGHOST:$PGPORT; starting it"
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
  pg_isready -h "$PGHOST" -p "$PGPORT" || { say "PostgreSQL did not start"; exit 1; }
fi

has_postgis() {
  [ "$(psql -tAX -c "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")" = "1" ]
}
if ! has_postgis; then
  major=$(psql -tAX -c "SHOW server_version_num" | cut -c1-2)
  say "PostGIS missing; installing postgresql-${major}-postgis-3"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "postgresql-${major}-postgis-3" >/dev/null
  has_postgis || { say "PostGIS still not available after install"; exit 1; }
fi
psql -qX -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
say "PostgreSQL $(psql -tAX -c "SELECT split_part(version(), ' ', 2)") with PostGIS $(psql -tAX -c "SELECT postgis_lib_version()") at $PGHOST:$PGPORT"

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  say "Redis is not answering on 127.0.0.1:6379; starting it"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli ping >/dev/null 2>&1 && break; sleep 1; done
  redis-cli ping >/dev/null || { say "Redis did not start"; exit 1; }
fi
# BullMQ needs keys never evicted.
redis-cli config set maxmemory-policy noeviction >/dev/null
say "Redis $(redis-cli info server | grep -m1 redis_version | cut -d: -f2 | tr -d '\r') at 127.0.0.1:6379"
