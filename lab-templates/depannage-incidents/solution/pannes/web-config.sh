#!/bin/sh
# The missing semicolon back, the configuration tested, nginx started.
set -eu
sed -i 's|root /var/www/intranet$|root /var/www/intranet;|' /etc/nginx/sites-available/intranet
nginx -t 2>/dev/null
systemctl restart nginx
