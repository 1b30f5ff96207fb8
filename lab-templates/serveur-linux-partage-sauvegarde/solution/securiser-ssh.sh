#!/bin/sh
# Solution (run on client): install the workstation's admin-srv key on srv, then forbid root
# logins and passwords for admin-srv. It uses root's access one last time, through the
# previous contractor's key, so the script needs no password.
set -eu
pub=$(cat /home/{{trainee}}/.ssh/id_admin_srv.pub)
ssh -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
  -i /root/.ssh/id_ancien_technicien root@srv sh -s <<REMOTE
set -eu
install -d -m 700 -o admin-srv -g admin-srv /home/admin-srv/.ssh
echo '$pub' > /home/admin-srv/.ssh/authorized_keys
chown admin-srv:admin-srv /home/admin-srv/.ssh/authorized_keys
chmod 600 /home/admin-srv/.ssh/authorized_keys
echo 'PermitRootLogin no' > /etc/ssh/sshd_config.d/00-installation.conf
cat >> /etc/ssh/sshd_config <<'SSHD'

# admin-srv: key only
Match User admin-srv
    PasswordAuthentication no
SSHD
sshd -t
systemctl reload ssh
REMOTE
