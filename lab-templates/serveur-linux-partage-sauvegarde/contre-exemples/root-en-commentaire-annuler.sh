#!/bin/sh
# Undo of root-interdit-en-commentaire (srv): sshd_config and root's key as they were,
# admin-srv without a key again.
set -e
s=/var/tmp/atelier-preuve/root-en-commentaire
cp -p $s/sshd_config /etc/ssh/sshd_config
cp -p $s/root_authorized_keys /root/.ssh/authorized_keys
rm -rf /home/admin-srv/.ssh $s
/usr/sbin/sshd -t
systemctl reload ssh
