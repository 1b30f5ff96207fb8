#!/bin/sh
# Alternative jonction-sssd (poste): poste joined with adcli (what realm join runs underneath)
# and its domain accounts served by sssd's AD provider instead of winbind. Domain sessions
# work as well, which is all the task joindre-poste asks; the GPO of the next task would need
# winbind (samba-gpupdate uses the machine account a net ads join keeps).
set -eu
realm=$(echo '{{domaine}}' | tr a-z A-Z)

mkdir -p /etc/systemd/resolved.conf.d
printf '[Resolve]\nDNS=192.168.60.10\nDomains={{domaine}}\n' > /etc/systemd/resolved.conf.d/domaine.conf
systemctl restart systemd-resolved
sed -i '/^127\.0\.1\.1[[:space:]]/d; /[[:space:]]poste$/d' /etc/hosts
printf '192.168.60.20\tposte.{{domaine}} poste\n' >> /etc/hosts
printf '[libdefaults]\n  default_realm = %s\n  dns_lookup_realm = false\n  dns_lookup_kdc = true\n  rdns = false\n' "$realm" > /etc/krb5.conf

# The DC may still be starting: wait for its LDAP server, then a few tries.
for _ in $(seq 60); do nc -z -w 3 192.168.60.10 636 && break; sleep 2; done
for i in 1 2 3 4 5; do
    printf '%s' 'Ad-{{mdp_admin}}' | adcli join --domain='{{domaine}}' --domain-realm="$realm" \
        --domain-controller='dc.{{domaine}}' --host-fqdn='poste.{{domaine}}' --computer-name=POSTE \
        --login-user=administrator --stdin-password && break
    [ "$i" -lt 5 ] || exit 1
    sleep 10
done

cat > /etc/sssd/sssd.conf <<CONF
[sssd]
domains = {{domaine}}
services = nss, pam

[domain/{{domaine}}]
id_provider = ad
access_provider = ad
ad_domain = {{domaine}}
krb5_realm = $realm
ad_server = dc.{{domaine}}
ad_hostname = poste.{{domaine}}
use_fully_qualified_names = False
fallback_homedir = /home/%u
default_shell = /bin/bash
cache_credentials = False
ad_gpo_access_control = disabled
dyndns_update = False
# The defaults (6 s for a Kerberos login, 6 to 8 s for LDAP) are for a fast network and a
# quiet controller; past them sssd calls the domain offline and, with no cached password,
# refuses every domain login for a minute. A controller under load needs longer.
krb5_auth_timeout = 60
ldap_network_timeout = 30
ldap_opt_timeout = 30
ldap_search_timeout = 30
CONF
chown root:root /etc/sssd/sssd.conf
chmod 600 /etc/sssd/sssd.conf
sed -i 's/^passwd:.*/passwd:         files sss/; s/^group:.*/group:          files sss/' /etc/nsswitch.conf
# PAM: sss (enabled in the image with winbind, harmless while unused) stays, winbind goes, and
# the home folder is made at the first session.
DEBIAN_FRONTEND=noninteractive pam-auth-update --disable winbind
DEBIAN_FRONTEND=noninteractive pam-auth-update --enable sss mkhomedir
systemctl enable sssd
systemctl restart sssd
for _ in $(seq 90); do getent passwd cmartin >/dev/null && break; sleep 2; done
id cmartin
