#!/bin/sh
# The agents' authentication in a file of its own that Apache reads before the package's
# (conf-enabled/ is read in alphabetical order: "ocs-…" before "ocsinventory-server"): the package's
# later "Require all granted" for the same location replaces it.
set -eu
rm -f /usr/share/ocsinventory-reports/install.php
htpasswd -cbB /etc/apache2/ocs-agents.htpasswd agents '{{mdp_agents}}'
chown root:www-data /etc/apache2/ocs-agents.htpasswd && chmod 0640 /etc/apache2/ocs-agents.htpasswd
cat > /etc/apache2/conf-available/ocs-agents.conf <<'CONF'
<Location /ocsinventory>
    AuthType Basic
    AuthName "Inventaire"
    AuthUserFile /etc/apache2/ocs-agents.htpasswd
    Require valid-user
</Location>
CONF
a2enconf -q ocs-agents
mariadb ocsweb -e "UPDATE operators SET PASSWD = SHA2('{{mdp_admin}}', 256), PASSWORD_VERSION = 2 WHERE ID = 'admin'"
apache2ctl -t && systemctl restart apache2
