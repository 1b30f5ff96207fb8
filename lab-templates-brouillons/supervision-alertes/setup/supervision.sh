#!/bin/sh
# supervision: the on-call mailbox astreinte@arvor.lan (Unix account astreinte, /var/mail/astreinte
# on this machine's local mail server, exim on 127.0.0.1:25, which takes arvor.lan as its own) and the platform's own API account
# examinateur (Super admin role; its password is the platform's: the checks read the console
# with it). Admin keeps the package's password until the trainee changes it.
set -eu
id astreinte >/dev/null 2>&1 || useradd -m -s /bin/bash astreinte
echo 'astreinte:{{mdp_astreinte}}' | chpasswd
sed -i "s/^dc_other_hostnames=.*/dc_other_hostnames='arvor.lan'/" /etc/exim4/update-exim4.conf.conf
grep -qx "dc_other_hostnames='arvor.lan'" /etc/exim4/update-exim4.conf.conf
update-exim4.conf
systemctl restart exim4
export ZBX_USER=Admin ZBX_PASSWORD=zabbix
atelier-zabbix-api user.create "$(jq -nc --arg p '{{mdp_examinateur}}' \
    '{username: "examinateur", name: "Atelier", surname: "examinateur", passwd: $p, roleid: "3", usrgrps: [{usrgrpid: "7"}]}')" >/dev/null
