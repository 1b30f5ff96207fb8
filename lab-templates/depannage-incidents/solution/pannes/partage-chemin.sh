#!/bin/sh
# The commun share's path corrected, the configuration tested, smbd reading it again.
set -eu
sed -i 's|path = /srv/partage/commun|path = /srv/partages/commun|' /etc/samba/smb.conf
testparm -s >/dev/null 2>&1
smbcontrol smbd reload-config
