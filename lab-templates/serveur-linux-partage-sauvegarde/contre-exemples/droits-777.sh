#!/bin/sh
# Counterexample droits-777 (srv): the share declared as asked (claire writes, paul reads,
# no guest), but the folder opened to everyone on disk (777) instead of rights by group.
set -e
d=/srv/partage/compta
chmod -R 777 $d
cat >> /etc/samba/smb.conf <<'SMB'

[compta]
   path = /srv/partage/compta
   valid users = @comptables @auditeurs
   read list = @auditeurs
   write list = @comptables
   read only = yes
   guest ok = no
SMB
testparm -s >/dev/null 2>&1
systemctl reload smbd
