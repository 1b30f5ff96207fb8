# Keycloak for Atelier: the distribution from Maven Central, cached once, run from the
# platform's data directory with the realm of infra/keycloak/atelier-realm.json.
# Sourced by ./atelier (which defines say, die, ROOT, DATA_DIR, CACHE_DIR, JAVA_HOME).

KEYCLOAK_VERSION=${ATELIER_KEYCLOAK_VERSION:-26.5.6}
KEYCLOAK_PORT=${ATELIER_KEYCLOAK_PORT:-8180}
KEYCLOAK_URL="http://localhost:$KEYCLOAK_PORT"
KEYCLOAK_REALM_FILE="$ROOT/infra/keycloak/atelier-realm.json"
KEYCLOAK_HOME="$DATA_DIR/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_PID_FILE="$DATA_DIR/keycloak.pid"
KEYCLOAK_LOG="$DATA_DIR/logs/keycloak.log"
KEYCLOAK_STARTED_HERE=

keycloak_realm_ready() {
  curl -fsS -m 3 -o /dev/null "$KEYCLOAK_URL/realms/atelier/.well-known/openid-configuration" 2>/dev/null
}

# Downloads the distribution into the cache (once) and unpacks it into the data directory.
keycloak_install() {
  local zip="$CACHE_DIR/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
  if [ ! -s "$zip" ]; then
    say "Downloading Keycloak $KEYCLOAK_VERSION from Maven Central into $CACHE_DIR (once, ~160 MB)"
    mkdir -p "$CACHE_DIR"
    mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$CACHE_DIR" >"$CACHE_DIR/keycloak-download.log" 2>&1 \
      || die "could not download org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip (see $CACHE_DIR/keycloak-download.log)"
  fi
  if [ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]; then
    say "Unpacking Keycloak into $KEYCLOAK_HOME"
    mkdir -p "$DATA_DIR"
    local tmp="$DATA_DIR/.keycloak-unpack"
    rm -rf "$tmp" && mkdir -p "$tmp"
    unzip -q "$zip" -d "$tmp" || die "could not unpack $zip"
    mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME" && rm -rf "$tmp"
  fi
}

# Imports the realm file again when it changed since the last import (Keycloak is stopped).
keycloak_sync_realm() {
  local stamp="$KEYCLOAK_HOME/data/atelier-realm.sha256"
  local sum; sum=$(sha256sum "$KEYCLOAK_REALM_FILE" | cut -d' ' -f1)
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$KEYCLOAK_REALM_FILE" "$KEYCLOAK_HOME/data/import/atelier-realm.json"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" != "$sum" ]; then
    say "Realm file changed: importing it into Keycloak again"
    "$KEYCLOAK_HOME/bin/kc.sh" import --file "$KEYCLOAK_REALM_FILE" --override true >>"$KEYCLOAK_LOG" 2>&1 \
      || die "realm import failed (see $KEYCLOAK_LOG)"
  fi
  echo "$sum" >"$stamp"
}

# Starts Keycloak unless one already serves the atelier realm on the port; waits until ready.
keycloak_start() {
  if keycloak_realm_ready; then
    say "Keycloak already serves realm atelier at $KEYCLOAK_URL"
    return
  fi
  if curl -s -m 2 -o /dev/null "$KEYCLOAK_URL/" 2>/dev/null; then
    die "port $KEYCLOAK_PORT answers but without realm atelier; stop that program or set ATELIER_KEYCLOAK_PORT"
  fi
  keycloak_install
  mkdir -p "$(dirname "$KEYCLOAK_LOG")"
  keycloak_sync_realm
  if [ ! -s "$DATA_DIR/keycloak-admin-password" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$DATA_DIR/keycloak-admin-password")
  fi
  say "Starting Keycloak $KEYCLOAK_VERSION on $KEYCLOAK_URL (log: $KEYCLOAK_LOG)"
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$(cat "$DATA_DIR/keycloak-admin-password")" \
  JAVA_HOME="$JAVA_HOME" setsid "$KEYCLOAK_HOME/bin/kc.sh" start-dev --http-port="$KEYCLOAK_PORT" --import-realm \
    >>"$KEYCLOAK_LOG" 2>&1 </dev/null &
  echo $! >"$KEYCLOAK_PID_FILE"
  KEYCLOAK_STARTED_HERE=1
  local waited=0
  until keycloak_realm_ready; do
    if ! kill -0 "$(cat "$KEYCLOAK_PID_FILE")" 2>/dev/null; then
      tail -n 30 "$KEYCLOAK_LOG" >&2
      die "Keycloak stopped during start-up (log above, whole log: $KEYCLOAK_LOG)"
    fi
    if [ "$waited" -ge 300 ]; then
      tail -n 30 "$KEYCLOAK_LOG" >&2
      die "Keycloak not ready after ${waited}s (log: $KEYCLOAK_LOG)"
    fi
    [ $((waited % 10)) -eq 0 ] && [ "$waited" -gt 0 ] && say "  … Keycloak starting (${waited}s)"
    sleep 1; waited=$((waited + 1))
  done
  say "Keycloak ready after ${waited}s"
}

# Stops Keycloak if this run started it (by the pid it recorded; its whole process group).
keycloak_stop() {
  [ -n "$KEYCLOAK_STARTED_HERE" ] || return 0
  local pid; pid=$(cat "$KEYCLOAK_PID_FILE" 2>/dev/null) || return 0
  if kill -0 "$pid" 2>/dev/null; then
    say "Stopping Keycloak (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$KEYCLOAK_PID_FILE"
  KEYCLOAK_STARTED_HERE=
}
