#!/bin/sh
# srv: the site's server as it ran before the incidents: the arvor.lan zone and its reverse
# (bind9), the intranet (nginx), four shares (Samba) for the staff's accounts, the archives on a
# file system of their own (a 64 MiB loop file, so that it can fill up).
set -eu
# --- DNS: authoritative for arvor.lan and 192.168.90.0/24, no recursion
cat > /etc/bind/named.conf.options <<'CONF'
options {
    directory "/var/cache/bind";
    listen-on { 127.0.0.1; 192.168.90.10; };
    listen-on-v6 { none; };
    allow-query { any; };
    recursion no;
    allow-transfer { none; };
};
CONF
cat > /etc/bind/named.conf.local <<'CONF'
zone "arvor.lan" { type master; file "/etc/bind/db.arvor.lan"; };
zone "90.168.192.in-addr.arpa" { type master; file "/etc/bind/db.192.168.90"; };
CONF
cat > /etc/bind/db.arvor.lan <<'ZONE'
$TTL 300
@         IN SOA  srv.arvor.lan. admin.arvor.lan. ( 2026120101 3600 600 86400 300 )
          IN NS   srv.arvor.lan.
          IN MX   10 srv.arvor.lan.
srv       IN A    192.168.90.10
intranet  IN A    192.168.90.10
wiki      IN A    192.168.90.10
poste     IN A    192.168.90.20
helpdesk  IN A    192.168.90.30
ZONE
cat > /etc/bind/db.192.168.90 <<'ZONE'
$TTL 300
@   IN SOA  srv.arvor.lan. admin.arvor.lan. ( 2026120101 3600 600 86400 300 )
    IN NS   srv.arvor.lan.
10  IN PTR  srv.arvor.lan.
20  IN PTR  poste.arvor.lan.
30  IN PTR  helpdesk.arvor.lan.
ZONE
named-checkconf -z >/dev/null
systemctl restart named

# --- Web: the intranet, the only site
mkdir -p /var/www/intranet
cat > /var/www/intranet/index.html <<'HTML'
<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Intranet Arvor</title></head>
<body><h1>Intranet Arvor</h1><p>Annuaire interne, menus de la cantine, notes de service.</p></body></html>
HTML
cat > /etc/nginx/sites-available/intranet <<'CONF'
server {
    listen 80 default_server;
    server_name intranet.arvor.lan;
    root /var/www/intranet;
    index index.html;
}
CONF
rm -f /etc/nginx/sites-enabled/default
ln -sf ../sites-available/intranet /etc/nginx/sites-enabled/intranet
nginx -t 2>/dev/null
systemctl restart nginx

# --- Accounts: the staff (no shell on the server), their Samba passwords the platform's
groupadd -f personnel
groupadd -f compta
for u in aduval bcaron cdumas; do
    id "$u" >/dev/null 2>&1 || useradd -M -d /nonexistent -s /usr/sbin/nologin -G personnel "$u"
    printf '%s\n%s\n' 'Em-{{mdp_employes}}' 'Em-{{mdp_employes}}' | smbpasswd -s -a "$u" >/dev/null
done
usermod -aG compta bcaron

# --- Shares
mkdir -p /srv/partages/commun /srv/partages/compta /srv/partages/direction /srv/archives
echo "Note de service : fermeture du site le 24 décembre." > /srv/partages/commun/note-de-service.txt
chown -R root:personnel /srv/partages/commun && chmod 2775 /srv/partages/commun
echo "Budget 2026, version validée." > /srv/partages/compta/budget-2026.txt
chown -R root:compta /srv/partages/compta && chmod 2770 /srv/partages/compta && chmod 660 /srv/partages/compta/budget-2026.txt
echo "Conseil de direction du 3 novembre : compte rendu." > /srv/partages/direction/conseil.txt
chown -R cdumas:cdumas /srv/partages/direction && chmod 700 /srv/partages/direction
# the archives: a file system of their own, mounted at boot
if ! mountpoint -q /srv/archives; then
    truncate -s 64M /srv/archives.img
    mkfs.ext4 -q -F -L archives /srv/archives.img
    grep -q '/srv/archives ' /etc/fstab || echo '/srv/archives.img /srv/archives ext4 loop,nofail 0 2' >> /etc/fstab
    mount /srv/archives
fi
rm -rf /srv/archives/lost+found
echo "Archives 2025 : factures et contrats." > /srv/archives/archives-2025.txt
chown -R root:personnel /srv/archives && chmod 2775 /srv/archives
cat > /etc/samba/smb.conf <<'CONF'
[global]
    workgroup = ARVOR
    server string = Serveur de fichiers Arvor
    security = user
    map to guest = never
    disable netbios = yes
    smb ports = 445
    load printers = no
    printing = bsd
    printcap name = /dev/null
    disable spoolss = yes

[commun]
    path = /srv/partages/commun
    valid users = @personnel
    read only = no
    create mask = 0664
    directory mask = 2775

[compta]
    path = /srv/partages/compta
    read only = no
    create mask = 0660
    directory mask = 2770

[direction]
    path = /srv/partages/direction
    valid users = cdumas
    read only = no

[archives]
    path = /srv/archives
    valid users = @personnel
    read only = no
    create mask = 0664
CONF
testparm -s >/dev/null 2>&1
systemctl restart smbd
