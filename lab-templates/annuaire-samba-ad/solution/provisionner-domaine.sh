#!/bin/sh
# Solution (run on dc): provisions the domain {{domaine}} (NetBIOS {{netbios}}) with Samba's
# internal DNS, starts samba-ad-dc for good, waits until the KDC and LDAP over TLS answer, then
# runs samba's SPN and DNS updates itself.
set -eu
realm=$(echo '{{domaine}}' | tr a-z A-Z)

# Samba's DNS takes port 53: systemd-resolved's stub listener goes, and dc resolves through
# its own DNS.
systemctl disable --now systemd-resolved
rm -f /etc/resolv.conf
printf 'search {{domaine}}\nnameserver 192.168.60.10\n' > /etc/resolv.conf
sed -i '/[[:space:]]dc$/d' /etc/hosts
printf '192.168.60.10\tdc.{{domaine}} dc\n' >> /etc/hosts

# The member-server daemons off, the package's smb.conf aside: the provisioning writes its own.
systemctl disable --now smbd nmbd winbind 2>/dev/null || true
if [ -f /etc/samba/smb.conf ]; then mv /etc/samba/smb.conf /etc/samba/smb.conf.avant-ad; fi

# Samba knows the LAN interface only (the domain's DNS publishes no other address), but listens
# on every address: with "bind interfaces only = yes", a samba-ad-dc started at boot before
# networkd set the LAN address would not listen on the LAN (the prover's reboot found it).
samba-tool domain provision --realm="$realm" --domain='{{netbios}}' --server-role=dc \
    --dns-backend=SAMBA_INTERNAL --host-ip=192.168.60.10 --adminpass='Ad-{{mdp_admin}}' \
    --option='interfaces = lo 192.168.60.10' --use-rfc2307
cp /var/lib/samba/private/krb5.conf /etc/krb5.conf
systemctl unmask samba-ad-dc.service
systemctl enable --now samba-ad-dc.service

# Ready when the KDC and LDAP over TLS answer: samba makes its TLS certificate at its first
# start, and tells systemd it is ready before its LDAP server listens (about 2.5 min in all
# under TCG for the provisioning and this first start).
ok=
for _ in $(seq 120); do
    if echo 'Ad-{{mdp_admin}}' | kinit administrator >/dev/null 2>&1 &&
        LDAPTLS_REQCERT=never timeout 20 ldapsearch -x -H ldaps://192.168.60.10 -s base -b '' defaultNamingContext >/dev/null 2>&1; then
        ok=1
        break
    fi
    sleep 2
done
[ -n "$ok" ] || { echo "samba-ad-dc: no KDC or LDAPS answer after 4 minutes" >&2; exit 1; }
klist

# samba runs samba_spnupdate and samba_dnsupdate at its start and kills them after 20 s
# (source4/dsdb/dns/dns_update.c): under TCG they may not finish, and the DC then lacks its
# ldap/ SPN (members' samba-gpupdate fails: "Server principal ldap/dc… not found"). Run both
# to the end, a few tries each.
for step in samba_spnupdate samba_dnsupdate; do
    for i in 1 2 3; do
        if timeout 300 "$step"; then break; fi
        [ "$i" -lt 3 ] || { echo "$step failed three times" >&2; exit 1; }
        sleep 10
    done
done
samba-tool spn list 'DC$' | grep -i 'ldap/dc\.'
