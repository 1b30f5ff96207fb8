#!/bin/sh
# Alternative mots-de-passe-coupes-partout (srv): admin-srv's key authorized, and a file of
# sshd_config.d read before the contractor's 00-installation.conf (the first value of each
# keyword wins) that forbids root and turns passwords off for every account.
set -e
install -d -m 700 -o admin-srv -g admin-srv /home/admin-srv/.ssh
echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHiuPVbcgqiuZLgpgAROeOt9kPiHsfgOKNwCPzpS0CSG admin-srv@cabinet-lefort' \
  > /home/admin-srv/.ssh/authorized_keys
chown admin-srv:admin-srv /home/admin-srv/.ssh/authorized_keys
chmod 600 /home/admin-srv/.ssh/authorized_keys
cat > /etc/ssh/sshd_config.d/00-durcissement.conf <<'SSHD'
# Durcissement : lu avant 00-installation.conf.
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
SSHD
/usr/sbin/sshd -t
systemctl reload ssh
