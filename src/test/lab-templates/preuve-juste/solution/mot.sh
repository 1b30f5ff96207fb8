#!/bin/sh
# alpha in the file, served on TCP 7777 by a socket-activated unit (one cat per connection)
set -e
echo alpha > /etc/atelier-mot
cat > /etc/systemd/system/atelier-mot.socket <<'UNIT'
[Socket]
ListenStream=7777
Accept=yes

[Install]
WantedBy=sockets.target
UNIT
cat > /etc/systemd/system/atelier-mot@.service <<'UNIT'
[Service]
ExecStart=/bin/cat /etc/atelier-mot
StandardInput=socket
StandardOutput=socket
UNIT
systemctl daemon-reload
systemctl enable --now atelier-mot.socket
