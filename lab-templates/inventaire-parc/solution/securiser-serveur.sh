#!/bin/sh
# The server as the specification wants it: admin's password changed (as the console's "my
# account" page stores it: sha256 of the password, PASSWORD_VERSION 2), the install page deleted,
# and the agents' entry point behind HTTP basic authentication where the package's file says it
# goes (its <Location /ocsinventory>, in place of its "Require all granted").
set -eu
mariadb ocsweb -e "UPDATE operators SET PASSWD = SHA2('{{mdp_admin}}', 256), PASSWORD_VERSION = 2 WHERE ID = 'admin'"
rm -f /usr/share/ocsinventory-reports/install.php
htpasswd -cbB /etc/apache2/ocs-agents.htpasswd agents '{{mdp_agents}}'
chown root:www-data /etc/apache2/ocs-agents.htpasswd && chmod 0640 /etc/apache2/ocs-agents.htpasswd
perl -0pi -e 's{(<Location /ocsinventory>.*?)Require all granted}{${1}AuthType Basic\n      AuthName "Inventaire"\n      AuthUserFile /etc/apache2/ocs-agents.htpasswd\n      Require valid-user}s' \
    /etc/apache2/conf-available/ocsinventory-server.conf
grep -q 'Require valid-user' /etc/apache2/conf-available/ocsinventory-server.conf
apache2ctl -t && systemctl restart apache2
