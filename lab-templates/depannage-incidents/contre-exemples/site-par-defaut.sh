#!/bin/sh
# Counterexample (srv): the broken intranet site disabled and nginx's default site enabled in its
# place: the server answers on port 80 again, with nginx's welcome page.
set -eu
rm -f /etc/nginx/sites-enabled/intranet
ln -sf ../sites-available/default /etc/nginx/sites-enabled/default
nginx -t 2>/dev/null
systemctl restart nginx
