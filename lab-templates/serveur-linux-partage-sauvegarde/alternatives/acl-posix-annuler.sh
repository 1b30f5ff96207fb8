#!/bin/sh
# Undo of acl-posix (srv): no ACL left (access and default), modes and smb.conf as they were.
set -e
d=/srv/partage/compta
s=/var/tmp/atelier-preuve/acl-posix
find $d -name 'atelier-essai-*' -exec rm -f {} +
find $d -type d -exec setfacl -k {} +
setfacl -R -b $d
while read -r m p; do chmod "$m" "$p"; done < $s/modes
cp -p $s/smb.conf /etc/samba/smb.conf
rm -rf $s
systemctl reload smbd
