#!/bin/sh
# Provisions the domain {{domaine}} (NetBIOS {{netbios}}) on dc with Samba's internal DNS.
set -eu
realm=$(echo '{{domaine}}' | tr a-z A-Z)

# Samba's DNS takes port 53: systemd-resolved's stub listener goes, and dc resolves through
# its own DNS.
systemctl disable --now systemd-resolved
rm -f /etc/resolv.conf
printf 'search {{domaine}}\nnameserver 192.168.60.10\n' > /etc/resolv.conf
sed -i '/[[:space:]]dc$/d' /etc/hosts
printf '192.168.60.10\tdc.{{domaine}} dc\n' >> /etc/hosts

# Samba knows the LAN interface only (the domain's DNS publishes no other address), but listens
# on every address: with "bind interfaces only", samba-ad-dc started at boot before networkd set
# the LAN address would not listen on the LAN (the prover's reboot found it).
# The member-server daemons off, the package's smb.conf aside: the provisioning writes its own.
systemctl disable --now smbd nmbd winbind 2>/dev/null || true
[ -f /etc/samba/smb.conf ] && mv /etc/samba/smb.conf /etc/samba/smb.conf.avant-ad
samba-tool domain provision --realm="$realm" --domain='{{netbios}}' --server-role=dc \
    --dns-backend=SAMBA_INTERNAL --host-ip=192.168.60.10 --adminpass='Ad-{{mdp_admin}}' \
    --option='interfaces = lo 192.168.60.10' --use-rfc2307
cp /var/lib/samba/private/krb5.conf /etc/krb5.conf
systemctl unmask samba-ad-dc.service
systemctl enable --now samba-ad-dc.service
# ready when the KDC and LDAP over TLS answer (samba makes its TLS certificate at its first start)
for _ in $(seq 90); do
    echo 'Ad-{{mdp_admin}}' | kinit administrator >/dev/null 2>&1 &&
        LDAPTLS_REQCERT=never ldapsearch -x -H ldaps://192.168.60.10 -s base -b '' defaultNamingContext >/dev/null 2>&1 &&
        break
    sleep 2
done
klist
