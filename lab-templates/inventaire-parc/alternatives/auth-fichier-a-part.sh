#!/bin/sh
# The agents' authentication in a file Apache reads after the package's (zz-ocs-agents), which
# replaces its "Require all granted"; install.php left in place but denied by Apache; admin's
# password changed.
set -eu
mariadb ocsweb -e "UPDATE operators SET PASSWD = SHA2('{{mdp_admin}}', 256), PASSWORD_VERSION = 2 WHERE ID = 'admin'"
htpasswd -cbB /etc/apache2/ocs-agents.htpasswd agents '{{mdp_agents}}'
chown root:www-data /etc/apache2/ocs-agents.htpasswd && chmod 0640 /etc/apache2/ocs-agents.htpasswd
cat > /etc/apache2/conf-available/zz-ocs-agents.conf <<'CONF'
<Location /ocsinventory>
    AuthType Basic
    AuthName "Inventaire"
    AuthUserFile /etc/apache2/ocs-agents.htpasswd
    Require valid-user
</Location>
<Files "install.php">
    Require all denied
</Files>
CONF
a2enconf -q zz-ocs-agents
apache2ctl -t && systemctl restart apache2
