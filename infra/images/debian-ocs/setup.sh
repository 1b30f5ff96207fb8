# debian-ocs setup, run inside the chroot (bash -euo pipefail) after packages and files.
# Leaves a server that answers agents at /ocsinventory and shows the console's login page at
# /ocsreports with the default account admin/admin (changing it is the trainee's task): the
# database is created here, as the console's install wizard (install.php) would, so that the
# wizard never shows up at boot.

# What the packaged configurations expect (the wizard's defaults, the communication server's
# /etc/apache2/conf-available/ocsinventory-server.conf: OCS_DB_NAME, OCS_DB_USER, OCS_DB_PWD).
OCS_DB=ocsweb
OCS_USER=ocs
OCS_PASSWORD=ocs
REPORTS=/usr/share/ocsinventory-reports
SOCKET=/run/mysqld/mysqld.sock    # the client libraries' default (PHP's mysqli, Perl's DBD::mysql)

# --- Apache: prefork (mod_php), mod_perl, the OCS configurations ------------------------------
# The packages' postinst scripts enable all this already when apache2 was unpacked first; done
# again here so that the result does not depend on dpkg's order.
a2dismod -q mpm_event 2>/dev/null || true
a2enmod -q mpm_prefork perl
for load in /etc/apache2/mods-available/php*.load; do a2enmod -q "$(basename "$load" .load)"; done
a2enconf -q ocsinventory-server ocsinventory-reports atelier-ocs
# The REST API configuration ships with unfilled placeholders (REST_API_PATH,
# REST_API_LOADER_PATH) and needs Mojolicious and Plack, which the package does not pull: off.
a2disconf -q ocsinventory-restapi 2>/dev/null || true
# Parses every enabled file and loads the OCS Perl modules (PerlModule lines): a broken
# configuration fails the build instead of the first boot.
apache2ctl -t
# files/ wrote the console's session lifetime for PHP 8.2's Apache module: that is the PHP here.
[ -f /etc/php/8.2/apache2/php.ini ] || { echo "mod_php is not PHP 8.2: move files/etc/php/8.2" >&2; exit 1; }

