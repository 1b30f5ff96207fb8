#!/bin/sh
# client: the administrator's workstation. The server's name, the key pair made for the
# admin-srv account (in the trainee's home), and the previous technician's key (root's).
set -eu
grep -q ' srv$' /etc/hosts || echo '192.168.50.10 srv' >> /etc/hosts

home=/home/{{trainee}}
install -d -m 700 -o {{trainee}} -g {{trainee}} $home/.ssh
if [ ! -f $home/.ssh/id_admin_srv ]; then
  ssh-keygen -q -t ed25519 -N '' -C 'admin-srv@client' -f $home/.ssh/id_admin_srv
fi
chown {{trainee}}:{{trainee}} $home/.ssh/id_admin_srv $home/.ssh/id_admin_srv.pub

# Lab-only key, authorized for root on srv by setup/srv.sh: the platform's checks use it
# to see whether root can still log in.
install -d -m 700 /root/.ssh
cat > /root/.ssh/id_ancien_technicien <<'KEY'
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACAHEanH9It9jXhJhcYzBmO5oRcqDQeEfYovbNIW9dRYEAAAAKAKihpsCooa
bAAAAAtzc2gtZWQyNTUxOQAAACAHEanH9It9jXhJhcYzBmO5oRcqDQeEfYovbNIW9dRYEA
AAAEBDU8zvv/wwb0aBmK9l+56Lrh71IAse6s+35n4UMx7SXwcRqcf0i32NeEmFxjMGY7mh
FyoNB4R9ii9s0hb11FgQAAAAGWFuY2llbi10ZWNobmljaWVuQGNhYmluZXQBAgME
-----END OPENSSH PRIVATE KEY-----
KEY
chmod 600 /root/.ssh/id_ancien_technicien
