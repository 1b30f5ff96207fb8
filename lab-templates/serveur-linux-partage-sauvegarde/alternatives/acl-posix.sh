#!/bin/sh
# Alternative acl-posix (srv): the folder's owner, group and modes left as installed; POSIX
# ACLs give comptables read-write and auditeurs read (default ACLs for what is created
# later), and the share lists the accounts instead of the groups, without force group.
set -e
d=/srv/partage/compta
setfacl -R -m g:comptables:rwX,g:auditeurs:rX $d
find $d -type d -exec setfacl -m d:g:comptables:rwx,d:g:auditeurs:rx {} +
cat >> /etc/samba/smb.conf <<'SMB'

[compta]
   comment = Comptabilité
   path = /srv/partage/compta
   valid users = claire paul
   read list = paul
   write list = claire
   read only = yes
   guest ok = no
   inherit acls = yes
SMB
testparm -s >/dev/null 2>&1
systemctl reload smbd
