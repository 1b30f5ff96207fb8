#!/bin/sh
# The server secured except for admin: a new super-administrator ("parc", profile sadmin) gets the
# specification's password, admin keeps admin.
set -eu
rm -f /usr/share/ocsinventory-reports/install.php
mariadb ocsweb -e "INSERT INTO operators (ID, FIRSTNAME, LASTNAME, PASSWD, ACCESSLVL, COMMENTS, NEW_ACCESSLVL, PASSWORD_VERSION, USER_GROUP)
                   SELECT 'parc', 'Parc', 'Arvor', SHA2('{{mdp_admin}}', 256), ACCESSLVL, '', NEW_ACCESSLVL, 2, USER_GROUP FROM operators WHERE ID = 'admin'"
