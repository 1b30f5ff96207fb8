#!/bin/sh
set -eu
for u in cmartin pdurand iroux mpetit slefort; do id "$u" >/dev/null 2>&1 && userdel -r "$u" 2>/dev/null || true; done
for g in comptables helpdesk direction; do groupdel "$g" 2>/dev/null || true; done
