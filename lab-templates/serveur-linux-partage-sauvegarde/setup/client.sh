#!/bin/sh
# client: the administrator's workstation. The server's name, the key pair given for the
# admin-srv account (in the trainee's home), and the previous technician's key (root's).
set -eu
grep -q ' srv$' /etc/hosts || echo '192.168.50.10 srv' >> /etc/hosts

# The admin-srv key pair is the template's own, the same in every lab (not generated here):
# the examiner's check ssh-cle-admin carries the same private key to log in as admin-srv
# from outside the trainee's machines, and the trainee's task is to authorize its public
# half on srv. A lab-only key: it opens nothing but this lab's srv, on its isolated network,
# once the trainee has authorized it.
home=/home/{{trainee}}
install -d -m 700 -o {{trainee}} -g {{trainee}} $home/.ssh
cat > $home/.ssh/id_admin_srv <<'KEY'
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACB4rj1W3IKormS4KYAETnjrfZD4h7H4DijcAj86UtAkhgAAAKBc08t0XNPL
dAAAAAtzc2gtZWQyNTUxOQAAACB4rj1W3IKormS4KYAETnjrfZD4h7H4DijcAj86UtAkhg
AAAEDhJOsX1BFPXeRQiWB7Y/CBq87YytxVMkpHleb2nMzxjXiuPVbcgqiuZLgpgAROeOt9
kPiHsfgOKNwCPzpS0CSGAAAAGGFkbWluLXNydkBjYWJpbmV0LWxlZm9ydAECAwQF
-----END OPENSSH PRIVATE KEY-----
KEY
echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHiuPVbcgqiuZLgpgAROeOt9kPiHsfgOKNwCPzpS0CSG admin-srv@cabinet-lefort' \
  > $home/.ssh/id_admin_srv.pub
chmod 600 $home/.ssh/id_admin_srv
chmod 644 $home/.ssh/id_admin_srv.pub
chown {{trainee}}:{{trainee}} $home/.ssh/id_admin_srv $home/.ssh/id_admin_srv.pub

# Lab-only key, authorized for root on srv by setup/srv.sh: the solution of securiser-ssh
# uses it one last time; the examiner's check ssh-root-refuse carries the same key.
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