# --- MariaDB, started by hand: the builder blocks service starts in the chroot ---------------
# No TCP (--skip-networking): the chroot shares the build host's network, where port 3306 may be
# taken. Native AIO off: io_uring/libaio may be refused to a chroot on some hosts.
[ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql --skip-test-db --disable-log-bin
install -d -o mysql -g mysql -m 0755 /run/mysqld
mariadbd --user=mysql --skip-networking --socket="$SOCKET" \
    --pid-file=/run/mysqld/atelier-build.pid --innodb-use-native-aio=0 --skip-log-bin \
    >/tmp/atelier-mariadbd.log 2>&1 &
DB_PID=$!
stop_db() {
    if kill -0 "$DB_PID" 2>/dev/null; then
        mariadb-admin --socket="$SOCKET" shutdown 2>/dev/null || kill "$DB_PID"
        wait "$DB_PID" || true
    fi
}
# A process left running in the chroot would keep the builder from unmounting it.
trap 'stop_db; cat /tmp/atelier-mariadbd.log >&2' EXIT
for _ in $(seq 60); do
    mariadb-admin --socket="$SOCKET" ping >/dev/null 2>&1 && break
    kill -0 "$DB_PID" 2>/dev/null || { echo "mariadbd died" >&2; exit 1; }
    sleep 1
done
mariadb-admin --socket="$SOCKET" ping
db() { mariadb --socket="$SOCKET" "$@"; }

# Database and account as install.php creates them (it also grants 'ocs'@'%': not needed, the
# server listens on 127.0.0.1 only).
db <<SQL
CREATE DATABASE $OCS_DB CHARACTER SET utf8 COLLATE utf8_bin;
CREATE USER '$OCS_USER'@'localhost' IDENTIFIED BY '$OCS_PASSWORD';
GRANT ALL PRIVILEGES ON $OCS_DB.* TO '$OCS_USER'@'localhost';
SQL

# Schema and initial data: the file install.php runs for a new database (files/ocsbase.sql is
# the one for upgrading a pre-7006 database). The session settings are those of the console's
# own connections (dbconnect() in require/function_commun.php). A clean dump: any error fails.
{ echo "SET NAMES utf8; SET sql_mode='NO_ENGINE_SUBSTITUTION';"; cat "$REPORTS/files/ocsbase_new.sql"; } \
    | db "$OCS_DB"

# The dump stops at an older version (config GUI_VERSION) than the console's (GUI_VER in
# var.php): the console would send its first visitor to update.php. Apply files/update/N.sql
# up to GUI_VER the way update.php does: in order, ignoring failed statements (some scripts
# repeat a change an earlier one made, e.g. 7069 renames a column 7065 renamed), writing
# GUI_VERSION after each file. The errors go to the build log.
gui_ver="$(sed -n "s/^define('GUI_VER', '\([0-9]*\)');.*/\1/p" "$REPORTS/var.php")"
db_ver="$(db -N -e "SELECT TVALUE FROM config WHERE NAME='GUI_VERSION'" "$OCS_DB")"
echo "ocsweb: schema version $db_ver, console version $gui_ver"
[ -n "$gui_ver" ] && [ -n "$db_ver" ] && [ "$db_ver" -le "$gui_ver" ]
v="$db_ver"
while [ "$v" -lt "$gui_ver" ]; do
    v=$((v + 1))
    [ -f "$REPORTS/files/update/$v.sql" ] || { echo "missing update $v.sql" >&2; exit 1; }
    { echo "SET NAMES utf8; SET sql_mode='NO_ENGINE_SUBSTITUTION';"; cat "$REPORTS/files/update/$v.sql"; } \
        | db --force "$OCS_DB" 2>&1 | sed "s/^/update $v.sql: /" || true
    db -e "UPDATE config SET TVALUE='$v' WHERE NAME='GUI_VERSION'" "$OCS_DB"
done

# Lab machines have no Internet: with WARN_UPDATE on, every console page tries
# check-version.ocsinventory-ng.org (1 s timeout) for a newer release.
db -e "UPDATE config SET IVALUE=0 WHERE NAME='WARN_UPDATE'" "$OCS_DB"

# Checks: the version the console expects, the default administrator (its shipped bcrypt hash,
# PASSWORD_VERSION 1: the first login with admin/admin rewrites it as sha256('admin')).
[ "$(db -N -e "SELECT TVALUE FROM config WHERE NAME='GUI_VERSION'" "$OCS_DB")" = "$gui_ver" ]
[ "$(db -N -e "SELECT COUNT(*) FROM operators WHERE ID='admin'" "$OCS_DB")" = 1 ]
[ "$(db -N -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='$OCS_DB'")" -ge 90 ]

# The console's database file, as install.php writes it (every constant: dbconnect() uses them
# all as defaults). Owned by www-data as ocsinventory-reports' postinst makes it, so that the
# wizard, if someone runs it again, can rewrite it.
install -o www-data -g www-data -m 0640 /dev/stdin /etc/ocsinventory/dbconfig.inc.php <<PHP
<?php
define("DB_NAME", "$OCS_DB");
define("SERVER_READ","localhost");
define("SERVER_WRITE","localhost");
define("SERVER_PORT","3306");
define("COMPTE_BASE","$OCS_USER");
define("PSWD_BASE","$OCS_PASSWORD");
define("ENABLE_SSL","0");
define("SSL_MODE","");
define("SSL_KEY","");
define("SSL_CERT","");
define("CA_CERT","");
?>
PHP

# Both runtimes reach the database the way they will at boot (socket, account ocs):
# PHP as the console (which then checks GUI_VERSION == GUI_VER), Perl as the communication server.
php -r '
    require "/etc/ocsinventory/dbconfig.inc.php";
    $link = mysqli_connect(SERVER_WRITE, COMPTE_BASE, PSWD_BASE, DB_NAME);
    $row = mysqli_fetch_row(mysqli_query($link, "SELECT TVALUE FROM config WHERE NAME=\"GUI_VERSION\""));
    if ($row[0] !== $argv[1]) { fwrite(STDERR, "GUI_VERSION $row[0]\n"); exit(1); }
    require "/usr/share/ocsinventory-reports/vendor/autoload.php";
    if (!class_exists("PHPMailer\\PHPMailer\\PHPMailer")) { fwrite(STDERR, "no PHPMailer\n"); exit(1); }
' "$gui_ver"
perl -MDBI -e 'DBI->connect("DBI:mysql:database=$ARGV[0];host=localhost", $ARGV[1], $ARGV[2],
    { RaiseError => 1 })->do("SELECT 1 FROM hardware LIMIT 1")' "$OCS_DB" "$OCS_USER" "$OCS_PASSWORD"
# The communication server reads each agent's XML with XML::Simple, which needs a parser module
# it does not depend on (see packages).
perl -MXML::Simple -e 'XMLin("<REQUEST><QUERY>PROLOG</QUERY></REQUEST>")->{QUERY} eq "PROLOG" or die'

stop_db
trap - EXIT
rm -f /tmp/atelier-mariadbd.log /run/mysqld/*

systemctl enable mariadb.service apache2.service
