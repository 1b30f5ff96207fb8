# debian-rt setup, run inside the chroot (bash -euo pipefail) after packages and files.
# Request Tracker 5 at http://<node>/rt/ (REST 2: /rt/REST/2.0/), its SQLite database made at
# build time by the package itself (dbconfig-common runs rt-setup-database), RT's "root" user
# with the password below. Nothing is left for a web wizard.

# RT's own superuser (web UI, REST 2 basic auth), not a system account. Known to the lab's
# checks; changing it can be a trainee's task (Logged in as root > Settings > About me).
RT_ROOT_PASSWORD='atelier-rt'
# dbconfig-common's defaults for RT with SQLite, written down: the database is this file.
RT_DB_DIR=/var/lib/dbconfig-common/sqlite3/request-tracker5
RT_DB_NAME=rtdb

# The answers RT's and exim's configuration scripts would ask. Without them, noninteractive
# defaults would write the build host's name into RT (rtname, addresses, WebBaseURL) and
# exim (mailname), and RT's root password would be "password".
debconf-set-selections <<EOF
request-tracker5 request-tracker5/rtname string atelier
request-tracker5 request-tracker5/organization string atelier.lab
request-tracker5 request-tracker5/correspondaddress string rt@atelier.lab
request-tracker5 request-tracker5/commentaddress string rt-comment@atelier.lab
request-tracker5 request-tracker5/webbaseurl string http://localhost
request-tracker5 request-tracker5/webpath string /rt
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/dbconfig-install boolean true
request-tracker5 request-tracker5/database-type select sqlite3
request-tracker5 request-tracker5/db/basepath string $RT_DB_DIR
request-tracker5 request-tracker5/db/dbname string $RT_DB_NAME
request-tracker5 request-tracker5/initial-root-password password $RT_ROOT_PASSWORD
exim4-config exim4/dc_eximconfig_configtype select local delivery only; not on a network
exim4-config exim4/mailname string atelier.lab
exim4-config exim4/dc_other_hostnames string
exim4-config exim4/dc_local_interfaces string 127.0.0.1 ; ::1
EOF
# rt5-db-sqlite: the only rt5-db-* installed, so dbconfig-common picks sqlite3 (no database
# server to feed: a file, nothing more to start at boot). rt5-fcgi: RT as its own FastCGI daemon
# started at boot, so RT is loaded before the first request instead of at it (mod_fcgid) and
# not in every web server process (mod_perl). exim4-daemon-light: RT needs a mail transport
# agent (Depends); this one delivers locally only.
apt-get install -y exim4-daemon-light request-tracker5 rt5-db-sqlite rt5-fcgi rt5-clients

# The database exists, RT's web processes (www-data) may write it and its directory (SQLite
# writes its journal beside the file).
test -s "$RT_DB_DIR/$RT_DB_NAME"
[ "$(stat -c %G "$RT_DB_DIR/$RT_DB_NAME")" = www-data ]
[ "$(stat -c %G "$RT_DB_DIR")" = www-data ]

# RT as the web processes will run it: configuration, database, the REST 2 application, and the
# root password that was preseeded (checked as the login does). Logs to stderr: the chroot has
# no syslog.
perl -I/usr/share/request-tracker5/lib -e '
    use strict; use warnings;
    use RT;
    RT::LoadConfig();
    RT->Config->Set(LogToSyslog => undef);
    RT->Config->Set(LogToSTDERR => "error");
    RT::Init();
    require RT::REST2;
    my $root = RT::User->new(RT->SystemUser);
    $root->Load("root");
    die "RT has no root user\n" unless $root->id;
    die "root has not the preseeded password\n" unless $root->IsPassword($ARGV[0]);
' "$RT_ROOT_PASSWORD"
# RT compiles its Mason templates into this cache as the user it runs as (www-data): no file
# made by root may stay there (the package's postinst empties it the same way).
find /var/cache/request-tracker5/mason_data -type f -delete

# One RT worker (Debian's default is 2): each loads all of RT, 100+ MiB and tens of seconds of
# CPU under TCG at every boot; one is enough for a trainee and the lab's checks.
sed -i 's/^workers=.*/workers=1/' /etc/default/rt5-fcgi
grep -qx 'workers=1' /etc/default/rt5-fcgi

# nginx serves RT instead of its default page.
rm -f /etc/nginx/sites-enabled/default
ln -sfn ../sites-available/atelier-rt /etc/nginx/sites-enabled/atelier-rt
nginx -t

systemctl enable nginx.service rt5-fcgi.service

# atelier-rt-load FILE: what rt-setup-database-5 --action insert --skip-create --datafile FILE
# does, by a server that keeps RT's code compiled (started by its socket at the first load): a
# lab's setup and the platform's solutions load data files one after another, 12 s of CPU each
# in a fresh perl under TCG, 3.5 s each after the first here.
perl -c /usr/local/lib/atelier/rt-load-server
sh -n /usr/local/sbin/atelier-rt-load
systemctl enable atelier-rt-load.socket
