#!/bin/sh
# Counterexample routes-sans-nat, on web: a route back to the LAN through fw, instead of NAT.
set -eu
ip route replace 192.168.10.0/24 via 203.0.113.2
