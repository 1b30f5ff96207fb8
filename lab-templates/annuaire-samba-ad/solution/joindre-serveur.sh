#!/bin/sh
# Solution (run on fs): joins fs to {{domaine}} with winbind (a member file server), the
# domain's names resolved by dc's DNS.
set -eu
realm=$(echo '{{domaine}}' | tr a-z A-Z)
ip=192.168.60.11 name=fs

mkdir -p /etc/systemd/resolved.conf.d
printf '[Resolve]\nDNS=192.168.60.10\nDomains={{domaine}}\n' > /etc/systemd/resolved.conf.d/domaine.conf
systemctl restart systemd-resolved
sed -i "/^127\.0\.1\.1[[:space:]]/d; /[[:space:]]$name\$/d" /etc/hosts
printf '%s\t%s.{{domaine}} %s\n' "$ip" "$name" "$name" >> /etc/hosts
printf '[libdefaults]\n  default_realm = %s\n  dns_lookup_realm = false\n  dns_lookup_kdc = true\n  rdns = false\n' "$realm" > /etc/krb5.conf

# Samba knows the LAN interface only (what the join registers in the domain's DNS) and listens
# on every address (no "bind interfaces only": smbd may start before networkd sets the LAN
# address at boot).
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
SMB
testparm -s >/dev/null 2>&1

# The DC may still be starting (its LDAP server listens after systemd calls it ready), and a
# join right after its start once failed with "Operations error" and worked 10 s later.
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
