# debian-zabbix setup, run inside the chroot (bash -euo pipefail) after packages and files.
# Leaves a Zabbix 6.0 server whose frontend shows its login page at http://<node>/zabbix/ with
# the package's default account (Admin / zabbix; changing it is a trainee's task), its JSON-RPC
# API at /zabbix/api_jsonrpc.php, its PostgreSQL database loaded here.

ZBX_DB=zabbix
ZBX_DB_PASSWORD=zabbix    # the frontend's connection (TCP to localhost); the server uses the socket
SQL=/usr/share/zabbix-server-pgsql
PGVER=$(ls /etc/postgresql)
[ "$(echo "$PGVER" | wc -w)" = 1 ] || { echo "one PostgreSQL cluster expected, found: $PGVER" >&2; exit 1; }

# --- PostgreSQL, started by hand: the builder blocks service starts in the chroot -----------
# pg_ctlcluster calls pg_ctl itself where systemd does not run. No TCP: the chroot shares the
# build host's network.
pg_ctlcluster "$PGVER" main start -- -o "-c listen_addresses=''"
trap 'pg_ctlcluster "$PGVER" main stop -m fast || true' EXIT
for _ in $(seq 60); do runuser -u postgres -- psql -qAtc 'select 1' >/dev/null 2>&1 && break; sleep 1; done
runuser -u postgres -- psql -qAtc 'select 1' >/dev/null

# The role and database, then the package's SQL as the zabbix role (its tables are its own):
# schema, images, data, in that order (README.Debian). Any error fails the build.
runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 <<SQL
CREATE ROLE zabbix LOGIN PASSWORD '$ZBX_DB_PASSWORD';
CREATE DATABASE $ZBX_DB OWNER zabbix ENCODING 'UTF8' TEMPLATE template0;
SQL
zcat "$SQL/schema.sql.gz" "$SQL/images.sql.gz" "$SQL/data.sql.gz" \
    | runuser -u zabbix -- psql -q -v ON_ERROR_STOP=1 -d "$ZBX_DB" >/dev/null
[ "$(runuser -u zabbix -- psql -qAt -d "$ZBX_DB" -c "select count(*) from users where username='Admin'")" = 1 ]
# The database's own "Zabbix server" host (10084, agent on 127.0.0.1) is disabled: monitored,
# it cost 4.5 s of CPU a minute idle under TCG against 2.8 s without (NOTES-supervision-flotte.md),
# and a lab watches the trainee's hosts, not the server's health. Enabling it is one click.
runuser -u zabbix -- psql -q -v ON_ERROR_STOP=1 -d "$ZBX_DB" -c "UPDATE hosts SET status = 1 WHERE hostid = 10084 AND host = 'Zabbix server'"
[ "$(runuser -u zabbix -- psql -qAt -d "$ZBX_DB" -c "select status from hosts where hostid = 10084")" = 1 ]

# --- the frontend: what its web installer would write, and Apache --------------------------
cat > /etc/zabbix/zabbix.conf.php <<PHP
<?php
\$DB['TYPE']     = 'POSTGRESQL';
\$DB['SERVER']   = 'localhost';
\$DB['PORT']     = '0';
\$DB['DATABASE'] = '$ZBX_DB';
\$DB['USER']     = 'zabbix';
\$DB['PASSWORD'] = '$ZBX_DB_PASSWORD';
\$DB['SCHEMA']   = '';
\$DB['ENCRYPTION'] = false;
\$DB['KEY_FILE'] = '';
\$DB['CERT_FILE'] = '';
\$DB['CA_FILE'] = '';
\$DB['VERIFY_HOST'] = false;
\$DB['CIPHER_LIST'] = '';
\$DB['VAULT_URL'] = '';
\$DB['VAULT_DB_PATH'] = '';
\$DB['VAULT_TOKEN'] = '';
\$DB['DOUBLE_IEEE754'] = true;
\$ZBX_SERVER_NAME = 'atelier';
\$IMAGE_FORMAT_DEFAULT = IMAGE_FORMAT_PNG;
PHP
chown root:www-data /etc/zabbix/zabbix.conf.php
chmod 0640 /etc/zabbix/zabbix.conf.php
php -l /etc/zabbix/zabbix.conf.php

# The package enables nothing in Apache (it has no postinst).
a2dismod -q mpm_event 2>/dev/null || true
a2enmod -q mpm_prefork
for load in /etc/apache2/mods-available/php*.load; do a2enmod -q "$(basename "$load" .load)"; done
a2enconf -q zabbix-frontend-php
apache2ctl -t

systemctl enable postgresql zabbix-server zabbix-agent apache2 exim4
