#!/bin/sh
set -eu
ip route del 192.168.10.0/24 via 203.0.113.2 2>/dev/null || true
