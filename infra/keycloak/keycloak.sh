# Keycloak for Atelier: the distribution from Maven Central, cached once, run from the
# platform's data directory with the realm of infra/keycloak/atelier-realm.json.
# Sourced by ./atelier (which defines say, die, ROOT, DATA_DIR, CACHE_DIR, JAVA_HOME).
#
# Two modes (keycloak_configure): the demo (start-dev on loopback, the realm with its demo
# accounts, re-imported when the file changes) and public (`kc.sh start` behind a TLS
# reverse proxy at PUBLIC_URL/auth, the realm imported once without demo users, groups or
# well-known secrets; the platform's client secret generated into keycloak-platform-secret).

KEYCLOAK_VERSION=${ATELIER_KEYCLOAK_VERSION:-26.5.6}
KEYCLOAK_PORT=${ATELIER_KEYCLOAK_PORT:-8180}
KEYCLOAK_REALM_FILE="$ROOT/infra/keycloak/atelier-realm.json"
KEYCLOAK_HOME="$DATA_DIR/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_PID_FILE="$DATA_DIR/keycloak.pid"
KEYCLOAK_LOG="$DATA_DIR/logs/keycloak.log"
KEYCLOAK_MODE_FILE="$KEYCLOAK_HOME/data/atelier-realm.mode"
KEYCLOAK_SECRET_FILE="$DATA_DIR/keycloak-platform-secret"
KEYCLOAK_STARTED_HERE=

# Demo (no argument) or public mode (the platform's public https URL): sets KEYCLOAK_URL,
# where the platform and the scripts on this host reach Keycloak.
keycloak_configure() {
  KEYCLOAK_PUBLIC_URL=${1:-}
  if [ -n "$KEYCLOAK_PUBLIC_URL" ]; then
    KEYCLOAK_PATH=/auth
    KEYCLOAK_LISTEN=${ATELIER_LISTEN:-0.0.0.0}
  else
    KEYCLOAK_PATH=
    KEYCLOAK_LISTEN=127.0.0.1
  fi
  KEYCLOAK_URL="http://localhost:$KEYCLOAK_PORT$KEYCLOAK_PATH"
}
keycloak_configure ""

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

# The realm for a classroom (stdout): the realm file without its demo users and groups
# (the platform's service account stays), every client secret dropped but the platform's,
# which becomes SECRET, and the web client's addresses set to PUBLIC_URL.
keycloak_public_realm() { # REALM_FILE PUBLIC_URL SECRET
  jq --arg url "$2" --arg secret "$3" '
    .users = [.users[]? | select(.serviceAccountClientId != null) | del(.credentials)]
    | .groups = []
    | .clients = [.clients[] | del(.secret)
        | if .clientId == "atelier-platform" then .secret = $secret
          elif .clientId == "atelier-web" then .rootUrl = $url | .redirectUris = [$url + "/*"]
            | .attributes["post.logout.redirect.uris"] = ($url + "/*")
          else . end]' "$1"
}

# Public mode, Keycloak stopped: the first time (or after the demo ran on this data
# directory), writes the classroom realm for import; later starts keep the realm as the
# administrators made it (the realm file is not imported again). Sets KEYCLOAK_IMPORT.
keycloak_prepare_public_realm() {
  KEYCLOAK_IMPORT=
  mkdir -p "$KEYCLOAK_HOME/data/import"
  rm -f "$KEYCLOAK_HOME/data/import/atelier-realm.json"
  [ "$(cat "$KEYCLOAK_MODE_FILE" 2>/dev/null)" = public ] && return 0
  need_packages jq
  if [ ! -s "$KEYCLOAK_SECRET_FILE" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -d '/+=\n' >"$KEYCLOAK_SECRET_FILE")
  fi
  local realm="$KEYCLOAK_HOME/data/import/atelier-realm.json"
  (umask 077; keycloak_public_realm "$KEYCLOAK_REALM_FILE" "$KEYCLOAK_PUBLIC_URL" "$(cat "$KEYCLOAK_SECRET_FILE")" >"$realm") \
    || die "could not write the classroom realm (jq on $KEYCLOAK_REALM_FILE)"
  if [ -f "$KEYCLOAK_MODE_FILE" ] || [ -f "$KEYCLOAK_HOME/data/atelier-realm.sha256" ]; then
    say "This data directory's Keycloak holds the demo realm: replacing it by the classroom realm (no demo account)"
    "$KEYCLOAK_HOME/bin/kc.sh" import --file "$realm" --override true >>"$KEYCLOAK_LOG" 2>&1 \
      || die "realm import failed (see $KEYCLOAK_LOG)"
    rm -f "$realm"
    echo public >"$KEYCLOAK_MODE_FILE"
  else
    KEYCLOAK_IMPORT=--import-realm
  fi
}

# Imports the realm file again when it changed since the last import (Keycloak is stopped).
keycloak_sync_realm() {
  if [ "$(cat "$KEYCLOAK_MODE_FILE" 2>/dev/null)" = public ]; then
    die "the Keycloak of $DATA_DIR holds a classroom's realm (./atelier up --public); the demo would replace it. Use another ATELIER_DATA_DIR for the demo"
  fi
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
  echo demo >"$KEYCLOAK_MODE_FILE"
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
  if [ ! -s "$DATA_DIR/keycloak-admin-password" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$DATA_DIR/keycloak-admin-password")
  fi
  local args
  if [ -n "$KEYCLOAK_PUBLIC_URL" ]; then
    keycloak_prepare_public_realm
    # production mode over HTTP behind the TLS proxy; the admin console only from this host
    args=(start --http-enabled=true --http-host="$KEYCLOAK_LISTEN" --http-port="$KEYCLOAK_PORT"
      --http-relative-path=/auth --hostname="$KEYCLOAK_PUBLIC_URL/auth" --hostname-backchannel-dynamic=true
      --hostname-admin="$KEYCLOAK_URL" --proxy-headers=xforwarded --cache=local --db=dev-file $KEYCLOAK_IMPORT)
  else
    keycloak_sync_realm
    args=(start-dev --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" --import-realm)
  fi
  say "Starting Keycloak $KEYCLOAK_VERSION on $KEYCLOAK_URL, listening on $KEYCLOAK_LISTEN (log: $KEYCLOAK_LOG)"
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$(cat "$DATA_DIR/keycloak-admin-password")" \
  JAVA_HOME="$JAVA_HOME" setsid "$KEYCLOAK_HOME/bin/kc.sh" "${args[@]}" \
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
  if [ -n "$KEYCLOAK_PUBLIC_URL" ]; then
    rm -f "$KEYCLOAK_HOME/data/import/atelier-realm.json" # it holds the platform's secret
    echo public >"$KEYCLOAK_MODE_FILE"
  fi
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
