#!/bin/sh
# web: one address and one site per simulated Internet name, kept across reboots.
set -eu
dev=$(ip -o -4 addr show | awk '$4 == "203.0.113.10/24" {print $2; exit}')
cat > /usr/local/sbin/atelier-sites-addresses <<SCRIPT
#!/bin/sh
for a in 20 21 22 23; do ip addr replace 203.0.113.\$a/24 dev $dev; done
SCRIPT
chmod 755 /usr/local/sbin/atelier-sites-addresses
cat > /etc/systemd/system/atelier-sites-addresses.service <<'UNIT'
[Unit]
Description=Addresses of the simulated Internet sites
After=network-online.target
[Service]
Type=oneshot
ExecStart=/usr/local/sbin/atelier-sites-addresses
[Install]
WantedBy=multi-user.target
UNIT
systemctl enable --now atelier-sites-addresses.service
for site in fournisseur jeux video paris; do
  mkdir -p /var/www/$site
  echo "<h1>Bienvenue sur $site.example</h1>" > /var/www/$site/index.html
  cat > /etc/nginx/sites-enabled/$site <<NGINX
server { listen 80; server_name $site.example; root /var/www/$site; }
NGINX
done
systemctl reload nginx
