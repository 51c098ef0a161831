#!/usr/bin/env bash
# Makes sure PostgreSQL answers at 127.0.0.1:5432 as user postgres without a password, as the
# tests expect (test/support/postgres-global.ts). Safe to run again: a server that already
# answers is left as it is. Installing and configuring need root, as on CI.
set -euo pipefail

answers() {
  if command -v psql >/dev/null 2>&1; then
    psql "postgres://postgres@127.0.0.1:5432/postgres" -XAtqc 'SELECT 1' >/dev/null 2>&1
  else
    # No client here (a server in another container): something listening is all we can tell.
    (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
  fi
}
answers && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "PostgreSQL does not answer at 127.0.0.1:5432 as user postgres, and installing or starting it needs root" >&2
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  echo "== installing PostgreSQL (Debian's postgresql)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
conf=/etc/postgresql/$version/main
# The tests connect over TCP to 127.0.0.1 as postgres with no password: trust that address
# only (first matching line wins in pg_hba.conf), and listen on it.
if ! grep -qE '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$conf/pg_hba.conf"; then
  sed -i '1i host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"
fi
mkdir -p "$conf/conf.d"
if [ ! -f "$conf/conf.d/90-ci.conf" ]; then
  printf "listen_addresses = '127.0.0.1'\nport = 5432\n" >"$conf/conf.d/90-ci.conf"
fi

if pg_ctlcluster --skip-systemctl-redirect "$version" main status >/dev/null 2>&1; then
  # Running but not answering as expected: pick up the configuration above.
  pg_ctlcluster --skip-systemctl-redirect "$version" main reload
else
  echo "== starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi

for _ in $(seq 1 30); do
  answers && exit 0
  sleep 1
done
echo "PostgreSQL $version does not answer at 127.0.0.1:5432 as user postgres after 30 s" >&2
exit 1
