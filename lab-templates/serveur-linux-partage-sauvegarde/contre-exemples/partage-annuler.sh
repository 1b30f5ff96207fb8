#!/bin/sh
# Undo of droits-777 and partage-invite (srv): smb.conf and the folder's modes as they were,
# and any test file a client may have left in the share.
set -e
d=/srv/partage/compta
s=/var/tmp/atelier-preuve/partage
cp -p $s/smb.conf /etc/samba/smb.conf
find $d -name 'atelier-essai-*' -exec rm -f {} +
while read -r m p; do chmod "$m" "$p"; done < $s/modes
rm -rf $s
systemctl reload smbd
