#!/bin/sh
# Counterexample routes-sans-nat, on fw: forwarding on (persistently), no address translation.
set -eu
echo 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/90-routage.conf
sysctl -qp /etc/sysctl.d/90-routage.conf
