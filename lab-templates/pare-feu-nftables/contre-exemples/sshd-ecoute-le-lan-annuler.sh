#!/bin/sh
set -eu
rm -f /etc/ssh/sshd_config.d/10-ecoute-lan.conf
systemctl restart ssh
