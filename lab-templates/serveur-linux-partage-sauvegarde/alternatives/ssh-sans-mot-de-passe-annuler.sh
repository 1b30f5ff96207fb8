#!/bin/sh
# Undo of mots-de-passe-coupes-partout (srv).
set -e
rm -f /etc/ssh/sshd_config.d/00-durcissement.conf
rm -rf /home/admin-srv/.ssh
/usr/sbin/sshd -t
systemctl reload ssh
