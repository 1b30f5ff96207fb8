#!/bin/sh
# Solution (run on poste): joins poste to {{domaine}} with winbind (sessions of domain
# accounts, group policies applied by samba-gpupdate), the domain's names resolved by dc's DNS.
set -eu
realm=$(echo '{{domaine}}' | tr a-z A-Z)
ip=192.168.60.20 name=poste

mkdir -p /etc/systemd/resolved.conf.d
printf '[Resolve]\nDNS=192.168.60.10\nDomains={{domaine}}\n' > /etc/systemd/resolved.conf.d/domaine.conf
systemctl restart systemd-resolved
sed -i "/^127\.0\.1\.1[[:space:]]/d; /[[:space:]]$name\$/d" /etc/hosts
printf '%s\t%s.{{domaine}} %s\n' "$ip" "$name" "$name" >> /etc/hosts
printf '[libdefaults]\n  default_realm = %s\n  dns_lookup_realm = false\n  dns_lookup_kdc = true\n  rdns = false\n' "$realm" > /etc/krb5.conf

cat > /etc/samba/smb.conf <<SMB
[global]
   workgroup = {{netbios}}
   realm = $realm
   security = ads
   interfaces = lo $ip
   disable netbios = yes
   smb ports = 445
   idmap config * : backend = tdb
   idmap config * : range = 3000-7999
   idmap config {{netbios}} : backend = rid
   idmap config {{netbios}} : range = 10000-999999
   winbind use default domain = yes
   template shell = /bin/bash
   template homedir = /home/%U
   load printers = no
   apply group policies = yes
SMB
testparm -s >/dev/null 2>&1

# The DC may still be starting: wait for its LDAP server, then a few tries.
for _ in $(seq 60); do nc -z -w 3 192.168.60.10 636 && break; sleep 2; done
for i in 1 2 3 4 5; do
    net ads join -U 'administrator%Ad-{{mdp_admin}}' && break
    [ "$i" -lt 5 ] || exit 1
    sleep 10
done
sed -i 's/^passwd:.*/passwd:         files winbind/; s/^group:.*/group:          files winbind/' /etc/nsswitch.conf
systemctl enable --now winbind
systemctl restart smbd
for _ in $(seq 90); do wbinfo -t >/dev/null 2>&1 && break; sleep 2; done
wbinfo -t
# domain accounts get their home folder at their first session
DEBIAN_FRONTEND=noninteractive pam-auth-update --enable mkhomedir
