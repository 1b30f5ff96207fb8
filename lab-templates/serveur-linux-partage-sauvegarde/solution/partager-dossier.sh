#!/bin/sh
# Solution (run on srv): the folder belongs to group comptables (read-write), others may
# read; Samba shares it to comptables (write) and auditeurs (read only), no guest.
set -eu
d=/srv/partage/compta
chgrp -R comptables $d
find $d -type d -exec chmod 2775 {} +
find $d -type f -exec chmod 664 {} +
cat >> /etc/samba/smb.conf <<'SMB'

[compta]
   comment = Comptabilité
   path = /srv/partage/compta
   valid users = @comptables @auditeurs
   read list = @auditeurs
   write list = @comptables
   read only = yes
   guest ok = no
   force group = comptables
   create mask = 0664
   directory mask = 2775
SMB
testparm -s >/dev/null 2>&1
systemctl reload smbd
