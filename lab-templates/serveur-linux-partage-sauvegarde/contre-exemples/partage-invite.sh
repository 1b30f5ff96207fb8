#!/bin/sh
# Counterexample partage-invite (srv): the share open to everyone (guest ok, writable, no
# list of users) and the folder 777: claire writes, but so do paul and any anonymous client.
set -e
d=/srv/partage/compta
chmod -R 777 $d
cat >> /etc/samba/smb.conf <<'SMB'

[compta]
   path = /srv/partage/compta
   guest ok = yes
   read only = no
SMB
testparm -s >/dev/null 2>&1
systemctl reload smbd
