#!/bin/sh
systemctl disable --now atelier-mot.socket 2>/dev/null || true
rm -f /etc/atelier-mot /etc/systemd/system/atelier-mot.socket /etc/systemd/system/atelier-mot@.service
systemctl daemon-reload
