#!/bin/sh
# Counterexample root-interdit-en-commentaire (srv): admin-srv's key installed, the
# contractor's key taken from root, but "PermitRootLogin no" only in a comment and no
# restriction on passwords: root (00-installation.conf still says yes) and admin-srv both
# get in with their passwords.
set -e
install -d -m 700 -o admin-srv -g admin-srv /home/admin-srv/.ssh
echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHiuPVbcgqiuZLgpgAROeOt9kPiHsfgOKNwCPzpS0CSG admin-srv@cabinet-lefort' \
  > /home/admin-srv/.ssh/authorized_keys
chown admin-srv:admin-srv /home/admin-srv/.ssh/authorized_keys
chmod 600 /home/admin-srv/.ssh/authorized_keys
if grep -q '^#[[:space:]]*PermitRootLogin' /etc/ssh/sshd_config; then
  sed -i 's/^#[[:space:]]*PermitRootLogin.*/#PermitRootLogin no/' /etc/ssh/sshd_config
else
  echo '#PermitRootLogin no' >> /etc/ssh/sshd_config
fi
: > /root/.ssh/authorized_keys
/usr/sbin/sshd -t
systemctl reload ssh
